package heaplab.engine.session;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Page heap in scenarios (scenario-format.md: faults stop the run at the faulting step; step back works). */
class PageHeapStepsTest {
    @BeforeEach
    void needsTheHeap() {
        NtHeapReady.assume();
    }

    private static Session open(String arch, String mode, String steps) throws ScenarioException {
        return TestScenarios.open(arch, "\"gflags\": \"+hpa\", \"pageHeap\": \"" + mode + "\"", steps);
    }

    private static StepOutcome runToLast(Session session) {
        int n = session.steps().size();
        for (int i = 0; i < n - 1; i++) {
            StepOutcome o = session.step();
            assertEquals(StepOutcome.Status.OK, o.status(), () -> (o.index() + 1) + ": " + o.output());
        }
        StepOutcome last = session.step();
        assertTrue(session.isStopped());
        return last;
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void anOverrunFaultsAtTheWriteThatLeavesTheBlock(String arch) throws ScenarioException {
        Session session = open(arch, "full", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 16)" },
            { "do": "p[15] = 0x41" },
            { "do": "p[16] = 0x41" },
            { "do": "HeapFree(h, 0, p)" }""");
        for (int i = 0; i < 3; i++) {
            assertEquals(StepOutcome.Status.OK, session.step().status());
        }
        StepOutcome fault = session.step();
        assertEquals(StepOutcome.Status.FAULT, fault.status());
        long p = session.process().readVariable("p");
        assertTrue(fault.output().startsWith("Access violation - code c0000005 (first chance)\n"
            + "Attempt to write to address "), fault.output());
        assertTrue(fault.output().contains(session.process().arch().ptrTick(p + 16)), fault.output());
        assertEquals(4, session.position());
        assertTrue(session.isStopped());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void aUseAfterFreeFaultsAtOnce(String arch) throws ScenarioException {
        StepOutcome last = runToLast(open(arch, "full", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 0x20)" },
            { "do": "HeapFree(h, 0, p)" },
            { "do": "x = byte(p + 4)" }"""));
        assertEquals(StepOutcome.Status.FAULT, last.status());
        assertTrue(last.output().contains("Attempt to read from address"), last.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "light"})
    void suffixDamageStopsAtFreeWithTheVerifierStop(String mode) throws ScenarioException {
        Session session = open("x86", mode, """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 12)" },
            { "do": "p[12] = 0x41" },
            { "do": "HeapFree(h, 0, p)" }""");
        int n = session.steps().size();
        for (int i = 0; i < n - 1; i++) {
            assertEquals(StepOutcome.Status.OK, session.step().status());
        }
        long h = session.process().readVariable("h");
        byte[] before = session.process().memory().readBytes(h + 0x1000, 0x100);
        StepOutcome last = session.step();
        assertEquals(StepOutcome.Status.FAULT, last.status());
        assertTrue(last.output().contains("VERIFIER STOP 0000000F: pid 0x1A2C: corrupted suffix pattern"),
            last.output());
        assertTrue(last.output().endsWith("Break instruction exception - code 80000003 (first chance)"));
        assertTrue(Arrays.equals(before, session.process().memory().readBytes(h + 0x1000, 0x100)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "light"})
    void stepBackAcrossPageHeapCallsRestoresTheBlocks(String mode) throws ScenarioException {
        Session session = open("x64", mode, """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 0x30)" },
            { "do": "q = HeapAlloc(h, 0, 0x40)" },
            { "do": "HeapFree(h, 0, p)" },
            { "do": "r = HeapAlloc(h, 0, 0x50)" }""");
        session.step();
        session.step();
        String afterP = session.console("!heap -p -a p");
        byte[] block = session.process().memory().readBytes(session.process().readVariable("p") - 0x40, 0x70);
        session.step();
        session.step();
        session.step();
        long r = session.process().readVariable("r");
        session.stepBack();
        session.stepBack();
        session.stepBack();
        assertEquals(2, session.position());
        long p = session.process().readVariable("p");
        assertTrue(Arrays.equals(block, session.process().memory().readBytes(p - 0x40, 0x70)));
        assertEquals(afterP, session.console("!heap -p -a p"));
        session.step();
        session.step();
        session.step();
        assertEquals(r, session.process().readVariable("r"), "the same run again");
    }

    @org.junit.jupiter.api.Test
    void hpaSetLaterMakesOnlyTheHeapsCreatedAfterItPageHeaps() throws ScenarioException {
        Session session = Session.open(ScenarioLoader.load("t.json", """
            { "heaplab": 1, "title": "T", "steps": [
              { "cmd": "!gflag +hpa" },
              { "do": "h = HeapCreate(0, 0, 0)" },
              { "do": "p = HeapAlloc(h, 0, 8)" } ] }"""));
        session.step();
        StepOutcome created = session.step();
        long h = session.process().readVariable("h");
        assertTrue(session.process().heaps().pageHeap().isPageHeap(h));
        assertTrue(!session.process().heaps().pageHeap().isPageHeap(session.process().getProcessHeap()));
        assertTrue(created.output().startsWith(String.format("Page heap: process 0x1A2C created heap @ %08X", h)),
            created.output());
        session.step();
        assertEquals(0xFF8, session.process().readVariable("p") & 0xFFF);
    }
}
