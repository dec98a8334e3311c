package heaplab.app;

import heaplab.app.console.ConsoleLine;
import heaplab.app.console.ConsoleView;
import heaplab.app.inspector.InspectorView;
import heaplab.app.testing.FxWindowTest;
import heaplab.app.testing.RecordingDialogs;
import heaplab.app.main.MainViewModel;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console as a student uses it: `!heap -a`, a click on an address of its output selects that block in every
 * view; Tab completes commands, options and variables, a second Tab cycles, Escape clears; a 20,000-line log
 * stays a handful of cells.
 */
@FxWindowTest
class ConsoleFxTest {
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
    void anAddressInTheOutputSelectsItsBlockEverywhere(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        for (int i = 0; i < 3; i++) {
            press(KeyCode.F10);
        }
        long a = vm.session().variables().get("a");
        long entry = a - vm.session().arch().granularity(); // x86: the 8-byte HEAP_ENTRY before the data
        assertEquals(0, vm.selectedAddressProperty().get());

        typeInConsole(robot, "!heap -a");
        press(KeyCode.ENTER);
        List<ConsoleLine> lines = vm.console().lines();
        assertTrue(lines.contains(new ConsoleLine("0:000> !heap -a", ConsoleLine.Kind.ECHO)));
        String entryText = vm.session().arch().ptr(entry);
        int row = -1;
        for (int i = 0; i < lines.size() && row < 0; i++) {
            if (lines.get(i).text().startsWith(entryText + ":")) {
                row = i;
            }
        }
        assertTrue(row >= 0, "the Entry column lists a's block");
        assertEquals(entry, lines.get(row).links().get(0).address());

        Text link = visibleLink(robot, row, entryText);
        assertEquals(javafx.scene.Cursor.HAND, link.getCursor());
        Bounds b = link.getLayoutBounds();
        MouseClicks.click(link, new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2));

        assertEquals(entry, vm.selectedAddressProperty().get(), "the click selected the block");
        Label inspectorTitle = robot.lookup("#" + InspectorView.TITLE_ID).queryAs(Label.class);
        assertTrue(inspectorTitle.getText().contains(vm.session().arch().ptr(a)), inspectorTitle.getText());
        assertTrue(input(robot).isFocused(), "the input line keeps the focus for the next command");
        WindowSnapshots.save(stage.getScene(), "console-link-selected.png");
    }

    @Test
    void tabCompletesCyclesAndEscapeClears(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        for (int i = 0; i < 3; i++) {
            press(KeyCode.F10); // h = HeapCreate, !heap -a h, a = HeapAlloc
        }
        TextField input = input(robot);

        typeInConsole(robot, "!he");
        press(KeyCode.TAB);
        assertEquals("!heap ", input.getText(), "one candidate: completed inline");
        assertTrue(input.isFocused(), "Tab does not move the focus");

        typeInConsole(robot, "-p -");
        press(KeyCode.TAB);
        assertEquals("!heap -p -", input.getText());
        FlowPane shown = robot.lookup("#" + ConsoleView.COMPLETIONS_ID).queryAs(FlowPane.class);
        assertEquals(List.of("-a", "-h", "-all", "-t", "-tc", "-ts", "-fi", "-?"),
            shown.getChildren().stream().map(n -> ((Label) n).getText()).toList());
        assertTrue(shown.isVisible());
        press(KeyCode.TAB);
        assertEquals("!heap -p -a", input.getText(), "Tab again: the first candidate");
        press(KeyCode.TAB);
        press(KeyCode.TAB);
        assertEquals("!heap -p -all", input.getText(), "and the next ones");
        Label hint = robot.lookup("#" + ConsoleView.HINT_ID).queryAs(Label.class);
        assertTrue(hint.getText().startsWith("-all: "), hint.getText());
        WindowSnapshots.save(stage.getScene(), "console-tab-cycle.png");

        press(KeyCode.ESCAPE);
        assertEquals("", input.getText(), "Escape clears the line");
        assertTrue(!shown.isVisible() || shown.getChildren().isEmpty());

        typeInConsole(robot, "db ");
        press(KeyCode.TAB);
        assertEquals(List.of("h", "a"), vm.console().completions(), "the session's variables");
        typeInConsole(robot, "a");
        press(KeyCode.TAB);
        assertEquals("db a ", input.getText());
        press(KeyCode.ENTER);
        assertTrue(vm.console().lines().get(vm.console().lines().size() - 1).links().size() >= 1,
            "a dump line starts with its address");
        press(KeyCode.UP);
        assertEquals("db a", input.getText(), "history stays on Up");
    }

    @Test
    void aLongLogIsVirtualised(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        press(KeyCode.F10);
        long heap = vm.session().heaps().get(0).address();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append(vm.session().arch().ptr(heap + 8L * (i % 64))).append(": line ").append(i).append('\n');
        }
        WaitForAsyncUtils.asyncFx(() -> vm.console().appendOutput(text.toString())).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> output = robot.lookup("#" + ConsoleView.OUTPUT_ID).queryAs(ListView.class);
        assertEquals(20_000, output.getItems().size());
        int cells = robot.lookup("#" + ConsoleView.OUTPUT_ID + " .list-cell").queryAll().size();
        assertTrue(cells < 100, "only the visible lines have cells: " + cells);
        assertEquals(heap + 8L * (19_999 % 64), vm.console().lines().get(19_999).links().get(0).address());
    }

    @Test
    void typingWhileTheLogHasTheFocusGoesToTheInputLine(FxRobot robot) {
        ListView<?> output = robot.lookup("#" + ConsoleView.OUTPUT_ID).queryAs(ListView.class);
        WaitForAsyncUtils.asyncFx(output::requestFocus);
        focusWindow();
        assertTrue(output.isFocused());
        robot.write("db");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("db", input(robot).getText());
        assertTrue(input(robot).isFocused());
    }

    @Test
    void selectedLinesAreCopiedWithCtrlC(FxRobot robot) throws Exception {
        typeInConsole(robot, "!heap");
        press(KeyCode.ENTER);
        ListView<?> output = robot.lookup("#" + ConsoleView.OUTPUT_ID).queryAs(ListView.class);
        WaitForAsyncUtils.asyncFx(() -> {
            output.requestFocus();
            output.getSelectionModel().selectRange(0, 2);
        }).get(5, TimeUnit.SECONDS);
        press(KeyCode.C, KeyCode.CONTROL);
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
            .get(5, TimeUnit.SECONDS);
        List<ConsoleLine> lines = app.viewModel().console().lines();
        assertEquals(lines.get(0).text() + "\n" + lines.get(1).text(), copied);
        assertEquals(List.of("Copy", "Copy All", "Select All", "Clear"), output.getContextMenu().getItems().stream()
            .map(javafx.scene.control.MenuItem::getText).filter(java.util.Objects::nonNull).toList());
    }

    /** The link Text of a log line, once the list has scrolled it into view. */
    private Text visibleLink(FxRobot robot, int row, String text) throws Exception {
        ListView<?> output = robot.lookup("#" + ConsoleView.OUTPUT_ID).queryAs(ListView.class);
        WaitForAsyncUtils.asyncFx(() -> output.scrollTo(row)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#" + ConsoleView.OUTPUT_ID + " .hl-console-link").queryAll().stream()
            .filter(n -> n instanceof Text t && t.getText().equals(text) && n.isVisible())
            .map(Text.class::cast).findFirst()
            .orElseThrow(() -> new AssertionError("no visible link " + text));
    }

    private TextField input(FxRobot robot) {
        return robot.lookup("#" + ConsoleView.INPUT_ID).queryAs(TextField.class);
    }

    private void typeInConsole(FxRobot robot, String text) {
        WaitForAsyncUtils.asyncFx(() -> {
            TextField input = app.view().console().input();
            input.requestFocus();
            input.end();
        });
        focusWindow();
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void press(KeyCode key, KeyCode... modifiers) {
        focusWindow();
        KeyPresses.press(stage.getScene(), key, modifiers);
    }

    private void focusWindow() {
        KeyPresses.focus(stage);
    }
}
