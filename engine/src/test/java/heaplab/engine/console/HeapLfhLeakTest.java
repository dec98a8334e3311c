package heaplab.engine.console;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code !heap -l} and {@code -flt} see LFH chunks as blocks; the LFH's own structure and UserBlocks are not leaks. */
class HeapLfhLeakTest {
    private static final String SCENARIO = """
        { "heaplab": 1, "title": "LFH leak", "arch": "x86", "lfh": "on", "steps": [
          { "do": "h = HeapCreate(0, 0, 0)" },
          { "do": "a = HeapAlloc(h, 0, 0x20)" },
          { "do": "b = HeapAlloc(h, 0, 0x20)" },
          { "do": "c = b" },
          { "do": "b = NULL" },
          { "do": "c = NULL" },
          { "cmd": "!heap -l" },
          { "cmd": "!heap -flt s 20" }
        ] }
        """;

    @Test
    void onlyTheLostChunkLeaks() throws ScenarioException {
        Session session = Session.open(ScenarioLoader.load("t.json", SCENARIO), Session.Options.DEFAULT);
        StepOutcome end = session.run();
        assertEquals(session.steps().size(), session.position(), String.valueOf(end));
        long a = session.process().readVariable("a");
        String leaks = session.outcomes().get(6).output();
        String filter = session.outcomes().get(7).output();
        assertTrue(leaks.contains("1 leaks detected."), leaks);
        assertTrue(leaks.contains(String.format("%08x", a + 0x28 - 8)), leaks);
        assertTrue(filter.contains(String.format("%08x", a)), filter);
        assertTrue(filter.contains(String.format("%08x", a + 0x28)), filter);
    }
}
