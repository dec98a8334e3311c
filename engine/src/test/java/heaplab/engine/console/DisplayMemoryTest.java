package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code db dw dd dq}: golden lines (heap-facts.md 5.9), lengths, ranges and the remembered position. */
class DisplayMemoryTest {

    /** heap-facts 5.9: 16 bytes, a hyphen after the 8th, two spaces, ASCII with dots. */
    @Test
    void bytesWithAsciiX86() {
        assertEquals(
            """
            002405e8  48 65 6c 6c 6f 2c 20 48-65 61 70 4c 61 62 21 00  Hello, HeapLab!.
            002405f8  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "db a L20"));
    }

    /** {@code /c N} sets the elements per line (heap-facts.md 5.9). */
    @Test
    void columns() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals(
            """
            002405e8  6c6c6548 48202c6f
            002405f0  4c706165 00216261
            """,
            out(p, "dd /c 2 a L4"));
        assertEquals(
            """
            002405e8  48 65 6c 6c 6f 2c  Hello,
            002405ee  20 48 65 61 70 4c   HeapL
            """,
            out(p, "db /c 6 a LC"));
        assertEquals(out(p, "dd a L4"), out(p, "dd /c 4 a L4"));
        for (String bad : new String[] {"dd /c 0 a", "dd /c 41 a", "dd /x 2 a", "dd /c"}) {
            assertTrue(ConsoleFixtures.run(p, bad).error(), bad);
        }
    }

    @Test
    void wordsX86() {
        assertEquals(
            """
            002405e8  6548 6c6c 2c6f 4820 6165 4c70 6261 0021
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "dw a L8"));
    }

    @Test
    void dwordsX86() {
        assertEquals(
            """
            002405e8  6c6c6548 48202c6f 4c706165 00216261
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "dd a L4"));
    }

    @Test
    void qwordsWithBacktickX86() {
        assertEquals(
            """
            002405e8  48202c6f`6c6c6548 00216261`4c706165
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "dq a L2"));
    }

    @Test
    void defaultLengthIs80Bytes() {
        assertEquals(
            """
            002405e8  48 65 6c 6c 6f 2c 20 48-65 61 70 4c 61 62 21 00  Hello, HeapLab!.
            002405f8  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
            00240608  08 00 00 00 05 00 00 00-b8 01 24 00 b8 01 24 00  ..........$...$.
            00240618  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
            00240628  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
            00240638  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
            00240648  03 00 01 00 08 00 00 08-78 01 24 00 78 01 24 00  ........x.$.x.$.
            00240658  00 00 00 00 00 00 00 00-34 01 10 00 03 00 00 00  ........4.......
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "db a"));
    }

    @Test
    void shortLineKeepsTheAsciiColumn() {
        assertEquals(
            """
            002405e8  48 65 6c 6c 6f                                   Hello
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "db a L5"));
    }

    /** The heap's second page is reserved, not committed. */
    @Test
    void unreadableBytesAreQuestionMarks() {
        assertEquals(
            """
            00240ff8  00 00 00 00 00 00 00 00-?? ?? ?? ?? ?? ?? ?? ??  ........????????
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "db h+ff8 L10"));
    }

    @Test
    void unreadableDwords() {
        assertEquals(
            """
            00240ff8  00000000 00000000 ???????? ????????
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "dd h+ff8 L4"));
    }

    @Test
    void unreadableQwords() {
        assertEquals(
            """
            00240ff8  00000000`00000000 ????????`????????
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "dq h+ff8 L2"));
    }

    /** x64: the address column has the backtick form. */
    @Test
    void bytesX64() {
        assertEquals(
            """
            000001d0`00100b90  48 65 6c 6c 6f 2c 20 48-65 61 70 4c 61 62 21 00  Hello, HeapLab!.
            000001d0`00100ba0  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "db a L20"));
    }

    @Test
    void unreadableDwordsX64() {
        assertEquals(
            """
            000001d0`00101ff8  00000000 00000000 ???????? ????????
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "dd h+1ff8 L4"));
    }

    @Test
    void qwordsX64() {
        assertEquals(
            """
            000001d0`00100b90  48202c6f`6c6c6548 00216261`4c706165
            000001d0`00100ba0  00000000`00000000
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "dq a L3"));
    }

    @Test
    void wordsX64() {
        assertEquals(
            """
            000001d0`00100b90  6548 6c6c 2c6f 4820 6165 4c70 6261 0021
            000001d0`00100ba0  0000
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "dw a L9"));
    }

    @Test
    void lengthSpellings() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        String expected = out(p, "db a L20");
        assertEquals(expected, out(p, "db a L 20"));
        assertEquals(expected, out(p, "db a l0n32"));
        assertEquals(expected, out(p, "db a L?20"));
        assertEquals(expected, out(p, "db a L? 0x20"));
        assertEquals(expected, out(p, "DB a L20"));
        assertEquals(expected, out(p, "db a a+1f"), "an end address is inclusive");
        assertEquals(out(p, "dd a L4"), out(p, "dd a a+0c"));
        assertEquals(out(p, "dd a L4"), out(p, "dd a+4-4 L1+3"));
    }

    @Test
    void bareCommandsContinueAfterTheLastRange() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        Console console = new Console();
        long a = p.readVariable("a");
        console.execute(p, "db a L10");
        assertEquals(new Console().execute(p, "db " + Long.toHexString(a + 0x10)).output(),
            console.execute(p, "db").output());
        assertEquals(new Console().execute(p, "dd " + Long.toHexString(a + 0x90) + " L4").output(),
            console.execute(p, "dd L4").output());
        assertEquals(new Console().execute(p, "dd " + Long.toHexString(a + 0xa0)).output(),
            console.execute(p, "d").output(), "a bare d repeats the last format");
        assertEquals("Numeric expression missing from '<EOL>'\n", new Console().execute(p, "db").output(),
            "nothing to continue from");
    }

    @Test
    void theStateBelongsToTheConsoleInstance() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        Console first = new Console();
        first.execute(p, "db a L10");
        Console second = new Console();
        second.execute(p, "db h L10");
        assertTrue(first.execute(p, "db L1").output().startsWith(
            Long.toHexString(p.readVariable("a") + 0x10).length() == 6 ? "00" + Long.toHexString(p.readVariable("a") + 0x10)
                : Long.toHexString(p.readVariable("a") + 0x10)));
    }

    /** L-Count is the range of Count elements that ends just before the address (WinDbg's address range syntax). */
    @Test
    void aNegativeLengthEndsBeforeTheAddress() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals(out(p, "dd a L4"), out(p, "dd a+10 L-4"));
        assertEquals(out(p, "db a L10"), out(p, "db a+10 L-10"));
        assertEquals(out(p, "dq a L2"), out(p, "dq a+10 L?-2"));
        assertTrue(run(p, "db a L-100001").error(), "the same limit as forward");
    }
}
