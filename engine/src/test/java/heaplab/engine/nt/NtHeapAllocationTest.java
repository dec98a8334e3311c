package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static heaplab.engine.nt.HeapConstants.ERROR_NOT_ENOUGH_MEMORY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_BUSY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_EXTRA_PRESENT;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_LAST_ENTRY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_VIRTUAL_ALLOC;
import static heaplab.engine.nt.HeapConstants.HEAP_GROWABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocation order of heap-facts.md 1.4, on a fresh private heap. */
class NtHeapAllocationTest {

    /**
     * RtlpExtendHeap (heap-facts.md 1.4, "Extend heap"): a new segment reserves max(SegmentReserve, Size + PAGE), and
     * SegmentReserve grows by what it reserved, so each new segment is bigger than the one before.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void eachNewSegmentGrowsTheSegmentReserve(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long reserveField = h + t.p.heaps().layout().heapSegmentReserve;
        assertEquals(0x100000, t.p.memory().readPtr(reserveField));
        long size = arch == Arch.X86 ? 0x60000 : 0xC0000; // below the virtual-alloc threshold
        for (int i = 0; i < 3; i++) {
            t.alloc(h, size);
        }
        List<HeapSegmentInfo> segments = t.info(h).segments();
        assertEquals(3, segments.size());
        assertEquals(0x100000L, segments.get(1).numberOfPages() * 0x1000L, "the first new segment: 1 MB");
        assertEquals(0x200000L, segments.get(2).numberOfPages() * 0x1000L, "the second new segment: 2 MB");
        assertEquals(0x400000L, t.p.memory().readPtr(reserveField));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void exactListGivesItsLastEntryFirst(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long[] blocks = new long[3];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = t.alloc(h, t.request(4));
            t.alloc(h, t.request(2)); // a busy guard, so the freed blocks do not merge
        }
        for (long b : blocks) {
            t.free(h, b);
        }
        assertEquals(List.of(blocks[0], blocks[1], blocks[2]), t.freeList(h, 4), "freed blocks go to the tail");
        assertTrue(t.bit(h, 4));

        assertEquals(blocks[2], t.alloc(h, t.request(4)), "LIFO: the last entry (Blink) is taken");
        assertEquals(blocks[1], t.alloc(h, t.request(4) - 3), "any size that rounds to 4 units");
        assertEquals(List.of(blocks[0]), t.freeList(h, 4));
        assertEquals(blocks[0], t.alloc(h, t.request(4)));
        assertFalse(t.bit(h, 4), "the bit is cleared when the list empties");
        assertTrue(t.freeList(h, 4).isEmpty());
        assertEquals(4, t.units(blocks[0]));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void bitmapScanTakesTheNextNonEmptyListAndSplits(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, t.request(6));
        t.alloc(h, t.request(2));
        long b = t.alloc(h, t.request(9));
        t.alloc(h, t.request(2));
        t.free(h, a);
        t.free(h, b);
        assertEquals(List.of(6, 9), t.bits(h));

        long x = t.alloc(h, t.request(2));
        assertEquals(a, x, "FreeList[2] is empty: the scan finds FreeList[6] before FreeList[0]");
        assertEquals(2, t.units(x));
        long rest = a + t.g * 2L;
        assertEquals(List.of(rest), t.freeList(h, 4), "the 4-unit rest is a new free block");
        assertEquals(2, t.previousUnits(rest));
        assertEquals(List.of(4, 9), t.bits(h));

        long y = t.alloc(h, t.request(5));
        assertEquals(b, y, "FreeList[5] to [8] are empty: FreeList[9]");
        assertEquals(List.of(rest, b + t.g * 5L), t.freeList(h, 4));
        assertEquals(b + t.g * 5L, t.alloc(h, t.request(4)), "then the exact list's last entry");
        assertEquals(List.of(4), t.bits(h));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aOneUnitRemainderIsNotSplitOff(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, t.request(5));
        t.alloc(h, t.request(2));
        t.free(h, a);
        long x = t.alloc(h, t.request(4));
        assertEquals(a, x);
        assertEquals(5, t.units(x), "the 1-unit rest stays in the busy block");
        assertEquals(t.request(4), t.p.heapSize(h, 0, x));
        assertEquals(5 * t.g - t.request(4), t.unusedBytes(x), "UnusedBytes grows by one unit");
        assertTrue(t.freeList(h, 1).isEmpty());
        assertEquals(List.of(), t.bits(h));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void freeList0IsSortedAscendingAndGivesTheBestFit(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0x20000, 0);
        long a = t.alloc(h, t.request(130));
        t.alloc(h, t.request(2));
        long b = t.alloc(h, t.request(200));
        t.alloc(h, t.request(2));
        long c = t.alloc(h, t.request(150));
        t.alloc(h, t.request(2));
        t.free(h, a);
        t.free(h, b);
        t.free(h, c);
        List<Long> list0 = t.freeList(h, 0);
        assertEquals(List.of(a, c, b), list0.subList(0, 3), "ascending by size, whatever the order of the frees");
        List<Integer> sizes = t.freeListUnits(h, 0);
        assertEquals(List.of(130, 150, 200), sizes.subList(0, 3));
        assertTrue(sizes.get(3) > 200, "the big rest of the segment is last");
        assertEquals(List.of(), t.bits(h), "FreeList[0] has no bit");

        long x = t.alloc(h, t.request(140));
        assertEquals(c, x, "the first block at least as big: the best fit");
        assertEquals(List.of(c + t.g * 140L), t.freeList(h, 10), "the 10-unit rest goes to FreeList[10]");
        long y = t.alloc(h, t.request(129));
        assertEquals(a, y);
        assertEquals(130, t.units(y), "a 1-unit rest is not split off");
        long z = t.alloc(h, t.request(128));
        assertEquals(b, z);
        assertEquals(List.of(b + t.g * 128L), t.freeList(h, 72));
        assertEquals(List.of(10, 72), t.bits(h));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aSegmentCommitsMorePagesWhenNothingFits(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        HeapSegmentInfo before = t.info(h).segments().get(0);
        assertEquals(0x400L * arch.pointerSize(), before.committedBytes(),
            "HeapCreate(0, 0, 0) commits 0x400 pointers");
        assertEquals(0x10000 / AddressSpace.PAGE_SIZE, before.numberOfPages());
        long first = t.firstEntry(h);

        long a = t.alloc(h, 0x2000);
        assertEquals(first + t.g, a, "the new pages merge with the free block at the end");
        HeapInfo info = t.info(h);
        assertEquals(1, info.segments().size());
        HeapSegmentInfo after = info.segments().get(0);
        assertTrue(after.committedBytes() >= before.committedBytes() + 0x2000);
        assertTrue(after.uncommittedPages() < before.uncommittedPages());
        assertTrue(a + 0x2000 <= h + 0x10000);
        assertTrue(t.mem.isWritable(a + 0x1FFF));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aGrowableHeapAddsASegment(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        t.alloc(h, 0x2000);
        long b = t.alloc(h, 0xE000);
        HeapInfo info = t.info(h);
        assertEquals(2, info.segments().size(), "the first 64 KB cannot hold 0xE000 more");
        HeapSegmentInfo seg1 = info.segments().get(1);
        assertEquals(1, seg1.index());
        assertEquals(0, seg1.base() & 0xFFFF, "a segment is its own reservation");
        assertTrue(b < h || b >= h + 0x10000);
        assertEquals(seg1.firstEntry() + t.g, b);
        assertEquals(1, t.segmentOffset(b), "SegmentOffset is the segment's index");
        assertEquals(0xE000, t.p.heapSize(h, 0, b));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        t.free(h, b);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFixedHeapFailsWithNotEnoughMemory(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0x10000, 0x10000);
        assertEquals(0, t.info(h).flags() & HEAP_GROWABLE);
        List<Long> blocks = new ArrayList<>();
        long a;
        while ((a = t.p.heapAlloc(h, 0, 0x1000)) != 0) {
            blocks.add(a);
            assertTrue(blocks.size() < 16, "a 64 KB heap cannot hold 16 blocks of 4 KB");
        }
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());
        assertTrue(blocks.size() >= 13, "it held " + blocks.size());
        assertEquals(1, t.info(h).segments().size(), "a fixed heap never adds a segment");
        t.p.setLastError(0);
        assertEquals(0, t.p.heapAlloc(h, 0, 0x100000), "no virtual-alloc blocks in a fixed heap");
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFixedHeapHoldsAlmostItsWholeSize(Arch arch) {
        // heap-facts.md 1.11.11
        HeapHarness t = new HeapHarness(arch);
        long allocSize = 0x8000L * arch.pointerSize();
        long h = t.p.heapCreate(0, allocSize, allocSize);
        long fits = allocSize - (0x400 + 0x100L * arch.pointerSize());
        long a = t.alloc(h, fits);
        assertEquals(fits, t.p.heapSize(h, 0, a));
        t.free(h, a);
        t.p.setLastError(0);
        assertEquals(0, t.p.heapAlloc(h, 0, allocSize - (0x200 + 0x80L * arch.pointerSize())));
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());

        // heap-facts.md 1.11.12, second half: reserve 5 * alloc_size, commit 2 * alloc_size.
        long g = t.p.heapCreate(0, 2 * allocSize, 5 * allocSize);
        long b = t.alloc(g, allocSize);
        t.p.setLastError(0);
        assertEquals(0, t.p.heapAlloc(g, 0, 4 * allocSize));
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());
        t.free(g, b);
        long z = t.p.heapAlloc(g, HeapConstants.HEAP_ZERO_MEMORY, allocSize);
        long z2 = t.p.heapReAlloc(g, HeapConstants.HEAP_ZERO_MEMORY, z, 2 * allocSize);
        assertNotEquals(0, z2);
        assertEquals(z2, t.p.heapReAlloc(g, HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY, z2, allocSize * 3 / 2));
        assertEquals(z2, t.p.heapReAlloc(g, HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY, z2, 2 * allocSize));
        assertTrue(t.p.heapValidate(g, 0, 0), t.errors(g));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void blocksAboveTheThresholdGetTheirOwnRegion(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.getProcessHeap();
        // x86: 0xFE00 units of 8 = 0x7F000 bytes; x64: 0xFF000 bytes (heap-facts.md 1.6).
        long threshold = arch == Arch.X86 ? 0x7F000 : 0xFF000;
        int p = arch.pointerSize();
        long v = t.alloc(h, threshold);
        assertEquals(HEAP_ENTRY_BUSY | HEAP_ENTRY_EXTRA_PRESENT | HEAP_ENTRY_VIRTUAL_ALLOC, t.flags(v), "Flags 0x0b");
        assertEquals(0, v % (8L * p), "aligned to 8 pointers");
        assertNotEquals(0, v & (8L * p), "but not to 16 pointers");
        assertEquals(threshold, t.p.heapSize(h, 0, v), "HeapSize is exact");
        long base = v - t.l.virtualAllocEntry.size();
        assertEquals(base, t.mem.regionAt(v).base(), "the block's own VirtualAlloc region");
        assertEquals(0, base & 0xFFFF);
        assertTrue(t.mem.isWritable(v + threshold - 1));
        List<HeapBlock> virtualBlocks = t.info(h).virtualBlocks();
        assertEquals(1, virtualBlocks.size());
        assertEquals(v, virtualBlocks.get(0).user());
        assertEquals(threshold, virtualBlocks.get(0).requested());
        assertTrue(t.p.heapValidate(h, 0, v));

        long biggestNormal = threshold - t.g;
        long n = t.alloc(h, biggestNormal);
        assertEquals(0, t.flags(n) & HEAP_ENTRY_VIRTUAL_ALLOC, "the largest block that fits a segment");
        assertEquals(threshold / t.g, t.units(n), "HEAP_MAX_BLOCK_SIZE units");
        assertEquals(biggestNormal, t.p.heapSize(h, 0, n));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));

        t.free(h, v);
        assertNull(t.mem.regionAt(v), "HeapFree releases the region");
        assertTrue(t.info(h).virtualBlocks().isEmpty());
        t.free(h, n);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void lastEntryMovesWithTheEndOfTheSegment(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long first = t.firstEntry(h);
        assertEquals(HEAP_ENTRY_LAST_ENTRY, t.flags(first + t.g), "one free block, marked last");
        assertEquals(first, t.lastEntryInSegment(h, 0));

        long a = t.alloc(h, t.request(4));
        long tail = a + 4L * t.g;
        assertEquals(HEAP_ENTRY_BUSY, t.flags(a));
        assertEquals(HEAP_ENTRY_LAST_ENTRY, t.flags(tail), "the split rest inherits LAST_ENTRY");
        assertEquals(t.entry(tail), t.lastEntryInSegment(h, 0));

        int rest = t.units(tail);
        long b = t.alloc(h, t.request(rest));
        assertEquals(tail, b, "an exact fit of the last block");
        assertEquals(HEAP_ENTRY_BUSY | HEAP_ENTRY_LAST_ENTRY, t.flags(b));
        assertEquals(t.entry(b), t.lastEntryInSegment(h, 0));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));

        t.free(h, b);
        assertEquals(HEAP_ENTRY_LAST_ENTRY, t.flags(b));
        t.free(h, a);
        assertEquals(HEAP_ENTRY_LAST_ENTRY, t.flags(a), "merged with the last block: now last itself");
        assertEquals(t.entry(a), t.lastEntryInSegment(h, 0));

        long big = t.alloc(h, 0x3000);
        assertEquals(a, big, "growth merges the new pages into the last free block");
        long newTail = big + t.units(big) * (long) t.g;
        assertEquals(HEAP_ENTRY_LAST_ENTRY, t.flags(newTail));
        assertEquals(t.entry(newTail), t.lastEntryInSegment(h, 0));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @org.junit.jupiter.api.Test
    void x64DataNeverRunsPastTheLastBlockOfASegment() {
        // x64 data may end in the next header's first 8 bytes; the last block has no next header.
        HeapHarness t = new HeapHarness(Arch.X64);
        long h = t.p.heapCreate(0, 0, 0);
        long first = t.firstEntry(h) + t.g;
        int rest = t.units(first);
        long spill = rest * 16L - 8; // ALIGN16(spill + 8) is exactly the last block
        long a = t.alloc(h, spill);
        assertEquals(first, a);
        assertEquals(rest + 1, t.units(a), "one unit more, taken from newly committed pages");
        assertEquals(0, t.flags(a) & HEAP_ENTRY_LAST_ENTRY);
        t.mem.fill(a, spill, 0x42);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        t.free(h, a);

        long f = t.p.heapCreate(0, 0x10000, 0x10000);
        long fFirst = t.firstEntry(f) + t.g;
        int fRest = t.units(fFirst);
        assertEquals(0, t.p.heapAlloc(f, 0, fRest * 16L - 8), "a fixed heap has no page to add");
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());
        long b = t.alloc(f, fRest * 16L - 16);
        assertEquals(HEAP_ENTRY_BUSY | HEAP_ENTRY_LAST_ENTRY, t.flags(b), "the exact fit without overlap is fine");
        assertEquals(0, t.p.heapReAlloc(f, HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY, b, fRest * 16L - 8),
            "nor can the last block grow into the 8 bytes past its end");
        assertEquals(fRest * 16L - 16, t.p.heapSize(f, 0, b));
        t.free(f, b);

        long c = t.alloc(f, 0x100);
        int tail = t.units(c + t.units(c) * 16L);
        assertEquals(0, t.p.heapReAlloc(f, HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY, c,
            (t.units(c) + tail) * 16L - 8), "growing into the whole last block");
        assertEquals(c, t.p.heapReAlloc(f, HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY, c,
            (t.units(c) + tail) * 16L - 16));
        assertTrue(t.p.heapValidate(f, 0, 0), t.errors(f));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void largeBlocksAreAlignedToTwoPointersButNotFour(Arch arch) {
        // heap-facts.md 1.11.6
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long allocSize = 0x8000L * arch.pointerSize();
        int twoP = 2 * arch.pointerSize();
        long align = 0;
        for (int i = 0; i < 128; i++) {
            long a = t.alloc(h, allocSize);
            assertEquals(allocSize, t.p.heapSize(h, 0, a));
            align |= a;
        }
        assertEquals(0, align & (twoP - 1));
        assertNotEquals(0, align & twoP);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }
}
