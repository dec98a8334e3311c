package heaplab.app.main;

import heaplab.app.steps.TimelineDiagram;
import heaplab.app.steps.TimelineModel;
import heaplab.app.steps.TimelinePoint;
import heaplab.app.steps.TimelineStop;
import heaplab.app.testing.FakeLabSession;
import heaplab.app.testing.HeapFixtures;
import heaplab.app.theme.Palette;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The teaching window's navigation in the view models, on a fake session: breakpoints (F9, the gutter), Run back,
 * Go to step, and the timeline over all steps (series, markers, jumps, sampling once and off the UI thread).
 */
class TimelineAndBreakpointsTest {
    private final List<String> errors = new ArrayList<>();
    private Optional<Integer> typedStep = Optional.empty();
    private final List<String> asked = new ArrayList<>();
    private final DialogService dialogs = new DialogService() {
        @Override
        public Optional<Path> chooseScenarioFile() {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseExportFile(String suggestedName) {
            return Optional.empty();
        }

        @Override
        public void showError(String title, String message) {
            errors.add(title + ": " + message);
        }

        @Override
        public Optional<Integer> askStepNumber(int current, int stepCount) {
            asked.add(current + " of " + stepCount);
            return typedStep;
        }
    };
    private final SessionLoader loader = new SessionLoader() {
        @Override
        public LabSession open(Path file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LabSession openSample(String name) {
            throw new UnsupportedOperationException();
        }
    };

    private MainViewModel open(LabSession session) {
        return new MainViewModel(session, loader, dialogs, (view, s, selected, file) -> { });
    }

    /** Only the process heap until step 2 has run, then the first-fit heap beside it. */
    private static FakeLabSession growing(int steps) {
        return new FakeLabSession(steps, position -> position < 2 ? List.of(HeapFixtures.emptyHeap(0x00140000L))
            : List.<HeapInfo>of(HeapFixtures.emptyHeap(0x00140000L), HeapFixtures.firstFitHeap()));
    }

    @Test
    void theTimelineHasEverySeriesOverAllStepsBeforeAnyIsRun() {
        MainViewModel vm = open(growing(5));
        TimelineModel model = vm.timeline().getModel();
        assertEquals(5, model.stepCount());
        assertTrue(model.samples().complete());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), model.points().stream().map(TimelinePoint::position).toList());
        TimelinePoint start = model.points().get(0);
        assertEquals(new TimelinePoint(0, 0, 0xa20, 0x1000, 0xa20), start);
        assertEquals(0.0, start.fragmentation(), "one free block: nothing fragmented");
        TimelinePoint later = model.points().get(4);
        assertEquals(0x28 + 0x48, later.busyBytes());
        assertEquals(0xa20 + 0x18 + 0x998, later.freeBytes());
        assertEquals(0x2000, later.committedBytes(), "a committed page in each heap");
        assertEquals(0xa20, later.largestFreeBytes());
        assertEquals(1 - (double) 0x998 / (0x18 + 0x998), later.fragmentation(), 1e-9,
            "the most fragmented heap's: the process heap's one free block is no fragmentation of h");
        assertEquals(0, vm.timeline().positionProperty().get());
    }

    @Test
    void aLongScenarioIsSampledAtAThousandPointsOnceAndEachStepOnlyMovesTheMarker() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(20_000);
        MainViewModel vm = open(session);
        List<TimelinePoint> points = vm.timeline().getModel().points();
        assertEquals(TimelineSampler.MAX_POINTS + 1, points.size(), "every 20th position, and position 0");
        assertEquals(20_000, points.get(points.size() - 1).position());
        int reads = session.heapReads();
        TimelineModel model = vm.timeline().getModel();
        for (int i = 0; i < 50; i++) {
            vm.stepCommand().execute();
        }
        vm.backCommand().execute();
        assertEquals(49, vm.timeline().positionProperty().get());
        assertEquals(1, session.replays());
        assertEquals(reads + 51, session.heapReads(), "the replay read no more heaps: only the views, once a move");
        assertTrue(model == vm.timeline().getModel(), "the chart itself was not rebuilt");
    }

    @Test
    void markersShowBreakpointsFaultsAndFailedExpects() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(8)
            .failAt(1, StepOutcome.Status.EXPECT_FAILED)
            .failAt(5, StepOutcome.Status.FAULT);
        MainViewModel vm = open(session);
        TimelineModel model = vm.timeline().getModel();
        assertEquals(List.of(2), model.breakpoints(), "the scenario's break on step 3");
        assertEquals(List.of(new TimelineStop(1, false), new TimelineStop(5, true)), model.stops());
        assertEquals(6, model.samples().reached(), "nothing runs after the fault");
        assertTrue(model.samples().complete());
        assertEquals(6, model.points().get(model.points().size() - 1).position());

        vm.steps().selectedIndexProperty().set(4);
        vm.toggleBreakpointCommand().execute();
        assertEquals(List.of(2, 4), vm.timeline().getModel().breakpoints(), "F9 on the selected step");
        assertTrue(vm.steps().rows().get(4).breakpoint());
        vm.steps().toggleBreakpoint(2);
        assertEquals(List.of(4), vm.timeline().getModel().breakpoints(), "the gutter clears the scenario's");
        assertEquals(1, session.replays(), "breakpoints change the markers, not the samples");
        assertTrue(vm.console().lines().stream().anyMatch(l -> l.text().startsWith("Breakpoint set before step 5")));
    }

    @Test
    void runStopsAtAUserBreakpointAndRunBackReturnsToIt() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(8);
        MainViewModel vm = open(session);
        vm.steps().toggleBreakpoint(2);
        vm.steps().toggleBreakpoint(5);
        vm.runCommand().execute();
        assertEquals(5, vm.positionProperty().get(), "past step 3 (cleared), before step 6");
        assertEquals("Step 5 of 8 \u2014 stopped at the breakpoint before step 6", vm.statusProperty().get());
        vm.console().inputProperty().set("!heap -s");
        vm.console().submit();
        assertTrue(vm.statusProperty().get().endsWith("before step 6"), "a command that moves nothing keeps it");
        vm.console().inputProperty().set("q = HeapAlloc(h, 0, 8)");
        vm.console().submit();
        assertEquals("Step 6 of 9", vm.statusProperty().get(), "a step typed in the console moved on: gone");
        vm.runCommand().execute();
        assertEquals(9, vm.positionProperty().get());
        vm.runBackCommand().execute();
        assertEquals(6, vm.positionProperty().get(), "the breakpoint moved on with its step, after the typed one");
        assertEquals("Step 6 of 9 \u2014 ran back to the breakpoint before step 7", vm.statusProperty().get());
        vm.runBackCommand().execute();
        assertEquals(0, vm.positionProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Start"));
        assertFalse(vm.runBackCommand().isExecutable(), "nothing before the start");
        assertEquals(0, vm.timeline().positionProperty().get());
    }

    @Test
    void runBackStopsAfterAFailedExpect() {
        MainViewModel vm = open(FakeLabSession.withFixtureHeaps(8).failAt(4, StepOutcome.Status.EXPECT_FAILED));
        vm.jumpTo(8);
        vm.runBackCommand().execute();
        assertEquals(5, vm.positionProperty().get(), "right after step 5, whose expect failed");
        assertTrue(vm.statusProperty().get().startsWith("Step 5 of 8"), vm.statusProperty().get());
        assertTrue(vm.console().lines().stream()
            .anyMatch(l -> l.text().equals("ran back to the failed expect of step 5")));
        vm.runBackCommand().execute();
        assertEquals(2, vm.positionProperty().get(), "before step 3's break");
    }

    @Test
    void goToStepAsksForANumberAndGoesThere() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(8);
        MainViewModel vm = open(session);
        typedStep = Optional.of(6);
        vm.goToStepCommand().execute();
        assertEquals(List.of("0 of 8"), asked);
        assertEquals(6, vm.positionProperty().get());
        assertEquals(5, vm.steps().currentIndexProperty().get());
        typedStep = Optional.empty();
        vm.goToStepCommand().execute();
        assertEquals(6, vm.positionProperty().get(), "cancelled");
        assertEquals(List.of(), errors);
    }

    @Test
    void stepNumbersAreCheckedBeforeTheDialogAcceptsThem() {
        assertEquals(7, StepNumberInput.parse(" 7 ", 8).getAsInt());
        assertEquals(0, StepNumberInput.parse("0", 8).getAsInt());
        assertNull(StepNumberInput.problem("8", 8));
        assertEquals("Step 9 is past the end: the scenario has 8 steps.", StepNumberInput.problem("9", 8));
        assertEquals("'-1' is not a step number: type digits only, 0 to 8.", StepNumberInput.problem("-1", 8));
        assertEquals("'x3' is not a step number: type digits only, 0 to 8.", StepNumberInput.problem("x3", 8));
        assertEquals("Type a step number from 0 to 8.", StepNumberInput.problem("  ", 8));
        assertTrue(StepNumberInput.parse("99999999999", 8).isEmpty());
    }

    @Test
    void clickingOrDraggingOnTheTimelineGoesToThatPosition() {
        MainViewModel vm = open(FakeLabSession.withFixtureHeaps(10));
        TimelineDiagram diagram = new TimelineDiagram(vm.timeline().getModel(), -1, Palette.light());
        for (int pos = 0; pos <= 10; pos++) {
            assertEquals(pos, diagram.positionAt(diagram.xOf(pos)));
        }
        assertEquals(0, diagram.positionAt(-50), "clamped");
        vm.timeline().jumpTo(diagram.positionAt(diagram.xOf(7) + 2));
        assertEquals(7, vm.positionProperty().get());
        vm.timeline().jumpTo(diagram.positionAt(diagram.width() + 40));
        assertEquals(10, vm.positionProperty().get(), "dragged past the end");
        vm.timeline().jumpTo(3);
        assertEquals(3, vm.positionProperty().get(), "the slider");
        String tip = diagram.tooltipAt(diagram.xOf(2), (diagram.plotTop() + diagram.plotBottom()) / 2);
        assertTrue(tip.startsWith("After step 2") && tip.contains("fragmentation"), tip + diagram.model());
        assertTrue(tip.contains("breakpoint before step 3"), tip);
        String tip3 = diagram.tooltipAt(diagram.xOf(3), (diagram.plotTop() + diagram.plotBottom()) / 2);
        assertTrue(tip3.startsWith("After step 3") && tip3.contains("busy"), tip3);
    }

    @Test
    void samplingRunsInTheBackgroundAndAStaleResultIsDropped() {
        Queue<Runnable> background = new ArrayDeque<>();
        Queue<Runnable> ui = new ArrayDeque<>();
        FakeLabSession first = FakeLabSession.withFixtureHeaps(6);
        MainViewModel vm = new MainViewModel(first, loader, dialogs, (view, s, selected, file) -> { },
            background::add, ui::add);
        assertEquals(6, vm.timeline().getModel().stepCount(), "the axis is there at once");
        assertTrue(vm.timeline().getModel().points().isEmpty(), "the samples are not");
        assertFalse(vm.timeline().getModel().samples().complete());
        vm.stepCommand().execute();
        assertEquals(1, vm.timeline().positionProperty().get(), "stepping does not wait for the sampling");

        Runnable firstJob = background.poll();
        FakeLabSession second = FakeLabSession.withFixtureHeaps(3);
        vm.setSession(second);
        firstJob.run();
        while (!ui.isEmpty()) {
            ui.poll().run();
        }
        assertTrue(vm.timeline().getModel().points().isEmpty(), "the first session's samples are not shown");
        assertEquals(3, vm.timeline().getModel().stepCount());
        background.poll().run();
        while (!ui.isEmpty()) {
            ui.poll().run();
        }
        assertEquals(4, vm.timeline().getModel().points().size());
        assertTrue(vm.timeline().getModel().samples().complete());
    }

    @Test
    void aConsoleStatementAddsAStepAndTheTimelineIsSampledAgain() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(4);
        MainViewModel vm = open(session);
        vm.console().inputProperty().set("q = HeapAlloc(h, 0, 8)");
        vm.console().submit();
        assertEquals(5, vm.timeline().getModel().stepCount());
        assertEquals(2, session.replays());
        assertEquals(6, vm.timeline().getModel().points().size());
    }
}
