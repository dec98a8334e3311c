package heaplab.engine.console;

import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code !heap -srch} in the seed's shape (upper-case hex, a symbol line) and {@code !heap -flt} (heap-facts 5.5). */
class HeapSearchGoldenTest {

    /** The pattern is the address of c's stack slot, a known symbol. */
    @Test
    void searchWithSymbolX86() {
        assertEquals(
            """
                _HEAP @ 00240000
               in HEAP_ENTRY: Size : Prev Flags - UserPtr UserSize - state
                    00240660: 0009 : 0003 [01] - 00240668 (00000040) - (busy)
                      demo!c
            """,
            out(ConsoleFixtures.withLeaks(Arch.X86, 0), "!heap -srch 12fff4"));
    }

    @Test
    void searchForAStringLiteralX64() {
        assertEquals(
            """
                _HEAP @ 000001d000100000
               in HEAP_ENTRY: Size : Prev Flags - UserPtr UserSize - state
                    000001D000100C10: 0005 : 0002 [01] - 000001D000100C20 (00000040) - (busy)
                      demo!`string'
            """,
            out(ConsoleFixtures.withLeaks(Arch.X64, 0), "!heap -srch 7ff6`a1c01000"));
    }

    /** A heap pointer has no symbol: three lines per block. */
    @Test
    void searchForAHeapPointerX86() {
        assertEquals(
            """
                _HEAP @ 00240000
               in HEAP_ENTRY: Size : Prev Flags - UserPtr UserSize - state
                    002405E0: 0005 : 0008 [01] - 002405E8 (00000020) - (busy)
            """,
            out(ConsoleFixtures.withLeaks(Arch.X86, 0), "!heap -srch poi(a+8)"));
    }

    /** Sized patterns: -w finds "He" of the greeting, -d the low half of a qword, -b every block with a 0 byte. */
    @Test
    void patternSizes() {
        var p = ConsoleFixtures.withLeaks(Arch.X64, 0);
        String greetingBlock = "        000001D000100B80: 0003 : 0007 [01] - 000001D000100B90 (00000020) - (busy)\n";
        assertEquals("    _HEAP @ 000001d000100000\n   in HEAP_ENTRY: Size : Prev Flags - UserPtr UserSize - state\n"
            + greetingBlock, out(p, "!heap -srch -w 6548"));
        assertEquals(out(p, "!heap -srch -q 7ff6`a1c01000").replace("          demo!`string'\n", ""),
            out(p, "!heap -srch -d a1c01000"), "no symbol line for a pattern narrower than a pointer");
        assertEquals(5, out(p, "!heap -srch -b 0").split("HEAP_ENTRY:").length - 1, "every busy block has a 0");
        assertEquals("", out(p, "!heap -srch -w 6c48"), "patterns are compared at multiples of their size");
    }

    @Test
    void virtualBlockStateX86() {
        String text = out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0), "!heap -srch -b 0");
        assertEquals("        00250018: 201FD : 0000 [0B] - 00250020 (00100000) - (busy VirtualAlloc)",
            text.lines().filter(l -> l.contains("00250018")).findFirst().orElseThrow());
    }

    @Test
    void noMatchPrintsNothing() {
        CommandResult r = run(ConsoleFixtures.withLeaks(Arch.X86, 0), "!heap -srch 12345678");
        assertEquals("", r.output());
        assertFalse(r.error());
    }

    /** heap-facts 5.5: a _HEAP line per heap without leading zeros, the header before a heap's first row only. */
    @Test
    void filterBySizeX86() {
        assertEquals(
            """
                _HEAP @ 140000
                _HEAP @ 240000
                  HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state
                    00240608 0004 0005  [01]   00240610    00018 - (busy)
                    00240628 0004 0004  [00]   00240630    00018 - (free)
            """,
            out(ConsoleFixtures.withLeaks(Arch.X86, 0), "!heap -flt s 18"));
    }

    /** The range is SizeMin <= size < SizeMax: 0x40 is left out. Free blocks by their size less the header. */
    @Test
    void filterByRangeX64() {
        assertEquals(
            """
                _HEAP @ 1d000000000
                _HEAP @ 1d000100000
                          HEAP_ENTRY Size Prev Flags            UserPtr UserSize - state
                    000001d000100b80 0003 0007  [01]   000001d000100b90    00020 - (busy)
                    000001d000100bb0 0002 0003  [01]   000001d000100bc0    00018 - (busy)
                    000001d000100c60 0003 0005  [01]   000001d000100c70    00028 - (busy)
            """,
            out(ConsoleFixtures.withLeaks(Arch.X64, 0), "!heap -flt r 18 40"));
    }

    @Test
    void filterWithTailCheckingAndAVirtualBlockX86() {
        assertEquals(
            """
                _HEAP @ 140000
                  HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state
                    001405e0 0144 0008  [14]   001405e8    00a18 - (free)
                _HEAP @ 240000
                  HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state
                    002405e0 0007 0008  [07]   002405e8    00020 - (busy)
                    00240618 000a 0007  [04]   00240620    00048 - (free)
                    00240690 012e 0005  [14]   00240698    00968 - (free)
                    00250018 201fd 0000  [0b]   00250020    100000 - (busy VirtualAlloc)
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0x70), "!heap -flt r 0n32 0x100001"));
    }
}
