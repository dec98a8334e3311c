package heaplab.app.main;

import heaplab.app.freelists.FreeListsModel;
import heaplab.app.freelists.FreeListsViewModel;
import heaplab.app.heapmap.HeapMapViewModel;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.process.HeapAnatomy;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The views' shortcuts (the session's reads kept per position, the map keeping the map blocks a step did not change,
 * the free lists keeping unchanged UserBlocks) show exactly what a fresh read shows, moving forward, back and by
 * jumps, and after a console line adds a step.
 */
class IncrementalViewsTest {

    @ParameterizedTest
    @ValueSource(strings = {"lfh-auto", "lfh", "first-fit", "crt-overrun", "page-heap-full", "page-heap-light",
        "heap-tags"})
    void theKeptViewsAreTheFreshViewsAtEveryPosition(String sample) throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample(sample)));
        HeapMapViewModel map = new HeapMapViewModel(a -> { });
        FreeListsViewModel freeLists = new FreeListsViewModel(a -> { });
        Random random = new Random(7);
        int steps = lab.steps().size();
        for (int i = 0; i < 4 * steps; i++) {
            int target = i < steps ? i : i < 2 * steps ? 2 * steps - i : random.nextInt(steps + 1);
            lab.jumpTo(target);
            compare(lab, map, freeLists, "position " + target);
        }
    }

    @Test
    void aConsoleLineThatAddsAStepIsSeenAtTheSamePosition() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample("lfh-auto")));
        HeapMapViewModel map = new HeapMapViewModel(a -> { });
        FreeListsViewModel freeLists = new FreeListsViewModel(a -> { });
        lab.jumpTo(3);
        compare(lab, map, freeLists, "before");
        List<HeapInfo> before = lab.heaps();
        assertSame(before, lab.heaps(), "read once per position");
        lab.console("zz = HeapAlloc(GetProcessHeap(), 0, 0x30)");
        assertEquals(4, lab.position());
        lab.stepBack();
        compare(lab, map, freeLists, "back at 3 with a step more");
        lab.step();
        assertEquals(lab.session().process().readVariable("zz"), lab.variables().get("zz"));
        compare(lab, map, freeLists, "on the new step");
    }

    private static void compare(EngineLabSession lab, HeapMapViewModel map, FreeListsViewModel freeLists,
                                String where) {
        Session s = lab.session();
        List<HeapInfo> heaps = new ArrayList<>();
        for (long handle : s.process().heaps().heapHandles()) {
            heaps.add(s.process().heaps().read(handle));
        }
        List<HeapInfo> kept = lab.heaps();
        assertEquals(heaps.size(), kept.size(), where);
        for (int h = 0; h < heaps.size(); h++) {
            assertEquals(heaps.get(h).segments(), kept.get(h).segments(), where);
            assertEquals(heaps.get(h).virtualBlocks(), kept.get(h).virtualBlocks(), where);
            assertEquals(heaps.get(h).freeLists(), kept.get(h).freeLists(), where);
            assertArrayEquals(heaps.get(h).freeListsInUse(), kept.get(h).freeListsInUse(), where);
        }
        assertEquals(s.process().variableValues(), lab.variables(), where);
        Map<Long, long[]> crt = lab.crtBlocks();
        HeapAnatomy.Picture picture = lab.anatomy(lab.heaps(), crt);
        assertEquals(HeapAnatomy.of(s.process(), heaps, crt), picture, where);

        map.update(lab.arch(), lab.heaps(), lab.variables(), 0, 0, crt, lab.heapRoles(), picture, (h, e) -> null);
        HeapMapViewModel fresh = new HeapMapViewModel(a -> { });
        fresh.update(lab.arch(), heaps, s.process().variableValues(), 0, 0, crt, lab.heapRoles(),
            HeapAnatomy.of(s.process(), heaps, crt), (h, e) -> null);
        assertEquals(fresh.getModel().heaps(), map.getModel().heaps(), where);

        freeLists.update(lab, lab.heaps(), 0, Map.of());
        FreeListsViewModel freshLists = new FreeListsViewModel(a -> { });
        freshLists.update(lab, heaps, 0, Map.of());
        List<FreeListsModel.HeapFreeLists> got = freeLists.getModel().heaps();
        List<FreeListsModel.HeapFreeLists> want = freshLists.getModel().heaps();
        assertEquals(want.size(), got.size(), where);
        for (int h = 0; h < want.size(); h++) {
            assertEquals(want.get(h).lists(), got.get(h).lists(), where);
            List<FreeListsModel.LfhBucketRow> wantBuckets = want.get(h).buckets();
            List<FreeListsModel.LfhBucketRow> gotBuckets = got.get(h).buckets();
            assertEquals(wantBuckets.size(), gotBuckets.size(), where);
            for (int b = 0; b < wantBuckets.size(); b++) {
                List<FreeListsModel.UserBlocksBox> wb = wantBuckets.get(b).userBlocks();
                List<FreeListsModel.UserBlocksBox> gb = gotBuckets.get(b).userBlocks();
                assertEquals(wb.size(), gb.size(), where);
                for (int k = 0; k < wb.size(); k++) {
                    assertEquals(wb.get(k).address(), gb.get(k).address(), where);
                    assertEquals(wb.get(k).busyCount(), gb.get(k).busyCount(), where);
                    assertEquals(wb.get(k).active(), gb.get(k).active(), where);
                    assertEquals(Arrays.toString(wb.get(k).busy()), Arrays.toString(gb.get(k).busy()), where);
                    assertArrayEquals(wb.get(k).chunkUsers(), gb.get(k).chunkUsers(), where);
                }
            }
        }
    }
}
