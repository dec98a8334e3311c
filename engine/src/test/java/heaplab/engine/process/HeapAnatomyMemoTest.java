package heaplab.engine.process;

import heaplab.engine.Arch;
import heaplab.engine.crt.CrtBlockHeader;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A memo only makes the picture faster: with or without it, the same parts and damage at every position. */
class HeapAnatomyMemoTest {

    @ParameterizedTest
    @ValueSource(strings = {"lfh", "lfh-auto", "crt-overrun", "page-heap-light", "coalescing"})
    void theMemoizedPictureIsThePictureAtEveryPositionForwardAndBack(String sample) throws Exception {
        Session session = Session.open(ScenarioLoader.loadSample(sample));
        HeapAnatomy.Memo memo = new HeapAnatomy.Memo();
        Random random = new Random(42);
        int steps = session.steps().size();
        for (int i = 0; i < 3 * steps; i++) {
            int target = i < steps ? i : random.nextInt(steps + 1);
            session.jumpTo(target);
            Process p = session.process();
            List<HeapInfo> heaps = heaps(p);
            Map<Long, long[]> crt = crtBlocks(p);
            assertEquals(HeapAnatomy.of(p, heaps, crt), HeapAnatomy.of(p, heaps, crt, memo), "position " + target);
        }
    }

    @Test
    void aChunkWrittenOverAfterThePictureIsReadAgain() {
        Process p = new Process(new ProcessConfig(Arch.X86, 0, "demo.exe", "on", "off"));
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 20);
        long b = p.heapAlloc(h, 0, 20);
        HeapAnatomy.Memo memo = new HeapAnatomy.Memo();
        HeapAnatomy.Chunk before = chunk(HeapAnatomy.of(p, heaps(p), Map.of(), memo), b);
        assertSame(before, chunk(HeapAnatomy.of(p, heaps(p), Map.of(), memo), b), "nothing changed: reused");
        p.memory().fill(a + 20, 12, 0x41); // over b's chunk header
        HeapAnatomy.Picture after = HeapAnatomy.of(p, heaps(p), Map.of(), memo);
        assertEquals(HeapAnatomy.of(p, heaps(p), Map.of()), after);
        assertEquals(2, chunk(after, b).anatomy().damage().size());
    }

    private static HeapAnatomy.Chunk chunk(HeapAnatomy.Picture picture, long user) {
        return picture.userBlocks().values().stream().flatMap(ub -> ub.chunks().stream())
            .filter(c -> c.user() == user).findFirst().orElseThrow();
    }

    private static List<HeapInfo> heaps(Process p) {
        List<HeapInfo> heaps = new ArrayList<>();
        for (long handle : p.heaps().heapHandles()) {
            heaps.add(p.heaps().read(handle));
        }
        return heaps;
    }

    private static Map<Long, long[]> crtBlocks(Process process) {
        CrtBlockHeader headers = process.crt().headers();
        Map<Long, long[]> blocks = new HashMap<>();
        for (long at = process.crt().globals().firstBlock(); at != 0; at = headers.next(at)) {
            blocks.put(at - process.heaps().layout().g, new long[] {headers.user(at), headers.dataSize(at)});
        }
        return blocks;
    }
}
