package heaplab.app.steps;

import heaplab.engine.Arch;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepsViewModelTest {
    private final List<Integer> jumps = new ArrayList<>();
    private final StepsViewModel vm = new StepsViewModel(jumps::add);
    private final List<Step> steps = List.of(
        new Step(Step.Kind.DO, "h = HeapCreate(0, 0, 0)", "A private heap.", false, 1, 1),
        new Step(Step.Kind.CMD, "!heap -a h", "", true, 2, 1),
        new Step(Step.Kind.EXPECT, "a == b", "They match.", false, 3, 1));
    private final Scenario scenario = new Scenario("t.json", "Title", "Summary.", Arch.X86, "", 0, "full", "auto",
        "demo.exe", steps);

    @Test
    void rowsShowEachStepWithItsNarrationAndTheCurrentOne() {
        List<StepOutcome> outcomes = List.of(new StepOutcome(0, StepOutcome.Status.OK, "h = 0x00240000", 0),
            new StepOutcome(1, StepOutcome.Status.OK, "lots\nof\noutput", 0));
        vm.update(scenario, steps, outcomes, 2);
        assertEquals("Title", vm.titleProperty().get());
        assertEquals(List.of(StepRow.Status.RAN, StepRow.Status.CURRENT, StepRow.Status.PENDING),
            vm.rows().stream().map(StepRow::status).toList());
        assertEquals("0:000> !heap -a h", vm.rows().get(1).text());
        assertTrue(vm.rows().get(1).breakpoint());
        assertEquals("lots\nof\noutput", vm.rows().get(1).outputPreview(), "the current step's output is open");
        assertEquals("h = 0x00240000", vm.rows().get(0).outputPreview(), "earlier steps show theirs too");
        assertEquals("", vm.rows().get(2).outputPreview(), "not run yet");
        assertEquals("expect a == b", vm.rows().get(2).text());
        assertEquals(1, vm.currentIndexProperty().get());
    }

    @Test
    void aFailedExpectIsMarkedAndAClickJumpsAfterTheStep() {
        List<StepOutcome> outcomes = List.of(new StepOutcome(0, StepOutcome.Status.OK, "", 0),
            new StepOutcome(1, StepOutcome.Status.OK, "", 0),
            new StepOutcome(2, StepOutcome.Status.EXPECT_FAILED, "expect failed: a == b", 0));
        vm.update(scenario, steps, outcomes, 3);
        assertEquals(StepRow.Status.FAILED, vm.rows().get(2).status());
        assertTrue(vm.rows().get(2).isCurrent());
        vm.jumpToStep(0);
        assertEquals(List.of(1), jumps);
    }

    @Test
    void anEarlierStepShowsItsFirstOutputLineAndOpensToShowTheRest() {
        List<StepOutcome> outcomes = List.of(new StepOutcome(0, StepOutcome.Status.OK, "one\ntwo\nthree", 0),
            new StepOutcome(1, StepOutcome.Status.OK, "x", 0));
        vm.update(scenario, steps, outcomes, 2);
        StepRow first = vm.rows().get(0);
        assertTrue(first.canExpand());
        assertEquals("one   \u2026 (+2 lines)", first.outputPreview());
        vm.toggleOutput(0);
        assertEquals("one\ntwo\nthree", vm.rows().get(0).outputPreview());
        vm.update(scenario, steps, outcomes, 2);
        assertTrue(vm.rows().get(0).expanded(), "stays open across refreshes");
        vm.setOutputOpen(0, false);
        assertEquals("one   \u2026 (+2 lines)", vm.rows().get(0).outputPreview());
    }

    @Test
    void theSelectionFollowsTheCurrentStepAndF9ActsOnIt() {
        List<Integer> toggled = new ArrayList<>();
        StepsViewModel steps2 = new StepsViewModel(jumps::add, toggled::add);
        steps2.update(scenario, steps, List.of(), 0);
        assertEquals(0, steps2.breakpointTargetIndex(), "at the start: the first step");
        List<StepOutcome> outcomes = List.of(new StepOutcome(0, StepOutcome.Status.OK, "", 0),
            new StepOutcome(1, StepOutcome.Status.OK, "", 0));
        steps2.update(scenario, steps, outcomes, 2, i -> i == 0);
        assertEquals(1, steps2.selectedIndexProperty().get());
        assertEquals(1, steps2.breakpointTargetIndex());
        assertTrue(steps2.rows().get(0).breakpoint(), "the session's breakpoints, not only the scenario's");
        assertEquals(false, steps2.rows().get(1).breakpoint());
        steps2.selectedIndexProperty().set(2);
        assertEquals(2, steps2.breakpointTargetIndex(), "a step chosen in the list");
        steps2.update(scenario, steps, outcomes, 2, i -> false);
        assertEquals(2, steps2.selectedIndexProperty().get(), "a refresh without a move keeps the choice");
        steps2.toggleBreakpoint(2);
        assertEquals(List.of(2), toggled);
    }

    @Test
    void aMoveRebuildsOnlyTheRowsItCrossesAndABreakpointOnlyItsRow() {
        List<StepOutcome> outcomes = List.of(new StepOutcome(0, StepOutcome.Status.OK, "", 0),
            new StepOutcome(1, StepOutcome.Status.OK, "", 0), new StepOutcome(2, StepOutcome.Status.OK, "", 0));
        java.util.Set<Integer> marked = new java.util.HashSet<>();
        vm.update(scenario, steps, outcomes, 1, marked::contains);
        StepRow first = vm.rows().get(0);
        StepRow last = vm.rows().get(2);
        List<String> changes = new ArrayList<>();
        vm.rows().addListener((javafx.collections.ListChangeListener<StepRow>) c -> changes.add(c.toString()));
        vm.update(scenario, steps, outcomes, 2, marked::contains);
        assertEquals(StepRow.Status.RAN, vm.rows().get(0).status());
        assertEquals(StepRow.Status.CURRENT, vm.rows().get(1).status());
        assertTrue(last == vm.rows().get(2), "a row the move did not cross is not rebuilt");
        assertEquals(2, changes.size(), "rows 1 and 2 changed, one event each");
        marked.add(0);
        vm.update(scenario, steps, outcomes, 2, marked::contains);
        assertEquals(false, vm.rows().get(0).breakpoint(), "not told, and not crossed: the row stays");
        vm.breakpointChanged(0);
        assertTrue(vm.rows().get(0).breakpoint());
        assertTrue(first != vm.rows().get(0));
    }

    @Test
    void longOutputIsCutToAFewLines() {
        String text = String.join("\n", java.util.Collections.nCopies(20, "line"));
        String shown = StepsViewModel.firstLines(text);
        assertEquals(StepsViewModel.OUTPUT_LINES + 1, shown.split("\n").length);
        assertTrue(shown.endsWith("(14 more lines in the console)"), shown);
    }
}
