package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden outputs of {@code !heap -x}, checked against the observed rows of heap-facts.md 5.6, then frozen. */
class HeapEntryGoldenTest {

    /** heap-facts 5.6 newer layout: Size/PrevSize/Unused in hex, right-aligned in 10 columns. */
    @Test
    void busyBlockX86() {
        assertEquals(
            """
            Entry     User      Heap      Segment       Size  PrevSize  Unused    Flags
            -----------------------------------------------------------------------------
            002405e0  002405e8  00240000  002405a0        28        40         8  busy\s
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "!heap -x a"));
    }

    @Test
    void busyBlockWithTailFillX86() {
        assertEquals(
            """
            Entry     User      Heap      Segment       Size  PrevSize  Unused    Flags
            -----------------------------------------------------------------------------
            002405e0  002405e8  00240000  002405a0        38        40        18  busy extra fill\s
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86, 0x70), "!heap -x a"));
    }

    @Test
    void freeBlockX86() {
        assertEquals(
            """
            Entry     User      Heap      Segment       Size  PrevSize  Unused    Flags
            -----------------------------------------------------------------------------
            00240618  00240620  00240000  002405a0        50        38         0  free fill\s
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86, 0x70), "!heap -x a+30"));
    }

    @Test
    void heapsOwnBlockIsInternalX86() {
        assertEquals(
            """
            Entry     User      Heap      Segment       Size  PrevSize  Unused    Flags
            -----------------------------------------------------------------------------
            00240000  00240008  00240000  002405a0       5a0         0         0  busy  internal\s
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "!heap -x h+10"));
    }

    @Test
    void virtualBlockX86() {
        assertEquals(
            """
            Entry     User      Heap      Segment       Size  PrevSize  Unused    Flags
            -----------------------------------------------------------------------------
            00250018  00250020  00240000  00000000    100fe8         0      1000  busy extra virtual\s
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0), "!heap -x big"));
    }

    /** x64: 16-digit addresses and a 109-character rule. */
    @Test
    void busyBlockX64() {
        assertEquals(
            """
            Entry             User              Heap              Segment               Size  PrevSize  Unused    Flags
            -------------------------------------------------------------------------------------------------------------
            000001d000100b80  000001d000100b90  000001d000100000  000001d000100b10        30        70        10  busy\s
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "!heap -x a"));
    }

    @Test
    void freeBlockX64() {
        assertEquals(
            """
            Entry             User              Heap              Segment               Size  PrevSize  Unused    Flags
            -------------------------------------------------------------------------------------------------------------
            000001d000100bb0  000001d000100bc0  000001d000100000  000001d000100b10        40        30         0  free\s
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "!heap -x a+30"));
    }

    @Test
    void heapsOwnBlockIsInternalX64() {
        assertEquals(
            """
            Entry             User              Heap              Segment               Size  PrevSize  Unused    Flags
            -------------------------------------------------------------------------------------------------------------
            000001d000100000  000001d000100010  000001d000100000  000001d000100b10       b10         0         0  busy  internal\s
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "!heap -x h"));
    }

    /** Any address inside the block finds it: its header, its first user byte, its last byte. */
    @Test
    void anyAddressInsideTheBlockFindsIt() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        String expected = out(p, "!heap -x a");
        assertEquals(expected, out(p, "!heap -x a-8"));
        assertEquals(expected, out(p, "!heap -x a+1f"));
        assertEquals(expected, out(p, "!heap a -x"), "the address may come first, as in the seed's example");
        assertEquals(expected, out(p, "!heap -x 0n" + Long.parseLong(Long.toHexString(p.readVariable("a")), 16)));
    }

    @Test
    void addressOutsideEveryHeapIsOneErrorLine() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        CommandResult r = run(p, "!heap -x 0");
        assertTrue(r.error());
        assertEquals("Address 00000000 not found in any heap block\n", r.output());
        assertEquals("Address 000001d000002000 not found in any heap block\n",
            out(ConsoleFixtures.smallHeap(Arch.X64), "!heap -x 1d000002000"), "an uncommitted part of a segment");
    }
}
