package heaplab.engine.console;

import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference the window shows is what the console prints, and names commands the console knows. */
class CommandReferenceTest {

    @Test
    void theHeapEntriesAreTheConsolesOwnHelp() {
        List<CommandReference.Entry> entries = CommandReference.entries();
        assertEquals("!heap", entries.get(0).command());
        assertEquals(out(ConsoleFixtures.smallHeap(Arch.X86), "!heap -?"), entries.get(0).help());
        assertEquals(out(ConsoleFixtures.smallHeap(Arch.X86), "!heap -s -?"), entries.get(1).help());
        assertEquals(out(ConsoleFixtures.smallHeap(Arch.X86), "!heap -p -?"), entries.get(2).help());
    }

    @Test
    void everyEntryIsACommandTheConsoleRuns() {
        for (String line : new String[] {"db 0", "dd", "dds 0", "dt _HEAP", "? 1", "gflags", "!gflag"}) {
            CommandResult r = run(ConsoleFixtures.smallHeap(Arch.X86), line);
            assertFalse(r.output().contains("Syntax error"), line + ": " + r.output());
        }
        for (CommandReference.Entry entry : CommandReference.entries()) {
            assertFalse(entry.summary().isBlank(), entry.command());
            assertTrue(entry.help().endsWith("\n"), entry.command());
            entry.help().lines().forEach(line -> assertTrue(line.length() <= 110, line));
        }
    }
}
