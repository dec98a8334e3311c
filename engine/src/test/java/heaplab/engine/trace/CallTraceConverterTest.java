package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallTraceConverterTest {

    @Test
    void aValgrindLogBecomesOneStepPerCall() throws ScenarioException {
        CallTrace trace = CallTrace.read(TraceFiles.file("demo-valgrind.log"));
        Scenario scenario = CallTraceConverter.toScenario(trace);
        assertEquals(List.of(
                "h = HeapCreate(0, 0, 0)",
                "b0 = HeapAlloc(h, 0, 1024)",
                "b1 = HeapAlloc(h, HEAP_ZERO_MEMORY, 64)",
                "b2 = HeapAlloc(h, 0, 24)",
                "b0 = HeapReAlloc(h, 0, b0, 4096)",
                "b3 = HeapAlloc(h, 0, 100)",
                "HeapFree(h, 0, b2)",
                "b2 = HeapAlloc(h, 0, 24)",
                "HeapFree(h, 0, NULL)",
                "HeapFree(h, 0, b0)",
                "HeapFree(h, 0, b1)",
                "b0 = HeapAlloc(h, 0, 32)",
                "HeapFree(h, 0, b0)"),
            texts(scenario));
        assertEquals(List.of(1, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20),
            scenario.steps().stream().map(Step::line).toList(), "each step at its call's line");
        assertTrue(scenario.steps().stream().allMatch(s -> s.column() == 1 && s.say().isEmpty()
            && s.kind() == Step.Kind.DO));
        assertEquals("demo-valgrind.log", scenario.title());
        assertEquals(trace.source(), scenario.source());
        assertEquals(Arch.X86, scenario.arch(), "valgrind's heap is below 4 GiB here");
        assertEquals("Imported from a valgrind --trace-malloc=yes log: 13 calls replayed on a private heap h, 1 of them"
            + " left out (a free or realloc of a block allocated before tracing started, or freed already); each bK"
            + " holds one block"
            + " through its reallocations.", scenario.summary());
    }

    @Test
    void ltraceOutputBecomesOneStepPerCallOnX64() throws ScenarioException {
        Scenario scenario = CallTraceConverter.toScenario(CallTrace.read(TraceFiles.file("demo-ltrace.txt")));
        assertEquals(List.of(
                "h = HeapCreate(0, 0, 0)",
                "b0 = HeapAlloc(h, 0, 32)",
                "b1 = HeapAlloc(h, HEAP_ZERO_MEMORY, 64)",
                "b2 = HeapAlloc(h, 0, 100)",
                "b0 = HeapReAlloc(h, 0, b0, 64)",
                "HeapFree(h, 0, b2)",
                "HeapFree(h, 0, NULL)",
                "b2 = HeapAlloc(h, 0, 18446744073709551615)",
                "HeapFree(h, 0, b0)",
                "HeapFree(h, 0, b1)"),
            texts(scenario), "b2's block was freed: its name holds the next one");
        assertEquals(List.of(1, 1, 2, 5, 6, 7, 9, 10, 11, 12), scenario.steps().stream().map(Step::line).toList());
        assertEquals(Arch.X64, scenario.arch());
        assertTrue(scenario.summary().startsWith("Imported from ltrace output: 10 calls replayed on a private heap h,"
            + " 1 of them left out"), scenario.summary());
    }

    @Test
    void aBlockKeepsItsVariableThroughReallocMovesAndAFailedReallocIsNotReplayed() throws ScenarioException {
        Scenario scenario = CallTraceConverter.toScenario(CallTrace.parse("moves.txt", """
            malloc(16) = 0x1000
            malloc(16) = 0x2000
            realloc(0x1000, 64) = 0x3000
            realloc(0x3000, 128) = 0x1000
            realloc(0x1000, 99999999) = 0
            free(0x2000) = <void>
            malloc(16) = 0x2000
            calloc(1, 8) = 0x3000
            free(0x1000) = <void>
            free(0x1000) = <void>
            realloc(0x4000, 8) = 0x5000
            free(0x5000) = <void>
            """));
        assertEquals(List.of(
                "h = HeapCreate(0, 0, 0)",
                "b0 = HeapAlloc(h, 0, 16)",
                "b1 = HeapAlloc(h, 0, 16)",
                "b0 = HeapReAlloc(h, 0, b0, 64)",
                "b0 = HeapReAlloc(h, 0, b0, 128)",
                "HeapFree(h, 0, b1)",
                "b1 = HeapAlloc(h, 0, 16)",
                "b2 = HeapAlloc(h, HEAP_ZERO_MEMORY, 8)",
                "HeapFree(h, 0, b0)",
                "HeapFree(h, 0, b0)"),
            texts(scenario), "0x3000 was b0's, which still holds a block: calloc takes a new variable; the failed"
                + " realloc is not replayed (here it could succeed and move b0); b0 still holds 0x1000's block when"
                + " the trace frees it again, so the double free is replayed");
        assertTrue(scenario.summary().contains(", 2 of them left out"), scenario.summary());
        assertTrue(scenario.summary().contains(", 1 double free replayed (the heap reports it)"), scenario.summary());
        assertTrue(scenario.summary().contains(", 1 failed realloc not replayed (the block stayed where it was)"),
            scenario.summary());
        assertEquals(Arch.X86, scenario.arch());
        assertRunsWithoutFault(scenario);
        Session session = Session.open(scenario);
        session.jumpTo(scenario.steps().size());
        assertTrue(session.outcomes().get(9).output().startsWith("HEAP[demo.exe]: Invalid address specified to"
            + " RtlFreeHeap( "), "the heap reports the double free: " + session.outcomes().get(9).output());
    }

    @Test
    void theConvertedTracesRunInASession() throws ScenarioException {
        for (String name : List.of("demo-valgrind.log", "demo-ltrace.txt")) {
            assertRunsWithoutFault(CallTraceConverter.toScenario(CallTrace.read(TraceFiles.file(name))));
        }
    }

    /** A request of 4 GB or more, a calloc's product included, needs a 64-bit process. */
    @Test
    void aHugeRequestMakesTheScenarioX64() throws ScenarioException {
        assertEquals(Arch.X64, CallTraceConverter.toScenario(CallTrace.parse("c.txt", """
            malloc(16) = 0x1000
            calloc(65536, 65536) = 0
            """)).arch());
        assertEquals(Arch.X64, CallTraceConverter.toScenario(CallTrace.parse("m.txt", """
            malloc(4294967297) = 0x1000
            """)).arch());
        assertEquals(Arch.X86, CallTraceConverter.toScenario(CallTrace.parse("s.txt", """
            calloc(65535, 65535) = 0x1000
            """)).arch());
    }

    @Test
    void aFailedAllocationRecordsNull() throws ScenarioException {
        Session session = Session.open(CallTraceConverter.toScenario(CallTrace.read(
            TraceFiles.file("demo-ltrace.txt"))));
        session.run();
        assertEquals(0, session.process().readVariable("b2"), "the failed malloc's variable holds NULL");
        assertFalse(session.process().readVariable("b1") == 0);
    }

    private static void assertRunsWithoutFault(Scenario scenario) {
        Session session = Session.open(scenario);
        StepOutcome last = session.run();
        assertEquals(StepOutcome.Status.OK, last.status(), scenario.title() + ": " + last.output());
        assertEquals(session.steps().size(), session.position(), scenario.title());
    }

    private static List<String> texts(Scenario scenario) {
        return scenario.steps().stream().map(Step::text).toList();
    }
}
