package heaplab.app.cli;

import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The block a run's PNGs select by default: the latest step's that touched one, past console steps and expects. */
class LastTouchedTest {

    @Test
    void aRunEndingAtAnExpectSelectsTheBlockTheLastHeapCallTouched() {
        Session session = Session.open(ScenarioLoader.loadSample("first-fit"), Session.Options.forwardOnly());
        session.run();
        StepOutcome last = session.lastOutcome();
        assertEquals(0, last.touched(), "the sample ends with an expect, which touches no block");
        long touched = RunCommand.lastTouched(session);
        assertNotEquals(0, touched);
        long expected = 0;
        for (StepOutcome outcome : session.outcomes()) {
            expected = outcome.touched() != 0 ? outcome.touched() : expected;
        }
        assertEquals(expected, touched);
    }

    @Test
    void aBlockGoneSinceGivesWayToTheLatestOneStillThere() throws Exception {
        Session session = Session.open(ScenarioLoader.load("gone.json", """
            {"heaplab": 1, "title": "x", "steps": [
              {"do": "h = HeapCreate(0, 0, 0)"},
              {"do": "a = HeapAlloc(h, 0, 0x20)"},
              {"do": "big = HeapAlloc(h, 0, 0x100000)"},
              {"do": "HeapFree(h, 0, big)"},
              {"cmd": "!heap -a h"}
            ]}"""));
        session.run();
        assertEquals(session.process().readVariable("a"), RunCommand.lastTouched(session),
            "big's region was released: the latest block still there is shown");
    }

    @Test
    void virtualAllocTouchesThePagesItReturns() {
        Session session = Session.open(ScenarioLoader.loadSample("virtual-memory"));
        session.jumpTo(13);
        assertEquals(session.process().readVariable("q"), RunCommand.lastTouched(session));
    }

    @Test
    void nothingTouchedSelectsNothing() {
        Session session = Session.open(ScenarioLoader.loadSample("first-fit"), Session.Options.forwardOnly());
        assertEquals(0, RunCommand.lastTouched(session), "before the first step");
    }
}
