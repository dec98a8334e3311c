package heaplab.app.main;

import heaplab.app.heapmap.HeapMapModel;
import heaplab.app.heapmap.MapBlock;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After a step that ran !heap -l, the heap map marks the blocks it reported; other steps mark none. */
class LeakMarksTest {
    private static HeapMapModel mapAt(EngineLabSession lab, int position) {
        lab.jumpTo(position);
        HeapViews views = new HeapViews(address -> { }, () -> false);
        views.update(lab, 0);
        return views.heapMap().getModel();
    }

    @Test
    void theLeakSamplesLastSearchMarksBothBlocksAndOnlyThere() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample("leak-detection")));
        assertEquals(Set.of(), mapAt(lab, 5).leaks(), "the first !heap -l finds nothing");
        assertEquals(Set.of(), mapAt(lab, 8).leaks(), "a = NULL is not a search");
        HeapMapModel model = mapAt(lab, 9);
        assertEquals(2, model.leaks().size());
        List<Long> leaked = lab.leakedBlocks();
        assertEquals(Set.copyOf(leaked), model.leaks());
        MapBlock first = model.blockAt(leaked.get(0));
        assertTrue(model.isLeak(first));
        assertTrue(model.describe(first).contains(HeapMapModel.LEAK_NOTE), model.describe(first));
        assertFalse(model.isLeak(model.blockAt(lab.heaps().get(1).address())), "the _HEAP is no leak");
        HeapViews views = new HeapViews(address -> { }, () -> false);
        views.update(lab, leaked.get(0));
        assertTrue(views.inspector().fields().stream().anyMatch(f -> f.name().equals("Leaked")),
            views.inspector().fields().toString());
        assertEquals(model.leaks(), mapAt(lab, 10).leaks(), "an expect after the search changes nothing: they stay");
    }

    @Test
    void aStepThatCanChangeMemoryClearsTheMarks() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.load("t.json", """
            { "heaplab": 1, "title": "t", "arch": "x86", "steps": [
              { "do": "h = HeapCreate(0, 0, 0)" },
              { "do": "a = HeapAlloc(h, 0, 0x40)" },
              { "do": "a = NULL" },
              { "cmd": "!heap -l" },
              { "cmd": "!heap -s" },
              { "do": "b = HeapAlloc(h, 0, 0x40)" }
            ] }
            """)));
        assertEquals(1, mapAt(lab, 4).leaks().size());
        assertEquals(1, mapAt(lab, 5).leaks().size(), "a command that changes nothing keeps them");
        assertEquals(Set.of(), mapAt(lab, 6).leaks(), "an allocation may change what is reachable: they go");
    }
}
