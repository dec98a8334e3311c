package heaplab.app.main;

import heaplab.app.heapmap.HeapMapModel;
import heaplab.app.heapmap.MapBlock;
import heaplab.app.heapmap.MapHeap;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heap map names the heap's own blocks: the _HEAP, its _HEAP_SEGMENT, and the LFH's structure. */
class MapCaptionsTest {
    @Test
    void theLfhStructureAndTheSegmentAreNamed() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample("lfh")));
        lab.jumpTo(13);
        HeapViews views = new HeapViews(address -> { }, () -> false);
        views.update(lab, 0);
        HeapMapModel model = views.heapMap().getModel();
        MapHeap h = model.heaps().get(1);
        List<String> captions = h.segments().get(0).blocks().stream().map(MapBlock::caption)
            .filter(c -> !c.isEmpty()).toList();
        assertEquals("_HEAP", captions.get(0));
        assertEquals("_HEAP_SEGMENT", captions.get(1));
        assertTrue(captions.contains("LFH (FrontEndHeap)"), captions.toString());
    }
}
