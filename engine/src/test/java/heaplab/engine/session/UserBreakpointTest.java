package heaplab.engine.session;

import heaplab.engine.scenario.ScenarioException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breakpoints the user sets on steps beside the scenario's `break` ones, and running backwards to them. */
class UserBreakpointTest {
    /** Steps 1..8 (indices 0..7); index 4 has `break`, index 5 is an expect that fails. */
    private static final String STEPS = """
        { "do": "p = VirtualAlloc(0, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)" },
        { "do": "x = 1" },
        { "do": "x = 2" },
        { "do": "x = 3" },
        { "do": "x = 4", "break": true },
        { "expect": "x == 5" },
        { "do": "x = 6" },
        { "do": "x = 7" }
        """;

    private static Session open() throws ScenarioException {
        return TestScenarios.open("x86", STEPS);
    }

    private static long x(Session s) {
        return s.process().readVariable("x");
    }

    @Test
    void aUserBreakpointStopsTheRunBeforeItsStep() throws ScenarioException {
        Session s = open();
        assertEquals(List.of(4), List.copyOf(s.breakpoints()), "the scenario's own");
        assertTrue(s.toggleBreakpoint(2));
        assertTrue(s.isBreakpoint(2));
        assertEquals(List.of(2, 4), List.copyOf(s.breakpoints()));
        s.run();
        assertEquals(2, s.position(), "stopped before step index 2");
        assertEquals(Session.RunStop.STEP_BREAKPOINT, s.lastRunStop());
        assertEquals("breakpoint", s.lastRunStopText());
        s.run();
        assertEquals(4, s.position(), "then before the scenario's break");
        assertFalse(s.toggleBreakpoint(2));
        s.restart();
        s.run();
        assertEquals(4, s.position(), "cleared: the run goes past step index 2");
    }

    @Test
    void theScenarioBreakCanBeTurnedOffAndOnAgain() throws ScenarioException {
        Session s = open();
        s.setBreakpoint(4, false);
        assertFalse(s.isBreakpoint(4));
        assertTrue(s.steps().get(4).breakpoint(), "the step itself is unchanged");
        s.run();
        assertEquals(6, s.position(), "no break before index 4: the run stops after the failed expect");
        assertEquals(Session.RunStop.EXPECT_FAILED, s.lastRunStop());
        s.setBreakpoint(4, true);
        assertEquals(List.of(4), List.copyOf(s.breakpoints()));
        s.resetBreakpoints();
        s.toggleBreakpoint(4);
        s.resetBreakpoints();
        assertTrue(s.isBreakpoint(4), "reset: back to the scenario's breaks");
    }

    @Test
    void breakpointsStayAcrossJumpsAndMoveWithTheirStepOnAConsoleInsert() throws ScenarioException {
        Session s = open();
        s.setBreakpoint(6, true);
        s.jumpTo(7);
        s.restart();
        assertTrue(s.isBreakpoint(6));
        s.jumpTo(1);
        s.console("y = 9");
        assertEquals(9, s.steps().size());
        assertFalse(s.isBreakpoint(6));
        assertTrue(s.isBreakpoint(7), "the user's breakpoint moved with its step");
        assertTrue(s.isBreakpoint(5), "and so did the scenario's");
        assertFalse(s.isBreakpoint(4));
        assertEquals(List.of(5, 7), List.copyOf(s.breakpoints()));
    }

    @Test
    void badIndicesAreRejected() throws ScenarioException {
        Session s = open();
        assertThrows(IllegalArgumentException.class, () -> s.setBreakpoint(8, true));
        assertThrows(IllegalArgumentException.class, () -> s.toggleBreakpoint(-1));
        assertThrows(IllegalArgumentException.class, () -> s.isBreakpoint(8));
    }

    @Test
    void runBackStopsAtBreakpointsAndFailuresThenAtTheStart() throws ScenarioException {
        Session s = open();
        s.setBreakpoint(2, true);
        s.jumpTo(8);
        assertEquals(Session.RunStop.EXPECT_FAILED, s.runBack());
        assertEquals(6, s.position(), "right after the failed expect");
        assertEquals(6, s.outcomes().size());
        assertEquals(Session.RunStop.STEP_BREAKPOINT, s.runBack());
        assertEquals(4, s.position(), "before the scenario's break");
        assertEquals(3, x(s), "exact: the state of position 4 (steps 1..4 ran)");
        assertEquals(Session.RunStop.STEP_BREAKPOINT, s.runBack());
        assertEquals(2, s.position(), "before the user's breakpoint");
        assertEquals(1, x(s));
        assertEquals(Session.RunStop.START, s.runBack());
        assertEquals(0, s.position());
        assertEquals("start", s.lastRunStopText());
        assertEquals(Session.RunStop.NONE, s.runBack(), "nothing before the start");
        s.run();
        assertEquals(2, s.position(), "forward again from the start");
    }

    @Test
    void runBackStopsAfterAFault() throws ScenarioException {
        Session s = TestScenarios.open("x86", """
            { "do": "p = VirtualAlloc(0, 0x2000, MEM_RESERVE, PAGE_READWRITE)" },
            { "do": "x = 1" },
            { "do": "p[8] = 1" },
            { "do": "x = 2" }
            """);
        s.run();
        assertEquals(3, s.position());
        assertEquals(Session.RunStop.START, s.runBack(), "the fault is where it stands: back to the start");
        assertEquals(0, s.position());
    }

    @Test
    void runBackStopsAtHeapBreakpoints() throws ScenarioException {
        NtHeapReady.assume();
        Session s = TestScenarios.open("x86", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "a = HeapAlloc(h, 0, 0x20)", "break": true },
            { "do": "x = 1" },
            { "do": "HeapFree(h, 0, a)" },
            { "do": "x = 2" },
            { "do": "x = 3" }
            """);
        s.console("!heap -b free");
        s.jumpTo(6);
        assertEquals(Session.RunStop.HEAP_BREAKPOINT, s.runBack());
        assertEquals(3, s.position(), "before the HeapFree");
        assertEquals("free", s.lastHeapBreakpoint());
        assertEquals(3, s.outcomes().size());
        assertEquals(1, x(s));
        assertEquals(Session.RunStop.STEP_BREAKPOINT, s.runBack());
        assertEquals(1, s.position());
        assertEquals(Session.RunStop.START, s.runBack());
    }
}
