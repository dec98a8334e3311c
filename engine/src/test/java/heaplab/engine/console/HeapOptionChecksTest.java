package heaplab.engine.console;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An outside check's findings: {@code !heap -p -a} on an LFH chunk shows the chunk, {@code -flt} lists a light page
 * heap block by the pointer and size the program sees, {@code -l} takes no option, {@code -i Address -h} needs its
 * HeapAddress, and {@code !gflag -?} explains itself.
 */
class HeapOptionChecksTest {
    private static Session run(String json) throws ScenarioException {
        Session session = Session.open(ScenarioLoader.load("t.json", json), Session.Options.DEFAULT);
        session.run();
        return session;
    }

    private static final String LFH = """
        { "heaplab": 1, "title": "LFH", "arch": "x86", "lfh": "on", "steps": [
          { "do": "h = HeapCreate(0, 0, 0)" },
          { "do": "a = HeapAlloc(h, 0, 0x20)" },
          { "do": "b = HeapAlloc(h, 0, 0x20)" },
          { "do": "HeapFree(h, 0, b)" }
        ] }
        """;

    @Test
    void pageHeapAddressOnAnLfhChunkShowsTheChunkBusyOrFree() throws ScenarioException {
        Session s = run(LFH);
        long a = s.process().readVariable("a");
        long b = s.process().readVariable("b");
        String busy = ConsoleFixtures.out(s.process(), "!heap -p -a a+4");
        assertEquals(String.format("""
                address %08x found in
                _HEAP @ 240000
                  HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state
                    %08x 0005 0005  [01]   %08x    00020 - (busy)
            """, a + 4, a - 8, a), busy);
        String free = ConsoleFixtures.out(s.process(), "!heap -p -a " + Long.toHexString(b));
        assertTrue(free.contains(String.format("%08x 0005 0005  [00]   %08x    00020 - (free)", b - 8, b)), free);
        assertEquals(String.format("        %08x 0005 0005  [01]   %08x    00020 - (busy)\n", a - 8, a),
            ConsoleFixtures.out(s.process(), "!heap -flt s 20").lines().filter(l -> l.contains("(busy)"))
                .findFirst().orElseThrow() + "\n", "the same row as -flt's");
        assertTrue(ConsoleFixtures.out(s.process(), "!heap -flt s 20").contains(
            String.format("%08x 0005 0005  [00]   %08x    00020 - (free)", b - 8, b)), "-flt lists the free chunk too");
    }

    @Test
    void filterListsALightPageHeapBlockByWhatTheProgramSees() throws ScenarioException {
        Session s = run("""
            { "heaplab": 1, "title": "light", "arch": "x86", "gflags": "+hpa", "pageHeap": "light", "steps": [
              { "do": "h = HeapCreate(HEAP_GROWABLE, 0, 0)" },
              { "do": "p = HeapAlloc(h, 0, 12)" }
            ] }
            """);
        long p = s.process().readVariable("p");
        String out = ConsoleFixtures.out(s.process(), "!heap -flt s 0xc");
        assertTrue(out.contains(String.format("[01]   %08x    0000c - (busy)", p)), out);
    }

    @Test
    void leakSearchTakesNoOptionAndInfoNeedsItsHeapAddress() throws ScenarioException {
        Session s = run(LFH);
        String before = ConsoleFixtures.fingerprint(s.process());
        CommandResult leak = ConsoleFixtures.run(s.process(), "!heap -l -v");
        assertTrue(leak.error() && leak.output().contains("Syntax error"), leak.output());
        CommandResult info = ConsoleFixtures.run(s.process(), "!heap -i a -h");
        assertTrue(info.error(), info.output());
        assertEquals("Numeric expression missing from '<EOL>'\n", info.output());
        assertEquals(before, ConsoleFixtures.fingerprint(s.process()), "nothing changed");
    }

    @Test
    void gflagHelpListsTheFlagsAndChangesNothing() throws ScenarioException {
        Session s = run(LFH);
        long flags = s.process().globalFlags();
        for (String line : new String[] {"!gflag -?", "gflags /?"}) {
            CommandResult help = ConsoleFixtures.run(s.process(), line);
            assertTrue(!help.error()
                && help.output().contains("    hpa  02000000  Place heap allocations at ends of pages"), help.output());
            assertTrue(!Console.changesState(line), line + " is no step");
        }
        assertEquals(flags, s.process().globalFlags());
    }

    @Test
    void dotHelpListsTheCommandsAndIsNoStep() throws ScenarioException {
        Session s = run(LFH);
        CommandResult help = ConsoleFixtures.run(s.process(), ".help");
        assertTrue(!help.error() && help.output().startsWith("Commands (F1 or COMMAND -? for the syntax"),
            help.output());
        for (CommandReference.Entry entry : CommandReference.entries()) {
            assertTrue(help.output().contains("  " + entry.command() + " "), entry.command());
        }
        assertTrue(!Console.changesState(".help"));
    }

    /** As the extension prints them (%08x of a ULONG); a real x64 dump shows "Tag Entries:          00000000". */
    @Test
    void x64TagEntryPointersPrintAsEightDigits() throws ScenarioException {
        Session s = run("""
            { "heaplab": 1, "title": "tags", "arch": "x64", "gflags": "+htg", "steps": [
              { "do": "h = HeapCreate(0, 0, 0)" },
              { "do": "p = HeapAlloc(h, 0, 0x20)" }
            ] }
            """);
        String out = ConsoleFixtures.out(s.process(), "!heap -h h");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("PsuedoTag Entries:   (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(m.group(1).matches("[0-9a-f]{8}") && !m.group(1).equals("00000000"), m.group(1));
    }
}
