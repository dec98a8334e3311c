package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap code's memos of the fields only it writes (NtHeap, the LFH, the PEB's NtGlobalFlag) are only a faster way
 * to what memory says: a process whose heaps nothing but the heap code ever wrote (AddressSpace#untouched, where the
 * memos are kept) and a twin touched once by a write that changes nothing (where every field is read from memory)
 * give the same results and the same bytes through a workload that also changes those fields through the heap
 * code: the LFH switched on, validation flags set and cleared, global flags changed, heaps destroyed and made again
 * at the same address.
 */
class HeapMemoTest {
    private static final int OPERATIONS = 1500;

    private static final class Twins {
        final Process remembering;
        final Process reading;
        final long buffer;
        final TwinProcesses pair;

        Twins(Arch arch, String lfh) {
            remembering = new Process(new ProcessConfig(arch, 0, "demo.exe", lfh, "full"));
            reading = new Process(new ProcessConfig(arch, 0, "demo.exe", lfh, "full"));
            // A write of the byte already there into the process heap's first page: foreign, so the twin reads every
            // field from memory from now on, yet its memory stays the same as the other's.
            long heap = reading.heaps().processHeap();
            reading.memory().writeByte(heap, reading.memory().readByte(heap));
            long a = buffer(remembering);
            assertEquals(a, buffer(reading));
            buffer = a;
            pair = new TwinProcesses(remembering, reading);
        }

        /** A page for HeapSetInformation's buffer, outside every heap (writing it touches no heap). */
        private static long buffer(Process p) {
            return p.memory().virtualAlloc(0, AddressSpace.PAGE_SIZE,
                AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
        }

        long both(ToLongFunction<Process> call) {
            return pair.both(call);
        }

        void assertSameMemory() {
            pair.assertSameMemory();
        }
    }

    static Stream<Arguments> configurations() {
        return Stream.of(Arch.values()).flatMap(arch -> Stream.of("auto", "off").map(lfh -> Arguments.of(arch, lfh)));
    }

    @ParameterizedTest(name = "{0} lfh {1}")
    @MethodSource("configurations")
    void rememberedFieldsGiveWhatMemorySays(Arch arch, String lfh) {
        Twins t = new Twins(arch, lfh);
        assertTrue(t.remembering.memory().untouched());
        assertFalse(t.reading.memory().untouched());
        Random random = new Random(0x3E30 + arch.ordinal());
        List<Long> heaps = new ArrayList<>();
        heaps.add(t.both(p -> p.heapCreate(0, 0, 0)));
        List<List<Long>> live = new ArrayList<>();
        live.add(new ArrayList<>());
        for (int op = 0; op < OPERATIONS; op++) {
            int h = random.nextInt(heaps.size());
            long heap = heaps.get(h);
            List<Long> blocks = live.get(h);
            int choice = random.nextInt(100);
            if (choice < 45 || blocks.size() < 4) {
                long size = size(random);
                long p = t.both(proc -> proc.heapAlloc(heap, 0, size));
                if (p != 0) {
                    blocks.add(p);
                }
            } else if (choice < 75) {
                long p = blocks.remove(random.nextInt(blocks.size()));
                t.both(proc -> proc.heapFree(heap, 0, p) ? 1 : 0);
            } else if (choice < 93) {
                int i = random.nextInt(blocks.size());
                long old = blocks.get(i);
                long size = size(random);
                long p = t.both(proc -> proc.heapReAlloc(heap, 0, old, size));
                if (p != 0) {
                    blocks.set(i, p);
                }
            } else if (choice < 95) {
                // the LFH for every class at once (HeapSetInformation writes FrontEndHeapType)
                t.both(proc -> {
                    proc.memory().writeU32(t.buffer, HeapConstants.HEAP_COMPATIBILITY_LFH);
                    return proc.heaps().heapSetInformation(heap, 0, t.buffer, 4) ? 1 : 0;
                });
            } else if (choice < 97) {
                boolean on = random.nextBoolean();
                // !heap -E is a debugger's write (foreign); here as the heap code's own, to keep the memos in use
                t.both(proc -> {
                    proc.memory().enterTrusted();
                    try {
                        proc.heaps().setValidationFlags(heap, HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED, on);
                    } finally {
                        proc.memory().leaveTrusted();
                    }
                    return 0;
                });
            } else if (choice < 98) {
                long flags = random.nextBoolean() ? 0 : 0x10 | 0x20; // +htc +hfc for the heaps made from now on
                t.both(proc -> {
                    proc.setGlobalFlags(flags);
                    return 0;
                });
            } else if (heaps.size() > 1 && random.nextBoolean()) {
                // destroyed, and a new heap most likely at its address
                t.both(proc -> proc.heapDestroy(heap) ? 1 : 0);
                heaps.remove(h);
                live.remove(h);
                long made = t.both(proc -> proc.heapCreate(0, 0, 0));
                heaps.add(made);
                live.add(new ArrayList<>());
            } else {
                long made = t.both(proc -> proc.heapCreate(0, 0, 0));
                heaps.add(made);
                live.add(new ArrayList<>());
            }
        }
        assertTrue(t.remembering.memory().untouched(), "the workload itself touched the heaps");
        t.assertSameMemory();
    }

    /** Mostly LFH sizes, some back-end blocks, a few past the virtual-alloc threshold. */
    private static long size(Random random) {
        int kind = random.nextInt(20);
        if (kind < 12) {
            return 1 + random.nextInt(300);
        }
        if (kind < 19) {
            return 300 + random.nextInt(40_000);
        }
        return 0x80000 + random.nextInt(0x40000);
    }

    /** A heap destroyed and made again at the same address starts without the old heap's LFH. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aHeapMadeWhereOneWasDestroyedHasNoLfhOfItsOwnYet(Arch arch) {
        Process p = new Process(new ProcessConfig(arch, 0, "demo.exe", "auto", "full"));
        long heap = p.heapCreate(0, 0, 0);
        long chunk = 0;
        for (int i = 0; i < 0x13; i++) {
            chunk = p.heapAlloc(heap, 0, 40);
        }
        assertTrue(p.heaps().lfh().chunkAt(heap, chunk) != null, "the 0x13th request should be an LFH chunk");
        assertTrue(p.heapDestroy(heap));
        long again = p.heapCreate(0, 0, 0);
        assertEquals(heap, again, "the new heap should take the freed address");
        assertEquals(0, p.heaps().lfh().structure(again));
        long block = p.heapAlloc(again, 0, 40);
        assertNull(p.heaps().lfh().chunkAt(again, block));
        assertTrue(p.memory().untouched());
    }

    /** A program's write to its heap's Flags is followed at the next call, as Windows reads the field each time. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aForeignWriteToTheHeapsFlagsIsFollowed(Arch arch) {
        Process p = new Process(new ProcessConfig(arch, 0, "demo.exe", "off", "full"));
        HeapLayout l = p.heaps().layout();
        long heap = p.heapCreate(0, 0, 0);
        long first = p.heapAlloc(heap, 0, 64);
        p.heapFree(heap, 0, p.heapAlloc(heap, 0, 64)); // the memo is made and used
        long flags = p.memory().readU32(heap + l.heapFlags);
        p.memory().writeU32(heap + l.heapFlags, flags | HeapConstants.HEAP_FREE_CHECKING_ENABLED);
        assertFalse(p.memory().untouched());
        assertTrue(p.heapFree(heap, 0, first));
        assertEquals(NtHeap.ARENA_FREE_FILLER, p.memory().readU32(first + 2L * l.p),
            "the freed block's body should carry the free fill the new Flags ask for");
    }

    /** `gflags +htc` in the console reaches the next heap made, though every call read NtGlobalFlag before. */
    @Test
    void changedGlobalFlagsReachTheNextHeap() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        HeapLayout l = p.heaps().layout();
        long before = p.heapCreate(0, 0, 0);
        p.heapFree(before, 0, p.heapAlloc(before, 0, 10));
        p.setGlobalFlags(0x10);
        long after = p.heapCreate(0, 0, 0);
        assertEquals(0, p.memory().readU32(before + l.heapFlags) & HeapConstants.HEAP_TAIL_CHECKING_ENABLED);
        assertNotEquals(0, p.memory().readU32(after + l.heapFlags) & HeapConstants.HEAP_TAIL_CHECKING_ENABLED);
    }

    /**
     * A restore brings back the snapshot's history: a heap written by the program since is untouched again after a
     * restore to before that write, and a snapshot taken after it stays touched; the results are those of memory.
     */
    @Test
    void aRestoreBringsBackTheSnapshotsHistory() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        long heap = p.heapCreate(0, 0, 0);
        long block = p.heapAlloc(heap, 0, 100);
        AddressSpace.Snapshot clean = p.memory().snapshot();
        p.memory().writeU32(block, 0x41414141L); // the program writes its block
        assertFalse(p.memory().untouched());
        AddressSpace.Snapshot written = p.memory().snapshot();
        p.memory().restore(clean);
        assertTrue(p.memory().untouched());
        assertEquals(block, p.heapReAlloc(heap, 0, block, 90));
        p.memory().restore(written);
        assertFalse(p.memory().untouched());
        assertEquals(0x41414141L, p.memory().readU32(block));
    }

    /**
     * A block grown in place again and again into the free block that ends the segment, with small blocks taken and
     * freed between (malloc-lab's realloc-bal): the remainder takes the free block's place in list 0 in the untouched
     * twin (FreeLists#detach), is removed and inserted in the other, and the lists and bytes agree.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aBlockGrownInPlaceLeavesTheListsAsRemoveAndInsert(Arch arch) {
        Twins t = new Twins(arch, "auto");
        long heap = t.both(p -> p.heapCreate(0, 0, 0));
        long big = t.both(p -> p.heapAlloc(heap, 0, 512));
        long[] small = {0};
        for (int i = 1; i <= 600; i++) {
            long size = 512 + 128L * i;
            long old = big;
            big = t.both(p -> p.heapReAlloc(heap, 0, old, size));
            long previous = small[0];
            small[0] = t.both(p -> p.heapAlloc(heap, 0, 128));
            if (previous != 0) {
                t.both(p -> p.heapFree(heap, 0, previous) ? 1 : 0);
            }
            // a free block of list 0 below the grown one, of every other size, so that the place is sometimes wrong
            if (i % 50 == 0) {
                long below = 2048 + 8L * (i % 100);
                long a = t.both(p -> p.heapAlloc(heap, 0, below));
                t.both(p -> p.heapAlloc(heap, 0, 16));
                t.both(p -> p.heapFree(heap, 0, a) ? 1 : 0);
            }
        }
        assertTrue(t.remembering.memory().untouched());
        t.assertSameMemory();
    }
}
