package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memos of fields only the heap code writes (TotalFreeSize, a segment's uncommitted counts) give way to memory
 * after a restore (a step back) and after a debugger's write of the field, as Windows reads the field every time.
 */
class HeapMemoRestoreTest {

    private static long totalFree(HeapHarness t, long h) {
        return t.mem.readPtr(h + t.l.heapTotalFreeSize);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void totalFreeSizeAfterARestoreAndAfterADebuggersWrite(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x40);
        long b = t.alloc(h, 0x40);
        t.alloc(h, 0x40);
        t.free(h, a);
        assertTrue(t.mem.untouched(), "the memos are in use");
        Process.Snapshot before = t.p.snapshot();
        t.free(h, b);
        long after = totalFree(t, h);
        t.p.restore(before);
        t.free(h, b);
        assertEquals(after, totalFree(t, h), "the same free after a step back gives the same TotalFreeSize");

        t.p.restore(before);
        long poked = totalFree(t, h) + 0x100;
        byte[] bytes = new byte[arch.pointerSize()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (poked >>> (8 * i));
        }
        t.mem.poke(h + t.l.heapTotalFreeSize, bytes); // ed: a debugger's write
        t.free(h, b);
        assertEquals(after + 0x100, totalFree(t, h), "the free adds to what memory holds, not to a memo");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anExtensionReadsTheUncommittedPagesADebuggerWrote(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(HeapConstants.HEAP_GROWABLE, 0, 0);
        t.alloc(h, 0x40);
        long seg = t.info(h).segments().get(0).address();
        Process.Snapshot start = t.p.snapshot();
        t.alloc(h, 0x4000);
        assertEquals(1, t.info(h).segments().size(), "the segment's uncommitted pages take the block");
        t.p.restore(start);
        t.mem.poke(seg + t.l.segNumberOfUnCommittedPages, new byte[4]); // ed seg+NumberOfUnCommittedPages 0
        t.alloc(h, 0x4000);
        assertEquals(2, t.info(h).segments().size(), "a segment that says it has no uncommitted page is skipped");
    }

    /**
     * An allocation whose extension faults on a damaged free list leaves nothing behind for a later heap operation
     * after a step back: the next new heap links its free block into list 0 as a twin process that never faulted does
     * (the extension's hand-over of its block to the allocation applies to that allocation only).
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void anExtensionThatFaultedLeavesNoHandOverForTheNextHeap(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        HeapHarness twin = new HeapHarness(arch);
        Process.Snapshot start = t.p.snapshot();
        long h = t.p.heapCreate(HeapConstants.HEAP_GROWABLE, 0, 0);
        t.alloc(h, 0x40);
        long head = h + t.l.freeListHead(0);
        long top = t.mem.readPtr(head + t.l.p); // list 0's Blink: the segment's top free block
        t.mem.writePtr(top, 0x41414140L); // its Flink and Blink overwritten by the program
        t.mem.writePtr(top + t.l.p, 0x41414140L);
        assertFalse(t.mem.untouched());
        assertThrows(ProcessFault.class, () -> t.p.heapAlloc(h, 0, 0x3000), "the unlink through the links faults");
        t.p.restore(start);
        assertTrue(t.mem.untouched(), "the step back undid the program's write");
        long made = t.p.heapCreate(0, 0x10000, 0);
        long twinMade = twin.p.heapCreate(0, 0x10000, 0);
        assertEquals(twinMade, made);
        assertEquals(twin.freeListUnits(twinMade, 0), t.freeListUnits(made, 0));
        assertEquals(totalFree(twin, twinMade), totalFree(t, made));
        new TwinProcesses(t.p, twin.p).assertSameMemory();
    }
}
