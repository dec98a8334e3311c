package heaplab.app.main;

import heaplab.app.steps.TimelineDiagram;
import heaplab.app.steps.TimelineHeapBreak;
import heaplab.app.testing.RecordingDialogs;
import heaplab.app.theme.Palette;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeline marks the steps where the session's heap breakpoints (`!heap -b`) stop a run, as F5 stops there. */
class HeapBreakpointTimelineTest {
    private final EngineLabSession live = new EngineLabSession(Session.open(ScenarioLoader.loadSample("first-fit")));
    private final MainViewModel vm = new MainViewModel(live, null, RecordingDialogs.failingOnError(),
        (view, s, selected, file) -> { });

    private void type(String line) {
        vm.console().inputProperty().set(line);
        vm.console().submit();
    }

    private List<Integer> marked() {
        return vm.timeline().getModel().heapBreaks().stream().map(TimelineHeapBreak::position).toList();
    }

    @Test
    void theMarksAreWhereRunsStop() {
        assertEquals(List.of(), marked());
        int steps = live.steps().size();
        type("!heap -b free");
        assertEquals(steps, live.steps().size(), "setting a heap breakpoint adds no step");
        assertTrue(vm.timeline().getModel().samples().complete());
        List<Integer> marked = marked();
        assertFalse(marked.isEmpty(), "first-fit frees blocks");
        assertTrue(vm.timeline().getModel().heapBreaks().stream().allMatch(b -> b.what().equals("free")));

        List<Integer> stops = new ArrayList<>();
        while (vm.runCommand().isExecutable()) {
            vm.runCommand().execute();
            if (!live.heapBreakpointStop().isEmpty()) {
                stops.add(vm.positionProperty().get());
            }
        }
        // A run's first step always runs, so a mark at position 0 never stops one.
        assertEquals(marked.stream().filter(p -> p > 0).toList(), stops);

        type("!heap -B free");
        assertEquals(List.of(), marked(), "cleared: the marks go");
    }

    /** A breakpoint limited to a heap marks only that heap's calls (first-fit allocates on h, not the process heap). */
    @Test
    void aHeapLimitedBreakpointMarksOnlyThatHeapsCalls() {
        type("!heap -b alloc 1");
        assertEquals(List.of(), marked(), "no allocation of first-fit is on the process heap");
        type("!heap -b alloc");
        assertFalse(marked().isEmpty());
    }

    @Test
    void theTooltipSaysWhichHeapBreakpointStopsThere() {
        type("!heap -b alloc");
        TimelineHeapBreak first = vm.timeline().getModel().heapBreaks().get(0);
        TimelineDiagram diagram = new TimelineDiagram(vm.timeline().getModel(), -1, Palette.light());
        String tip = diagram.tooltipAt(diagram.xOf(first.position()), (diagram.plotTop() + diagram.plotBottom()) / 2);
        assertTrue(tip.contains("heap breakpoint (alloc) before step " + (first.position() + 1)), tip);
    }

    @Test
    void aLongTracesMarksAreFoundNearThePointer() {
        type("!heap -b alloc");
        var model = vm.timeline().getModel();
        List<TimelineHeapBreak> all = model.heapBreaks();
        assertEquals(all, model.heapBreaksBetween(0, model.stepCount()));
        TimelineHeapBreak second = all.get(1);
        assertEquals(List.of(second), model.heapBreaksBetween(second.position(), second.position()));
        assertEquals(List.of(), model.heapBreaksBetween(-5, all.get(0).position() - 1));
    }

    @Test
    void aScenariosOwnHeapBreakpointIsMarkedFromTheStart() {
        EngineLabSession sample = new EngineLabSession(Session.open(ScenarioLoader.loadSample("heap-breakpoint")));
        MainViewModel window = new MainViewModel(sample, null, RecordingDialogs.failingOnError(),
            (view, s, selected, file) -> { });
        // Step 3 sets `!heap -b free Cache`, step 9 removes it: a run stops before step 8 (HeapFree of c) only.
        assertEquals(List.of(new TimelineHeapBreak(7, "free Cache")), window.timeline().getModel().heapBreaks());
        window.runCommand().execute();
        assertEquals(7, window.positionProperty().get());
        assertEquals("heap breakpoint (free Cache)", sample.heapBreakpointStop());
        // Past the `cmd` steps the session's own breakpoints changed: sampled again, the same mark.
        assertEquals(List.of(new TimelineHeapBreak(7, "free Cache")), window.timeline().getModel().heapBreaks());
    }
}
