package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeapWalk over a PROCESS_HEAP_ENTRY in simulated memory: heap-facts.md 1.11.13 to 1.11.15. */
class NtHeapWalkTest {
    private static final int REGION = 0x1;
    private static final int UNCOMMITTED = 0x2;
    private static final int BUSY = 0x4;

    /** A PROCESS_HEAP_ENTRY as read back from memory, at Windows' offsets for the architecture. */
    private record Entry(long lpData, long cbData, int cbOverhead, int iRegionIndex, int wFlags, long committed,
                         long uncommitted, long firstBlock, long lastBlock) {
    }

    /** A heap walk: the entry lives in a committed page of its own. */
    private static final class Walk {
        final HeapHarness t;
        final long at;
        final int p;

        Walk(HeapHarness t) {
            this.t = t;
            this.p = t.arch.pointerSize();
            this.at = t.p.virtualAlloc(0, 0x1000, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
                Protection.PAGE_READWRITE);
        }

        /** Every entry from lpData = NULL (the rest of the structure 0xCD, as Wine's test leaves it) to the end. */
        List<Entry> all(long heap) {
            t.mem.fill(at, 8 * p, 0xCD);
            t.mem.writePtr(at, 0);
            List<Entry> out = new ArrayList<>();
            t.p.setLastError(0xDEADBEEF);
            while (t.p.heapWalk(heap, at)) {
                out.add(read());
                assertTrue(out.size() < 1000, "the walk ends");
            }
            assertEquals(HeapConstants.ERROR_NO_MORE_ITEMS, t.p.lastError());
            return out;
        }

        Entry read() {
            long u = p + 8;
            return new Entry(t.mem.readPtr(at), t.mem.readU32(at + p), t.mem.readByte(at + p + 4),
                t.mem.readByte(at + p + 5), t.mem.readU16(at + p + 6), t.mem.readU32(at + u), t.mem.readU32(at + u + 4),
                t.mem.readPtr(at + u + 8), t.mem.readPtr(at + u + 8 + p));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void item13AFreshHeapIsARegionAFreeBlockAndAnUncommittedRange(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        int p = arch.pointerSize();
        long h = t.p.heapCreate(0, 0, 0);
        List<Entry> entries = new Walk(t).all(h);
        assertEquals(3, entries.size(), entries.toString());

        Entry region = entries.get(0);
        assertEquals(REGION, region.wFlags());
        assertEquals(h, region.lpData());
        assertTrue(region.cbData() > 0 && region.cbData() <= 0x1000, "cbData " + region.cbData());
        assertEquals(0, region.cbOverhead());
        assertEquals(0, region.iRegionIndex());
        assertEquals(0x400L * p, region.committed());
        assertEquals(0x10000 - region.committed(), region.uncommitted());
        assertEquals(region.lpData() + region.cbData() + 2L * p, region.firstBlock());

        Entry free = entries.get(1);
        assertEquals(0, free.wFlags());
        assertNotEquals(0, free.lpData());
        assertNotEquals(0, free.cbData());
        assertNotEquals(0, free.cbOverhead());
        assertEquals(0, free.iRegionIndex());
        assertEquals(region.firstBlock(), free.lpData(), "the first block's data");

        Entry range = entries.get(2);
        assertEquals(UNCOMMITTED, range.wFlags());
        assertEquals(region.lpData() + region.committed(), range.lpData());
        assertEquals(free.lpData() + free.cbData() + 2L * free.cbOverhead(), range.lpData());
        assertEquals(region.uncommitted(), range.cbData(), "the whole range, as Windows 7 reports it");
        assertEquals(0, range.cbOverhead());
        assertEquals(0, range.iRegionIndex());
        assertEquals(range.lpData() + range.cbData(), region.lastBlock());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void item14ABusyBlockShowsItsRequestedSize(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        int p = arch.pointerSize();
        long h = t.p.heapCreate(0, 0, 0);
        Walk walk = new Walk(t);
        List<Entry> before = walk.all(h);
        long a = t.p.heapAlloc(h, HeapConstants.HEAP_ZERO_MEMORY, 123);
        List<Entry> entries = walk.all(h);
        assertEquals(4, entries.size(), entries.toString());
        assertEquals(before.get(0), entries.get(0), "the region entry does not change");

        Entry busy = entries.get(1);
        assertEquals(BUSY, busy.wFlags());
        assertEquals(a, busy.lpData());
        assertEquals(123, busy.cbData());
        assertNotEquals(0, busy.cbOverhead());
        assertEquals(0, busy.iRegionIndex());

        Entry free = entries.get(2);
        assertEquals(0, free.wFlags());
        assertEquals(busy.lpData() + busy.cbData() + busy.cbOverhead() + 2L * p, free.lpData());
        assertNotEquals(0, free.cbData());
        assertNotEquals(0, free.cbOverhead());

        Entry range = entries.get(3);
        assertEquals(UNCOMMITTED, range.wFlags());
        assertEquals(free.lpData() + free.cbData() + 2L * free.cbOverhead(), range.lpData());
        assertEquals(entries.get(0).lpData() + entries.get(0).committed(), range.lpData());

        long b = t.p.heapAlloc(h, HeapConstants.HEAP_ZERO_MEMORY, 456);
        entries = walk.all(h);
        assertEquals(5, entries.size(), entries.toString());
        assertEquals(BUSY, entries.get(2).wFlags());
        assertEquals(b, entries.get(2).lpData());
        assertEquals(456, entries.get(2).cbData());
        if (arch == Arch.X86) {
            assertEquals(entries.get(2).lpData() + entries.get(2).cbData() + entries.get(2).cbOverhead() + 2L * p,
                entries.get(3).lpData());
        } else {
            // 1.11.8's x64 spacing puts 456 bytes in a 0x1D0-byte block, its last 8 in the next header: 1.11.14's
            // relation would need a negative cbOverhead, which is 0 here (the two facts disagree on x64).
            assertEquals(0, entries.get(2).cbOverhead());
            assertEquals(entries.get(2).lpData() + 0x1D0, entries.get(3).lpData());
        }
        t.free(h, b);
        t.free(h, a);
        assertEquals(before, walk.all(h), "freeing both gives the fresh heap's walk back");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void item15LargeBlocksComeLastWithRegionIndex64(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long allocSize = 0x8000L * arch.pointerSize();
        long h = t.p.heapCreate(0, 0, 0);
        Walk walk = new Walk(t);
        List<Entry> fresh = walk.all(h);
        long big = t.p.heapAlloc(h, HeapConstants.HEAP_ZERO_MEMORY, 5 * allocSize);
        List<Entry> entries = walk.all(h);
        assertEquals(4, entries.size(), entries.toString());
        assertEquals(fresh, entries.subList(0, 3), "the segment's entries come first, unchanged");
        Entry large = entries.get(3);
        assertEquals(BUSY, large.wFlags(), "Windows 10 (Windows 7 adds PROCESS_HEAP_ENTRY_DDESHARE)");
        assertEquals(big, large.lpData());
        assertEquals(5 * allocSize, large.cbData());
        assertEquals(0, large.cbOverhead());
        assertEquals(64, large.iRegionIndex());

        long second = t.p.heapAlloc(h, HeapConstants.HEAP_ZERO_MEMORY, 5 * allocSize);
        entries = walk.all(h);
        assertEquals(5, entries.size());
        assertEquals(large, entries.get(3));
        assertEquals(second, entries.get(4).lpData());
        assertEquals(64, entries.get(4).iRegionIndex());
        t.free(h, second);
        t.free(h, big);
        assertEquals(fresh, walk.all(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aWalkCoversEverySegmentAndEndsWithNoMoreItems(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        t.alloc(h, 0x20);
        long grown = t.alloc(h, 0x20000); // does not fit the first 64 KB segment
        List<Entry> entries = new Walk(t).all(h);
        List<Entry> regions = entries.stream().filter(e -> e.wFlags() == REGION).toList();
        assertEquals(t.info(h).segments().size(), regions.size());
        assertTrue(regions.size() >= 2);
        assertEquals(1, regions.get(1).iRegionIndex());
        assertTrue(entries.stream().anyMatch(e -> e.lpData() == grown && e.iRegionIndex() == 1 && e.wFlags() == BUSY));
        Walk walk = new Walk(t);
        walk.all(h);
        t.p.setLastError(0);
        assertFalse(t.p.heapWalk(h, walk.at), "a finished walk stays finished");
        assertEquals(HeapConstants.ERROR_NO_MORE_ITEMS, t.p.lastError());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aBadHandleOrAStaleEntryFails(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        Walk walk = new Walk(t);
        assertFalse(t.p.heapWalk(t.p.imageBase(), walk.at));
        assertEquals(HeapConstants.ERROR_INVALID_HANDLE, t.p.lastError());
        long h = t.p.heapCreate(0, 0, 0);
        t.mem.writePtr(walk.at, t.p.imageBase());
        assertFalse(t.p.heapWalk(h, walk.at), "an lpData that is no entry of the heap");
        assertEquals(HeapConstants.ERROR_INVALID_PARAMETER, t.p.lastError());
    }
}
