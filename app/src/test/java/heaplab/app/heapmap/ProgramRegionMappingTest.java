package heaplab.app.heapmap;

import heaplab.app.heapmap.AddressSpaceOverview.Region;
import heaplab.app.heapmap.AddressSpaceOverview.RegionKind;
import heaplab.app.inspector.HeaderField;
import heaplab.app.inspector.InspectorViewModel;
import heaplab.engine.Arch;
import heaplab.engine.console.Console;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.process.HeapAnatomy;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The program's VirtualAlloc regions and the debugger's .dvalloc ones in the heap map: a group of their own, each
 * region with its committed runs as pages and its reserved runs as uncommitted; in the overview; in the inspector.
 */
class ProgramRegionMappingTest {
    private final Process process = new Process(ProcessConfig.defaults(Arch.X86));
    private final HeapMapViewModel vm = new HeapMapViewModel(a -> { });

    private HeapMapModel update(Map<String, Long> variables) {
        List<HeapInfo> heaps = new ArrayList<>();
        for (long handle : process.heaps().heapHandles()) {
            heaps.add(process.heaps().read(handle));
        }
        vm.update(Arch.X86, heaps, variables, 0, 0, Map.of(), Map.of(), HeapAnatomy.Picture.NONE,
            BlockNotesLookup.NONE, process.programRegions());
        return vm.getModel();
    }

    @Test
    void aProgramWithoutVirtualAllocHasNoSuchGroup() {
        HeapMapModel model = update(Map.of());
        assertTrue(model.heaps().stream().noneMatch(h -> h.kind() == MapHeap.Kind.PROGRAM));
    }

    @Test
    void eachRegionShowsItsCommittedPagesAndItsReservedRest() {
        long p = process.virtualAlloc(0, 0x3000, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
        process.virtualAlloc(p, 0x1000, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
        new Console().execute(process, ".dvalloc 0n13000");
        HeapMapModel model = update(Map.of("p", p));
        MapHeap group = model.heaps().get(model.heaps().size() - 1);
        assertEquals(MapHeap.Kind.PROGRAM, group.kind());
        assertEquals("Virtual memory   VirtualAlloc and .dvalloc   (2 regions)", group.title());
        MapSegment region = group.segments().get(0);
        assertEquals("Region 00240000 - 00243000   VirtualAlloc   reserved 0x3000, committed 0x1000 (1 page)   p",
            region.title());
        assertEquals(1, region.blocks().size());
        MapBlock pages = region.blocks().get(0);
        assertEquals(BlockState.PAGES, pages.state());
        assertEquals(p, pages.entry());
        assertEquals(0x1000, pages.size());
        assertEquals("p", pages.caption());
        assertEquals(List.of(new MapSegment.MapRange(p + 0x1000, 0x2000)), region.uncommitted());
        assertEquals(".dvalloc", group.segments().get(1).label());
        assertEquals(pages, model.blockAt(p + 0x10), "a click in the pages selects them");
        String tooltip = model.describe(pages);
        assertTrue(tooltip.startsWith("Committed pages  p\n00240000 - 00241000  0x1000 (4096) bytes, 1 page\n"),
            tooltip);

        AddressSpaceOverview overview = vm.getOverview();
        List<Region> mine = overview.regions().stream().filter(r -> r.kind() == RegionKind.PROGRAM).toList();
        assertEquals(List.of("p", ".dvalloc"), mine.stream().map(Region::name).toList());
        assertEquals(0x3000, mine.get(0).size());
        assertEquals(0x1000, mine.get(0).committed());
        assertEquals("VirtualAlloc region", RegionKind.PROGRAM.text());
    }

    @Test
    void theInspectorShowsPagesNotAHeapHeader() {
        long q = process.virtualAlloc(0, 0x2000, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
        MapBlock pages = update(Map.of("q", q)).blockAt(q);
        InspectorViewModel inspector = new InspectorViewModel();
        inspector.update(Arch.X86, pages, q, process.memory()::peekByte);
        assertEquals("Committed pages q at 00240000, 0x2000 bytes (VirtualAlloc)", inspector.titleProperty().get());
        assertTrue(inspector.fields().contains(new HeaderField("Committed pages", "Size",
            "0x2000 (8192) bytes = 2 pages", "pages of 4 KB, the unit VirtualAlloc commits in")),
            inspector.fields().toString());
        assertTrue(inspector.fields().stream().noneMatch(f -> f.category().equals("_HEAP_ENTRY")));
    }

    @Test
    void theLegendNamesThePages() {
        process.virtualAlloc(0, 0x1000, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
        assertTrue(HeapMapLegend.items(update(Map.of())).stream().anyMatch(i -> i.text().equals("VirtualAlloc pages")));
    }
}
