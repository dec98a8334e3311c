package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LfhHeaps;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AccessViolation;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order of a heap call's reads and writes when the heap is damaged: a fault stops the run there, and the views
 * show memory as the call left it, so which address faults and what was written before it are part of the behaviour.
 */
class DamagedHeapOrderTest {
    private static Process process() {
        return new Process(new ProcessConfig(Arch.X86, 0, "demo.exe", "off", "full"));
    }

    /** An x86 process whose heap h has the LFH and one 0x20-byte chunk, with its UserBlocks and its bucket's slots. */
    private record LfhCase(Process p, AddressSpace m, long h, long ub, long slot, long active) {
        static LfhCase make() {
            Process p = process();
            long h = LfhHeaps.create(p);
            long ub = p.heaps().lfh().chunkAt(h, p.heapAlloc(h, 0, 0x20)).userBlocks();
            long lfh = p.heaps().lfh().structure(h);
            int bucket = LowFragmentationHeap.bucketOf(0x20);
            return new LfhCase(p, p.memory(), h, ub, lfh + (bucket - 1) * 4L,
                lfh + (LowFragmentationHeap.BUCKETS + bucket - 1) * 4L);
        }
    }

    /** A corrupted UserBlocks Next link: which address does the access violation name? */
    @Test
    void lfhBadNextLinkFaultAddress() {
        LfhCase c = LfhCase.make();
        c.m().writeU32(c.ub() + 4 + 12, c.m().readU16(c.ub() + 4 + 6)); // BusyCount = ChunkCount: "full"
        c.m().writeU32(c.ub(), 0x41414000L);                            // Next -> unmapped
        AccessViolation av = assertThrows(AccessViolation.class, () -> c.p().heapAlloc(c.h(), 0, 0x20));
        assertEquals(0x41414000L + 4 + 12, av.address(), "a UserBlocks' room is read BusyCount first");
    }

    /** take faults (corrupted ChunkStride) on a UserBlocks found by the list walk: is the active pointer set? */
    @Test
    void lfhActivePointerWhenTakeFaults() {
        LfhCase c = LfhCase.make();
        assertEquals(c.ub(), c.m().readU32(c.active()));
        c.m().writeU32(c.active(), 0);                 // no active UserBlocks: the list walk finds ub
        c.m().writeU32(c.ub() + 4 + 8, 0x10000000L);  // ChunkStride corrupted: the chunk header write faults
        assertThrows(AccessViolation.class, () -> c.p().heapAlloc(c.h(), 0, 0x20));
        assertEquals(c.ub(), c.m().readU32(c.active()), "the active pointer is written before the chunk is taken");
    }

    /**
     * A damaged slot list leads to a "UserBlocks" whose BusyCount is the bucket's active pointer: writing that
     * UserBlocks as active changes the BusyCount the take then reads, and the take goes on as it did.
     */
    @Test
    void aTakeReadsBusyCountAfterTheActivePointerIsWritten() {
        LfhCase c = LfhCase.make();
        long fake = c.active() - 16; // fake + BusyCount (x86: 16) is the active pointer
        c.m().writeU32(c.active(), 0);
        c.m().writeU32(c.slot(), fake);
        c.m().writeU16(fake + 10, 8); // ChunkCount 8
        assertEquals(fake + 48, c.p().heapAlloc(c.h(), 0, 0x20), "a chunk of the fake UserBlocks");
        assertEquals(fake + 1, c.m().readU32(c.active()), "BusyCount + 1, written over the active pointer");
    }

    /** The unlink in splitOff's coalesce writes over the next block's header (Blink = &next.Size). */
    @Test
    void splitOffRereadsNextHeaderAfterUnlink() {
        Process p = process();
        AddressSpace m = p.memory();
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0x100);
        long b = p.heapAlloc(h, 0, 0x100);
        long c = p.heapAlloc(h, 0, 0x100);
        assertTrue(p.heapFree(h, 0, b));        // N = b - 8, free, between two busy blocks
        long n = b - 8;
        m.writeU32(b + 4, n);                   // N.Blink = N's header: the unlink writes Flink over Size/Flags
        // Size and Flags are read again after the unlink (0x0280 units from the list head's address), so the
        // PreviousSize write lands in uncommitted memory
        assertThrows(AccessViolation.class, () -> p.heapReAlloc(h, 0, a, 0x10));
    }

    /** splitOff's setPreviousSize faults (coalesced Size runs into uncommitted memory): is the header written? */
    @Test
    void splitOffHeaderWrittenBeforeSetPreviousSizeFaults() {
        Process p = process();
        AddressSpace m = p.memory();
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0x100);
        long n = a - 8 + 0x108;                 // the free LAST_ENTRY block after a
        assertEquals(0, m.readByte(n + 2) & HeapConstants.HEAP_ENTRY_BUSY);
        long u = n & ~0xFFFL;
        while (m.isCommitted(u)) {
            u += 0x1000;
        }
        int units = (int) ((u + 0x100 - n) / 8);
        m.writeU16(n, units);                   // Size runs into the uncommitted range
        m.writeByte(n + 2, 0);                  // not LAST_ENTRY
        long at = a - 8 + 3 * 8;
        long before = m.readU64(at);
        assertThrows(AccessViolation.class, () -> p.heapReAlloc(h, 0, a, 0x10));
        assertNotEquals(before, m.readU64(at), "the split-off block's header is written before the next block's PreviousSize");
    }
}
