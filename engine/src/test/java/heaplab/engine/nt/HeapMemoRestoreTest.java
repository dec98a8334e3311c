package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
