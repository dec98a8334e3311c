package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code dds dps dqs dp}: one value a line and its symbol; the symbol names; {@code gflags} and {@code !gflag}. */
class SymbolDisplayTest {

    /** inner holds the literal's address, c's slot, then zeros: symbols where known, nothing else. */
    @Test
    void ddsX86() {
        assertEquals(
            """
            00240668  00401000 demo!`string'
            0024066c  0012fff4 demo!c
            00240670  00000000
            """,
            out(ConsoleFixtures.withLeaks(Arch.X86, 0), "dds poi(a+8) L3"));
    }

    @Test
    void dpsIsPointerSizedX64() {
        Process p = ConsoleFixtures.withLeaks(Arch.X64, 0);
        assertEquals(
            """
            000001d0`00100c20  00007ff6`a1c01000 demo!`string'
            000001d0`00100c28  000000d7`e97fffe8 demo!c
            000001d0`00100c30  00000000`00000000
            """,
            out(p, "dps poi(a+8) L3"));
        assertEquals(out(p, "dqs poi(a+8) L3"), out(p, "dps poi(a+8) L3"));
        assertEquals(
            """
            000001d0`00100c20  a1c01000
            000001d0`00100c24  00007ff6
            """,
            out(p, "dds poi(a+8) L2"), "dds reads dwords: half a pointer is no symbol");
    }

    /** The variables' slots, an offset into a literal, other image addresses, and unreadable memory. */
    @Test
    void symbolNamesX86() {
        Process p = ConsoleFixtures.withLeaks(Arch.X86, 0);
        p.writeVariable("q", 0x401003);
        p.writeVariable("r", 0x400000);
        p.writeVariable("s", 0x400010);
        p.writeVariable("t", 0x401007);
        assertEquals(
            """
            0012ffdc  0012fff8 demo!a
            0012ffe0  00401007 demo!`string'+0x7
            0012ffe4  00400010 demo+0x10
            0012ffe8  00400000 demo
            0012ffec  00401003 demo!`string'+0x3
            0012fff0  00000000
            0012fff4  00240650
            0012fff8  002405e8
            0012fffc  00240000
            """,
            new Console().execute(withSelfPointer(p), "dds 12ffdc L9").output(), "the slots from the top down");
        assertEquals("000ff000  ????????\n", out(p, "dds ff000 L1"));
    }

    private static Process withSelfPointer(Process p) {
        p.writeVariable("u", p.variableAddress("a"));
        return p;
    }

    /** A bare dds continues where the last one stopped; dp is dd or dq by pointer size. */
    @Test
    void continuesAndDp() {
        Process p = ConsoleFixtures.withLeaks(Arch.X86, 0);
        Console console = new Console();
        console.execute(p, "dds poi(a+8) L1");
        assertEquals("0024066c  0012fff4 demo!c\n", console.execute(p, "dds L1").output());
        assertEquals(out(p, "dd a L4"), out(p, "dp a L4"));
        assertEquals(out(ConsoleFixtures.smallHeap(Arch.X64), "dq a L4"),
            out(ConsoleFixtures.smallHeap(Arch.X64), "dp a L4"));
    }

    /** heap-facts 5.10: the value, then one line per set flag in bit order. */
    @Test
    void globalFlags() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86, 0x02000070);
        String expected = """
            Current NtGlobalFlag contents: 0x02000070
                htc - Enable heap tail checking
                hfc - Enable heap free checking
                hpc - Enable heap parameter checking
                hpa - Place heap allocations at ends of pages
            """;
        assertEquals(expected, out(p, "gflags"));
        assertEquals(expected, out(p, "!gflag"));
        assertEquals("Current NtGlobalFlag contents: 0x00000000\n", out(ConsoleFixtures.smallHeap(Arch.X64), "gflags"));
    }
}
