package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Golden outputs of {@code !heap -s}, checked against the observed specimens of heap-facts.md 5.3, then frozen. */
class HeapSummaryGoldenTest {

    /** heap-facts 5.3, x86 header; no global flags, so no debugging-aids lines. */
    @Test
    void summaryX86() {
        assertEquals(
            """
            LFH Key                   : 0x5d3c8f1a
            Termination on corruption : DISABLED
              Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock  Fast\s
                                (k)     (k)    (k)     (k) length      blocks cont. heap\s
            -----------------------------------------------------------------------------
            00140000 00000002    1024      4   1024      2     1     1    0      0     \s
            00240000 00001002      64      4     64      2     2     1    0      0     \s
            -----------------------------------------------------------------------------
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "!heap -s"));
    }

    /** x64: the heap column and the rules are 8 characters wider. */
    @Test
    void summaryX64() {
        assertEquals(
            """
            LFH Key                   : 0x6e2f4a9c17b35d08
            Termination on corruption : ENABLED
                      Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock  Fast\s
                                        (k)     (k)    (k)     (k) length      blocks cont. heap\s
            -------------------------------------------------------------------------------------
            000001d000000000 00000002    1024      8   1024      5     1     1    0      0     \s
            000001d000100000 00001002      64      8     64      5     2     1    0      0     \s
            -------------------------------------------------------------------------------------
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "!heap -s"));
    }

    @Test
    void summaryWithDebuggingAidsAndVirtualBlockX86() {
        assertEquals(
            """
            NtGlobalFlag enables following debugging aids for new heaps:
                tail checking
                free checking
                validate parameters
            LFH Key                   : 0x5d3c8f1a
            Termination on corruption : DISABLED
              Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock  Fast\s
                                (k)     (k)    (k)     (k) length      blocks cont. heap\s
            -----------------------------------------------------------------------------
            00140000 40000062    1024      4   1024      2     1     1    0      0     \s
            Virtual block: 00250000 - 00351000 (size 00101000)
            00240000 40001062      64      4     64      2     2     1    1      0     \s
            -----------------------------------------------------------------------------
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0x70), "!heap -s"));
    }

    /**
     * {@code !heap -s <heap>}: the detail form of heap-facts 5.3. Free space 5 KB in 2 blocks, the largest holding all
     * but 1%; 8 KB of 64 committed; the 0x100000-byte request's virtual block commits 0x101000 bytes (1028 KB).
     */
    @Test
    void summaryOfOneHeapX64() {
        assertEquals(
            """
            0: Heap 000001d000100000
               Flags          08001002 - HEAP_GROWABLE
               Reserved memory in segments              64 (k)
               Commited memory in segments              8 (k)
               Virtual bytes (correction for large UCR) 64 (k)
               Free space                               5 (k) (2 blocks)
               External fragmentation          1% (2 free blocks)
               Virtual address fragmentation   87% (1 uncommited ranges)
               Virtual blocks  1 - total 1028 KBytes
               Lock contention 0
               Segments        1
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X64, 0x1000), "!heap -s h"));
    }

    /** The detail form names each of the heap's flags, the validation ones last, as {@code !heap -p -h} does. */
    @Test
    void summaryOfOneHeapNamesItsFlagsX86() {
        String out = out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0x70), "!heap -s h");
        assertEquals("0: Heap 00240000\n   Flags          40001062 - HEAP_GROWABLE HEAP_TAIL_CHECKING_ENABLED"
            + " HEAP_FREE_CHECKING_ENABLED HEAP_VALIDATE_PARAMETERS_ENABLED\n", out.lines().limit(2)
            .map(l -> l + "\n").reduce("", String::concat));
        assertEquals("   Virtual blocks  1 - total 1028 KBytes", out.lines().skip(8).findFirst().orElseThrow());
    }

    /** The row layout reproduces observed rows exactly (with LFH blank, as HeapLab has no LFH yet). */
    @Test
    void rowColumnsMatchObservedSpecimens() {
        String row = String.format("%s %08x %7d %6d %6d %6d %5d %5d %4d %6x      ", "00010000", 0x8000, 64, 12, 64, 10,
            1, 1, 0, 0);
        assertEquals("00010000 00008000      64     12     64     10     1     1    0      0      ", row);
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        String summary = out(p, "!heap -s");
        assertEquals(HeapSummaryFormatter.row(Arch.X86, p.heaps().read(p.readVariable("h"))),
            summary.lines().filter(l -> l.startsWith("00240000")).findFirst().orElseThrow());
    }

    @Test
    void indexAndZeroSelectLikeHandles() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals(out(p, "!heap -s h"), out(p, "!heap -s 2"));
        assertEquals(out(p, "!heap -s"), out(p, "!heap -s 0"));
    }
}
