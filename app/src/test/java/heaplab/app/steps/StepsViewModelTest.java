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
        assertEquals("lots\nof\noutput", vm.rows().get(1).output());
        assertEquals("", vm.rows().get(0).output(), "only the current step shows its output");
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
    void longOutputIsCutToAFewLines() {
        String text = String.join("\n", java.util.Collections.nCopies(20, "line"));
        String shown = StepsViewModel.firstLines(text);
        assertEquals(StepsViewModel.OUTPUT_LINES + 1, shown.split("\n").length);
        assertTrue(shown.endsWith("(14 more lines in the console)"), shown);
    }
}
