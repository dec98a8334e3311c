package heaplab.app;

import heaplab.app.main.BackgroundMoves;
import heaplab.app.main.LoadView;
import heaplab.app.main.MainViewModel;
import heaplab.app.main.NavigationToolBar;
import heaplab.app.prefs.MemoryPreferenceStore;
import heaplab.app.testing.FxWindowTest;
import heaplab.app.testing.RecordingDialogs;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long jump in the window (Ctrl+G far ahead on a 3,000-step scenario): it runs on a worker that the test holds,
 * so the window is seen while the move runs (progress line, commands waiting, Escape and Cancel) and after it.
 */
@FxWindowTest
class LongMoveFxTest {
    private static final int STEPS = 3000;

    @TempDir
    static Path dir;

    /** The moves handed to the worker, which the test starts on a thread of its own when it chooses. */
    private final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
    private HeapLabApp app;
    private Stage stage;
    private final RecordingDialogs dialogs = new RecordingDialogs(RecordingDialogs.failingOnError()) {
        @Override
        public Optional<Integer> askStepNumber(int current, int stepCount) {
            return Optional.of(2500);
        }
    };

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path file = dir.resolve("long.json");
        StringBuilder json = new StringBuilder("{\"heaplab\": 1, \"title\": \"Long\", \"steps\": [");
        json.append("{\"do\": \"h = HeapCreate(0, 0, 0)\"}");
        for (int i = 1; i < STEPS; i++) {
            json.append(i % 2 == 1 ? ", {\"do\": \"p = HeapAlloc(h, 0, 0x10)\"}" : ", {\"do\": \"HeapFree(h, 0, p)\"}");
        }
        Files.writeString(file, json.append("]}"));
        app = new HeapLabApp();
        app.show(stage, file, dialogs, new MemoryPreferenceStore(),
            new BackgroundMoves(held::add, Platform::runLater, BackgroundMoves.LONG_MOVE_STEPS));
    }

    private void releaseWorker() throws InterruptedException {
        Runnable move = held.poll(5, TimeUnit.SECONDS);
        assertTrue(move != null, "a move went to the worker");
        Thread worker = new Thread(move, "test-move");
        worker.start();
        worker.join(30_000);
    }

    @Test
    void farJumpRunsOffTheFxThreadAndCanBeCancelled(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        assertEquals(STEPS, vm.stepCountProperty().get());
        Label status = robot.lookup("#" + NavigationToolBar.STATUS_ID).queryAs(Label.class);
        Button stepButton = robot.lookup("#stepButton").queryAs(Button.class);
        Button cancel = robot.lookup("#" + LoadView.MOVE_CANCEL_ID).queryAs(Button.class);

        javafx.scene.Node line = cancel.getParent();
        assertFalse(line.isVisible());
        press(KeyCode.G, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, line::isVisible); // after a short delay
        assertTrue(stepButton.isDisabled(), "the commands wait for the move");
        assertTrue(status.getText().startsWith("Start"), "the window still shows where the session was");
        Label what = (Label) cancel.getParent().getChildrenUnmodifiable().get(1);
        assertEquals("Going to step 2500 \u2026", what.getText());
        press(KeyCode.F10);
        assertEquals(0, vm.positionProperty().get(), "F10 waits too");

        // Escape cancels, wherever the focus is: the console keeps the line being typed.
        WaitForAsyncUtils.asyncFx(() -> vm.console().inputProperty().set("db h"));
        press(KeyCode.ESCAPE);
        assertEquals("db h", vm.console().inputProperty().get());
        releaseWorker();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !vm.movingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, vm.positionProperty().get(), "cancelled before it began: still at the start");
        assertFalse(line.isVisible());
        assertFalse(stepButton.isDisabled());
        assertTrue(vm.console().allText().contains("Cancelled: still at step 0"), vm.console().allText());

        press(KeyCode.ESCAPE);
        assertEquals("", vm.console().inputProperty().get(), "nothing runs: Escape clears the console's line");

        // The Cancel button does the same.
        press(KeyCode.G, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, line::isVisible);
        MouseClicks.click(cancel, new javafx.geometry.Point2D(5, 5));
        releaseWorker();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !vm.movingProperty().get());
        assertEquals(0, vm.positionProperty().get());

        press(KeyCode.G, KeyCode.CONTROL);
        releaseWorker();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.positionProperty().get() == 2500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Step 2500 of " + STEPS, status.getText());
        assertEquals(2499, vm.steps().currentIndexProperty().get());
        assertFalse(stepButton.isDisabled());
        press(KeyCode.F10);
        assertEquals(2501, vm.positionProperty().get(), "a step stays on the FX thread");
        assertTrue(held.isEmpty());
        assertEquals(0, dialogs.errors().size());
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
}
