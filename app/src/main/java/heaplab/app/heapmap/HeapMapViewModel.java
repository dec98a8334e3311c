package heaplab.app.heapmap;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.process.HeapAnatomy;
import heaplab.engine.process.ProgramRegion;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The heap map's state: the heaps decoded by the engine turned into display records ({@link HeapMapModel}), with
 * the selection and the block the last step touched. The main view model feeds it after every navigation.
 */
public final class HeapMapViewModel {
    private final ReadOnlyObjectWrapper<HeapMapModel> model = new ReadOnlyObjectWrapper<>(HeapMapModel.EMPTY);
    private final LongConsumer selection;
    /** The map blocks of the last update, kept where a step changed nothing of them. */
    private final KeptBlocks kept = new KeptBlocks();

    /** @param selection where a click on a block goes: the one selection the whole window shares */
    public HeapMapViewModel(LongConsumer selection) {
        this.selection = selection;
        model.addListener((obs, old, now) -> updateOverview(old, now));
    }

    // The address space overview at the top of the map, and the region the keyboard has reached in it.
    private final ReadOnlyObjectWrapper<AddressSpaceOverview> overview =
        new ReadOnlyObjectWrapper<>(AddressSpaceOverview.EMPTY);

    public ReadOnlyObjectProperty<AddressSpaceOverview> overviewProperty() {
        return overview.getReadOnlyProperty();
    }

    public AddressSpaceOverview getOverview() {
        return overview.get();
    }

    /** Again when the heaps change (not for a new selection or Diff marks), keeping the keyboard's region. */
    private void updateOverview(HeapMapModel old, HeapMapModel now) {
        if (old != null && old.heaps() == now.heaps() && old.arch() == now.arch()) {
            return;
        }
        AddressSpaceOverview next = AddressSpaceOverview.of(now);
        AddressSpaceOverview previous = getOverview();
        int focused = -1;
        if (previous.focused() >= 0) {
            long start = previous.regions().get(previous.focused()).start();
            for (int i = 0; i < next.regions().size() && focused < 0; i++) {
                focused = next.regions().get(i).start() == start ? i : -1;
            }
        }
        overview.set(next.withFocused(focused));
    }

    /** The keyboard goes to the next region of the overview (the first after none, staying on the last). */
    public void focusNextRegion() {
        AddressSpaceOverview o = getOverview();
        if (!o.isEmpty()) {
            overview.set(o.withFocused(Math.min(o.regions().size() - 1, o.focused() + 1)));
        }
    }

    /** The keyboard goes to the previous region (the first from none). */
    public void focusPreviousRegion() {
        AddressSpaceOverview o = getOverview();
        if (!o.isEmpty()) {
            overview.set(o.withFocused(Math.max(0, o.focused() - 1)));
        }
    }

    /** Back to the overview as a whole: no region under the keyboard. */
    public void clearRegionFocus() {
        overview.set(getOverview().withFocused(-1));
    }

    public ReadOnlyObjectProperty<HeapMapModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public HeapMapModel getModel() {
        return model.get();
    }

    /**
     * @param heaps     every heap, the process heap first
     * @param variables the scenario's variables and their values, to caption the blocks they point at
     * @param touched   an address in the block the last step touched, or 0
     * @param selected  an address in the selected block, or 0
     */
    public void update(Arch arch, List<HeapInfo> heaps, Map<String, Long> variables, long touched, long selected) {
        update(arch, heaps, variables, touched, selected, Map.of());
    }

    /**
     * As {@link #update(Arch, List, Map, long, long)}, with the debug CRT's blocks: NT entry address to the CRT
     * data's address and size, so that the map draws their header and no-man's land apart.
     */
    public void update(Arch arch, List<HeapInfo> heaps, Map<String, Long> variables, long touched, long selected,
                       Map<Long, long[]> crtBlocks) {
        update(arch, heaps, variables, touched, selected, crtBlocks, Map.of());
    }

    /**
     * The same, with what some heaps are beyond their handle ({@code NormalHeap of page heap 00140000}), which their
     * title then says instead of "process heap" or their variables.
     */
    public void update(Arch arch, List<HeapInfo> heaps, Map<String, Long> variables, long touched, long selected,
                       Map<Long, long[]> crtBlocks, Map<Long, String> roles) {
        update(arch, heaps, variables, touched, selected, crtBlocks, roles, HeapAnatomy.Picture.NONE,
            BlockNotesLookup.NONE);
    }

    /**
     * The same, with the blocks' parts and damage as the engine read them ({@link HeapAnatomy}): LFH UserBlocks
     * are cut into their chunks and full page heap blocks get a heap of their own, each block on its pages with its
     * guard page; and where the tooltips find a block's tag, stack and CRT header.
     */
    public void update(Arch arch, List<HeapInfo> heaps, Map<String, Long> variables, long touched, long selected,
                       Map<Long, long[]> crtBlocks, Map<Long, String> roles, HeapAnatomy.Picture picture,
                       BlockNotesLookup notes) {
        update(arch, heaps, variables, touched, selected, crtBlocks, roles, picture, notes, List.of());
    }

    /** The same, with the regions the program reserved with VirtualAlloc (and the debugger with .dvalloc). */
    public void update(Arch arch, List<HeapInfo> heaps, Map<String, Long> variables, long touched, long selected,
                       Map<Long, long[]> crtBlocks, Map<Long, String> roles, HeapAnatomy.Picture picture,
                       BlockNotesLookup notes, List<ProgramRegion> programRegions) {
        kept.begin(Variables.of(variables), crtBlocks);
        List<MapHeap> mapHeaps = new ArrayList<>();
        for (int i = 0; i < heaps.size(); i++) {
            MapHeap mapHeap = toMapHeap(arch, heaps.get(i), i == 0, variables, picture);
            String role = roles.get(heaps.get(i).address());
            mapHeaps.add(role == null ? mapHeap : mapHeap.withTitle("Heap " + arch.ptr(mapHeap.address()) + "   "
                + role));
        }
        mapHeaps.addAll(PageHeapMapping.heaps(arch, picture.pageHeaps(), picture.pageHeapBlocks(), variables));
        mapHeaps.addAll(ProgramRegionMapping.heaps(arch, programRegions, variables));
        kept.end();
        model.set(new HeapMapModel(arch, List.copyOf(mapHeaps), selected, touched,
            heaps.isEmpty() ? "This process has no heaps." : "", notes));
    }

    /** Shows a message instead of heaps (the engine could not decode them). */
    public void showMessage(Arch arch, String message) {
        model.set(new HeapMapModel(arch, List.of(), 0, 0, message));
    }

    /** The user picked the block containing this address. */
    public void select(long address) {
        selection.accept(address);
    }

    /** Shows the shared selection. */
    public void setSelected(long address) {
        model.set(getModel().withSelected(address));
    }

    /** Marks the blocks the Diff view found allocated, freed or modified (by user address); empty clears. */
    public void setChanges(Map<Long, heaplab.engine.diff.HeapDiff.Kind> changes) {
        if (!changes.equals(getModel().changes())) {
            model.set(getModel().withChanges(changes));
        }
    }

    /**
     * Shows the shared selection and the arrows of the pointers its block (else the last step's) holds, in one change
     * of the model: each change lays the map out again.
     */
    public void setSelected(long address, List<HeapMapModel.Pointer> pointers) {
        HeapMapModel now = getModel();
        if (address != now.selected() || !pointers.equals(now.pointers())) {
            model.set(now.withSelected(address).withPointers(pointers));
        }
    }

    /** Marks the blocks the step's !heap -l reported as leaked (by user address); empty clears. */
    public void setLeaks(java.util.Collection<Long> leaked) {
        java.util.Set<Long> set = java.util.Set.copyOf(leaked);
        if (!set.equals(getModel().leaks())) {
            model.set(getModel().withLeaks(set));
        }
    }

    private MapHeap toMapHeap(Arch arch, HeapInfo heap, boolean processHeap, Map<String, Long> variables,
                              HeapAnatomy.Picture picture) {
        List<MapSegment> segments = new ArrayList<>();
        for (HeapSegmentInfo s : heap.segments()) {
            List<MapBlock> blocks = new ArrayList<>();
            for (HeapBlock b : s.blocks()) {
                HeapAnatomy.UserBlocks ub = picture.userBlocks().get(b.entry());
                if (ub != null) {
                    blocks.addAll(kept.userBlocks(heap.address(), b, ub));
                } else {
                    MapBlock block = kept.ntBlock(heap, b, picture.blocks().get(b.entry()));
                    blocks.add(picture.isLfhStructure(b.user()) && block.caption().isEmpty()
                        ? block.withCaption(LFH_STRUCTURE) : block);
                }
            }
            if (s.damagedEntry() != 0) {
                long at = s.damagedEntry();
                // Every variable pointing into the stretch: b, and any pointer further into b's data.
                String names = String.join(", ", Variables.of(variables).namesIn(at, s.damagedRunEnd()));
                long user = at + arch.granularity();
                HeapAnatomy.Anatomy header = new HeapAnatomy.Anatomy(
                    List.of(new HeapAnatomy.Part(HeapAnatomy.PartKind.HEADER, at, user)),
                    List.of(new HeapAnatomy.Damage(at, user, "a _HEAP_ENTRY whose Size leads nowhere")));
                blocks.add(new MapBlock(heap.address(), at, user, s.damagedRunEnd() - at, 0, 0, 0, 0, s.index(),
                    BlockState.DAMAGED, names.isEmpty() ? "damaged header" : names + " (damaged header)", 0, 0,
                    header));
            }
            List<MapSegment.MapRange> uncommitted = s.uncommitted().stream()
                .map(u -> new MapSegment.MapRange(u.address(), u.size())).toList();
            long reserved = s.numberOfPages() * 0x1000L;
            long end = s.lastValidEntry() > s.base() ? s.lastValidEntry() : s.base() + reserved;
            String title = "Segment " + s.index() + "   " + arch.ptr(s.base()) + " - " + arch.ptr(end)
                + "   reserved " + BlockText.hex(end - s.base()) + ", committed " + BlockText.hex(s.committedBytes())
                + " (" + pages(s.committedBytes() / 0x1000) + ")";
            segments.add(new MapSegment(title, s.base(), end, List.copyOf(blocks), uncommitted));
        }
        List<MapSegment> virtuals = new ArrayList<>();
        for (HeapBlock b : heap.virtualBlocks()) {
            MapBlock block = kept.ntBlock(heap, b, picture.blocks().get(b.entry()));
            String title = "Virtual-alloc block   " + arch.ptr(b.entry()) + "   " + BlockText.hex(b.size())
                + " bytes in its own VirtualAlloc region";
            // The region starts with the _HEAP_VIRTUAL_ALLOC_ENTRY, on a page; the block's header follows it.
            virtuals.add(new MapSegment(title, b.entry() & -0x1000L, b.entry() + b.size(), List.of(block), List.of()));
        }
        return new MapHeap(heap.address(), heapTitle(arch, heap, processHeap, variables), List.copyOf(segments),
            List.copyOf(virtuals));
    }

    /** The caption of the back-end block a heap's FrontEndHeap points at (HeapLab's LFH structure). */
    static final String LFH_STRUCTURE = "LFH (FrontEndHeap)";

    /** The caption of a segment's _HEAP_SEGMENT block. */
    static final String SEGMENT_CAPTION = "_HEAP_SEGMENT";

    private static String pages(long n) {
        return count(n, "page");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String heapTitle(Arch arch, HeapInfo heap, boolean processHeap, Map<String, Long> variables) {
        String names = namesOf(heap.address(), heap.address(), variables);
        // The engine lists the process heap first, as the PEB does.
        String role = processHeap ? "process heap" : names.isEmpty() ? "private heap" : names;
        return "Heap " + arch.ptr(heap.address()) + "   " + role + "   (" + count(heap.segments().size(), "segment")
            + ", " + count(heap.virtualBlocks().size(), "virtual block") + ")";
    }

    static MapBlock toMapBlock(HeapInfo heap, HeapBlock b, Map<String, Long> variables) {
        return toMapBlock(heap, b, variables, Map.of());
    }

    static MapBlock toMapBlock(HeapInfo heap, HeapBlock b, Map<String, Long> variables, Map<Long, long[]> crtBlocks) {
        return toMapBlock(heap, b, variables, crtBlocks, null);
    }

    static MapBlock toMapBlock(HeapInfo heap, HeapBlock b, Map<String, Long> variables, Map<Long, long[]> crtBlocks,
                               HeapAnatomy.Anatomy anatomy) {
        BlockState state = BlockState.of(b.kind());
        String caption = switch (state) {
            case INTERNAL -> b.entry() <= heap.address() && heap.address() < b.entry() + b.size()
                ? "_HEAP" : SEGMENT_CAPTION;
            // A free block's names are dangling pointers: said so, so that a freed block does not read as a's block.
            case FREE -> {
                String names = namesOf(b.user(), b.entry(), variables);
                yield names.isEmpty() ? "" : names + " (freed)";
            }
            default -> namesOf(b.user(), b.entry(), variables);
        };
        long[] crt = state == BlockState.BUSY ? crtBlocks.get(b.entry()) : null;
        return new MapBlock(heap.address(), b.entry(), b.user(), b.size(), b.previousSize(), b.flags(),
            b.unusedBytes(), b.requested(), b.segmentIndex(), state, caption, crt == null ? 0 : crt[0],
            crt == null ? 0 : crt[1], anatomy);
    }

    /** The variables whose value is one of two addresses, in the order they were assigned: `a, p`. */
    static String namesOf(long user, long entry, Map<String, Long> variables) {
        return Variables.of(variables).namesOf(user, entry);
    }
}
