package heaplab.engine.nt;

import heaplab.engine.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static heaplab.engine.nt.HeapConstants.ERROR_NOT_ENOUGH_MEMORY;
import static heaplab.engine.nt.HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY;
import static heaplab.engine.nt.HeapConstants.HEAP_ZERO_MEMORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HEAP_ZERO_MEMORY and HeapReAlloc (heap-facts.md 1.4 step 8, 1.11.9, 1.11.10). */
class NtHeapReAllocTest {

    private static void assertFilled(HeapHarness t, long address, long length, int value, String what) {
        for (long i = 0; i < length; i++) {
            int b = t.mem.readByte(address + i);
            if (b != value) {
                throw new AssertionError(what + ": byte " + Long.toHexString(i) + " is " + Integer.toHexString(b)
                    + ", expected " + Integer.toHexString(value));
            }
        }
    }

    /** RtlpGrowBlockInPlace: the last block of the committed range grows into the uncommitted pages after it. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aBlockAtTheCommittedEndGrowsInPlaceByCommitting(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x100);
        t.mem.fill(a, 0x100, 0x5A);
        long committed = t.p.heaps().read(h).segments().get(0).committedBytes();
        long grown = t.p.heapReAlloc(h, 0, a, 0x6000);
        assertEquals(a, grown, "grown in place");
        assertTrue(t.p.heaps().read(h).segments().get(0).committedBytes() > committed);
        assertEquals(0x6000, t.p.heapSize(h, 0, a));
        assertEquals(0x5A, t.mem.readByte(a + 0xFF));
        long again = t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, a, 0x8000);
        assertEquals(a, again, "in place only: the busy last block commits what it needs");
        assertTrue(t.p.heapValidate(h, 0, 0));
        long b = t.alloc(h, 0x10);
        assertTrue(b > a, "the rest after the grown block is free");
        assertTrue(t.p.heapValidate(h, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void zeroMemoryZeroesReusedBlocks(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long dirty = t.alloc(h, 0x300);
        t.mem.fill(dirty, 0x300, 0xCC);
        t.free(h, dirty);
        long z = t.p.heapAlloc(h, HEAP_ZERO_MEMORY, 0x100);
        assertEquals(dirty, z, "the same, dirty memory");
        assertFilled(t, z, 0x100, 0, "HEAP_ZERO_MEMORY");
        long z1 = t.p.heapAlloc(h, HEAP_ZERO_MEMORY, 1);
        assertEquals(1, t.p.heapSize(h, 0, z1));
        assertEquals(0, t.mem.readByte(z1));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void zeroMemoryZeroesTheGrowthOfAReAlloc(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long c = t.alloc(h, 0x40);
        long d = t.alloc(h, 0x80);
        long guard = t.alloc(h, 0x10);
        t.mem.fill(c, 0x40, 0x11);
        t.mem.fill(d, 0x80, 0x22);
        t.free(h, d);

        long r = t.p.heapReAlloc(h, HEAP_ZERO_MEMORY, c, 0xA0);
        assertEquals(c, r, "grows in place into the free neighbour");
        assertFilled(t, r, 0x40, 0x11, "kept part");
        assertFilled(t, r + 0x40, 0x60, 0, "growth");
        assertEquals(0xA0, t.p.heapSize(h, 0, r));

        long moved = t.p.heapReAlloc(h, HEAP_ZERO_MEMORY, r, 0x800);
        assertNotEquals(r, moved, "guard is in the way: the block moves");
        assertFilled(t, moved, 0x40, 0x11, "moved kept part");
        assertFilled(t, moved + 0x40, 0x800 - 0x40, 0, "moved growth");
        assertEquals(0x800, t.p.heapSize(h, 0, moved));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        t.free(h, guard);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void zeroMemoryOnLargeAndVirtualBlocks(Arch arch) {
        // heap-facts.md 1.11.9 and 1.11.10, in the order Wine's test runs them.
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long allocSize = 0x8000L * arch.pointerSize();
        long ptr = t.p.heapAlloc(h, HEAP_ZERO_MEMORY, allocSize);
        assertEquals(allocSize, t.p.heapSize(h, 0, ptr));
        assertFilled(t, ptr, allocSize, 0, "alloc_size");
        t.mem.fill(ptr, allocSize, 0x5A);
        long before = ptr;
        ptr = t.p.heapReAlloc(h, HEAP_ZERO_MEMORY, ptr, 3 * allocSize);
        assertNotEquals(0, ptr);
        assertEquals(3 * allocSize, t.p.heapSize(h, 0, ptr));
        assertFilled(t, ptr, allocSize, 0x5A, "kept");
        assertFilled(t, ptr + allocSize, 2 * allocSize, 0, "growth");
        t.mem.fill(ptr, 3 * allocSize, 0);

        assertEquals(ptr, t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, ptr, allocSize * 3 / 2),
            "shrinking a big block in place");
        assertEquals(ptr, t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, ptr, 2 * allocSize),
            "and growing it back");

        ptr = t.p.heapReAlloc(h, HEAP_ZERO_MEMORY, ptr, 1);
        assertEquals(1, t.p.heapSize(h, 0, ptr));
        assertEquals(0, t.mem.readByte(ptr));

        ptr = t.p.heapReAlloc(h, HEAP_ZERO_MEMORY, ptr, 1 << 20);
        assertEquals(1 << 20, t.p.heapSize(h, 0, ptr));
        assertFilled(t, ptr, 1 << 20, 0, "1 MB");
        assertEquals(1, t.info(h).virtualBlocks().size());

        assertEquals(ptr, t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, ptr, allocSize * 3 / 2),
            "a virtual block shrinks in place");
        assertEquals(allocSize * 3 / 2, t.p.heapSize(h, 0, ptr));
        t.p.setLastError(0);
        assertEquals(0, t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, ptr, 2 * allocSize),
            "its pages were decommitted: it cannot grow back in place");
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());
        assertEquals(allocSize * 3 / 2, t.p.heapSize(h, 0, ptr), "the failed call changed nothing");
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        assertTrue(before != 0);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aVirtualBlockShrunkFarStillKnowsItsSize(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.getProcessHeap();
        long v = t.alloc(h, 0x200000);
        t.mem.fill(v, 0x100, 0x77);
        for (long size : new long[] {0x180000, 0x90000, 0x12345, 0x100, 1, 0}) {
            assertEquals(v, t.p.heapReAlloc(h, 0, v, size));
            assertEquals(size, t.p.heapSize(h, 0, v), "after shrinking to " + Long.toHexString(size));
            assertEquals(size, t.info(h).virtualBlocks().get(0).requested());
        }
        long moved = t.p.heapReAlloc(h, 0, v, 0x300000);
        assertNotEquals(0, moved);
        assertEquals(0x300000, t.p.heapSize(h, 0, moved));
        t.free(h, moved);
        assertTrue(t.info(h).virtualBlocks().isEmpty());
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void inPlaceOnlyShrinksGrowsIntoAFreeNeighbourOrFails(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x100);
        long b = t.alloc(h, 0x20);
        for (int i = 0; i < 0x100; i++) {
            t.mem.writeByte(a + i, i);
        }
        assertEquals(a, t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, a, 0x80), "shrinking never moves");
        assertEquals(0x80, t.p.heapSize(h, 0, a));
        long rest = a + t.units(a) * (long) t.g;
        assertEquals(HeapBlock.Kind.FREE, t.info(h).blockAt(t.entry(rest)).kind(), "the cut-off part is free");
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));

        assertEquals(a, t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, a, 0x100), "grows back into it");
        assertEquals(0x100, t.p.heapSize(h, 0, a));
        for (int i = 0; i < 0x80; i++) {
            assertEquals(i, t.mem.readByte(a + i));
        }

        t.p.setLastError(0);
        assertEquals(0, t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, a, 0x200), "b is busy");
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());
        assertEquals(0x100, t.p.heapSize(h, 0, a));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));

        long c = t.alloc(h, 0x10);
        t.free(h, b);
        int before = t.units(a);
        assertEquals(a, t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, a, 0x100 + 0x20),
            "b's place is free now");
        assertTrue(t.units(a) > before);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        t.free(h, c);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void reAllocOfTheLastBlockGrowsIntoTheSegmentsFreeEnd(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x40);
        assertEquals(a, t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, a, 0x400));
        assertEquals(0x400, t.p.heapSize(h, 0, a));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void reAllocEdgeCases(Arch arch) {
        // heap-facts.md 1.11.3 to 1.11.5
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        assertEquals(0, t.p.heapAlloc(h, 0, ~0L), "HeapAlloc(~0) fails");
        assertEquals(8, t.p.lastError(), "ERROR_NOT_ENOUGH_MEMORY");
        assertEquals(0, t.p.heapReAlloc(h, 0, 0, 1), "HeapReAlloc(NULL) fails");
        assertEquals(0, t.p.lastError(), "with NO_ERROR, as on Windows");
        long p = t.alloc(h, 1);
        long q = t.p.heapReAlloc(h, 0, p, 0);
        assertNotEquals(0, q);
        assertEquals(0, t.p.heapSize(h, 0, q));
        assertEquals(0, t.p.heapReAlloc(h, 0, q, ~0L - 7));
        assertEquals(0, t.p.heapReAlloc(h, 0, q, ~0L));
        assertTrue(t.p.heapValidate(h, 0, q));
        assertEquals(0, t.p.heapSize(h, 0, q));
        t.free(h, q);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }
}
