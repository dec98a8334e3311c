package heaplab.engine.crt;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;
import heaplab.engine.session.TestScenarios;


import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers for the CRT tests: a scenario from its steps, run step by step. */
final class CrtScenarios {

    private CrtScenarios() {
    }

    static Session open(String arch, String steps) throws ScenarioException {
        return TestScenarios.open(arch, steps);
    }

    /** Runs `count` steps, each of which must end OK; returns the last outcome. */
    static StepOutcome runOk(Session session, int count) {
        StepOutcome outcome = null;
        for (int i = 0; i < count; i++) {
            StepOutcome o = session.step();
            assertEquals(StepOutcome.Status.OK, o.status(), () -> (o.index() + 1) + ": " + o.output());
            outcome = o;
        }
        return outcome;
    }

    /** Runs every step that is left, each OK; returns the last outcome. */
    static StepOutcome runAllOk(Session session) {
        return runOk(session, session.steps().size() - session.position());
    }

    /** %p of the architecture. */
    static String ptr(String arch, long value) {
        return TestScenarios.ptr(arch, value);
    }

    /** sizeof(_CrtMemBlockHeader). */
    static int headerSize(String arch) {
        return arch.equals("x86") ? 0x20 : 0x30;
    }
}
