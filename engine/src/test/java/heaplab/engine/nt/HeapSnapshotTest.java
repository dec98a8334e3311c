package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static heaplab.engine.nt.HeapConstants.HEAP_ZERO_MEMORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heaps live in simulated memory only: restoring a process snapshot puts them back exactly. */
class HeapSnapshotTest {

    /** Runs seeded operations on the live pointers; returns what they returned, then the heaps' walks. */
    private static List<String> run(HeapHarness t, long h, List<Long> live, long seed, int operations) {
        Random random = new Random(seed);
        List<String> trace = new ArrayList<>();
        for (int i = 0; i < operations; i++) {
            int r = random.nextInt(10);
            long size = random.nextInt(8) == 0 ? 0x1000 + random.nextInt(0x4000) : random.nextInt(0x200);
            if (live.isEmpty() || r < 5) {
                long p = t.p.heapAlloc(h, random.nextBoolean() ? HEAP_ZERO_MEMORY : 0, size);
                t.mem.fill(p, size, 0x10 + i % 0x40);
                live.add(p);
                trace.add("alloc " + Long.toHexString(p));
            } else if (r < 8) {
                long p = live.remove(random.nextInt(live.size()));
                trace.add("free " + t.p.heapFree(h, 0, p));
            } else {
                int k = random.nextInt(live.size());
                long p = t.p.heapReAlloc(h, 0, live.get(k), size);
                live.set(k, p);
                trace.add("realloc " + Long.toHexString(p));
            }
        }
        for (long heap : t.p.heaps().heapHandles()) {
            HeapInfo info = t.info(heap);
            trace.add(info.segments().toString());
            trace.add(info.freeLists().toString());
            trace.add(info.virtualBlocks().toString());
        }
        for (long p : live) {
            trace.add(java.util.Arrays.toString(t.mem.readBytes(p, (int) t.p.heapSize(h, 0, p))));
        }
        return trace;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void restoringASnapshotReplaysTheSameHeap(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        List<Long> live = new ArrayList<>();
        run(t, h, live, 1, 200);
        Process.Snapshot snapshot = t.p.snapshot();
        List<Long> liveAtSnapshot = new ArrayList<>(live);

        List<String> first = run(t, h, live, 2, 300);
        long extra = t.p.heapCreate(0, 0, 0);
        t.alloc(extra, 0x100);

        t.p.restore(snapshot);
        List<String> second = run(t, h, new ArrayList<>(liveAtSnapshot), 2, 300);
        assertEquals(first, second, "the same operations give the same addresses, headers, lists and bytes");
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));

        t.p.restore(snapshot);
        assertEquals(first, run(t, h, new ArrayList<>(liveAtSnapshot), 2, 300), "and again from the same snapshot");
        assertEquals(2, t.p.getProcessHeaps(0, 0), "the heap created after the snapshot is gone");
        t.p.restore(snapshot);
        assertNotEquals(first, run(t, h, new ArrayList<>(liveAtSnapshot), 3, 300), "other operations, other heap");
    }
}
