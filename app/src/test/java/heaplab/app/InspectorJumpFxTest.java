package heaplab.app;

import heaplab.app.inspector.InspectorView;
import heaplab.app.testing.FxWindowTest;
import heaplab.app.testing.RecordingDialogs;
import heaplab.app.main.EngineLabSession;
import heaplab.app.main.MainViewModel;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspector's jump field as a student uses it: type a variable, then an address no block holds. */
@FxWindowTest
class InspectorJumpFxTest {
    private HeapLabApp app;
    private Stage stage;

    private final RecordingDialogs dialogs = RecordingDialogs.failingOnError();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new HeapLabApp();
        app.show(stage, null, dialogs);
    }

    @Test
    void typingAVariableSelectsItsBlockAndAnEmptyAddressSaysSo(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        WaitForAsyncUtils.asyncFx(() -> vm.jumpTo(3));
        WaitForAsyncUtils.waitForFxEvents();
        long a = vm.session().variables().get("a");
        Label title = robot.lookup("#" + InspectorView.TITLE_ID).queryAs(Label.class);
        assertTrue(title.getText().startsWith("No block selected"), title.getText());

        type(robot, "a");
        String address = vm.session().arch().ptr(a);
        assertTrue(title.getText().contains("block a at " + address), title.getText());
        assertEquals(a, vm.selectedAddressProperty().get(), "selected everywhere");

        type(robot, "a+0x28");
        assertTrue(title.getText().contains("Free block") || title.getText().contains("at "), title.getText());
        assertTrue(vm.selectedAddressProperty().get() == a + 0x28);

        WindowSnapshots.save(robot.window(0).getScene(), "inspector-jump.png");

        type(robot, "10");
        assertTrue(title.getText().startsWith("No heap block contains 00000010"), title.getText());
        Label message = robot.lookup("#" + InspectorView.JUMP_MESSAGE_ID).queryAs(Label.class);
        assertTrue(message.isVisible() && message.getText().contains("No heap block contains"), message.getText());
    }

    /** An error typed with nothing selected does not follow the student into the next file. */
    @Test
    void anotherFileStartsWithAnEmptyJumpField(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        type(robot, "nosuchname");
        Label message = robot.lookup("#" + InspectorView.JUMP_MESSAGE_ID).queryAs(Label.class);
        assertTrue(message.isVisible() && !message.getText().isEmpty(), "the error is shown first");
        WaitForAsyncUtils.asyncFx(() -> vm.setSession(
            new EngineLabSession(Session.open(ScenarioLoader.loadSample("crt-overrun"))))).get();
        WaitForAsyncUtils.waitForFxEvents();
        TextField field = robot.lookup("#" + InspectorView.JUMP_ID).queryAs(TextField.class);
        assertEquals("", field.getText(), "the old file's expression is gone");
        assertEquals("", message.getText(), "and so is its error");
    }

    @Test
    void aDamagedCrtBlockOpensItsDamageSection(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        WaitForAsyncUtils.asyncFx(() -> {
            vm.setSession(new EngineLabSession(Session.open(ScenarioLoader.loadSample("crt-overrun"))));
            vm.jumpTo(4);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        type(robot, "name");
        Label title = robot.lookup("#" + InspectorView.TITLE_ID).queryAs(Label.class);
        assertTrue(title.getText().startsWith("Busy CRT block name at "), title.getText());
        List<String> expanded = robot.lookup(".titled-pane").queryAllAs(TitledPane.class).stream()
            .filter(TitledPane::isExpanded).map(TitledPane::getText).toList();
        assertEquals(List.of("Damage"), expanded, "the damage is what the student should see first");
        Label damage = robot.lookup("#" + InspectorView.DAMAGE_ID).queryAs(Label.class);
        assertTrue(damage.isVisible(), "the damage is also stated above the fields");
        assertEquals("Damaged at " + vm.session().arch().ptr(vm.session().variables().get("name") + 10)
            + ": expected fd, found 00 (no-man's land fd)", damage.getText());
        WindowSnapshots.save(robot.window(0).getScene(), "inspector-crt-damage.png");
    }

    /** Clears the jump field, types into it and presses Enter. */
    private void type(FxRobot robot, String text) {
        TextField field = robot.lookup("#" + InspectorView.JUMP_ID).queryAs(TextField.class);
        WaitForAsyncUtils.asyncFx(() -> {
            field.clear();
            field.requestFocus();
        });
        focusWindow();
        WaitForAsyncUtils.asyncFx(field::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(text, field.getText());
        KeyPresses.press(stage.getScene(), KeyCode.ENTER);
    }

    private void focusWindow() {
        KeyPresses.focus(stage);
    }
}
