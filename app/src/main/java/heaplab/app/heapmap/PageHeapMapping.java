package heaplab.app.heapmap;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.HeapAnatomy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full page heap blocks as map heaps: one per page heap, each block a region of its own (its data pages, then its
 * guard page); a freed block's region is decommitted, drawn as uncommitted.
 */
final class PageHeapMapping {
    private PageHeapMapping() {
    }

    static List<MapHeap> heaps(Arch arch, List<HeapAnatomy.PageHeapBlock> blocks, Map<String, Long> variables) {
        return heaps(arch, Map.of(), blocks, variables);
    }

    /**
     * @param handles every page heap, to whether it is full (its own pages are drawn first: the handle's page, the
     *                _DPH_HEAP_ROOT, the node pages; a light one's blocks are in its NormalHeap, drawn with it)
     */
    static List<MapHeap> heaps(Arch arch, Map<Long, Boolean> handles, List<HeapAnatomy.PageHeapBlock> blocks,
                               Map<String, Long> variables) {
        Map<Long, List<HeapAnatomy.PageHeapBlock>> byHandle = new LinkedHashMap<>();
        for (long handle : handles.keySet()) {
            byHandle.put(handle, new ArrayList<>());
        }
        for (HeapAnatomy.PageHeapBlock b : blocks) {
            byHandle.computeIfAbsent(b.handle(), h -> new ArrayList<>()).add(b);
        }
        List<MapHeap> heaps = new ArrayList<>();
        for (Map.Entry<Long, List<HeapAnatomy.PageHeapBlock>> e : byHandle.entrySet()) {
            List<MapSegment> segments = new ArrayList<>();
            if (handles.containsKey(e.getKey())) {
                segments.add(rootPages(arch, e.getKey(), variables));
            }
            int busy = 0;
            for (HeapAnatomy.PageHeapBlock b : e.getValue()) {
                segments.add(segment(arch, e.getKey(), b, variables));
                busy += b.busy() ? 1 : 0;
            }
            int freed = e.getValue().size() - busy;
            boolean light = Boolean.FALSE.equals(handles.get(e.getKey()));
            heaps.add(new MapHeap(e.getKey(), MapHeap.Kind.PAGE_HEAP, "Page heap " + arch.ptr(e.getKey())
                + (light ? "   (light: its blocks are in its NormalHeap)"
                : "   (full: " + busy + " busy, " + freed + " freed, each on its own pages)"), List.copyOf(segments),
                List.of()));
        }
        return heaps;
    }

    /** The page heap's own pages: the handle's page, the _DPH_HEAP_ROOT, the pages its block nodes come from. */
    private static MapSegment rootPages(Arch arch, long handle, Map<String, Long> variables) {
        long page = AddressSpace.PAGE_SIZE;
        long end = PageHeap.rootPagesEnd(handle);
        String names = HeapMapViewModel.namesOf(handle, handle, variables);
        List<MapBlock> blocks = List.of(
            own(handle, handle, handle + page, names.isEmpty() ? "handle page" : names + " (handle page)"),
            own(handle, handle + page, handle + 2 * page, "_DPH_HEAP_ROOT"),
            own(handle, handle + 2 * page, end, "DPH nodes"));
        return new MapSegment("Page heap's own pages   " + arch.ptr(handle) + " - " + arch.ptr(end)
            + "   handle page, _DPH_HEAP_ROOT, node pages", handle, end, blocks, List.of());
    }

    private static MapBlock own(long handle, long start, long end, String caption) {
        return new MapBlock(handle, start, start, end - start, 0, 0, 0, 0, -1, BlockState.INTERNAL, caption);
    }

    private static MapSegment segment(Arch arch, long handle, HeapAnatomy.PageHeapBlock b,
                                      Map<String, Long> variables) {
        long pages = (b.guard() - b.virtual()) / AddressSpace.PAGE_SIZE;
        String range = arch.ptr(b.virtual()) + " - " + arch.ptr(b.guardEnd());
        if (!b.busy()) {
            return new MapSegment("Freed block " + arch.ptr(b.user()) + "   " + range
                + "   decommitted: any touch faults", b.virtual(), b.guardEnd(), List.of(),
                List.of(new MapSegment.MapRange(b.virtual(), b.guardEnd() - b.virtual())));
        }
        String names = HeapMapViewModel.namesOf(b.user(), b.virtual(), variables);
        MapBlock data = new MapBlock(handle, b.virtual(), b.user(), b.guard() - b.virtual(), 0, 1, 0, b.requested(),
            -1, BlockState.PAGE_HEAP, names, 0, 0, b.anatomy());
        List<HeapAnatomy.Damage> guardDamage = b.anatomy().damage().stream()
            .filter(d -> d.start() >= b.guard()).toList();
        MapBlock guard = new MapBlock(handle, b.guard(), b.guard(), b.guardEnd() - b.guard(), 0, 0, 0, 0, -1,
            BlockState.GUARD, "guard page", 0, 0, new HeapAnatomy.Anatomy(List.of(new HeapAnatomy.Part(
                HeapAnatomy.PartKind.GUARD_PAGE, b.guard(), b.guardEnd())), guardDamage));
        return new MapSegment("Block " + arch.ptr(b.user()) + "   " + range + "   " + pages + " data page"
            + (pages == 1 ? "" : "s") + " + guard page", b.virtual(), b.guardEnd(), List.of(data, guard), List.of());
    }
}
