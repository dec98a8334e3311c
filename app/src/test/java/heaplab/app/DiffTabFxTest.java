package heaplab.app;

import heaplab.app.diff.DiffView;
import heaplab.app.diff.DiffViewModel;
import heaplab.app.main.MainViewModel;
import heaplab.app.testing.FxWindowTest;
import heaplab.app.testing.RecordingDialogs;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Diff tab as a student uses it: a step chosen in its box marks the heap map at once, and stepping back keeps
 * the comparison (the new choices made the box pick its value again, which came back without end).
 */
@FxWindowTest
class DiffTabFxTest {
    private HeapLabApp app;

    private final RecordingDialogs dialogs = RecordingDialogs.failingOnError();

    @Start
    void start(Stage stage) {
        app = new HeapLabApp();
        app.show(stage, null, dialogs);
    }

    @Test
    void aChosenStepMarksTheMapAtOnceAndSurvivesStepsBack(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        WaitForAsyncUtils.asyncFx(() -> vm.jumpTo(8)).get();
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<DiffViewModel.Base> box = robot.lookup("#" + DiffView.BASE_ID).queryAs(ComboBox.class);
        WaitForAsyncUtils.asyncFx(() -> box.getItems().stream().filter(b -> b.step() == 0).findFirst()
            .ifPresent(b -> box.getSelectionModel().select(b))).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, vm.diff().baseProperty().get().step());
        assertFalse(vm.heapViews().heapMap().getModel().changes().isEmpty(), "marked without a step");

        WaitForAsyncUtils.asyncFx(() -> vm.backCommand().execute()).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(7, vm.positionProperty().get());
        assertTrue(vm.diff().summaryProperty().get().startsWith("Changes from step 0 to step 7"),
            vm.diff().summaryProperty().get());
        assertEquals(0, box.getValue().step(), "the box still shows the step compared with");
        assertFalse(vm.heapViews().heapMap().getModel().changes().isEmpty());
    }
}
