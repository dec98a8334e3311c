package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import heaplab.engine.process.ProcessFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The list 0 mirror ({@link ListZeroIndex}) is only a faster way to the answers of the walk: the same random
 * workloads, mostly of blocks too big for the dedicated lists, run in two processes, one with the mirror and one
 * walking list 0 as Windows does, and must give the same results, the same list 0 and the same bytes everywhere,
 * including when the program writes into the heap between calls and when it corrupts a free block's links.
 */
class ListZeroIndexTest {
    private static final int OPERATIONS = 2500;

    /** Two processes doing the same things; `mirrored` uses the list 0 mirror, `walked` does not. */
    private static final class Twins {
        final Process mirrored;
        final Process walked;
        final long heap;
        final TwinProcesses pair;

        Twins(Arch arch) {
            mirrored = new Process(ProcessConfig.defaults(arch));
            walked = new Process(ProcessConfig.defaults(arch));
            walked.heaps().mirrorListZero(false);
            heap = mirrored.heapCreate(0, 0, 0);
            assertEquals(heap, walked.heapCreate(0, 0, 0));
            pair = new TwinProcesses(mirrored, walked);
        }

        /** Runs one call in both; they must both return the same value or both fault with the same message. */
        long both(java.util.function.ToLongFunction<Process> call) {
            return pair.both(call);
        }

        void assertSameListZero() {
            assertEquals(listZero(walked), listZero(mirrored));
        }

        private List<Long> listZero(Process p) {
            AddressSpace mem = p.memory();
            HeapLayout l = HeapLayout.of(p.arch());
            long head = heap + l.freeListHead(0);
            List<Long> out = new ArrayList<>();
            for (long cur = mem.readPtr(head); cur != head && out.size() < 100_000; cur = mem.readPtr(cur)) {
                out.add(cur);
                if (!mem.isReadable(cur - l.g, l.g + l.p)) {
                    break; // a corrupted link: both lists must end at the same bad address
                }
                out.add((long) mem.readU16(cur - l.g));
            }
            return out;
        }

        void assertSameMemory() {
            pair.assertSameMemory();
        }
    }

    static Stream<Arguments> workloads() {
        List<Arguments> out = new ArrayList<>();
        long seed = 0x0115_7000L;
        for (Arch arch : Arch.values()) {
            out.add(Arguments.of(arch, seed++, 0.0));
            out.add(Arguments.of(arch, seed++, 0.05));
        }
        return out.stream();
    }

    /**
     * Allocations of 1 to 40 KB (list 0 on both architectures) and some small ones, frees and reallocations, with
     * `foreignRate` of the steps writing into a live block between calls (a foreign write: the mirror is dropped
     * and rebuilt).
     */
    @ParameterizedTest(name = "{0} seed {1} foreign writes {2}")
    @MethodSource("workloads")
    void mirroredListZeroGivesTheWalksAnswers(Arch arch, long seed, double foreignRate) {
        Twins t = new Twins(arch);
        Random random = new Random(seed);
        List<Long> live = new ArrayList<>();
        for (int op = 0; op < OPERATIONS; op++) {
            int choice = random.nextInt(10);
            if (choice < 5 || live.size() < 8) {
                long size = random.nextInt(8) == 0 ? 1 + random.nextInt(900) : 1024 + random.nextInt(40 * 1024);
                long p = t.both(proc -> proc.heapAlloc(t.heap, 0, size));
                if (p != 0) {
                    live.add(p);
                }
            } else if (choice < 8) {
                long p = live.remove(random.nextInt(live.size()));
                t.both(proc -> proc.heapFree(t.heap, 0, p) ? 1 : 0);
            } else {
                int i = random.nextInt(live.size());
                long old = live.get(i);
                long size = 512 + random.nextInt(48 * 1024);
                long p = t.both(proc -> proc.heapReAlloc(t.heap, 0, old, size));
                if (p != 0) {
                    live.set(i, p);
                }
            }
            if (random.nextDouble() < foreignRate && !live.isEmpty()) {
                long p = live.get(random.nextInt(live.size()));
                int value = random.nextInt(256);
                t.mirrored.memory().writeByte(p, value);
                t.walked.memory().writeByte(p, value);
            }
            if (op % 100 == 0) {
                t.assertSameListZero();
            }
        }
        t.assertSameListZero();
        t.assertSameMemory();
        assertTrue(t.mirrored.heaps().mirrorListZero(true) > OPERATIONS / 4,
            "the mirror served too few list 0 operations to have been tested");
    }

    /**
     * A program that overwrites a free list 0 entry's Flink: the next operations that walk to it fault (or not)
     * exactly as the walk does, because the foreign write dropped the mirror.
     */
    @Test
    void corruptedListZeroLinksBehaveAsTheWalk() {
        for (Arch arch : Arch.values()) {
            Twins t = new Twins(arch);
            long[] blocks = new long[48];
            for (int i = 0; i < blocks.length; i++) {
                // list 0 sizes too small to hold a whole page, so that no free decommits part of them
                long size = (arch == Arch.X86 ? 1100 : 2100) + 40L * i;
                blocks[i] = t.both(p -> p.heapAlloc(t.heap, 0, size));
            }
            for (int i = 0; i < blocks.length; i += 2) {
                long b = blocks[i];
                t.both(p -> p.heapFree(t.heap, 0, b) ? 1 : 0);
            }
            t.both(p -> p.heapAlloc(t.heap, 0, 1500)); // the mirror is built and used
            assertTrue(t.mirrored.heaps().mirrorListZero(true) > 0, "the mirror was not used before the damage");
            long victim = blocks[4];
            for (Process p : List.of(t.mirrored, t.walked)) {
                p.memory().writePtr(victim, 0x41414140L); // the freed block's Flink: a write after free
            }
            String[] outcome = new String[2];
            for (int k = 0; k < 6; k++) {
                long size = 4096 + 1024L * k;
                try {
                    t.both(p -> p.heapAlloc(t.heap, 0, size));
                } catch (ProcessFault fault) {
                    outcome[0] = fault.getMessage();
                    break;
                }
            }
            assertTrue(outcome[0] == null || !outcome[0].isEmpty());
            t.assertSameListZero();
        }
    }

    @Test
    void aHeapCreatedWhereAnotherWasDestroyedStartsWithoutItsMirror() {
        for (Arch arch : Arch.values()) {
            Twins t = new Twins(arch);
            long[] first = new long[10];
            for (int i = 0; i < first.length; i++) {
                long size = 3000 + 700L * i;
                first[i] = t.both(p -> p.heapAlloc(t.heap, 0, size));
            }
            for (int i = 0; i < first.length; i += 2) {
                long b = first[i];
                t.both(p -> p.heapFree(t.heap, 0, b) ? 1 : 0);
            }
            t.both(p -> p.heapAlloc(t.heap, 0, 2000));
            t.both(p -> p.heapDestroy(t.heap) ? 1 : 0);
            long again = t.both(p -> p.heapCreate(0, 0, 0));
            assertEquals(t.heap, again, "the new heap takes the old one's address");
            for (int i = 0; i < 20; i++) {
                long size = 1500 + 900L * i;
                long b = t.both(p -> p.heapAlloc(t.heap, 0, size));
                if (i % 3 == 0) {
                    t.both(p -> p.heapFree(t.heap, 0, b) ? 1 : 0);
                }
            }
            t.assertSameListZero();
            t.assertSameMemory();
        }
    }

    @Test
    void aShortListZeroIsWalkedWithoutAMirror() {
        Twins t = new Twins(Arch.X86);
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long size = 2000 + 300L * i;
            blocks.add(t.both(p -> p.heapAlloc(t.heap, 0, size)));
        }
        for (int i = 0; i < blocks.size(); i += 2) {
            long b = blocks.get(i);
            t.both(p -> p.heapFree(t.heap, 0, b) ? 1 : 0);
        }
        for (int i = 0; i < 6; i++) {
            t.both(p -> p.heapAlloc(t.heap, 0, 1100));
        }
        assertEquals(0, t.mirrored.heaps().mirrorListZero(true), "six entries are walked, not mirrored");
        t.assertSameListZero();
    }

    @Test
    void sizesAreFoundAcrossTheWholeRangeOfTheBitmap() {
        // Blocks of very different sizes in list 0: the mirror's two-level bitmap must find the next size present
        // across words and summary words.
        Twins t = new Twins(Arch.X86);
        long[] sizes = {1100, 9000, 70_000, 200_000, 400_000};
        List<Long> blocks = new ArrayList<>();
        for (long size : sizes) {
            blocks.add(t.both(p -> p.heapAlloc(t.heap, 0, size)));
            blocks.add(t.both(p -> p.heapAlloc(t.heap, 0, 64)));
        }
        for (int i = 0; i < blocks.size(); i += 2) {
            long b = blocks.get(i);
            t.both(p -> p.heapFree(t.heap, 0, b) ? 1 : 0);
        }
        for (long size : new long[] {1000, 5000, 60_000, 150_000, 390_000, 1000}) {
            t.both(p -> p.heapAlloc(t.heap, 0, size));
            t.both(p -> p.heapAlloc(t.heap, 0, size));
        }
        t.assertSameListZero();
        t.assertSameMemory();
        assertTrue(Arrays.stream(sizes).sum() > 0);
    }
}
