package heaplab.app;

import heaplab.app.main.DiagramPngExport;
import heaplab.app.main.DialogService;
import heaplab.app.main.EngineSessionLoader;
import heaplab.app.main.FxDialogService;
import heaplab.app.main.LabSession;
import heaplab.app.main.MainView;
import heaplab.app.main.MainViewModel;
import heaplab.app.main.SessionLoader;
import heaplab.app.main.Shortcuts;
import heaplab.app.theme.Palette;
import heaplab.app.theme.Themes;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HeapLab window. Opens the file named on the command line, or the built-in default sample, and shows it in
 * the light theme.
 */
public final class HeapLabApp extends Application {
    /** The built-in sample the window opens on when no file is given. */
    public static final String DEFAULT_SAMPLE = "first-fit";
    /** Below this the four panes get too narrow to read; the window opens at this size. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private MainViewModel viewModel;
    private MainView view;
    /** Samples the timeline off the FX thread; a daemon, so it never keeps the JVM alive. */
    private final ExecutorService timelineWorker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "heaplab-timeline");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void start(Stage stage) {
        // getParameters() is null when a test calls start() directly.
        List<String> args = getParameters() == null ? List.of() : getParameters().getRaw();
        show(stage, args.isEmpty() ? null : Path.of(args.get(0)));
    }

    /**
     * Builds the window on a stage and shows it.
     *
     * @param file the scenario or trace to open, or null for the default sample
     */
    public void show(Stage stage, Path file) {
        show(stage, file, new FxDialogService(() -> stage));
    }

    /** As {@link #show(Stage, Path)} with other dialogs (tests answer the file choosers themselves). */
    public void show(Stage stage, Path file, DialogService dialogs) {
        SessionLoader loader = new EngineSessionLoader();
        Palette palette = Palette.of(Themes.LIGHT);
        viewModel = new MainViewModel(openDefault(loader), loader, dialogs, new DiagramPngExport(palette),
            timelineWorker, Platform::runLater);
        view = new MainView(viewModel, palette);
        Scene scene = new Scene(view, WIDTH, HEIGHT);
        scene.getStylesheets().addAll(Themes.stylesheets(Themes.LIGHT));
        Shortcuts.install(scene, viewModel);
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.show();
        // Since JavaFX 20 a new stage does not take the focus by itself on every platform (Monocle among them).
        stage.requestFocus();
        view.console().input().requestFocus();
        if (file != null) {
            // After show(), so that a file that fails to load gets its alert over the window on the default sample.
            viewModel.openFile(file);
        }
    }

    public MainViewModel viewModel() {
        return viewModel;
    }

    public MainView view() {
        return view;
    }

    private static LabSession openDefault(SessionLoader loader) {
        try {
            return loader.openSample(DEFAULT_SAMPLE);
        } catch (Exception e) {
            throw new IllegalStateException("the built-in sample '" + DEFAULT_SAMPLE + "' cannot be opened: "
                + e.getMessage(), e);
        }
    }
}
