package heaplab.app.main;

import heaplab.app.samples.SamplesDialog;
import heaplab.app.theme.Palette;
import heaplab.app.theme.Themes;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything of the window around the panes, wired to a {@link WindowViewModel}: the extra menus, the theme applied
 * live (stylesheets and the diagrams' palette), files dropped on the window, the other keys for zooming, and the
 * window's placement. HeapLabApp builds one per window.
 */
public final class WindowChrome {
    /** Keys that zoom as well as the menu's accelerators: Ctrl+= (the + key without Shift) and the keypad's. */
    private static final List<KeyCombination> MORE_ZOOM_IN = List.of(
        new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY),
        new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN));
    private static final KeyCombination MORE_ZOOM_OUT = new KeyCodeCombination(KeyCode.SUBTRACT,
        KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination MORE_ZOOM_RESET = new KeyCodeCombination(KeyCode.NUMPAD0,
        KeyCombination.SHORTCUT_DOWN);

    private final Stage stage;
    private final Scene scene;
    private final MainView view;
    private final WindowViewModel viewModel;
    private final HelpDialogs help;
    private final WindowPlacement placement;
    private SamplesDialog samples;

    public WindowChrome(Stage stage, Scene scene, MainView view, WindowViewModel viewModel) {
        this.stage = stage;
        this.scene = scene;
        this.view = view;
        this.viewModel = viewModel;
        this.help = new HelpDialogs(() -> stage);
        new WindowMenus(view.menuBar(), viewModel, view, this::showSamples, help);
        applyTheme(viewModel.themeProperty().get());
        viewModel.themeProperty().addListener((obs, old, theme) -> applyTheme(theme));
        scene.setOnDragOver(this::dragOver);
        scene.setOnDragDropped(this::dropped);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::moreZoomKeys);
        placement = new WindowPlacement(stage, viewModel.preferences(), view);
        // The scene is first laid out at its own size, then at the window's (restored) one: fit the map to the
        // latter, as it would have opened there.
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> Platform.runLater(() -> view.heapMap().resetZoom()));
    }

    public WindowPlacement placement() {
        return placement;
    }

    public HelpDialogs help() {
        return help;
    }

    /** File > Samples: the sample browser (one at a time). */
    public SamplesDialog showSamples() {
        if (samples != null && samples.isShowing()) {
            return samples;
        }
        samples = new SamplesDialog(viewModel.samples(), stage);
        samples.show();
        return samples;
    }

    /** Writes the placement and flushes the preferences (the window closes, or the application stops). */
    public void save() {
        placement.save();
        viewModel.preferences().store().flush();
    }

    private void applyTheme(String theme) {
        scene.getStylesheets().setAll(Themes.stylesheets(theme));
        view.setPalette(Palette.of(theme));
        for (Window window : Window.getWindows()) {
            if (window != stage && window.getScene() != null && window.getScene().getRoot()
                instanceof javafx.scene.control.DialogPane pane) {
                pane.getStylesheets().setAll(scene.getStylesheets());
            }
        }
    }

    private void dragOver(DragEvent e) {
        Dragboard board = e.getDragboard();
        if (e.getGestureSource() == null && board.hasFiles() && viewModel.acceptsDrop(paths(board.getFiles()))) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        Dragboard board = e.getDragboard();
        boolean files = board.hasFiles();
        if (files) {
            List<Path> paths = paths(board.getFiles());
            // After the drop returns: an error alert must not hold the drag source (the file manager) waiting.
            Platform.runLater(() -> viewModel.openDropped(paths));
        }
        e.setDropCompleted(files);
        e.consume();
    }

    private void moreZoomKeys(KeyEvent e) {
        if (MORE_ZOOM_IN.stream().anyMatch(k -> k.match(e))) {
            view.heapMap().zoomIn();
        } else if (MORE_ZOOM_OUT.match(e)) {
            view.heapMap().zoomOut();
        } else if (MORE_ZOOM_RESET.match(e)) {
            view.heapMap().resetZoom();
        } else {
            return;
        }
        e.consume();
    }

    private static List<Path> paths(List<File> files) {
        return files.stream().map(File::toPath).toList();
    }
}
