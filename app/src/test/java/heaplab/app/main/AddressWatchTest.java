package heaplab.app.main;

import heaplab.app.steps.TimelineDiagram;
import heaplab.app.steps.TimelineHeapBreak;
import heaplab.app.testing.RecordingDialogs;
import heaplab.app.theme.Palette;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An address watch ({@code ba w4 p}) stops F5 after the changing step: the status line, the console and the timeline. */
class AddressWatchTest {
    private final EngineLabSession live;
    private final MainViewModel vm;

    AddressWatchTest() throws ScenarioException {
        live = new EngineLabSession(Session.open(ScenarioLoader.load("w.json", """
            { "heaplab": 1, "title": "Watch", "arch": "x86", "steps": [
                { "do": "h = HeapCreate(HEAP_GROWABLE, 0, 0)" },
                { "do": "p = HeapAlloc(h, HEAP_ZERO_MEMORY, 0x20)" },
                { "do": "p[8] = 1" },
                { "do": "p[1] = 1" },
                { "do": "p[1] = 1" },
                { "do": "p[2] = 5" }
            ] }
            """)));
        vm = new MainViewModel(live, null, RecordingDialogs.failingOnError(), (view, s, selected, file) -> { });
    }

    private void type(String line) {
        vm.console().inputProperty().set(line);
        vm.console().submit();
    }

    @Test
    void aRunStopsAfterTheStepThatChangedTheWatchedBytes() {
        vm.stepCommand().execute();
        vm.stepCommand().execute();
        type("ba w4 p");
        assertEquals(6, live.steps().size(), "a watch is no step");
        String watch = live.dataBreakpointListing().substring(20, 28);
        vm.runCommand().execute();
        assertEquals(4, vm.positionProperty().get(), "p[8] is outside the 4 bytes; p[1] = 1 changes them");
        String label = "data breakpoint 0 (ba w4 " + watch + ")";
        assertEquals(label, live.dataBreakpointStop());
        assertTrue(vm.statusProperty().get().contains("stopped at " + label + ": step 4 changed its bytes"),
            vm.statusProperty().get());
        String console = vm.console().allText();
        assertTrue(console.contains("Breakpoint 0 hit"), console);
        assertTrue(console.contains("changed: 00 00 00 00 -> 00 01 00 00"), console);
        assertTrue(console.contains(label + " hit by step 4"), console);

        vm.runCommand().execute();
        assertEquals(6, vm.positionProperty().get(), "the same value again does not hit; p[2] = 5 does");
        vm.runBackCommand().execute();
        assertEquals(4, vm.positionProperty().get());
        assertTrue(vm.statusProperty().get().contains("ran back to " + label + ", hit by step 4"),
            vm.statusProperty().get());
    }

    @Test
    void theTimelineMarksWhereTheWatchStopsARun() {
        vm.stepCommand().execute();
        vm.stepCommand().execute();
        type("ba w4 p");
        List<TimelineHeapBreak> marks = vm.timeline().getModel().heapBreaks();
        assertEquals(List.of(1, 2, 4, 6), marks.stream().map(TimelineHeapBreak::position).toList(),
            "HeapCreate commits the bytes, HeapAlloc zeroes them, then p[1] and p[2]: " + marks);
        assertTrue(marks.stream().allMatch(TimelineHeapBreak::watch));
        TimelineDiagram diagram = new TimelineDiagram(vm.timeline().getModel(), -1, Palette.light());
        String tip = diagram.tooltipAt(diagram.xOf(4), (diagram.plotTop() + diagram.plotBottom()) / 2);
        assertTrue(tip.contains("data breakpoint 0 (ba w4 ") && tip.contains(") hit by step 4"), tip);
        type("bc *");
        assertEquals(List.of(), vm.timeline().getModel().heapBreaks(), "cleared: the marks go");
    }
}
