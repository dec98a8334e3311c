package heaplab.engine.session;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@code gflags} line typed in the console becomes a step, affects heaps created after it, and steps back. */
class GlobalFlagStepTest {

    @BeforeEach
    void needsTheHeap() {
        NtHeapReady.assume();
    }

    private static Session open() throws ScenarioException {
        return Session.open(ScenarioLoader.load("t.json", """
            { "heaplab": 1, "title": "T", "gflags": "+hpc", "steps": [
              { "do": "h = HeapCreate(0, 0, 0)" }
            ] }
            """));
    }

    @Test
    void aSettingLineIsAStepAndStepsBack() throws ScenarioException {
        Session session = open();
        session.step();
        String output = session.console("gflags +htc");
        assertEquals("""
            Current NtGlobalFlag contents: 0x00000050
                htc - Enable heap tail checking
                hpc - Enable heap parameter checking
            Heaps created from now on get these flags; existing heaps keep theirs.
            """, output);
        assertEquals(2, session.steps().size());
        assertEquals(2, session.position());
        assertEquals(0x50, session.process().globalFlags());
        session.console("h2 = HeapCreate(0, 0, 0)");
        long h = session.process().readVariable("h");
        long h2 = session.process().readVariable("h2");
        assertEquals(0, session.process().heaps().read(h).flags() & 0x20, "h was created before the change");
        assertEquals(0x20, session.process().heaps().read(h2).flags() & 0x20, "h2 has tail checking");
        session.stepBack();
        session.stepBack();
        assertEquals(0x40, session.process().globalFlags(), "stepping back restores NtGlobalFlag");
        session.step();
        assertEquals(0x50, session.process().globalFlags(), "and replaying sets it again");
        session.restart();
        session.run();
        assertEquals(0x20, session.process().heaps().read(session.process().readVariable("h2")).flags() & 0x20);
    }

    @Test
    void aBadSettingLinePrintsOneLineAndAddsNoStep() throws ScenarioException {
        Session session = open();
        session.step();
        assertEquals("gflags: unknown gflags flag 'xyz' (heap flags: htc hfc hpc hvc htg ust htd dhc hpa)\n",
            session.console("gflags +xyz"));
        assertEquals(1, session.steps().size());
        assertEquals(0x40, session.process().globalFlags());
        assertTrue(session.console("gflags").startsWith("Current NtGlobalFlag contents: 0x00000040\n"));
        assertEquals(1, session.steps().size(), "the display is no step");
    }
}
