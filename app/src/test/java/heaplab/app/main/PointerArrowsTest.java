package heaplab.app.main;

import heaplab.app.heapmap.HeapMapModel;
import heaplab.app.heapmap.HeapMapModel.Pointer;
import heaplab.app.heapmap.PointerArrows;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The heap map's arrows: the pointers the selected block holds to other blocks, else those of the block the last
 * step wrote into (leak-detection: a's block holds b's pointer from step 4, and still after both variables forget
 * them).
 */
class PointerArrowsTest {
    private static HeapMapModel mapAt(EngineLabSession lab, int position, long selected) {
        lab.jumpTo(position);
        HeapViews views = new HeapViews(address -> { }, () -> false);
        views.update(lab, selected);
        return views.heapMap().getModel();
    }

    @Test
    void theBlockTheLastStepWroteIntoPointsAtTheOneWhosePointerItHolds() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample("leak-detection")));
        lab.jumpTo(4);
        long a = lab.session().process().readVariable("a");
        long b = lab.session().process().readVariable("b");
        assertEquals(List.of(), mapAt(lab, 3, 0).pointers(), "before the memcpy, a's block is zeros");
        assertEquals(List.of(new Pointer(a, b)), mapAt(lab, 4, 0).pointers(), "memcpy(a, &b, 4) touched a's block");
        assertEquals(List.of(), mapAt(lab, 4, b).pointers(), "the selection goes first: b's block holds no pointer");
        assertEquals(List.of(new Pointer(a, b)), mapAt(lab, 9, a).pointers(),
            "after a = NULL and b = NULL, a's block still holds b's pointer: the pair leaks together");
        HeapViews views = new HeapViews(address -> { }, () -> false);
        lab.jumpTo(4);
        views.update(lab, a);
        assertEquals(List.of("+0x0: " + lab.arch().ptr(b) + " (b)"), views.inspector().fields().stream()
            .filter(f -> f.name().equals("Points to")).map(f -> f.value()).toList(), "the inspector words the arrow");
    }

    @Test
    void onlyPointersIntoAnotherBlocksDataCountAndAtMostEight() throws Exception {
        StringBuilder steps = new StringBuilder("""
            { "heaplab": 1, "title": "t", "arch": "x86", "steps": [
              { "do": "h = HeapCreate(0, 0, 0)" },
              { "do": "p = HeapAlloc(h, 0, 0x40)" },
              { "do": "q = HeapAlloc(h, 0, 0x20)" },
              { "do": "memset(p, 0, 0x40)" },
              { "do": "memcpy(p + 4, &p, 4)" },
              { "do": "memcpy(p + 8, &h, 4)" }""");
        for (int i = 0; i < 10; i++) {
            steps.append(",\n  { \"do\": \"memcpy(p + ").append(12 + 4 * i).append(", &q, 4)\" }");
        }
        steps.append("\n]}");
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.load("t.json", steps.toString())));
        HeapMapModel model = mapAt(lab, lab.steps().size(), 0);
        long p = lab.session().process().readVariable("p");
        long q = lab.session().process().readVariable("q");
        List<Pointer> pointers = model.pointers();
        assertEquals(PointerArrows.MAX_ARROWS, pointers.size(), "10 pointers to q, the first 8 drawn");
        assertEquals(new Pointer(p + 12, q), pointers.get(0),
            "p's pointer to itself and the heap handle are not drawn");
    }

    @Test
    void theDebugCrtsOwnLinksAreNoPointersOfTheProgram() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample("crt-leaks")));
        lab.jumpTo(5);
        long config = lab.session().process().readVariable("config");
        assertEquals(List.of(), mapAt(lab, 5, config).pointers(),
            "config's _CrtMemBlockHeader links to cache's block, but its data holds only \"verbose=1\"");
        EngineLabSession copy = new EngineLabSession(Session.open(ScenarioLoader.load("t.json", """
            { "heaplab": 1, "title": "t", "arch": "x86", "steps": [
              { "do": "p = _malloc_dbg(16, _NORMAL_BLOCK, \\"a.c\\", 1)" },
              { "do": "q = _malloc_dbg(16, _NORMAL_BLOCK, \\"a.c\\", 2)" },
              { "do": "memcpy(p + 4, &q, 4)" }
            ] }
            """)));
        long p = readAt(copy, 3, "p");
        long q = readAt(copy, 3, "q");
        HeapMapModel model = mapAt(copy, 3, p);
        assertEquals(List.of(new Pointer(p + 4, q)), model.pointers(), "the data's pointer, not the header's links");
        HeapViews views = new HeapViews(address -> { }, () -> false);
        views.update(copy, p);
        assertEquals(List.of("+0x4: " + copy.arch().ptr(q) + " (q)"), views.inspector().fields().stream()
            .filter(f -> f.name().equals("Points to")).map(f -> f.value()).toList(), "offsets from the data");
    }

    private static long readAt(EngineLabSession lab, int position, String variable) {
        lab.jumpTo(position);
        return lab.session().process().readVariable(variable);
    }
}
