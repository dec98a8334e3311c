package heaplab.app;

import heaplab.app.main.BackgroundMoves;
import heaplab.app.main.DiagramPngExport;
import heaplab.app.main.DialogService;
import heaplab.app.main.EngineSessionLoader;
import heaplab.app.main.FxDialogService;
import heaplab.app.main.LabSession;
import heaplab.app.main.MainView;
import heaplab.app.main.LoadViewModel;
import heaplab.app.main.MainViewModel;
import heaplab.app.main.SessionLoader;
import heaplab.app.main.Shortcuts;
import heaplab.app.main.WindowChrome;
import heaplab.app.main.WindowViewModel;
import heaplab.app.prefs.AppPreferences;
import heaplab.app.prefs.JavaPreferenceStore;
import heaplab.app.prefs.MemoryPreferenceStore;
import heaplab.app.prefs.PreferenceStore;
import heaplab.app.theme.Palette;
import heaplab.app.theme.Themes;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HeapLab window. Opens the file named on the command line, or the built-in default sample, in the theme,
 * size and place the user left it in (java.util.prefs).
 */
public final class HeapLabApp extends Application {
    /** The built-in sample the window opens on when no file is given. */
    public static final String DEFAULT_SAMPLE = "first-fit";
    /** Below this the four panes get too narrow to read; the window opens at this size. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private MainViewModel viewModel;
    private MainView view;
    private WindowViewModel window;
    private WindowChrome chrome;
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
        String sample = sampleName(args);
        show(stage, args.isEmpty() || sample != null ? null : Path.of(args.get(0)));
        if (sample != null) {
            viewModel.openSample(sample); // as File > Samples: an unknown name says so over the default sample
        }
    }

    /** The sample the command line names ({@code heaplab sample:lfh}, as {@code run} takes it), else null. */
    static String sampleName(List<String> args) {
        String prefix = "sample:";
        return !args.isEmpty() && args.get(0).startsWith(prefix) ? args.get(0).substring(prefix.length()) : null;
    }

    /**
     * Builds the window on a stage and shows it.
     *
     * @param file the scenario or trace to open, or null for the default sample
     */
    public void show(Stage stage, Path file) {
        show(stage, file, new FxDialogService(() -> stage), JavaPreferenceStore.user());
    }

    /**
     * As {@link #show(Stage, Path)} with other dialogs (tests answer the file choosers themselves) and fresh
     * preferences in memory, so that a test never depends on what the user's runs stored.
     */
    public void show(Stage stage, Path file, DialogService dialogs) {
        show(stage, file, dialogs, new MemoryPreferenceStore());
    }

    /** As {@link #show(Stage, Path)} with other dialogs and preferences. */
    public void show(Stage stage, Path file, DialogService dialogs, PreferenceStore store) {
        show(stage, file, dialogs, store, BackgroundMoves.forFx());
    }

    /** As above, long moves running where `moves` says (tests hold them to see the window while one runs). */
    public void show(Stage stage, Path file, DialogService dialogs, PreferenceStore store, BackgroundMoves moves) {
        SessionLoader loader = new EngineSessionLoader();
        AppPreferences preferences = new AppPreferences(store);
        String theme = preferences.theme(Themes.NAMES).orElse(Themes.LIGHT);
        Palette palette = Palette.of(theme);
        // Exports draw in the palette the window shows at the time, whatever theme that is.
        viewModel = new MainViewModel(openDefault(loader), loader, dialogs,
            new DiagramPngExport(() -> view.heapMap().palette()), timelineWorker, Platform::runLater);
        viewModel.setBackgroundLoads(LoadViewModel.forFx());
        viewModel.setBackgroundMoves(moves);
        window = new WindowViewModel(viewModel, preferences, dialogs);
        view = new MainView(viewModel, palette);
        Scene scene = new Scene(view, WIDTH, HEIGHT);
        scene.getStylesheets().addAll(Themes.stylesheets(theme));
        Shortcuts.install(scene, viewModel);
        chrome = new WindowChrome(stage, scene, view, window);
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        chrome.placement().restore(WIDTH, HEIGHT);
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> chrome.save());
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

    public WindowViewModel window() {
        return window;
    }

    public WindowChrome chrome() {
        return chrome;
    }

    /** File > Exit and the last window closed: keep where the window was. */
    @Override
    public void stop() {
        if (chrome != null) {
            chrome.save();
        }
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
