package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code !heap -stat}: the observed per-heap summary, and the -h table of heap-facts 5.4 with its groupings. */
class HeapStatGoldenTest {

    @Test
    void summaryX86() {
        assertEquals(
            """
            _HEAP 00140000
                 Segments            00000001
                     Reserved  bytes 00100000
                     Committed bytes 00001000
                 VirtAllocBlocks     00000000
                     VirtAlloc bytes 00000000
            _HEAP 00240000
                 Segments            00000001
                     Reserved  bytes 00010000
                     Committed bytes 00001000
                 VirtAllocBlocks     00000001
                     VirtAlloc bytes 00101000
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0), "!heap -stat"));
    }

    @Test
    void summaryX64() {
        assertEquals(
            """
            _HEAP 000001d000000000
                 Segments            00000001
                     Reserved  bytes 0000000000100000
                     Committed bytes 0000000000002000
                 VirtAllocBlocks     00000000
                     VirtAlloc bytes 0000000000000000
            _HEAP 000001d000100000
                 Segments            00000001
                     Reserved  bytes 0000000000010000
                     Committed bytes 0000000000002000
                 VirtAllocBlocks     00000001
                     VirtAlloc bytes 0000000000101000
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X64, 0), "!heap -stat"));
    }

    /** Sizes are requested sizes; the percentage is of all busy requested bytes; sorted by total. */
    @Test
    void byTotalSizeX86() {
        assertEquals(
            """
             heap @ 00240000
            group-by: TOTSIZE max-display: 20
                size     #blocks     total     ( %) (percent of total busy bytes)
                10 5 - 50  (41.67)
                40 1 - 40  (33.33)
                20 1 - 20  (16.67)
                8 2 - 10  (8.33)
            """,
            out(mixed(Arch.X86), "!heap -stat -h h"));
    }

    @Test
    void byAllocationSizeX64() {
        assertEquals(
            """
             heap @ 000001d000100000
            group-by: ALLOCATIONSIZE max-display: 20
                size     #blocks     total     ( %) (percent of total busy bytes)
                40 1 - 40  (33.33)
                20 1 - 20  (16.67)
                10 5 - 50  (41.67)
                8 2 - 10  (8.33)
            """,
            out(mixed(Arch.X64), "!heap -stat -h h -grp A"));
    }

    @Test
    void byBlockCountWithMaxDisplay() {
        assertEquals(
            """
             heap @ 00240000
            group-by: BLOCKCOUNT max-display: 2
                size     #blocks     total     ( %) (percent of total busy bytes)
                10 5 - 50  (41.67)
                8 2 - 10  (8.33)
            """,
            out(mixed(Arch.X86), "!heap -stat -h h -grp b 2"));
    }

    /** -h 0: every heap, each after "Allocations statistics for", as observed; a virtual block counts too. */
    @Test
    void everyHeapX64() {
        assertEquals(
            """
            Allocations statistics for
             heap @ 000001d000000000
            group-by: TOTSIZE max-display: 20
                size     #blocks     total     ( %) (percent of total busy bytes)
            Allocations statistics for
             heap @ 000001d000100000
            group-by: TOTSIZE max-display: 20
                size     #blocks     total     ( %) (percent of total busy bytes)
                100000 1 - 100000  (100.00)
                20 1 - 20  (0.00)
                10 1 - 10  (0.00)
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X64, 0), "!heap -stat -h 0"));
    }

    /** Handle or 1-based index; MaxDisplay is an expression (hex by default), printed in decimal. */
    @Test
    void handleOrIndexAndGroupWithoutHandle() {
        Process p = mixed(Arch.X86);
        assertEquals(out(p, "!heap -stat -h 240000"), out(p, "!heap -stat -h 2"));
        assertEquals(out(p, "!heap -stat -h 0 -grp S 0n20"), out(p, "!heap -stat -grp S"));
        assertEquals("group-by: TOTSIZE max-display: 32", out(p, "!heap -stat -h h -grp S 20").lines().toList().get(1));
        String all = out(p, "!heap -stat -h h -grp A -1");
        assertEquals("group-by: ALLOCATIONSIZE max-display: 4294967295", all.lines().toList().get(1));
        assertEquals(out(p, "!heap -stat -h h -grp A 0n1000").lines().skip(2).toList(), all.lines().skip(2).toList(),
            "a ULONG: -1 shows every row");
    }

    /** smallHeap plus four more 0x10 blocks, two 0x8 blocks and one 0x40 block. */
    private static Process mixed(Arch arch) {
        Process p = ConsoleFixtures.smallHeap(arch);
        long h = p.readVariable("h");
        for (int i = 0; i < 4; i++) {
            p.writeVariable("s" + i, p.heapAlloc(h, 0, 0x10));
        }
        p.writeVariable("e0", p.heapAlloc(h, 0, 8));
        p.writeVariable("e1", p.heapAlloc(h, 0, 8));
        p.writeVariable("f", p.heapAlloc(h, 0, 0x40));
        return p;
    }
}
