package heaplab.engine.session;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeapWalk steps in a scenario: a structure variable walked step by step, checked by expects, replayed exactly. */
class HeapWalkStepsTest {
    private static final String SCENARIO = """
        { "heaplab": 1, "title": "Walk", "arch": "x64", "steps": [
          { "do": "h = HeapCreate(0, 0, 0)" },
          { "do": "p = HeapAlloc(h, 0, 123)" },
          { "do": "big = HeapAlloc(h, 0, 0x200000)" },
          { "do": "HeapWalk(h, &e)" },
          { "expect": "e.wFlags == PROCESS_HEAP_REGION && e.lpData == h && e.Region.dwCommittedSize == 0x2000" },
          { "do": "HeapWalk(h, &e)" },
          { "expect": "e.wFlags == PROCESS_HEAP_ENTRY_BUSY && e.lpData == p && e.cbData == 123" },
          { "do": "n = e.cbData + e.cbOverhead" },
          { "do": "HeapWalk(h, &e)" },
          { "expect": "e.wFlags == 0 && e.lpData == p + n + 16" },
          { "do": "HeapWalk(h, &e)" },
          { "expect": "e.wFlags == PROCESS_HEAP_UNCOMMITTED_RANGE && e.Region.lpFirstBlock == 0" },
          { "do": "HeapWalk(h, &e)" },
          { "expect": "e.lpData == big && e.iRegionIndex == 64 && e.cbData == 0x200000 && e.cbOverhead == 0" },
          { "do": "last = HeapWalk(h, &e)" },
          { "expect": "last == 0 && GetLastError() == ERROR_NO_MORE_ITEMS" },
          { "do": "x = 7", "say": "a variable after the structure" },
          { "expect": "x == 7 && e.lpData == big" }
        ] }
        """;

    @Test
    void aWalkRunsToTheEndAndReplaysTheSame() throws ScenarioException {
        Session session = Session.open(ScenarioLoader.load("t.json", SCENARIO), Session.Options.DEFAULT);
        StepOutcome end = session.run();
        assertEquals(session.steps().size(), session.position(), String.valueOf(end));
        List<StepOutcome> outcomes = List.copyOf(session.outcomes());
        assertTrue(outcomes.stream().allMatch(o -> o.status() == StepOutcome.Status.OK), outcomes.toString());
        assertEquals("HeapWalk returned 0x0000000000000001", outcomes.get(3).output());

        session.jumpTo(5);
        assertEquals(List.of("PROCESS_HEAP_ENTRY e"), session.process().structureDeclarations());
        session.jumpTo(2);
        assertEquals(List.of(), session.process().structureDeclarations(), "before the first HeapWalk: no e");
        session.run();
        assertEquals(outcomes, session.outcomes(), "replay gives the same outcomes");
    }

    /** The usual walk, between HeapLock and HeapUnlock (1.11.19: a HEAP_NO_SERIALIZE heap locks too). */
    @Test
    void aWalkBetweenHeapLockAndHeapUnlock() throws ScenarioException {
        Session session = TestScenarios.open("x86", """
            { "do": "h = HeapCreate(HEAP_NO_SERIALIZE, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 24)" },
            { "expect": "HeapLock(h) == 1" },
            { "do": "HeapWalk(h, &e)" },
            { "do": "HeapWalk(h, &e)" },
            { "expect": "e.lpData == p && e.cbData == 24" },
            { "expect": "HeapUnlock(h) == 1" },
            { "do": "SetLastError(0)" },
            { "expect": "HeapLock(p) == 0 && GetLastError() == ERROR_INVALID_HANDLE" }
            """);
        StepOutcome end = session.run();
        assertEquals(session.steps().size(), session.position(), String.valueOf(end));
        assertTrue(session.outcomes().stream().allMatch(o -> o.status() == StepOutcome.Status.OK),
            session.outcomes().toString());
        assertEquals("", session.outcomes().get(7).output(), "SetLastError returns nothing");
    }

    @Test
    void theConsoleKnowsTheStructuresOfTheSession() throws ScenarioException {
        Session session = Session.open(ScenarioLoader.load("t.json", SCENARIO), Session.Options.DEFAULT);
        session.run();
        String reset = session.console("e.lpData = NULL");
        assertTrue(reset.contains("e.lpData = 0x0000000000000000"), reset);
        session.console("HeapWalk(h, &e)");
        assertTrue(session.console("y = e.lpData").contains("y = " + String.format("0x%016x",
            session.process().readVariable("h"))));
        session.console("HeapWalk(h, &w)");
        assertEquals(List.of("PROCESS_HEAP_ENTRY e", "PROCESS_HEAP_ENTRY w"),
            session.process().structureDeclarations());
        assertTrue(session.console("z = e.cbFoo").contains("^ PROCESS_HEAP_ENTRY has no field 'cbFoo'"));
        long e = session.process().structureAddress("PROCESS_HEAP_ENTRY e", 0);
        String dump = session.console("dq e L1");
        assertTrue(dump.startsWith(String.format("%08x`%08x  %08x`%08x", e >>> 32, e & 0xFFFFFFFFL,
            session.process().readVariable("h") >>> 32, session.process().readVariable("h") & 0xFFFFFFFFL)), dump);
    }

    @Test
    void anUnknownFieldIsALoadErrorWithItsPlace() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load("t.json", """
            { "heaplab": 1, "title": "T", "steps": [
              { "do": "h = HeapCreate(0, 0, 0)" },
              { "do": "HeapWalk(h, &e)" },
              { "expect": "e.cbSize == 0" } ] }
            """));
        assertTrue(e.getMessage().startsWith("t.json:4:18: PROCESS_HEAP_ENTRY has no field 'cbSize'"),
            e.getMessage());
        ScenarioException unknown = assertThrows(ScenarioException.class, () -> ScenarioLoader.load("t.json", """
            { "heaplab": 1, "title": "T", "steps": [
              { "do": "h = HeapCreate(0, 0, 0)" },
              { "do": "n = e.cbData" },
              { "do": "HeapWalk(h, &e)" } ] }
            """));
        assertTrue(unknown.getMessage().startsWith("t.json:3:16: 'e' is not a structure variable"),
            unknown.getMessage());
        assertFalse(unknown.getMessage().isEmpty());
    }
}
