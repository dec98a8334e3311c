package heaplab.engine.nt;

import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_BUSY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_FILL_PATTERN;
import static heaplab.engine.nt.HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY;
import static heaplab.engine.nt.HeapConstants.HEAP_ZERO_MEMORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header bytes, block spacing and the debug fills (heap-facts.md 1.1, 1.8, 1.11.8, 1.11.20, 1.11.21). */
class NtHeapLayoutTest {
    private static final long FLG_HEAP_ENABLE_TAIL_CHECK = 0x10;
    private static final long FLG_HEAP_ENABLE_FREE_CHECK = 0x20;

    @Test
    void x86HeaderFieldsAtTheirOffsets() {
        HeapHarness t = new HeapHarness(Arch.X86);
        assertEquals(8, t.l.heapEntry.size());
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x20);
        long b = t.alloc(h, 0x13);
        long e = a - 8;
        assertEquals(5, t.mem.readU16(e), "Size at +0: 0x28 bytes = 5 units");
        assertEquals(HEAP_ENTRY_BUSY, t.mem.readByte(e + 2), "Flags at +2");
        assertEquals(t.l.segmentBlockSize / 8, t.mem.readU16(e + 4), "PreviousSize at +4: the segment's block");
        assertEquals(0, t.mem.readByte(e + 6), "SegmentOffset at +6");
        assertEquals(8, t.mem.readByte(e + 7), "UnusedBytes at +7: 0x28 - 0x20");
        long f = b - 8;
        assertEquals(a + 0x28, b);
        assertEquals(4, t.mem.readU16(f), "0x13 + 8 rounds up to 0x20");
        assertEquals(5, t.mem.readU16(f + 4), "PreviousSize is a's Size");
        assertEquals(0x20 - 0x13, t.mem.readByte(f + 7));
    }

    @Test
    void x64HeaderFieldsAtTheirOffsets() {
        HeapHarness t = new HeapHarness(Arch.X64);
        assertEquals(16, t.l.heapEntry.size());
        assertEquals(8, t.l.entrySize);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x20);
        long b = t.alloc(h, 0x40);
        long e = a - 16;
        assertEquals(3, t.mem.readU16(e + 8), "Size at +8: 0x30 bytes = 3 units");
        assertEquals(HEAP_ENTRY_BUSY, t.mem.readByte(e + 0xA), "Flags at +0xa");
        assertEquals(t.l.segmentBlockSize / 16, t.mem.readU16(e + 0xC), "PreviousSize at +0xc");
        assertEquals(0, t.mem.readByte(e + 0xE), "SegmentOffset at +0xe");
        assertEquals(0x10, t.mem.readByte(e + 0xF), "UnusedBytes at +0xf: 0x30 - 0x20");
        long f = b - 16;
        assertEquals(a + 0x30, b);
        assertEquals(5, t.mem.readU16(f + 8));
        assertEquals(3, t.mem.readU16(f + 0xC), "PreviousSize is a's Size");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void segmentOffsetOfABlockInTheSecondSegment(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long big = t.alloc(h, 0x10000);
        int off = arch == Arch.X86 ? 6 : 0xE;
        assertEquals(1, t.mem.readByte(big - t.g + off));
        long segment1 = t.segment(h, 1);
        assertEquals(segment1 + t.l.segmentBlockSize, big - t.g, "the first block after the segment's header");
    }

    private static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    /** heap-facts.md 1.11.8: ALIGN(max(s, 2p) + extra, 2p) between consecutive blocks of size s. */
    private static void checkSpacing(Arch arch, long globalFlags, long extra, int tail) {
        HeapHarness t = new HeapHarness(arch, globalFlags);
        int twoP = 2 * arch.pointerSize();
        long h = t.p.heapCreate(0, 0, 0);
        long[] sizes = new long[0x140 + 6];
        for (int s = 0; s < 0x140; s++) {
            sizes[s] = s;
        }
        long[] more = {0x3E8, 0x7D0, 0xFA0, 0x1F40, 0x3E7F, 0x7D01};
        System.arraycopy(more, 0, sizes, 0x140, more.length);
        for (long s : sizes) {
            long p0 = t.p.heapAlloc(h, HEAP_ZERO_MEMORY, s);
            long p1 = t.p.heapAlloc(h, HEAP_ZERO_MEMORY, s);
            long p2 = t.p.heapAlloc(h, HEAP_ZERO_MEMORY, s);
            long expected = align(Math.max(s, twoP) + extra, twoP);
            long diff = Math.min(Math.abs(p2 - p1), Math.abs(p1 - p0));
            assertEquals(expected, diff, arch + " size " + Long.toHexString(s));
            assertEquals(0, (p0 | p1 | p2) & (twoP - 1), "aligned to 2 pointers");
            for (long p : new long[] {p0, p1, p2}) {
                assertEquals(s, t.p.heapSize(h, 0, p));
                for (int i = 0; i < tail; i++) {
                    assertEquals(0xAB, t.mem.readByte(p + s + i), "tail byte " + i + " of size " + s);
                }
            }
            t.free(h, p2);
            t.free(h, p1);
            t.free(h, p0);
        }
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void spacingOfConsecutiveSmallAllocations(Arch arch) {
        checkSpacing(arch, 0, 8, 0);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void spacingWithTailChecking(Arch arch) {
        int twoP = 2 * arch.pointerSize();
        checkSpacing(arch, FLG_HEAP_ENABLE_TAIL_CHECK, 2L * twoP, arch.granularity());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void spacingWithFreeChecking(Arch arch) {
        checkSpacing(arch, FLG_HEAP_ENABLE_FREE_CHECK, 2L * arch.pointerSize(), 0);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void tailCheckingFillsAndChecksTheTail(Arch arch) {
        HeapHarness t = new HeapHarness(arch, FLG_HEAP_ENABLE_TAIL_CHECK);
        long h = t.p.heapCreate(0, 0, 0);
        assertTrue((t.info(h).flags() & HeapConstants.HEAP_TAIL_CHECKING_ENABLED) != 0);
        assertTrue((t.info(t.p.getProcessHeap()).flags() & HeapConstants.HEAP_TAIL_CHECKING_ENABLED) != 0);
        long a = t.p.heapAlloc(h, HEAP_ZERO_MEMORY, 17);
        assertEquals(HEAP_ENTRY_BUSY | HEAP_ENTRY_FILL_PATTERN, t.flags(a), "FILL_PATTERN marks a tail");
        for (int i = 0; i < t.g; i++) {
            assertEquals(0xAB, t.mem.readByte(a + 17 + i));
        }
        assertTrue(t.p.heapValidate(h, 0, a));
        t.mem.writeByte(a + 17, 0);
        assertFalse(t.p.heapValidate(h, 0, a), "a damaged tail");
        assertFalse(t.p.heapValidate(h, 0, 0));
        t.mem.writeByte(a + 17, 0xAB);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));

        assertEquals(a, t.p.heapReAlloc(h, HEAP_REALLOC_IN_PLACE_ONLY, a, 14));
        for (int i = 0; i < t.g; i++) {
            assertEquals(0xAB, t.mem.readByte(a + 14 + i), "the tail moves with a shrink");
        }

        // No tail on virtual-alloc blocks (heap-facts.md 1.11.7).
        long v = t.alloc(h, 0x200000);
        assertEquals(0, t.mem.readByte(v + 0x200000));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void freeCheckingFillsFreeAndFreshBlocks(Arch arch) {
        HeapHarness t = new HeapHarness(arch, FLG_HEAP_ENABLE_FREE_CHECK);
        int p = arch.pointerSize();
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 37);
        for (int i = 0; i < 36; i += 4) {
            assertEquals(0xBAADF00DL, t.mem.readU32(a + i), "fresh busy data at +" + i);
        }
        long z = t.p.heapAlloc(h, HEAP_ZERO_MEMORY, 37);
        for (int i = 0; i < 37; i++) {
            assertEquals(0, t.mem.readByte(z + i), "HEAP_ZERO_MEMORY wins");
        }
        t.free(h, a);
        assertEquals(HEAP_ENTRY_FILL_PATTERN, t.flags(a), "free, FILL_PATTERN");
        long end = a - t.g + t.units(a) * (long) t.g;
        for (long q = a + 2L * p; q < end; q += 4) {
            assertEquals(0xFEEEFEEEL, t.mem.readU32(q), "free body at +" + (q - a));
        }
        assertEquals(0xFEEEFEEEL, t.mem.readU32(a + 16), "p[16..19] = EE FE EE FE");
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        t.mem.writeByte(a + 16, 0);
        assertFalse(t.p.heapValidate(h, 0, 0), "a write into a free block is found");
        t.mem.writeByte(a + 16, 0xEE);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));

        long tail = t.freeList(h, 0).get(0);
        assertEquals(HeapConstants.HEAP_ENTRY_LAST_ENTRY | HEAP_ENTRY_FILL_PATTERN, t.flags(tail));
        assertEquals(0xFEEEFEEEL, t.mem.readU32(tail + 2L * p), "the segment's free end is filled too");
        t.free(h, z);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }
}
