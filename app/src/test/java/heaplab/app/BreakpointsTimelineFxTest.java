package heaplab.app;

import heaplab.app.canvas.DiagramCanvas;
import heaplab.app.main.FxDialogService;
import heaplab.app.main.MainViewModel;
import heaplab.app.main.NavigationToolBar;
import heaplab.app.steps.StepRow;
import heaplab.app.steps.StepsView;
import heaplab.app.steps.TimelineDiagram;
import heaplab.app.steps.TimelineView;
import heaplab.app.testing.FxWindowTest;
import heaplab.app.testing.RecordingDialogs;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Line;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The teaching window end to end on the default sample (16 steps, no `break`): a breakpoint set with the mouse on a
 * step's gutter, F5 stopping before it, Shift+F5 running back, Ctrl+G through the real dialog, the timeline clicked
 * and slid, a toolbar button fired from the keyboard.
 */
@FxWindowTest
class BreakpointsTimelineFxTest {
    /** Step 7, `c = HeapAlloc(h, 0, 0x40)`. */
    private static final int BREAK_INDEX = 6;

    private RecordingDialogs dialogs;
    private HeapLabApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new HeapLabApp();
        FxDialogService real = new FxDialogService(() -> stage);
        app.show(stage, null, dialogs = new RecordingDialogs(RecordingDialogs.recording(null)) {
            @Override
            public Optional<Integer> askStepNumber(int current, int stepCount) {
                return real.askStepNumber(current, stepCount);
            }
        });
    }

    @Test
    void breakpointRunRunBackGoToAndTimeline(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.timeline().getModel().samples().complete());
        assertEquals(17, vm.timeline().getModel().points().size(), "every position of the 16 steps, at once");

        // A breakpoint on step 7 with the mouse, on its gutter.
        ListView<?> list = robot.lookup("#" + StepsView.LIST_ID).queryAs(ListView.class);
        WaitForAsyncUtils.asyncFx(() -> list.scrollTo(BREAK_INDEX - 1));
        WaitForAsyncUtils.waitForFxEvents();
        Node gutter = gutterOf(robot, BREAK_INDEX);
        MouseClicks.click(gutter, centre(gutter));
        assertTrue(vm.session().isBreakpoint(BREAK_INDEX));
        assertTrue(vm.steps().rows().get(BREAK_INDEX).breakpoint());
        assertEquals("\u25CF", ((Label) gutterOf(robot, BREAK_INDEX)).getText(), "the dot is drawn");
        assertEquals(0, vm.positionProperty().get(), "a gutter click does not move the session");
        assertEquals(List.of(BREAK_INDEX), vm.timeline().getModel().breakpoints(), "the timeline marks it");

        press(KeyCode.F5);
        assertEquals(BREAK_INDEX, vm.positionProperty().get(), "F5 stops before step 7");
        Label status = robot.lookup("#" + NavigationToolBar.STATUS_ID).queryAs(Label.class);
        assertTrue(status.getText().contains("breakpoint before step 7"), status.getText());
        assertEquals(List.of("expect b == a + 0x28"), highlightedSteps(robot));
        press(KeyCode.F5);
        assertEquals(16, vm.positionProperty().get(), "then to the end");

        press(KeyCode.F5, KeyCode.SHIFT);
        assertEquals(BREAK_INDEX, vm.positionProperty().get(), "Shift+F5 runs back to the breakpoint");
        assertTrue(status.getText().contains("ran back to the breakpoint before step 7"), status.getText());
        press(KeyCode.F5, KeyCode.SHIFT);
        assertEquals(0, vm.positionProperty().get(), "and then to the start");

        // Ctrl+G: the dialog refuses a step past the end, then takes 12.
        press(KeyCode.G, KeyCode.CONTROL);
        TextField field = robot.lookup("#" + FxDialogService.GO_TO_STEP_FIELD_ID).queryAs(TextField.class);
        DialogPane pane = (DialogPane) field.getScene().getRoot();
        Button ok = (Button) pane.lookupButton(ButtonType.OK);
        WaitForAsyncUtils.asyncFx(() -> field.setText("99"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(ok.isDisabled());
        Label problem = robot.lookup("#" + FxDialogService.GO_TO_STEP_PROBLEM_ID).queryAs(Label.class);
        assertEquals("Step 99 is past the end: the scenario has 16 steps.", problem.getText());
        WaitForAsyncUtils.asyncFx(() -> field.setText("12"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(ok.isDisabled());
        WaitForAsyncUtils.asyncFx(ok::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(12, vm.positionProperty().get(), "Ctrl+G went to step 12");
        StepsView stepsView = (StepsView) list.getParent();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> stepsView.isFullyVisible(11));
        assertEquals(List.of("HeapFree(h, 0, a)"), highlightedSteps(robot));

        // A click on the timeline at position 3 goes there; the marker and the slider follow.
        DiagramCanvas chart = robot.lookup("#" + TimelineView.CHART_ID).queryAs(DiagramCanvas.class);
        TimelineDiagram diagram = (TimelineDiagram) chart.getDiagram();
        Point2D at3 = chart.toPane(diagram.xOf(3), (diagram.plotTop() + diagram.plotBottom()) / 2);
        MouseClicks.click(chart, at3);
        assertEquals(3, vm.positionProperty().get(), "the click on the chart went to position 3");
        Slider slider = robot.lookup("#" + TimelineView.SLIDER_ID).queryAs(Slider.class);
        assertEquals(16, slider.getMax());
        assertEquals(3, slider.getValue());
        Line marker = robot.lookup("#" + TimelineView.MARKER_ID).queryAs(Line.class);
        assertEquals(chart.localToScene(at3).getX(), marker.localToScene(marker.getStartX(), 0).getX(), 1.0);
        WaitForAsyncUtils.asyncFx(() -> slider.setValue(9));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(9, vm.positionProperty().get(), "the slider goes to any step");

        // A toolbar button from the keyboard.
        Button step = robot.lookup("#stepButton").queryAs(Button.class);
        assertTrue(step.isFocusTraversable());
        WaitForAsyncUtils.asyncFx(step::requestFocus);
        press(KeyCode.ENTER);
        assertEquals(10, vm.positionProperty().get(), "Enter on the focused Step button");

        WindowSnapshots.save(stage.getScene(), "teaching-window.png");
        assertEquals(List.of(), dialogs.errors());
    }

    private void press(KeyCode key, KeyCode... modifiers) {
        WaitForAsyncUtils.asyncFx(stage::requestFocus);
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, stage::isFocused);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the window did not get the keyboard focus", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        KeyPresses.press(stage.getScene(), key, modifiers);
    }

    private static Node gutterOf(FxRobot robot, int index) {
        return robot.lookup("#" + StepsView.LIST_ID + " .list-cell").queryAll().stream()
            .filter(cell -> ((ListCell<?>) cell).getItem() instanceof StepRow row && row.index() == index)
            .findFirst().orElseThrow(() -> new AssertionError("step " + (index + 1) + " is not shown"))
            .lookup("." + StepsView.GUTTER_CLASS);
    }

    private static Point2D centre(Node node) {
        Bounds b = node.getLayoutBounds();
        return new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
    }

    private static List<String> highlightedSteps(FxRobot robot) {
        return robot.lookup("#" + StepsView.LIST_ID + " .list-cell").queryAll().stream()
            .filter(cell -> cell.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName()
                .equals("hl-current")))
            .map(cell -> ((StepRow) ((ListCell<?>) cell).getItem()).text())
            .toList();
    }
}
