package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code !heap -l} and {@code !heap -x -v}: the seed's shapes (Heap lines, Scanning VM, the old -x header and a blank
 * line, rows, the count; the Search VM line), and the garbage-collector semantics of the leak search.
 */
class HeapLeakGoldenTest {

    /** lost (0x18) has no pointer to it; orphan (0x28) only one from lost; inner is reached through a. */
    @Test
    void leaksX86() {
        assertEquals(
            """
            Heap 00140000
            Heap 00240000
            Scanning VM ...
            Entry     User      Heap      Segment       Size  PrevSize  Flags

            00240608  00240610  00240000  00000000        20        28  busy\s
            002406a8  002406b0  00240000  00000000        30        48  busy\s
            2 leaks detected.
            """,
            out(ConsoleFixtures.withLeaks(Arch.X86, 0), "!heap -l"));
    }

    @Test
    void leaksX64() {
        assertEquals(
            """
            Heap 000001d000000000
            Heap 000001d000100000
            Scanning VM ...
            Entry             User              Heap              Segment               Size  PrevSize  Flags

            000001d000100bb0  000001d000100bc0  000001d000100000  0000000000000000        20        30  busy\s
            000001d000100c60  000001d000100c70  000001d000100000  0000000000000000        30        50  busy\s
            2 leaks detected.
            """,
            out(ConsoleFixtures.withLeaks(Arch.X64, 0), "!heap -l"));
    }

    @Test
    void noLeaksWhenEveryBlockIsReachable() {
        String text = out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0x70), "!heap -l");
        assertTrue(text.endsWith("Flags\n\n0 leaks detected.\n"), text);
    }

    /** Clearing the only root of a chain leaks the whole chain; a pointer left in freed memory roots nothing. */
    @Test
    void rootsAreOutsideTheHeapsOnly() {
        Process p = ConsoleFixtures.withLeaks(Arch.X86, 0);
        long h = p.readVariable("h");
        long holder = p.heapAlloc(h, 0, 0x10);
        p.memory().writePtr(holder, p.readVariable("c"));
        p.heapFree(h, 0, holder);
        p.writeVariable("c", 0);
        String text = out(p, "!heap -l");
        assertTrue(text.contains("00240648  00240650  00240000  00000000        18        20  busy"), text);
        assertTrue(text.endsWith("3 leaks detected.\n"), text);
        p.writeVariable("a", 0);
        assertTrue(out(p, "!heap -l").endsWith("5 leaks detected.\n"), "a's block and inner, reached only from a");
    }

    @Test
    void aStringLiteralInTheImageIsARoot() {
        Process p = ConsoleFixtures.withLeaks(Arch.X86, 0);
        long lost = p.readVariable("a") + 0x28;
        p.writeVariable("s", p.internString("points at lost"));
        assertTrue(out(p, "!heap -l").endsWith("2 leaks detected.\n"));
        p.memory().poke(p.readVariable("s"), new byte[] {(byte) lost, (byte) (lost >> 8), (byte) (lost >> 16), 0});
        assertTrue(out(p, "!heap -l").endsWith("0 leaks detected.\n"), "lost, then orphan through it");
    }

    /** heap-facts 5.6 / the seed: the -x table, a blank line, and every place that points into the block. */
    @Test
    void searchVmX86() {
        assertEquals(
            """
            Entry     User      Heap      Segment       Size  PrevSize  Unused    Flags
            -----------------------------------------------------------------------------
            002405e0  002405e8  00240000  002405a0        28        40         8  busy\s

            Search VM for address range 002405e0 - 00240607 : 0012fff8 (002405e8), 002405c0 (002405e0),
            """,
            out(ConsoleFixtures.withLeaks(Arch.X86, 0), "!heap -x -v a"));
    }

    @Test
    void searchVmFindsPointersInHeapBlocksX86() {
        assertEquals(
            """
            Entry     User      Heap      Segment       Size  PrevSize  Unused    Flags
            -----------------------------------------------------------------------------
            00240660  00240668  00240000  002405a0        48        18         8  busy\s

            Search VM for address range 00240660 - 002406a7 : 002405f0 (00240668),
            """,
            out(ConsoleFixtures.withLeaks(Arch.X86, 0), "!heap poi(a+8) -v -x"));
    }

    /** A free block is pointed to by its free list's head in the _HEAP. */
    @Test
    void searchVmOfAFreeBlockX64() {
        assertEquals(
            """
            Entry             User              Heap              Segment               Size  PrevSize  Unused    Flags
            -------------------------------------------------------------------------------------------------------------
            000001d000100bb0  000001d000100bc0  000001d000100000  000001d000100b10        40        30         0  free\s

            Search VM for address range 000001d000100bb0 - 000001d000100bef : 000001d000100308 (000001d000100bc0), \
            000001d000100310 (000001d000100bc0),
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "!heap -x -v a+30"));
    }

    @Test
    void searchVmOfAVirtualBlockX86() {
        assertEquals(
            """
            Entry     User      Heap      Segment       Size  PrevSize  Unused    Flags
            -----------------------------------------------------------------------------
            00250018  00250020  00240000  00000000    100fe8         0      1000  busy extra virtual\s

            Search VM for address range 00250018 - 00350fff : 0012fff0 (00250020),
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0), "!heap -x -v big"));
    }

    @Test
    void searchVmWithNoPointers() {
        Process p = ConsoleFixtures.withLeaks(Arch.X86, 0);
        assertTrue(out(p, "!heap -x -v a+28").endsWith(
            "Search VM for address range 00240608 - 00240627 :\n"), "lost: nothing points to it");
    }
}
