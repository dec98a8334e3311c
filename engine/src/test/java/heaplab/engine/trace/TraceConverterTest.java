package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceConverterTest {

    @Test
    void eachOperationIsAStepOnAPrivateHeap() throws ScenarioException {
        MallocLabTrace trace = TraceFiles.read("corners");
        Scenario scenario = TraceConverter.toScenario(trace, Arch.X64);
        assertEquals(List.of(
                "h = HeapCreate(0, 0, 0)",
                "HeapFree(h, 0, NULL)",
                "b1 = HeapAlloc(h, 0, 1)",
                "b2 = HeapAlloc(h, 0, 2)",
                "b3 = HeapAlloc(h, 0, 3)",
                "b4 = HeapAlloc(h, 0, 4)",
                "b5 = HeapAlloc(h, 0, 52428800)",
                "b6 = HeapAlloc(h, 0, 10)",
                "b7 = HeapAlloc(h, 0, 100)",
                "b7 = HeapReAlloc(h, 0, b7, 200)",
                "b8 = HeapAlloc(h, 0, 100)",
                "b8 = HeapReAlloc(h, 0, b8, 50)",
                "b9 = HeapAlloc(h, 0, 100)",
                "b9 = HeapReAlloc(h, 0, b9, 100)",
                "b10 = HeapAlloc(h, 0, 100)",
                "b10 = HeapReAlloc(h, 0, b10, 0)"),
            scenario.steps().stream().map(Step::text).toList());
        assertEquals("corners", scenario.title());
        assertEquals(trace.source(), scenario.source());
        assertEquals(Arch.X64, scenario.arch());
        Step first = scenario.steps().get(0);
        assertEquals(List.of(Step.Kind.DO, "", false, 1, 1),
            List.of(first.kind(), first.say(), first.breakpoint(), first.line(), first.column()));
        assertEquals(5, scenario.steps().get(1).line(), "each step at its line in the trace");
        assertEquals(19, scenario.steps().get(15).line());
        assertTrue(scenario.steps().stream().allMatch(s -> s.say().isEmpty() && s.column() == 1));
    }

    @Test
    void freesUseTheVariableAndReallocOfAFreedIdAllocates() throws ScenarioException {
        Scenario scenario = TraceConverter.toScenario(
            MallocLabTrace.parse("x.rep", "0\n1\n4\n0\na 0 8\nf 0\nr 0 16\nf 0\n"), Arch.X86);
        assertEquals(List.of("h = HeapCreate(0, 0, 0)", "b0 = HeapAlloc(h, 0, 8)", "HeapFree(h, 0, b0)",
            "b0 = HeapAlloc(h, 0, 16)", "HeapFree(h, 0, b0)"), scenario.steps().stream().map(Step::text).toList());
        assertEquals("x", scenario.title());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theScenarioEndsWithTheHeapOfTheDirectReplay(Arch arch) throws ScenarioException {
        for (String name : List.of("short1-bal", "corners", "malloc-free")) {
            MallocLabTrace trace = TraceFiles.read(name);
            assertSameHeap(trace, arch, Session.Options.DEFAULT);
        }
    }

    @Test
    void aLongerSharedTraceToo() throws ScenarioException {
        MallocLabTrace trace = MallocLabTrace.read(TraceFiles.sharedFolder().resolve("bash.rep"));
        assertSameHeap(trace, Arch.X64, Session.Options.forwardOnly().withOutputs(false));
    }

    @Test
    void steppingBackInTheScenarioGivesTheEarlierHeap() throws ScenarioException {
        MallocLabTrace trace = TraceFiles.read("short1-bal");
        Session session = Session.open(TraceConverter.toScenario(trace, Arch.X86), new Session.Options(4));
        session.jumpTo(7);
        var atSeven = ProcessImages.withoutStack(session.process());
        session.jumpTo(session.steps().size());
        while (session.position() > 7) {
            session.stepBack();
        }
        assertEquals(atSeven, ProcessImages.withoutStack(session.process()));
    }

    private static void assertSameHeap(MallocLabTrace trace, Arch arch, Session.Options options)
        throws ScenarioException {
        TraceReplayer.Replay replay = TraceReplayer.replay(trace, arch);
        Session session = Session.open(TraceConverter.toScenario(trace, arch), options);
        StepOutcome last = session.run();
        String name = trace.name() + " " + arch;
        assertEquals(session.steps().size(), session.position(), name);
        assertEquals(StepOutcome.Status.OK, last.status(), name);
        assertEquals(replay.heap(), session.process().readVariable("h"), name);
        for (int id = 0; id < trace.idCount(); id++) {
            String variable = "b" + id;
            if (session.process().hasVariable(variable)) {
                assertEquals(replay.pointer(id), session.process().readVariable(variable), name + " " + variable);
            }
        }
        assertEquals(ProcessImages.withoutStack(replay.process()), ProcessImages.withoutStack(session.process()),
            name);
    }
}
