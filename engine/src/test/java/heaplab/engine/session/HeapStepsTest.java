package heaplab.engine.session;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Steps that call the NT heap: skipped until the heap is implemented (see {@link NtHeapReady}). */
class HeapStepsTest {

    @BeforeEach
    void needsTheHeap() {
        NtHeapReady.assume();
    }

    private static Session open(String steps) throws ScenarioException {
        return Session.open(ScenarioLoader.load("t.json",
            "{ \"heaplab\": 1, \"title\": \"T\", \"steps\": [" + steps + "] }"));
    }

    @Test
    void heapCallsReportTheBlockTheyTouch() throws ScenarioException {
        Session session = open("""
            { "do": "h = HeapCreate(HEAP_GROWABLE, 0, 0)" },
            { "do": "a = HeapAlloc(h, 0, 0x20)" },
            { "do": "memset(a, 0x41, 0x20)" },
            { "do": "b = HeapReAlloc(h, 0, a, 0x40)" },
            { "do": "HeapFree(h, 0, b)" },
            { "expect": "HeapValidate(h, 0, NULL) == 1" }
            """);
        session.step();
        long h = session.process().readVariable("h");
        assertEquals(0, h & 0xFFFF, "heap handles are 64 KB aligned");
        StepOutcome alloc = session.step();
        long a = session.process().readVariable("a");
        assertEquals(String.format("a = 0x%08x", a), alloc.output());
        assertEquals(a, alloc.touched());
        assertEquals(a, session.step().touched());
        StepOutcome realloc = session.step();
        assertEquals(session.process().readVariable("b"), realloc.touched());
        StepOutcome free = session.step();
        assertEquals("HeapFree returned 0x00000001", free.output());
        assertEquals(session.process().readVariable("b"), free.touched());
        assertEquals(StepOutcome.Status.OK, session.step().status());
    }

    @Test
    void sizesAndTheLastError() throws ScenarioException {
        Session session = open("""
            { "do": "h = GetProcessHeap()" },
            { "expect": "h != NULL" },
            { "do": "n = GetProcessHeaps(0, NULL)" },
            { "expect": "n >= 1" },
            { "do": "p = HeapAlloc(h, HEAP_ZERO_MEMORY, 0x18)" },
            { "expect": "HeapSize(h, 0, p) == 0x18 && dword(p) == 0" },
            { "do": "q = HeapCreate(0, 0x10000, 0x10000)" },
            { "expect": "HeapDestroy(q) == TRUE" }
            """);
        StepOutcome last = session.run();
        assertEquals(StepOutcome.Status.OK, last.status(), last.output());
        assertEquals(8, session.position());
        assertNotEquals(0, session.process().readVariable("p"));
    }

    @Test
    void theProgramsDebugMessagesComeBeforeTheStatementsLine() throws ScenarioException {
        Session session = open("""
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "HeapFree(h, 0, h + 0x2345)" },
            { "expect": "GetLastError() == ERROR_INVALID_PARAMETER" }
            """);
        session.step();
        String output = session.step().output();
        String[] lines = output.split("\n");
        assertEquals(2, lines.length, output);
        assertTrue(lines[0].startsWith("HEAP[demo.exe]: Invalid address specified to RtlFreeHeap( "), output);
        assertEquals("HeapFree returned 0x00000000", lines[1]);
        assertEquals(StepOutcome.Status.OK, session.step().status());
    }

    @Test
    void stepBackRestoresTheHeapExactly() throws ScenarioException {
        Session session = open("""
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "a = HeapAlloc(h, 0, 0x20)" },
            { "do": "b = HeapAlloc(h, 0, 0x20)" },
            { "do": "HeapFree(h, 0, a)" },
            { "do": "HeapFree(h, 0, b)" },
            { "do": "c = HeapAlloc(h, 0, 0x100)" }
            """);
        session.jumpTo(2);
        long h = session.process().readVariable("h");
        byte[] before = session.process().memory().readBytes(h, 0x1000);
        session.jumpTo(6);
        session.jumpTo(2);
        assertTrue(java.util.Arrays.equals(before, session.process().memory().readBytes(h, 0x1000)));
    }
}
