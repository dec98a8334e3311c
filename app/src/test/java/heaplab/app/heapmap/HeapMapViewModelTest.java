package heaplab.app.heapmap;

import heaplab.app.testing.HeapFixtures;
import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapMapViewModelTest {
    private final List<Long> picked = new ArrayList<>();
    private final HeapMapViewModel vm = new HeapMapViewModel(picked::add);

    private HeapMapModel update(long touched, long selected) {
        Map<String, Long> vars = new LinkedHashMap<>();
        vars.put("h", HeapFixtures.HEAP);
        vars.put("a", HeapFixtures.A_ENTRY + 8);
        vars.put("p", HeapFixtures.A_ENTRY + 8);
        vars.put("b", HeapFixtures.B_ENTRY + 8);
        vm.update(Arch.X86, List.of(HeapFixtures.emptyHeap(0x140000), HeapFixtures.firstFitHeap()), vars, touched,
            selected);
        return vm.getModel();
    }

    @Test
    void blocksCarryTheirStateAndTheVariablesPointingAtThem() {
        HeapMapModel model = update(0, 0);
        assertEquals(2, model.heaps().size());
        assertTrue(model.heaps().get(0).title().contains("process heap"));
        assertTrue(model.heaps().get(1).title().contains(" h "), model.heaps().get(1).title());
        List<MapBlock> blocks = model.heaps().get(1).segments().get(0).blocks();
        assertEquals(List.of(BlockState.INTERNAL, BlockState.INTERNAL, BlockState.BUSY, BlockState.FREE,
            BlockState.BUSY, BlockState.FREE), blocks.stream().map(MapBlock::state).toList());
        assertEquals("_HEAP", blocks.get(0).caption());
        assertEquals("_HEAP_SEGMENT", blocks.get(1).caption());
        assertEquals("a, p", blocks.get(2).caption());
        assertEquals("b (freed)", blocks.get(3).caption(), "a dangling pointer still names the freed block, as such");
        assertEquals(8, blocks.get(2).headerSize());
    }

    /**
     * Past a header the walk stops at, the map draws the bytes to the end of their committed run as one damaged
     * stretch, named by the variables pointing at it, its header marked corrupted: not an empty hole.
     */
    @Test
    void theBytesPastADamagedHeaderAreOneDamagedStretch() {
        Map<String, Long> vars = new LinkedHashMap<>();
        vars.put("b", HeapFixtures.B_ENTRY + 8);
        vm.update(Arch.X86, List.of(HeapFixtures.damagedAtB()), vars, 0, 0);
        List<MapBlock> blocks = vm.getModel().heaps().get(0).segments().get(0).blocks();
        MapBlock damaged = blocks.get(blocks.size() - 1);
        assertEquals(BlockState.DAMAGED, damaged.state());
        assertEquals(HeapFixtures.B_ENTRY, damaged.entry());
        assertEquals(0x00241000L, damaged.end(), "to the uncommitted range");
        assertEquals("b (damaged header)", damaged.caption());
        assertTrue(damaged.isDamaged());
        assertEquals(damaged, vm.getModel().blockAt(HeapFixtures.REST_ENTRY + 0x10), "any byte of it is found");
        assertTrue(BlockText.describe(damaged, Arch.X86).contains("the heap's walk stops at this header"));
    }

    @Test
    void selectionAndTouchedBlockAreFoundByAnyAddressInside() {
        HeapMapModel model = update(HeapFixtures.B_ENTRY + 8, HeapFixtures.A_ENTRY + 0x27);
        MapBlock a = model.blockAt(HeapFixtures.A_ENTRY);
        assertTrue(model.isSelected(a));
        assertTrue(model.isTouched(model.blockAt(HeapFixtures.B_ENTRY)));
        vm.setSelected(0);
        assertTrue(!vm.getModel().isSelected(a));
        vm.select(0x1234);
        assertEquals(List.of(0x1234L), picked);
    }

    @Test
    void theTooltipDecodesTheHeader() {
        MapBlock a = update(0, 0).blockAt(HeapFixtures.A_ENTRY);
        String text = BlockText.describe(a, Arch.X86);
        assertTrue(text.startsWith("Busy block  a, p\nentry 002405e0  user 002405e8"), text);
        assertTrue(text.contains("size 0x28 (40) = 5 units, header 8"), text);
        assertTrue(text.contains("requested 0x20 (32)"), text);
        assertTrue(text.contains("flags 0x01 (busy)"), text);
    }

    @Test
    void aDebugCrtBlockKnowsItsDataAndTheLegendMakesRoomForItsKey() {
        HeapMapModel plain = update(0, 0);
        assertFalse(plain.hasCrtBlocks());
        vm.update(Arch.X86, List.of(HeapFixtures.emptyHeap(0x140000), HeapFixtures.firstFitHeap()), Map.of(), 0, 0,
            Map.of(HeapFixtures.A_ENTRY, new long[] {HeapFixtures.A_ENTRY + 8 + 0x10, 4}));
        HeapMapModel crt = vm.modelProperty().get();
        MapBlock a = crt.blockAt(HeapFixtures.A_ENTRY);
        assertEquals(HeapFixtures.A_ENTRY + 0x18, a.crtData());
        assertEquals(4, a.crtSize());
        assertTrue(crt.hasCrtBlocks());
        double plainTop = HeapMapLayout.of(plain).labels().get(0).y();
        assertTrue(HeapMapLayout.of(crt).labels().get(0).y() > plainTop, "more lines of key");
        List<String> key = HeapMapLegend.items(crt).stream().map(HeapMapLegend.Item::text).toList();
        assertTrue(key.containsAll(List.of("_CrtMemBlockHeader", "no-man's land 0xFD")), key::toString);
        assertFalse(HeapMapLegend.items(plain).stream().anyMatch(i -> i.text().equals("_CrtMemBlockHeader")));
    }

    @Test
    void aHeapWithARoleIsTitledByIt() {
        vm.update(Arch.X86, List.of(HeapFixtures.emptyHeap(0x140000), HeapFixtures.firstFitHeap()), Map.of(), 0, 0,
            Map.of(), Map.of(0x140000L, "NormalHeap of process heap 00500000"));
        assertEquals("Heap 00140000   NormalHeap of process heap 00500000",
            vm.modelProperty().get().heaps().get(0).title());
        assertTrue(vm.modelProperty().get().heaps().get(1).title().contains("private heap"),
            vm.modelProperty().get().heaps().get(1).title());
    }

    @Test
    void flagNamesFollowWinDbg() {
        assertEquals("busy last", BlockText.flagNames(0x11));
        assertEquals("none", BlockText.flagNames(0));
        assertEquals("0x0b (busy extra virtual)", BlockText.flags(0x0b));
    }

    @Test
    void aBlockManyStalePointersPointAtNamesThreeThenCountsTheRest() {
        java.util.Map<String, Long> variables = new java.util.LinkedHashMap<>();
        for (String name : new String[] {"b1", "b2", "b3", "b4", "b5"}) {
            variables.put(name, 0x240a18L);
        }
        variables.put("other", 0x240a40L);
        variables.put("header", 0x240a10L);
        assertEquals("b1, b2, b3 +3 more", HeapMapViewModel.namesOf(0x240a18L, 0x240a10L, variables));
        assertEquals("other", HeapMapViewModel.namesOf(0x240a40L, 0x240a38L, variables));
        assertEquals("", HeapMapViewModel.namesOf(0x300000L, 0x2ffff8L, variables));
    }
}
