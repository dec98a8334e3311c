package heaplab.engine.nt;

import heaplab.engine.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static heaplab.engine.nt.HeapConstants.HEAP_NO_SERIALIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeapCompact: the size in bytes of the largest committed free block. */
class NtHeapCompactTest {

    private static long largestFree(HeapHarness t, long h) {
        return t.info(h).segments().stream().flatMap(s -> s.blocks().stream())
            .filter(b -> b.kind() == HeapBlock.Kind.FREE).mapToLong(HeapBlock::size).max().orElse(0);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void returnsTheLargestCommittedFreeBlock(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0x10000, 0);
        long a = t.alloc(h, t.request(3));
        long b = t.alloc(h, t.request(40));
        t.alloc(h, t.request(2));
        t.free(h, a);
        t.free(h, b);
        long largest = largestFree(t, h);
        assertTrue(largest > t.request(43));
        assertEquals(largest, t.p.heapCompact(h, 0));
        assertEquals(largest, t.p.heapCompact(h, HEAP_NO_SERIALIZE));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void dedicatedListsCountWhenListZeroIsEmpty(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, t.request(5));
        long guard = t.alloc(h, t.request(2));
        // use up the rest of the committed part so that only dedicated lists hold blocks
        long largest = largestFree(t, h);
        t.alloc(h, largest - t.g);
        assertEquals(0, largestFree(t, h));
        assertEquals(0, t.p.heapCompact(h, 0));
        assertEquals(0, t.p.lastError(), "NO_ERROR when nothing is free");
        t.free(h, a);
        assertEquals(t.request(5) + t.g, t.p.heapCompact(h, 0));
        assertTrue(guard != 0);
    }

    /** MS's HeapCompact page: with "disable heap coalesce on free" set, HeapCompact coalesces adjacent free blocks. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void coalescesAdjacentFreeBlocksWhenFreeDoesNot(Arch arch) {
        coalesces(arch, 0x00200000); // +dhc
        coalesces(arch, 0x00200000 | 0x10 | 0x20); // and the merged block's body filled under free checking
    }

    private static void coalesces(Arch arch, long globalFlags) {
        HeapHarness t = new HeapHarness(arch, globalFlags);
        long h = t.p.heapCreate(0, 0x10000, 0);
        long a = t.alloc(h, t.request(0x20));
        long b = t.alloc(h, t.request(0x20));
        long c = t.alloc(h, t.request(0x20));
        t.alloc(h, t.request(2));
        t.free(h, a);
        t.free(h, b);
        t.free(h, c);
        long before = t.info(h).segments().get(0).blocks().stream().filter(x -> x.kind() == HeapBlock.Kind.FREE)
            .count();
        long largest = t.p.heapCompact(h, 0);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        assertEquals(before - 2, t.info(h).segments().get(0).blocks().stream()
            .filter(x -> x.kind() == HeapBlock.Kind.FREE).count(), "a's, b's and c's blocks are one");
        assertEquals(largestFree(t, h), largest);
        assertEquals(a, t.alloc(h, t.request(0x60)), "the merged block fits three times the size, where a was");
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    /** A write after free in a block HeapCompact would merge is reported, not filled over. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aModifiedFreeBlockIsReportedBeforeTheMerge(Arch arch) {
        HeapHarness t = new HeapHarness(arch, 0x00200000 | 0x20); // +dhc +hfc
        long h = t.p.heapCreate(0, 0x10000, 0);
        long a = t.alloc(h, t.request(0x20));
        long b = t.alloc(h, t.request(0x20));
        t.alloc(h, t.request(2));
        t.free(h, a);
        t.free(h, b);
        t.p.memory().writeByte(a + 0x20, 0x41);
        assertThrows(RuntimeException.class, () -> t.p.heapCompact(h, 0), "the free checking break");
        assertEquals(0x41, t.p.memory().readByte(a + 0x20), "the damage is still there to see");
    }
}
