package heaplab.app.main;

import heaplab.app.inspector.BlockNotes;
import heaplab.engine.process.Process;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the session adds to the inspector: a block's tag, its allocation stack, and a debug CRT block's header. */
class EngineLabSessionNotesTest {

    @Test
    void aTaggedBlockWithATrace() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample("heap-tags")));
        lab.jumpTo(5);
        Process p = lab.session().process();
        long n2 = p.readVariable("n2");
        BlockNotes notes = lab.blockNotes(p.readVariable("h"), n2 - 8);
        assertEquals("Nodes (0002)", notes.tag());
        assertEquals("demo!main+0x14 [demo.c @ 5]", notes.caller());
        assertTrue(notes.crt().isEmpty());
    }

    @Test
    void aDebugCrtBlock() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample("crt-overrun")));
        lab.jumpTo(1);
        Process p = lab.session().process();
        long header = p.readVariable("name") - 0x20;
        BlockNotes notes = lab.blockNotes(p.getProcessHeap(), header - 8);
        assertEquals(List.of("Request", "{1}"), notes.crt().get(0).subList(0, 2));
        assertEquals(List.of("File(line)", "names.c(14)"), notes.crt().get(3).subList(0, 2));
        assertEquals("intact (fd fd fd fd on both sides)", notes.crt().get(4).get(1));
        assertTrue(lab.blockNotes(p.getProcessHeap(), header).crt().isEmpty(), "not a block boundary");
    }
}
