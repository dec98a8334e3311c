package heaplab.engine.lfh;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random HeapAlloc / HeapReAlloc / HeapFree workloads (fixed seeds) on a heap with the LFH, against a shadow model:
 * after every operation each live block keeps its size and bytes, no two live blocks overlap, the blocks the LFH
 * served (requests up to 16 KB, and chunks resized within their bucket) are exactly its busy chunks, and the back
 * end validates.
 */
class LfhPropertyTest {
    private static final int OPERATIONS = 1500;

    @ParameterizedTest(name = "{0}, lfh {1}")
    @CsvSource({"X86, on", "X64, on", "X86, auto", "X64, auto"})
    void randomWorkloadsKeepEveryBlockIntact(Arch arch, String mode) {
        Process p = new Process(new ProcessConfig(arch, 0, "demo.exe", mode, "full"));
        long h = p.heapCreate(0, 0, 0);
        Shadow shadow = new Shadow(mode.equals("on"));
        assertEquals(shadow.on ? HeapConstants.HEAP_COMPATIBILITY_LFH : 0, p.heaps().compatibility(h));
        Random random = new Random((arch == Arch.X86 ? 0x1F4_0001L : 0x1F4_0002L) + mode.hashCode());
        Map<Long, long[]> live = new HashMap<>(); // user -> {size, fill byte, 1 if the LFH served it}
        List<Long> order = new ArrayList<>();
        for (int op = 0; op < OPERATIONS; op++) {
            int kind = random.nextInt(10);
            if (kind < 5 || live.isEmpty()) {
                long size = randomSize(random);
                long user = p.heapAlloc(h, 0, size);
                assertNotEquals(0, user, "op " + op + ": HeapAlloc(" + size + ")");
                int fill = random.nextInt(256);
                p.memory().fill(user, size, fill);
                live.put(user, new long[] {size, fill, shadow.request(size)});
                order.add(user);
            } else if (kind < 8) {
                long user = order.remove(random.nextInt(order.size()));
                live.remove(user);
                assertTrue(p.heapFree(h, 0, user), "op " + op + ": HeapFree");
            } else {
                int at = random.nextInt(order.size());
                long user = order.get(at);
                long[] block = live.remove(user);
                long size = randomSize(random);
                long moved = p.heapReAlloc(h, 0, user, size);
                assertNotEquals(0, moved, "op " + op + ": HeapReAlloc(" + size + ")");
                for (long i = 0; i < Math.min(size, block[0]); i++) {
                    assertEquals(block[1], p.memory().readByte(moved + i), "op " + op + ": data kept by realloc");
                }
                p.memory().fill(moved, size, (int) block[1]);
                // A block resized in place stays where it was (a shrunk back-end block stays in the back end).
                long lfh = moved == user ? block[2] : shadow.request(size);
                live.put(moved, new long[] {size, block[1], lfh});
                order.set(at, moved);
            }
            check(p, h, live, op);
            assertEquals(shadow.on ? HeapConstants.HEAP_COMPATIBILITY_LFH : 0, p.heaps().compatibility(h),
                "op " + op + ": the heap's value");
        }
        assertTrue(p.heapValidate(h, 0, 0));
        assertTrue(shadow.on, "the workload turned the LFH on");
    }

    /**
     * Which requests the LFH serves: in "on" every one up to 16 KB; in "auto" those of a size class that has had
     * 0x12 requests (1.11.17), the 0x12th itself still from the back end.
     */
    private static final class Shadow {
        private final int[] requests = new int[LowFragmentationHeap.BUCKETS + 1];
        private final boolean always;
        private boolean on;

        Shadow(boolean always) {
            this.always = always;
            this.on = always;
        }

        /** 1 when the LFH serves a request of `size` bytes (a HeapAlloc, or a HeapReAlloc that moves), else 0. */
        long request(long size) {
            int bucket = LowFragmentationHeap.bucketOf(size);
            if (bucket == 0) {
                return 0;
            }
            if (always || requests[bucket] >= LowFragmentationHeap.AUTO_ACTIVATION_REQUESTS) {
                return 1;
            }
            if (++requests[bucket] == LowFragmentationHeap.AUTO_ACTIVATION_REQUESTS) {
                on = true;
            }
            return 0;
        }
    }

    private static long randomSize(Random random) {
        int r = random.nextInt(20);
        if (r < 14) {
            return random.nextInt(0x101);
        }
        if (r < 19) {
            return random.nextInt(0x4001);
        }
        return 0x4001 + random.nextInt(0x3000);
    }

    private static void check(Process p, long h, Map<Long, long[]> live, int op) {
        TreeMap<Long, Long> ranges = new TreeMap<>();
        int lfhBlocks = 0;
        for (Map.Entry<Long, long[]> e : live.entrySet()) {
            long user = e.getKey();
            long size = e.getValue()[0];
            assertEquals(size, p.heapSize(h, 0, user), "op " + op + ": HeapSize");
            assertTrue(p.heapValidate(h, 0, user), "op " + op + ": HeapValidate of a live block");
            if (size > 0) {
                ranges.put(user, user + size);
            }
            LowFragmentationHeap.Chunk chunk = p.heaps().lfh().chunkAt(h, user);
            assertEquals(e.getValue()[2] == 1, chunk != null, "op " + op + ": served by the LFH or not");
            if (chunk != null) {
                lfhBlocks++;
                assertTrue(chunk.busy());
                assertTrue(size <= LowFragmentationHeap.bucketSize(chunk.bucket()), "op " + op + ": fits its bucket");
            }
        }
        long end = 0;
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            assertTrue(r.getKey() >= end, "op " + op + ": blocks overlap at " + Long.toHexString(r.getKey()));
            end = r.getValue();
        }
        long busyChunks = p.heaps().lfh().chunks(h).stream().filter(LowFragmentationHeap.Chunk::busy).count();
        assertEquals(lfhBlocks, busyChunks, "op " + op + ": busy chunks");
        if (op % 100 == 0) {
            for (Map.Entry<Long, long[]> e : live.entrySet()) {
                byte[] bytes = p.memory().readBytes(e.getKey(), (int) e.getValue()[0]);
                for (byte b : bytes) {
                    assertEquals(e.getValue()[1], b & 0xFF, "op " + op + ": data of " + Long.toHexString(e.getKey()));
                }
            }
            assertTrue(p.heapValidate(h, 0, 0), "op " + op + ": the back end validates");
        }
    }

}
