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
}
