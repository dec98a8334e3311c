package heaplab.engine.session;

import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.scenario.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session navigation with virtual memory, memset and variables only (no NT heap needed). */
class SessionTest {
    /** Steps 1..9; steps 5 and 8 have breakpoints. p is at the first 64 KB-aligned free address. */
    private static final String SCENARIO = """
        { "heaplab": 1, "title": "Navigation", "steps": [
          { "do": "p = VirtualAlloc(0, 0x3000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)" },
          { "do": "memset(p, 0x41, 0x100)" },
          { "do": "x = 1" },
          { "do": "x = x + 1" },
          { "do": "p[0] = 0x42", "break": true },
          { "expect": "byte(p) == 0x42 && x == 2" },
          { "do": "memset(p + 0x1000, x, 0x1000)" },
          { "do": "strcpy(p + 0x2000, \\"text\\")", "break": true },
          { "do": "x = dword(p + 0x2000)" }
        ] }
        """;

    private static Session open(String json, Session.Options options) throws ScenarioException {
        return Session.open(ScenarioLoader.load("t.json", json), options);
    }

    private static Session open() throws ScenarioException {
        return open(SCENARIO, Session.Options.DEFAULT);
    }

    private static long x(Session session) {
        return session.process().readVariable("x");
    }

    @Test
    void startsAtPositionZero() throws ScenarioException {
        Session session = open();
        assertEquals(0, session.position());
        assertNull(session.lastOutcome());
        assertTrue(session.outcomes().isEmpty());
        assertFalse(session.isStopped());
        assertEquals(9, session.steps().size());
        assertEquals("Navigation", session.scenario().title());
    }

    @Test
    void stepsForwardWithOutcomes() throws ScenarioException {
        Session session = open();
        StepOutcome first = session.step();
        long p = session.process().readVariable("p");
        assertEquals(new StepOutcome(0, StepOutcome.Status.OK, String.format("p = 0x%08x", p), p), first,
            "VirtualAlloc touches the pages it returns");
        StepOutcome second = session.step();
        assertEquals(String.format("memset returned 0x%08x", p), second.output());
        assertEquals(p, second.touched());
        session.step();
        assertEquals("x = 0x00000001", session.lastOutcome().output());
        assertEquals(3, session.position());
        assertEquals(3, session.outcomes().size());
    }

    @Test
    void runStopsBeforeBreakpointsAndAtTheEnd() throws ScenarioException {
        Session session = open();
        StepOutcome outcome = session.run();
        assertEquals(4, session.position(), "stops before step 5, which has break");
        assertEquals(3, outcome.index());
        outcome = session.run();
        assertEquals(7, session.position(), "runs step 5 although it has a break, stops before step 8");
        assertEquals(6, outcome.index());
        session.run();
        assertEquals(9, session.position());
        assertTrue(session.isStopped());
        assertNull(session.step());
        assertNull(session.run());
        assertEquals(0x74786574L, x(session));
    }

    @Test
    void stepBackJumpAndRestart() throws ScenarioException {
        Session session = open();
        session.jumpTo(9);
        session.stepBack();
        assertEquals(8, session.position());
        assertEquals(2, x(session));
        assertEquals(8, session.outcomes().size());
        session.jumpTo(3);
        assertEquals(1, x(session));
        assertFalse(session.process().memory().isCommitted(0) );
        session.jumpTo(5);
        assertEquals(0x42, session.process().memory().readByte(session.process().readVariable("p")));
        session.restart();
        assertEquals(0, session.position());
        assertFalse(session.process().hasVariable("x"));
        assertTrue(session.outcomes().isEmpty());
        session.stepBack();
        assertEquals(0, session.position());
        assertThrows(IllegalArgumentException.class, () -> session.jumpTo(10));
    }

    @Test
    void goingBackIsExactAndReplayGivesTheSameOutcomes() throws ScenarioException {
        for (Session.Options options : List.of(Session.Options.DEFAULT, new Session.Options(2),
            Session.Options.forwardOnly())) {
            Session session = open(SCENARIO, options);
            session.jumpTo(6);
            long p = session.process().readVariable("p");
            byte[] atSix = session.process().memory().readBytes(p, 0x3000);
            List<StepOutcome> outcomesAtSix = new ArrayList<>(session.outcomes());
            session.jumpTo(9);
            assertFalse(java.util.Arrays.equals(atSix, session.process().memory().readBytes(p, 0x3000)));
            List<StepOutcome> all = new ArrayList<>(session.outcomes());
            session.jumpTo(6);
            assertArrayEquals(atSix, session.process().memory().readBytes(p, 0x3000), options.toString());
            assertEquals(outcomesAtSix, session.outcomes());
            session.jumpTo(1);
            session.jumpTo(9);
            assertEquals(all, session.outcomes(), "replay reproduces the outcomes");
        }
    }

    @Test
    void aFailedExpectStopsTheRunButSteppingOnIsAllowed() throws ScenarioException {
        Session session = open("""
            { "heaplab": 1, "title": "T", "steps": [
              { "do": "x = 1" },
              { "expect": "x == 2" },
              { "do": "x = 3" }
            ] }
            """, Session.Options.DEFAULT);
        StepOutcome failed = session.run();
        assertEquals(StepOutcome.Status.EXPECT_FAILED, failed.status());
        assertEquals("expect failed at step 2: x == 2", failed.output());
        assertEquals(2, session.position());
        assertFalse(session.isStopped());
        assertEquals(StepOutcome.Status.OK, session.step().status());
        assertEquals(3, x(session));
    }

    @Test
    void anAccessViolationStopsTheSession() throws ScenarioException {
        Session session = open("""
            { "heaplab": 1, "title": "T", "steps": [
              { "do": "p = VirtualAlloc(0, 0x2000, MEM_RESERVE, PAGE_READWRITE)" },
              { "do": "x = 1" },
              { "do": "p[8] = 1" },
              { "do": "x = 2" }
            ] }
            """, Session.Options.DEFAULT);
        StepOutcome fault = session.run();
        assertEquals(StepOutcome.Status.FAULT, fault.status());
        assertEquals(2, fault.index());
        assertTrue(fault.output().contains("Access violation - code c0000005"), fault.output());
        assertEquals(3, session.position());
        assertTrue(session.isStopped());
        assertNull(session.step());
        assertNull(session.run());
        session.jumpTo(4);
        assertEquals(3, session.position(), "a jump stops at the fault");
        assertTrue(session.console("x = 5").startsWith("The program faulted at step 3"));
        session.stepBack();
        assertFalse(session.isStopped());
        assertEquals(1, x(session));
        assertEquals(StepOutcome.Status.FAULT, session.step().status());
    }

    /** A line typed at the console prints what it did, even where the session makes no step's output (the CLI). */
    @Test
    void consoleStatementsPrintTheirLineWithoutStepOutputs() throws ScenarioException {
        Session quiet = Session.open(ScenarioLoader.loadSample("first-fit"), Session.Options.forwardOnly()
            .withOutputs(false));
        quiet.run();
        assertTrue(quiet.console("q = HeapAlloc(h, 0, 0x10)").matches("q = 0x[0-9a-f]{8}\n"));
    }

    @Test
    void consoleStatementsBecomeStepsAfterTheCurrentOne() throws ScenarioException {
        Session session = open();
        session.jumpTo(3);
        assertEquals("y = 0x00000007\n", session.console("  y = x + 6"));
        assertEquals(4, session.position());
        assertEquals(10, session.steps().size());
        Step inserted = session.steps().get(3);
        assertEquals(new Step(Step.Kind.DO, "y = x + 6", "", false, 0, 0), inserted);
        assertEquals("x = 1", session.steps().get(2).text());
        assertEquals("x = x + 1", session.steps().get(4).text(), "the steps after it stay");
        session.jumpTo(10);
        assertEquals(0x74786574L, x(session));
        session.jumpTo(2);
        session.jumpTo(4);
        assertEquals(7, session.process().readVariable("y"), "the inserted step replays");
    }

    @Test
    void consoleStatementErrorsAddNoStep() throws ScenarioException {
        Session session = open();
        session.jumpTo(1);
        String output = session.console("q = nothing + 1");
        assertEquals(" ".repeat(11) + "^ unknown constant or variable 'nothing' in 'q = nothing + 1'\n", output);
        assertEquals(9, session.steps().size());
        assertTrue(session.console("p = HeapQueryInformation(0, 0)")
            .contains("HeapQueryInformation takes 5 arguments"));
        assertEquals(1, session.position());
    }

    @Test
    void stateChangingCommandsBecomeStepsAndOthersDoNot() throws ScenarioException {
        Session session = open();
        session.jumpTo(1);
        session.console("db p");
        assertEquals(9, session.steps().size());
        assertEquals(1, session.position());
        session.console(".dvalloc 1000");
        assertEquals(10, session.steps().size());
        assertEquals(Step.Kind.CMD, session.steps().get(1).kind());
        assertEquals(2, session.position());
        assertEquals("", session.console("   "));
    }

    @Test
    void aBadStatementInAScenarioNotMadeByTheLoaderIsRejected() {
        Scenario scenario = new Scenario("x.json", "T", "", heaplab.engine.Arch.X86, "", 0, "full", "auto",
            "demo.exe", List.of(new Step(Step.Kind.DO, "x = y", "", false, 4, 12)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Session.open(scenario));
        assertEquals("x.json:4:16: unknown constant or variable 'y'", e.getMessage());
    }

    @Test
    void withoutOutputsDoStepsPrintNothingButFailuresStillDo() throws ScenarioException {
        Session session = open("""
            { "heaplab": 1, "title": "T", "steps": [
              { "do": "x = 1" },
              { "expect": "x == 2" },
              { "do": "x = byte(16)" }
            ] }
            """, Session.Options.forwardOnly().withOutputs(false));
        assertEquals("", session.step().output());
        assertEquals("expect failed at step 2: x == 2", session.step().output());
        assertTrue(session.step().output().contains("Access violation - code c0000005"));
    }

    @Test
    void longScenariosRunFast() {
        int count = 200_000;
        List<Step> steps = new ArrayList<>(count);
        steps.add(new Step(Step.Kind.DO, "p = VirtualAlloc(0, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)", "",
            false, 1, 1));
        steps.add(new Step(Step.Kind.DO, "x = 0", "", false, 1, 1));
        while (steps.size() < count) {
            steps.add(new Step(Step.Kind.DO, "x = x + 1", "", false, 1, 1));
            steps.add(new Step(Step.Kind.DO, "p[x & 0xff] = x", "", false, 1, 1));
            steps.add(new Step(Step.Kind.EXPECT, "byte(p + (x & 0xff)) == (x & 0xff)", "", false, 1, 1));
            steps.add(new Step(Step.Kind.DO, "memset(p + 0x800, x, 0x10)", "", false, 1, 1));
        }
        Scenario scenario = new Scenario("long", "Long", "", heaplab.engine.Arch.X86, "", 0, "full", "off",
            "demo.exe", steps.subList(0, count));
        for (Session.Options options : List.of(Session.Options.forwardOnly().withOutputs(false),
            Session.Options.DEFAULT)) {
            long start = System.nanoTime();
            Session session = Session.open(scenario, options);
            StepOutcome last = session.run();
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println(count + " steps, " + options + ": " + millis + " ms");
            assertEquals(count - 1, last.index());
            assertEquals(StepOutcome.Status.OK, last.status());
            assertEquals((count - 2 + 3) / 4, x(session));
            session.jumpTo(count / 2);
            assertEquals((count / 2 - 2 + 3) / 4, x(session));
            session.stepBack();
            assertEquals((count / 2 - 2 + 3) / 4, x(session), "the step before the middle writes a byte");
        }
    }

    @Test
    void anAccessViolationTouchesTheAddressThatFaulted() throws ScenarioException {
        Session session = Session.open(heaplab.engine.scenario.ScenarioLoader.loadSample("page-heap-full"));
        session.run();
        StepOutcome fault = session.lastOutcome();
        assertEquals(StepOutcome.Status.FAULT, fault.status());
        String where = session.process().arch().ptr(fault.touched());
        assertTrue(fault.output().contains("Attempt to write to address " + where), fault.output());
    }

    @Test
    void aWildPointersFaultKeepsWhatTheStepTouched() throws ScenarioException {
        Session session = Session.open(heaplab.engine.scenario.ScenarioLoader.load("wild.json", """
            {"heaplab": 1, "title": "x", "steps": [
              {"do": "h = HeapCreate(0, 0, 0)"},
              {"do": "a = HeapAlloc(h, 0, 0x20)"},
              {"do": "b = HeapAlloc(h, 0, 0x20)"},
              {"do": "c = HeapAlloc(h, 0, 0x20)"},
              {"do": "HeapFree(h, 0, b)"},
              {"do": "memset(b, 0x41, 8)"},
              {"do": "d = HeapAlloc(h, 0, 0x20)"}
            ]}"""));
        session.run();
        StepOutcome last = session.lastOutcome();
        assertEquals(StepOutcome.Status.FAULT, last.status(), last.output());
        assertTrue(last.touched() != 0x41414141L, "no region at the wild address: nothing to mark there");
    }
}
