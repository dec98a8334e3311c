package heaplab.engine.lfh;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LFH calls in a scenario: stepping back restores the chunks (all LFH state is simulated memory). */
class LfhStepsTest {
    private static String scenario(String arch) {
        return """
            { "heaplab": 1, "title": "LFH steps", "arch": "%s", "lfh": "on", "steps": [
              { "do": "h = HeapCreate(0, 0, 0)" },
              { "do": "a = HeapAlloc(h, 0, 0x20)" },
              { "do": "b = HeapAlloc(h, 0, 0x20)" },
              { "do": "HeapFree(h, 0, a)" },
              { "do": "c = HeapAlloc(h, 0, 0x1C)" },
              { "expect": "c == a && HeapSize(h, 0, c) == 0x1C && HeapSize(h, 0, b) == 0x20" },
              { "do": "d = HeapAlloc(h, 0, 0x20)" },
              { "expect": "d == b + (b - a)" }
            ] }
            """.formatted(arch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void steppingBackRestoresTheChunks(String arch) throws ScenarioException {
        Session session = Session.open(ScenarioLoader.load("t.json", scenario(arch)), Session.Options.DEFAULT);
        StepOutcome end = session.run();
        assertEquals(session.steps().size(), session.position(), String.valueOf(end));
        List<StepOutcome> outcomes = List.copyOf(session.outcomes());
        assertTrue(outcomes.stream().allMatch(o -> o.status() == StepOutcome.Status.OK), outcomes.toString());

        session.jumpTo(4);
        long h = session.process().readVariable("h");
        long a = session.process().readVariable("a");
        assertFalse(session.process().heapValidate(h, 0, a), "a is freed after step 4");
        session.jumpTo(3);
        assertTrue(session.process().heapValidate(h, 0, a), "before the free, a is busy again");
        assertEquals(0x20, session.process().heapSize(h, 0, a));
        session.run();
        assertEquals(outcomes, session.outcomes(), "replay gives the same outcomes");
        session.jumpTo(0);
        session.run();
        assertEquals(outcomes, session.outcomes());
    }
}
