package heaplab.engine.session;

import heaplab.engine.Arch;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.trace.MallocLabTrace;
import heaplab.engine.trace.TraceConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A load on an interrupted thread gives up (the window's Cancel), and loads normally otherwise. */
class CancellationTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static String bigScenario(int steps) {
        StringBuilder json = new StringBuilder("{\"heaplab\": 1, \"title\": \"big\", \"steps\": [");
        json.append("{\"do\": \"h = HeapCreate(0, 0, 0)\"}");
        for (int i = 0; i < steps; i++) {
            json.append(", {\"do\": \"p = HeapAlloc(h, 0, 0x10)\"}");
        }
        return json.append("]}").toString();
    }

    @Test
    void readingCompilingAndConvertingStopWhenTheThreadIsInterrupted() throws Exception {
        String json = bigScenario(10_000);
        Scenario scenario = ScenarioLoader.load("big.json", json);
        assertEquals(10_001, Session.open(scenario).steps().size());

        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, () -> ScenarioLoader.load("big.json", json));
        assertThrows(CancellationException.class, () -> Session.open(scenario));
        StringBuilder trace = new StringBuilder("0\n10000\n10000\n1\n");
        for (int i = 0; i < 10_000; i++) {
            trace.append("a ").append(i).append(" 16\n");
        }
        MallocLabTrace parsed = MallocLabTrace.parse("big.rep", trace.toString());
        assertThrows(CancellationException.class, () -> TraceConverter.toScenario(parsed, Arch.X86));
    }

    @Test
    void aJumpOrARunOnAnInterruptedThreadStopsAtAWholePosition() throws Exception {
        Scenario scenario = ScenarioLoader.load("big.json", bigScenario(10_000));
        Session session = Session.open(scenario);
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, () -> session.jumpTo(9_000));
        int reached = session.position();
        assertTrue(reached > 0 && reached < 9_000, "stopped part way: " + reached);
        assertEquals(reached, session.outcomes().size(), "the outcomes agree with the position");
        assertThrows(CancellationException.class, session::run);
        assertEquals(Session.RunStop.NONE, session.lastRunStop());
        assertEquals(session.position(), session.outcomes().size());
        Thread.interrupted();
        // Not interrupted: the same session goes on as if nothing had happened.
        session.jumpTo(9_000);
        assertEquals(9_000, session.position());
        assertEquals(Session.open(scenario).steps().size(), session.steps().size());
    }

    @Test
    void aCancelledRunBackStaysWhereItStarted() throws Exception {
        Session session = Session.open(ScenarioLoader.load("big.json", bigScenario(10_000)));
        session.console("!heap -b free");
        session.jumpTo(9_000);
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, session::runBack);
        Thread.interrupted();
        assertEquals(9_000, session.position());
        assertEquals(9_000, session.outcomes().size());
        assertEquals(Session.RunStop.START, session.runBack(), "no free in the scenario: back to the start");
        assertEquals(0, session.position());
    }
}
