package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import java.util.List;

import static heaplab.engine.console.ConsoleFixtures.fingerprint;
import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ;} separates commands on one line, as WinDbg's command separator does. */
class CommandSeparatorTest {

    @Test
    void commandsRunInTurnAndPrintInTurn() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals(out(p, "dd a L4") + out(p, "db a L10") + out(p, "? 1"), out(p, "dd a L4; db a L10 ;? 1"));
        assertEquals(out(p, "dd a L4"), out(p, "dd a L4;"), "an empty command is nothing");
        assertEquals(out(p, "dd a L4"), out(p, " ; dd a L4 ;; "));
    }

    @Test
    void theFirstCommandThatFailsEndsTheLine() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        String before = fingerprint(p);
        CommandResult r = run(p, "dd a L4; foo; .dvalloc 1000");
        assertTrue(r.error());
        assertEquals(out(p, "dd a L4") + "       ^ Syntax error in 'foo'\n", r.output());
        assertEquals(before, fingerprint(p), "the .dvalloc after the error did not run");
    }

    @Test
    void aLineChangesTheProcessWhenOneOfItsCommandsDoes() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertTrue(Console.changesState("db a; .dvalloc 1000"));
        assertTrue(Console.changesState(p, "db a; .dvalloc 1000"));
        assertFalse(Console.changesState(p, "db a; dd a"));
        assertFalse(Console.changesState(p, "db a; .dvalloc"), "a changing command with bad arguments only fails");
    }

    @Test
    void aSemicolonInQuotesSeparatesNothing() {
        assertEquals(List.of("a \"b;c\"", "d"), Console.commands("a \"b;c\"; d"));
        assertEquals(List.of(), Console.commands(" ; ;"));
    }
}
