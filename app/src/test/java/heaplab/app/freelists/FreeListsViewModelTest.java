package heaplab.app.freelists;

import heaplab.app.freelists.FreeListsModel.FreeEntry;
import heaplab.app.freelists.FreeListsModel.HeapFreeLists;
import heaplab.app.freelists.FreeListsModel.LfhBucketRow;
import heaplab.app.freelists.FreeListsModel.UserBlocksBox;
import heaplab.app.testing.HeapFixtures;
import heaplab.engine.Arch;
import heaplab.engine.nt.FreeListInfo;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreeListsViewModelTest {

    @Test
    void theBitmapIsReadFromItsWordsWhateverTheirSize() {
        boolean[] bits = FreeListsViewModel.bits(new long[] {0x8, 0, 0, 0x80000000L});
        assertTrue(bits[3]);
        assertTrue(bits[127]);
        assertEquals(2, count(bits));
        boolean[] same = FreeListsViewModel.bits(new long[] {0x8, 0x8000000000000000L});
        assertArrayEquals(bits, same);
    }

    @Test
    void nonEmptyListsAreShownWithTheirLinksChecked() {
        HeapFreeLists heap = FreeListsViewModel.toHeapFreeLists(Arch.X86, HeapFixtures.firstFitHeap());
        assertEquals(List.of(0, 3), heap.lists().stream().map(FreeListsModel.FreeListRow::index).toList());
        FreeEntry b = heap.lists().get(1).entries().get(0);
        assertEquals(HeapFixtures.B_ENTRY, b.entry());
        assertTrue(b.flinkOk() && b.blinkOk());
        assertEquals("0x18 bytes", heap.lists().get(1).sizeClass());
        assertFalse(heap.mismatched()[3]);
    }

    @Test
    void aBrokenLinkAndAStaleBitAreFlagged() {
        HeapInfo good = HeapFixtures.firstFitHeap();
        FreeListInfo list3 = good.freeLists().get(1);
        FreeListInfo.Entry smashed = new FreeListInfo.Entry(HeapFixtures.B_ENTRY, 0x18, 0x41414141L, list3.head(), 0);
        HeapInfo bad = new HeapInfo(good.address(), good.index(), good.flags(), good.forceFlags(),
            good.segmentReserve(), good.segmentCommit(), good.deCommitFreeBlockThreshold(),
            good.deCommitTotalFreeThreshold(), good.totalFreeSize(), good.maximumAllocationSize(),
            good.virtualMemoryThreshold(), new long[] {0x8 | 0x20, 0, 0, 0}, good.segments(),
            List.of(good.freeLists().get(0), new FreeListInfo(3, list3.head(), list3.flink(), list3.blink(),
                List.of(smashed))), good.virtualBlocks());
        HeapFreeLists heap = FreeListsViewModel.toHeapFreeLists(Arch.X86, bad);
        FreeEntry b = heap.lists().get(1).entries().get(0);
        assertFalse(b.flinkOk());
        assertTrue(b.blinkOk());
        assertTrue(heap.mismatched()[5], "bit 5 set, list 5 empty");
    }

    @Test
    void theLfhBucketsInUseAreShownWithTheirUserBlocksBitmaps() {
        Process p = new Process(new ProcessConfig(Arch.X86, 0, "demo.exe", "on", "full"));
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0x20);
        long b = p.heapAlloc(h, 0, 0x1C);
        p.heapAlloc(h, 0, 0x100);
        p.heapFree(h, 0, a);
        List<LfhBucketRow> rows = FreeListsViewModel.toBucketRows(p.heaps().lfh().userBlocks(h));
        assertEquals(List.of(4, 32), rows.stream().map(LfhBucketRow::bucket).toList());
        assertEquals("0x20-byte chunks (requests of 0x19 to 0x20)", rows.get(0).sizeClass());
        UserBlocksBox ub = rows.get(0).userBlocks().get(0);
        assertTrue(ub.active());
        assertEquals(1, ub.busyCount());
        assertFalse(ub.busy()[0], "a was freed");
        assertTrue(ub.busy()[1]);
        assertEquals(a, ub.chunkUsers()[0]);
        assertEquals(b, ub.chunkUsers()[1]);
        assertEquals(0x28, ub.stride());
    }

    @Test
    void theCrtBlockListIsShownNewestFirstWithRequestTypeAndOrigin() {
        heaplab.engine.session.Session engine = heaplab.engine.session.Session.open(
            heaplab.engine.scenario.ScenarioLoader.loadSample("crt-leaks"));
        engine.run();
        FreeListsModel.ProcessLists lists = FreeListsViewModel.processLists(
            new heaplab.app.main.EngineLabSession(engine));
        assertEquals(List.of(2, 1), lists.crtBlocks().stream().map(FreeListsModel.CrtRow::request).toList());
        FreeListsModel.CrtRow newest = lists.crtBlocks().get(0);
        assertEquals("Client (subtype 1)", newest.type());
        assertEquals("cache.c(40)", newest.origin());
        assertFalse(newest.damaged());
        assertTrue(lists.pageHeaps().isEmpty());
    }

    @Test
    void aLightPageHeapsDelayedFreeQueueIsShownOldestFirst() throws Exception {
        heaplab.engine.session.Session engine = heaplab.engine.session.Session.open(
            heaplab.engine.scenario.ScenarioLoader.load("light.json", """
                {"heaplab": 1, "title": "light", "gflags": "+hpa", "pageHeap": "light", "steps": [
                 {"do": "h = GetProcessHeap()"}, {"do": "a = HeapAlloc(h, 0, 0x20)"}, {"do": "b = HeapAlloc(h, 0, 0x30)"},
                 {"do": "HeapFree(h, 0, a)"}, {"do": "HeapFree(h, 0, b)"}]}"""));
        engine.run();
        long a = engine.process().readVariable("a");
        long b = engine.process().readVariable("b");
        FreeListsModel.ProcessLists lists = FreeListsViewModel.processLists(
            new heaplab.app.main.EngineLabSession(engine));
        assertEquals(1, lists.pageHeaps().size());
        assertEquals(List.of(new FreeListsModel.FreedBlock(a, 0x20), new FreeListsModel.FreedBlock(b, 0x30)),
            lists.pageHeaps().get(0).delayed());
        assertTrue(lists.pageHeaps().get(0).freedFull().isEmpty());
    }

    @Test
    void theSelectedBlocksHeapComesFirstThenTheNewestHeaps() {
        HeapInfo first = HeapFixtures.firstFitHeap();
        HeapInfo older = withAddress(first, 0x00140000L);
        HeapInfo newer = withAddress(first, 0x00340000L);
        List<HeapInfo> heaps = List.of(older, first, newer);
        assertEquals(List.of(newer, first, older), FreeListsViewModel.inShowingOrder(heaps, 0));
        assertEquals(List.of(first, newer, older),
            FreeListsViewModel.inShowingOrder(List.of(older, first, newer), HeapFixtures.B_ENTRY + 8));
    }

    private static HeapInfo withAddress(HeapInfo h, long address) {
        return new HeapInfo(address, h.index(), h.flags(), h.forceFlags(), h.segmentReserve(), h.segmentCommit(),
            h.deCommitFreeBlockThreshold(), h.deCommitTotalFreeThreshold(), h.totalFreeSize(),
            h.maximumAllocationSize(), h.virtualMemoryThreshold(), h.freeListsInUse(), List.of(), h.freeLists(),
            List.of());
    }

    private static int count(boolean[] bits) {
        int n = 0;
        for (boolean b : bits) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
