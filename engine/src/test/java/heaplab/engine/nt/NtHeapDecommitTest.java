package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_LAST_ENTRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decommit on free (heap-facts.md 1.5) and committing the hole again (1.4, extend heap). */
class NtHeapDecommitTest {
    private static final int PAGE = AddressSpace.PAGE_SIZE;

    private static HeapSegmentInfo segment0(HeapHarness t, long h) {
        return t.info(h).segments().get(0);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aBigFreeDecommitsTheWholePagesInsideTheBlock(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0x1000, 0x100000); // one segment of 1 MB, committed as needed
        t.alloc(h, t.request(3));
        long big = t.alloc(h, 0x12000);
        long guard = t.alloc(h, t.request(2));
        long entry = t.entry(big);
        long end = entry + (long) t.units(big) * t.g;
        long uncommittedBefore = segment0(t, h).uncommittedPages();

        t.free(h, big);

        long holeStart = AddressSpace.alignUp(entry, PAGE);
        if (holeStart - entry < 2L * t.g) {
            holeStart += PAGE;
        }
        long holeEnd = AddressSpace.alignDown(end, PAGE);
        if (end - holeEnd == t.g) {
            holeEnd -= PAGE;
        }
        assertTrue(holeEnd - holeStart >= 0x10000);
        assertFalse(t.mem.isCommitted(holeStart));
        assertFalse(t.mem.isCommitted(holeEnd - 1));
        assertTrue(t.mem.isCommitted(holeStart - 1));
        int leading = (int) ((holeStart - entry) / t.g);
        int trailing = (int) ((end - holeEnd) / t.g);
        assertEquals(leading, t.units(big), "the fragment before the hole stays a free block");
        assertEquals(HEAP_ENTRY_LAST_ENTRY, t.flags(big), "it is followed by an uncommitted range");
        if (trailing > 0) {
            long after = holeEnd + t.g;
            assertEquals(trailing, t.units(after));
            assertEquals(0, t.previousUnits(after), "the block after an uncommitted range has PreviousSize 0");
            assertEquals(0, t.flags(after));
            assertEquals(trailing, t.previousUnits(guard));
            assertTrue(t.freeListUnits(h, 0).contains(trailing) || t.bit(h, trailing));
        } else {
            assertEquals(holeEnd, t.entry(guard));
            assertEquals(0, t.previousUnits(guard));
        }
        HeapSegmentInfo seg = segment0(t, h);
        assertEquals(uncommittedBefore + (holeEnd - holeStart) / PAGE, seg.uncommittedPages());
        assertTrue(seg.uncommitted().contains(new HeapSegmentInfo.UncommittedRange(holeStart, holeEnd - holeStart)));
        long segAddr = t.segment(h, 0);
        assertEquals(2, t.mem.readU32(segAddr + t.l.segNumberOfUnCommittedRanges));
        long largest = Math.max(holeEnd - holeStart,
            seg.uncommitted().stream().mapToLong(HeapSegmentInfo.UncommittedRange::size).max().orElse(0));
        assertEquals(largest, t.mem.readPtr(segAddr + t.l.segLargestUnCommittedRange));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        assertTrue(t.p.heapValidate(h, 0, guard), "the block after the hole is a valid busy block");
        assertEquals(t.request(2), t.p.heapSize(h, 0, guard));

        // an allocation that fits in the hole commits its first pages again, merged with the fragment before it
        long again = t.alloc(h, 0x8000);
        assertEquals(big, again, "first fit by address: the hole, merged with the free fragment before it");
        assertTrue(t.mem.isCommitted(holeStart));
        assertTrue(t.mem.isCommitted(again + 0x8000 - 1));
        assertEquals(List.of(), t.p.heaps().validationErrors(h));
        t.mem.fill(again, 0x8000, 0x42);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        t.free(h, again);
        t.free(h, guard);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void belowTheThresholdsNothingIsDecommitted(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        t.alloc(h, t.request(3));
        long big = t.alloc(h, 0x3000);
        t.alloc(h, t.request(2));
        long uncommittedBefore = segment0(t, h).uncommittedPages();
        t.free(h, big);
        assertEquals(uncommittedBefore, segment0(t, h).uncommittedPages(), "TotalFreeSize stays below 64 KB");
        assertEquals(0, t.flags(big) & HEAP_ENTRY_LAST_ENTRY);
        assertEquals(t.units(big) * (long) t.g, t.p.heapCompact(h, 0));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }
}
