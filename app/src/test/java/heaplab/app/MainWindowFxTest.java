package heaplab.app;

import heaplab.app.console.ConsoleLine;
import heaplab.app.heapmap.HeapMapDiagram;
import heaplab.app.heapmap.HeapMapLayout;
import heaplab.app.heapmap.MapBlock;
import heaplab.app.inspector.InspectorView;
import heaplab.app.main.MainViewModel;
import heaplab.app.testing.FxWindowTest;
import heaplab.app.testing.RecordingDialogs;
import heaplab.app.main.NavigationToolBar;
import heaplab.app.steps.StepRow;
import heaplab.app.steps.StepsView;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window end to end, as a student uses it: open the default sample, step, step back, select a block, run a
 * console command, export a PNG. Asserts on what the user sees (labels, highlighted cells, files).
 */
@FxWindowTest
class MainWindowFxTest {
    @TempDir
    static Path exportDir;

    private HeapLabApp app;
    private Stage stage;

    /** Answers the file choosers like a user would, and records alerts instead of blocking on them. */
    private final RecordingDialogs dialogs = RecordingDialogs.recording(exportDir);

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new HeapLabApp();
        app.show(stage, null, dialogs);
    }

    @Test
    void stepBackSelectConsoleAndExport(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        assertTrue(robot.window(0) instanceof Stage stage && stage.getTitle().contains("First fit"),
            "the window shows the default sample's title");
        assertEquals(0, vm.positionProperty().get());

        WaitForAsyncUtils.asyncFx(() -> app.view().console().input().requestFocus());
        press(robot, KeyCode.F10);
        assertEquals(1, vm.positionProperty().get(), "F10 steps");
        press(robot, KeyCode.F10);
        assertEquals(2, vm.positionProperty().get(), "F10 steps again");
        press(robot, KeyCode.F10, KeyCode.SHIFT);
        assertEquals(1, vm.positionProperty().get());
        Label status = robot.lookup("#" + NavigationToolBar.STATUS_ID).queryAs(Label.class);
        assertTrue(status.getText().startsWith("Step 1 of "), status.getText());
        assertEquals(List.of("h = HeapCreate(0, 0, 0)"), highlightedSteps(robot));

        // Step on to `a = HeapAlloc(h, 0, 0x20)` and click a's block in the heap map.
        press(robot, KeyCode.F10);
        press(robot, KeyCode.F10);
        assertEquals(3, vm.positionProperty().get());
        long a = vm.session().variables().get("a");
        MouseClicks.click(app.view().heapMap().canvas(), canvasPointOf(a));
        String address = vm.session().arch().ptr(a);
        Label inspectorTitle = robot.lookup("#" + InspectorView.TITLE_ID).queryAs(Label.class);
        assertTrue(inspectorTitle.getText().contains(address), inspectorTitle.getText());
        assertTrue(vm.selectedAddressProperty().get() != 0);

        WaitForAsyncUtils.asyncFx(() -> app.view().console().input().requestFocus());
        focusWindow();
        robot.write("!heap -a");
        press(robot, KeyCode.ENTER);
        List<ConsoleLine> lines = vm.console().lines();
        int echo = lines.indexOf(new ConsoleLine("0:000> !heap -a", ConsoleLine.Kind.ECHO));
        assertTrue(echo >= 0, "the command is echoed");
        assertTrue(lines.size() > echo + 3, "its output follows");
        ListView<?> output = robot.lookup("#consoleOutput").queryAs(ListView.class);
        assertEquals(lines.size(), output.getItems().size());

        WindowSnapshots.save(robot.window(0).getScene(), "main-window-step3.png");

        press(robot, KeyCode.E, KeyCode.CONTROL);
        assertEquals(List.of(), dialogs.errors());
        Path png = exportDir.resolve("heap-map-step3.png");
        assertTrue(Files.size(png) > 0);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * (int) Math.ceil(HeapMapLayout.width(vm.session().arch())), image.getWidth());
        assertTrue(image.getHeight() > 400, "two heaps are drawn: " + image.getHeight());
    }

    private void press(FxRobot robot, KeyCode key, KeyCode... modifiers) {
        focusWindow();
        KeyPresses.press(stage.getScene(), key, modifiers);
    }

    private void focusWindow() {
        KeyPresses.focus(stage);
    }

    /** The texts of the step cells drawn highlighted as current. */
    private static List<String> highlightedSteps(FxRobot robot) {
        return robot.lookup("#" + StepsView.LIST_ID + " .list-cell").queryAll().stream()
            .filter(cell -> cell.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName()
                .equals("hl-current")))
            .map(cell -> ((javafx.scene.control.ListCell<?>) cell).getItem())
            .map(item -> ((StepRow) item).text())
            .toList();
    }

    /** Where in the heap map's pane the block holding an address is drawn (the middle of its first row piece). */
    private Point2D canvasPointOf(long address) {
        var canvas = app.view().heapMap().canvas();
        HeapMapDiagram diagram = (HeapMapDiagram) canvas.getDiagram();
        HeapMapLayout.Piece piece = diagram.layout().pieces().stream()
            .filter(p -> p.kind() == HeapMapLayout.PieceKind.ROW && p.block() != null && p.block().contains(address))
            .findFirst().orElseThrow();
        MapBlock block = piece.block();
        assertTrue(block.contains(address));
        return canvas.toPane(piece.x() + piece.w() / 2, piece.y() + piece.h() / 2);
    }
}
