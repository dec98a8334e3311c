package heaplab.engine.session;

import heaplab.engine.console.DataBreakpoints;
import heaplab.engine.scenario.ScenarioException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Processor breakpoints ({@code ba w4 Address}): session state that stops a run after a step changes the bytes. */
class DataBreakpointTest {
    private static final String STEPS = """
        { "do": "h = HeapCreate(0, 0, 0)" },
        { "do": "p = HeapAlloc(h, HEAP_ZERO_MEMORY, 0x20)" },
        { "do": "p[0] = 0x41" },
        { "do": "p[0] = 0x41" },
        { "do": "p[8] = 0x42" },
        { "do": "p[2] = 0x43" },
        { "do": "p[9] = 0x44" }
        """;

    @BeforeEach
    void needsTheHeap() {
        NtHeapReady.assume();
    }

    private static Session open(String arch, String steps) throws ScenarioException {
        return TestScenarios.open(arch, steps);
    }

    private static String at(Session s, long address) {
        return s.process().arch().ptrTick(address);
    }

    /** The sample's runs stop where its narration says: the free, the owner's write, the stale pointer's write. */
    @org.junit.jupiter.api.Test
    void theSampleStopsWhereItSays() {
        Session s = Session.open(heaplab.engine.scenario.ScenarioLoader.loadSample("address-watch"));
        List<Integer> stops = new java.util.ArrayList<>();
        while (!s.isStopped()) {
            s.run();
            stops.add(s.position());
        }
        assertEquals(List.of(5, 7, 8, 10), stops);
    }

    /**
     * A scenario's ba step: a step back replays without running it again (a bd typed since stays); stepping through
     * it again sets the watch, enabled, as the scenario says.
     */
    @org.junit.jupiter.api.Test
    void aScenariosBaStepAndTheStudentsBd() throws ScenarioException {
        Session s = open("x86", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, HEAP_ZERO_MEMORY, 0x20)" },
            { "cmd": "ba w4 p" },
            { "do": "x = 1" },
            { "do": "y = 2" }
            """);
        s.jumpTo(5);
        s.console("bd 0");
        s.stepBack();
        s.stepBack();
        assertFalse(s.dataBreakpoints().get(0).enabled(), "the replay did not run the ba step again");
        s.restart();
        s.jumpTo(3);
        assertTrue(s.dataBreakpoints().get(0).enabled(), "stepping through the ba step sets it again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void setListDisableEnableAndClear(String arch) throws ScenarioException {
        Session s = open(arch, STEPS);
        s.jumpTo(2);
        long p = s.process().readVariable("p");
        assertEquals("", s.console("bl"), "WinDbg lists nothing when no breakpoint is set");
        assertEquals("", s.console("ba w4 p"), "WinDbg sets a breakpoint silently");
        assertEquals("", s.console("ba w 2 p+8"), "Access and Size may be two words");
        assertEquals(7, s.steps().size(), "setting a breakpoint adds no step");
        assertEquals(2, s.position());
        assertEquals(" 0 e Disable Clear  " + at(s, p) + " w 4 0001 (0001)  0:****\n"
            + " 1 e Disable Clear  " + at(s, p + 8) + " w 2 0001 (0001)  0:****\n", s.console("bl"));
        assertEquals("breakpoint 0 redefined\n", s.console("ba w4 p"));
        assertEquals("", s.console("bd 0"));
        assertEquals(" 0 d Enable Clear  " + at(s, p) + " w 4 0001 (0001)  0:****\n", s.console("bl 0"));
        assertEquals("breakpoint 0 redefined\n", s.console("ba w4 p"));
        assertTrue(s.console("bl 0").startsWith(" 0 e "), "WinDbg: a redefinition enables it");
        s.console("bd 0");
        assertEquals("", s.console("be *"));
        assertTrue(s.console("bl").startsWith(" 0 e Disable Clear"));
        assertEquals("", s.console("bc 0"));
        assertEquals(" 1 e Disable Clear  " + at(s, p + 8) + " w 2 0001 (0001)  0:****\n", s.console("bl"));
        s.console("ba w1 p+3");
        assertEquals(0, s.dataBreakpoints().find(p + 3, 1).id(), "the first free number is used");
        s.console("bc *");
        assertTrue(s.dataBreakpoints().isEmpty());
        assertEquals(Session.RunStop.NONE, s.lastRunStop());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void windbgRefusesMisalignedAddressesBadSizesAndAFifthBreakpoint(String arch) throws ScenarioException {
        Session s = open(arch, STEPS);
        s.jumpTo(2);
        assertEquals("Data breakpoint must be aligned\n", s.console("ba w4 p+2"));
        assertEquals("Data breakpoint must be aligned\n", s.console("ba w2 p+1"));
        assertEquals("Unsupported data breakpoint size\n", s.console("ba w3 p"));
        assertEquals(arch.equals("x64") ? "" : "Unsupported data breakpoint size\n", s.console("ba w8 p"),
            "8 bytes on x64 only");
        s.console("bc *");
        for (int i = 0; i < 4; i++) {
            assertEquals("", s.console("ba w4 p+" + Integer.toHexString(4 * i)));
        }
        assertEquals("Too many data breakpoints for thread 0\n", s.console("ba w4 p+10"));
        assertEquals(4, s.dataBreakpoints().watches().size());
        s.console("bd 3");
        assertEquals("", s.console("ba w4 p+10"), "a disabled breakpoint frees its debug register");
        assertEquals("Too many data breakpoints for thread 0\n", s.console("be 3"));
        assertFalse(s.dataBreakpoints().get(3).enabled());
        s.console("bd 0");
        assertEquals("Too many data breakpoints for thread 0\n", s.console("be 0 3"), "both would make five");
        assertFalse(s.dataBreakpoints().get(0).enabled(), "all or none: watch 0 stays disabled");
        for (String line : List.of("ba w p", "ba w4", "ba", "ba x4 p", "ba w4 /1 p", "bc", "bd x", "ba w 4")) {
            String out = s.console(line);
            assertEquals(1, out.split("\n").length, line + ": " + out);
            assertTrue(out.contains("Syntax error in '" + line + "'"), line + ": " + out);
        }
        assertEquals("HeapLab watches writes only: ba w1|w2|w4|w8 Address (ba r is not simulated)\n",
            s.console("ba r4 p"));
        assertEquals(5, s.dataBreakpoints().watches().size());
        assertEquals(7, s.steps().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void runStopsAfterTheStepThatChangesTheBytesNotOnTheSameValue(String arch) throws ScenarioException {
        Session s = open(arch, STEPS);
        s.jumpTo(2);
        long p = s.process().readVariable("p");
        s.console("ba w4 p");
        StepOutcome outcome = s.run();
        assertEquals(3, s.position(), "p[0] = 0x41 changed the watched bytes");
        assertEquals(Session.RunStop.DATA_BREAKPOINT, s.lastRunStop());
        assertEquals("data breakpoint 0 (ba w4 " + at(s, p) + ")", s.lastRunStopText());
        assertTrue(outcome.output().endsWith("Breakpoint 0 hit\nHeapLab: the 4 bytes at " + at(s, p)
            + " changed: 00 00 00 00 -> 41 00 00 00"), outcome.output());
        DataBreakpoints.Hit hit = s.lastDataBreakpoint();
        assertEquals(0, hit.watch().id());
        s.run();
        assertEquals(6, s.position(), "the same value again and a write outside the 4 bytes do not hit; p[2] does");
        assertEquals("41 00 43 00", String.join(" ", List.of(
            s.lastDataBreakpoint().detail(s.process().arch()).split(" -> ")[1].split(" "))));
        s.run();
        assertEquals(7, s.position());
        assertEquals(Session.RunStop.END, s.lastRunStop());
        assertNull(s.lastDataBreakpoint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void steppingNotesTheHitWithoutStoppingAndADisabledWatchIsQuiet(String arch) throws ScenarioException {
        Session s = open(arch, STEPS);
        s.jumpTo(2);
        s.console("ba w1 p+8");
        s.jumpTo(4);
        StepOutcome outcome = s.step();
        assertTrue(outcome.output().contains("Breakpoint 0 hit\nHeapLab: the 1 byte at "), outcome.output());
        s.console("bd 0");
        s.restart();
        s.run();
        assertEquals(7, s.position(), "a disabled watch does not stop a run");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void stepBackRestartAndRunBackKeepTheWatch(String arch) throws ScenarioException {
        Session s = open(arch, STEPS);
        s.jumpTo(2);
        s.console("ba w4 p");
        s.run();
        assertEquals(3, s.position());
        s.stepBack();
        s.stepBack();
        assertEquals(1, s.dataBreakpoints().watches().size());
        s.run();
        assertEquals(2, s.position(), "the HeapAlloc zeroes the free block's links the watch now sees");
        s.run();
        assertEquals(3, s.position());
        s.run();
        assertEquals(6, s.position());
        assertEquals(Session.RunStop.DATA_BREAKPOINT, s.runBack(), "back to just after the step that changed it");
        assertEquals(3, s.position());
        assertEquals(0, s.lastDataBreakpoint().watch().id());
        s.restart();
        assertTrue(s.console("bl").startsWith(" 0 e Disable Clear"));
        s.run();
        assertEquals(1, s.position(), "HeapCreate commits the watched bytes: unreadable to the heap's contents");
    }

    @Test
    void aWatchOnMemoryNotYetCommittedHitsWhenItIsWritten() throws ScenarioException {
        Session s = open("x86", """
            { "do": "v = VirtualAlloc(0, 0x2000, MEM_RESERVE, PAGE_READWRITE)" },
            { "do": "VirtualAlloc(v, 0x1000, MEM_COMMIT, PAGE_READWRITE)" },
            { "do": "v[4] = 7" }
            """);
        s.step();
        assertEquals("", s.console("ba w4 v+4"));
        s.run();
        assertEquals(2, s.position(), "committing the page changes the bytes from unreadable to zeros");
        assertTrue(s.lastOutcome().output().endsWith("changed: ?? ?? ?? ?? -> 00 00 00 00"),
            s.lastOutcome().output());
        s.run();
        assertEquals(3, s.position());
        assertEquals(Session.RunStop.DATA_BREAKPOINT, s.lastRunStop());
    }

    @Test
    void aScenarioCmdStepSetsItForTheRestOfTheRun() throws ScenarioException {
        Session s = open("x86", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, HEAP_ZERO_MEMORY, 0x20)" },
            { "cmd": "ba w4 p" },
            { "do": "p[4] = 1" },
            { "do": "p[1] = 1" },
            { "do": "p[1] = 2" }
            """);
        s.run();
        assertEquals(5, s.position());
        assertEquals(Session.RunStop.DATA_BREAKPOINT, s.lastRunStop());
        assertEquals("", s.outcomes().get(2).output());
        s.run();
        assertEquals(6, s.position());
        s.restart();
        s.run();
        assertEquals(1, s.position(), "the watch is the session's: after a restart HeapCreate commits its bytes");
        s.run();
        assertEquals(2, s.position(), "and the HeapAlloc zeroes them");
    }
}
