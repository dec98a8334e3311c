package heaplab.app.heapmap;

import heaplab.app.heapmap.AddressSpaceOverview.Region;
import heaplab.app.heapmap.AddressSpaceOverview.RegionKind;
import heaplab.app.heapmap.AddressSpaceOverview.Stretch;
import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overview at the top of the heap map: its regions, and the two strips' scales. No toolkit. */
class AddressSpaceOverviewTest {
    private static final long SEGMENT = 0x0014_0000L;
    private static final long VIRTUAL = 0x0025_0000L;
    private static final long PAGE_HEAP = 0x16d0_0000L;

    private static MapBlock block(long entry, long size, BlockState state, String caption) {
        return new MapBlock(SEGMENT, entry, entry + 8, size, 0, 1, 0, 0, 0, state, caption);
    }

    /** A heap with a 1 MB segment (4 KB committed, an LFH subsegment in it) and a virtual block, and a page heap. */
    static HeapMapModel model() {
        List<MapBlock> blocks = new ArrayList<>();
        blocks.add(block(SEGMENT, 0x600, BlockState.INTERNAL, "_HEAP"));
        blocks.add(block(SEGMENT + 0x600, 0x200, BlockState.BUSY, "a"));
        blocks.add(block(SEGMENT + 0x800, 0x20, BlockState.LFH_USER_BLOCKS, "UserBlocks bucket 3"));
        for (long a = SEGMENT + 0x820; a < SEGMENT + 0xc20; a += 0x20) {
            blocks.add(block(a, 0x20, a % 0x40 == 0 ? BlockState.LFH_FREE : BlockState.LFH_BUSY, ""));
        }
        blocks.add(block(SEGMENT + 0xc20, 0x3e0, BlockState.FREE, ""));
        MapSegment segment = new MapSegment("Segment 0", SEGMENT, SEGMENT + 0x10_0000, blocks,
            List.of(new MapSegment.MapRange(SEGMENT + 0x1000, 0xf_f000)));
        MapSegment virtual = new MapSegment("Virtual block", VIRTUAL, VIRTUAL + 0x2_0000,
            List.of(block(VIRTUAL, 0x2_0000, BlockState.VIRTUAL, "big")), List.of());
        MapHeap heap = new MapHeap(SEGMENT, "Heap 00140000   process heap", List.of(segment), List.of(virtual));
        MapSegment dph = new MapSegment("Block 16d01000", PAGE_HEAP, PAGE_HEAP + 0x2000,
            List.of(block(PAGE_HEAP, 0x1000, BlockState.PAGE_HEAP, "p"), block(PAGE_HEAP + 0x1000, 0x1000,
                BlockState.GUARD, "")), List.of());
        MapHeap pageHeap = new MapHeap(PAGE_HEAP, MapHeap.Kind.PAGE_HEAP, "Page heap 16d00000   (full: 1 busy)",
            List.of(dph), List.of());
        return new HeapMapModel(Arch.X86, List.of(heap, pageHeap), 0, 0, "");
    }

    @Test
    void regionsAreTheSegmentsVirtualBlocksPageHeapBlocksAndLfhSubsegmentsInAddressOrder() {
        AddressSpaceOverview o = AddressSpaceOverview.of(model());
        assertEquals(List.of("H1 seg 0", "LFH", "H1 VA", "DPH"), o.regions().stream().map(Region::name).toList());
        assertEquals(List.of(RegionKind.SEGMENT, RegionKind.LFH_SUBSEGMENT, RegionKind.VIRTUAL_BLOCK,
            RegionKind.PAGE_HEAP), o.regions().stream().map(Region::kind).toList());
        Region segment = o.regions().get(0);
        assertEquals(0x10_0000, segment.size());
        assertEquals(0x1000, segment.committed(), "the segment less its uncommitted range");
        Region lfh = o.regions().get(1);
        assertEquals(SEGMENT + 0x800, lfh.start());
        assertEquals(SEGMENT + 0xc20, lfh.end(), "the UserBlocks header and its chunks");
        assertEquals(0x10_0000 + 0x2_0000 + 0x2000, o.reserved());
        assertEquals(0x1000 + 0x2_0000 + 0x2000, o.committed());
        assertEquals(lfh, o.regionAt(SEGMENT + 0x900), "the innermost region");
        assertEquals(segment, o.regionAt(SEGMENT + 0x5_0000));
        assertNull(o.regionAt(0x1000_0000L));
    }

    @Test
    void theDetailStripIsToScaleExceptLargeFreeGapsWhichAreShortenedAndMarked() {
        AddressSpaceOverview o = AddressSpaceOverview.of(model());
        List<Stretch> stretches = o.stretches();
        assertEquals(0, stretches.get(0).from(), 1e-12);
        assertEquals(1, stretches.get(stretches.size() - 1).to(), 1e-9);
        for (int i = 1; i < stretches.size(); i++) {
            assertEquals(stretches.get(i - 1).to(), stretches.get(i).from(), 1e-12, "no holes");
            assertEquals(stretches.get(i - 1).end(), stretches.get(i).start());
        }
        // The small gap between the segment and the virtual block is to scale, the one up to the page heap is not.
        List<Stretch> shortened = stretches.stream().filter(Stretch::shortened).toList();
        assertEquals(1, shortened.size());
        assertEquals(VIRTUAL + 0x2_0000, shortened.get(0).start());
        assertEquals(PAGE_HEAP, shortened.get(0).end());
        assertTrue(shortened.get(0).to() - shortened.get(0).from() <= AddressSpaceOverview.BREAK_SHARE + 1e-12);
        double perByteSegment = (o.fractionOf(SEGMENT + 0x10_0000) - o.fractionOf(SEGMENT)) / 0x10_0000;
        double perByteVirtual = (o.fractionOf(VIRTUAL + 0x2_0000) - o.fractionOf(VIRTUAL)) / 0x2_0000;
        double perByteGap = (o.fractionOf(VIRTUAL) - o.fractionOf(SEGMENT + 0x10_0000)) / (VIRTUAL - SEGMENT - 0x10_0000);
        assertEquals(perByteSegment, perByteVirtual, perByteSegment * 1e-9, "one scale for every region");
        assertEquals(perByteSegment, perByteGap, perByteSegment * 1e-9, "and for small gaps");
        for (long a : new long[] {SEGMENT, SEGMENT + 0x1234, VIRTUAL + 0x100, PAGE_HEAP + 0x1800}) {
            assertEquals(a, o.addressAt(o.fractionOf(a)), 16, "address -> fraction -> address");
        }
        assertEquals(-1, o.addressAt(1.5));
    }

    @Test
    void theSpaceStripIsTheWholeUserAddressSpaceLinear() {
        AddressSpaceOverview o = AddressSpaceOverview.of(model());
        assertEquals(0, o.spaceStart());
        assertEquals(0x8000_0000L, o.spaceEnd());
        assertEquals((double) PAGE_HEAP / 0x8000_0000L, o.spaceFraction(PAGE_HEAP), 1e-12);
        AddressSpaceOverview x64 = AddressSpaceOverview.of(new HeapMapModel(Arch.X64, model().heaps(), 0, 0, ""));
        assertEquals(0x8000_0000_0000L, x64.spaceEnd());
    }

    @Test
    void noHeapsNoOverviewAndFocusStaysInRange() {
        assertTrue(AddressSpaceOverview.of(HeapMapModel.EMPTY).isEmpty());
        AddressSpaceOverview o = AddressSpaceOverview.of(model());
        assertFalse(o.isEmpty());
        assertEquals(-1, o.focused());
        assertEquals(2, o.withFocused(2).focused());
        assertEquals(-1, o.withFocused(9).focused());
        assertTrue(o.describe(o.regions().get(0)).contains("reserved 0x100000, committed 0x1000"));
    }

    @Test
    void theViewModelWorksItOutWithTheHeapsAndMovesTheKeyboardFromRegionToRegion() {
        HeapMapViewModel vm = new HeapMapViewModel(a -> { });
        assertTrue(vm.getOverview().isEmpty());
        vm.update(Arch.X86, List.of(heaplab.app.testing.HeapFixtures.firstFitHeap()), java.util.Map.of(), 0, 0);
        AddressSpaceOverview o = vm.getOverview();
        assertEquals(List.of("H1 seg 0"), o.regions().stream().map(Region::name).toList());
        vm.focusNextRegion();
        assertEquals(0, vm.getOverview().focused());
        vm.focusNextRegion();
        assertEquals(0, vm.getOverview().focused(), "stays on the last region");
        vm.setSelected(o.regions().get(0).start() + 0x600);
        assertEquals(0, vm.getOverview().focused(), "a new selection keeps the overview");
        assertTrue(vm.getOverview().regions() == o.regions(), "and does not work it out again");
        vm.focusPreviousRegion();
        assertEquals(0, vm.getOverview().focused());
        vm.clearRegionFocus();
        assertEquals(-1, vm.getOverview().focused());
    }
}
