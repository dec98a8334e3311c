package heaplab.app.main;

import heaplab.app.prefs.AppPreferences;
import heaplab.app.samples.SamplesViewModel;
import heaplab.app.theme.Themes;
import heaplab.engine.scenario.SampleInfo;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The window around the session: the theme, Open Recent, the sample browser and files dropped on the window,
 * remembered through {@link AppPreferences}. Every file opens through {@link MainViewModel#openFile}, the path of
 * File > Open, so a failing file shows its error and keeps the open session whatever way it came.
 */
public final class WindowViewModel {
    private final MainViewModel main;
    private final AppPreferences preferences;
    private final DialogService dialogs;
    private final Predicate<Path> exists;
    private final Supplier<List<SampleInfo>> samples;
    private List<SampleInfo> sampleList;
    private final RecentFilesViewModel recentFiles;
    private final ReadOnlyStringWrapper theme = new ReadOnlyStringWrapper(Themes.LIGHT);

    /**
     * @param exists  whether a recent file is still there (Files::isRegularFile; tests answer it themselves)
     * @param samples the built-in samples (ScenarioLoader::samples), read when the browser first opens
     */
    public WindowViewModel(MainViewModel main, AppPreferences preferences, DialogService dialogs,
                           Predicate<Path> exists, Supplier<List<SampleInfo>> samples) {
        this.main = main;
        this.preferences = preferences;
        this.dialogs = dialogs;
        this.exists = exists;
        this.samples = samples;
        this.recentFiles = new RecentFilesViewModel(preferences);
        preferences.theme(Themes.NAMES).ifPresent(theme::set);
        main.setOnFileOpened(recentFiles::add);
    }

    /** The real files and samples. */
    public WindowViewModel(MainViewModel main, AppPreferences preferences, DialogService dialogs) {
        this(main, preferences, dialogs, Files::isRegularFile, heaplab.engine.scenario.ScenarioLoader::samples);
    }

    public MainViewModel main() {
        return main;
    }

    public AppPreferences preferences() {
        return preferences;
    }

    /** The theme's name ({@link Themes#LIGHT} or {@link Themes#DARK}): the view restyles and repaints on change. */
    public ReadOnlyStringProperty themeProperty() {
        return theme.getReadOnlyProperty();
    }

    /** View > Light / Dark; remembered for the next run. */
    public void setTheme(String name) {
        if (!Themes.NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown theme '" + name + "' (" + String.join(", ", Themes.NAMES)
                + ")");
        }
        theme.set(name);
        preferences.setTheme(name);
    }

    public RecentFilesViewModel recentFiles() {
        return recentFiles;
    }

    /**
     * File > Open Recent > a file. A file that is gone is taken off the list with a message; one that fails to
     * load stays listed (the user may fix it and try again) and leaves the open session as it was.
     */
    public boolean openRecent(Path file) {
        if (!exists.test(file)) {
            recentFiles.remove(file);
            dialogs.showError("Could not open " + file.getFileName(), file
                + " is no longer there (moved, renamed or deleted); it was removed from the recent files.");
            return false;
        }
        return main.openFile(file);
    }

    public void clearRecent() {
        recentFiles.clear();
    }

    /** Whether a drag over the window carries something to open (the view shows the copy cursor then). */
    public boolean acceptsDrop(List<Path> files) {
        return firstFile(files).isPresent();
    }

    /**
     * Files dropped on the window: the first regular file opens like File > Open (a scenario or a trace); a drop of
     * several says which one it took.
     */
    public boolean openDropped(List<Path> files) {
        Optional<Path> file = firstFile(files);
        if (file.isEmpty()) {
            dialogs.showError("Nothing to open", "Drop a scenario (.json) or a trace file on the window.");
            return false;
        }
        boolean opened = main.openFile(file.get());
        if (opened && files.size() > 1) {
            main.console().note("Opened the first of the " + files.size() + " files dropped: " + file.get());
        }
        return opened;
    }

    /** A new sample browser on the built-in samples, the open sample (if it is one) selected. */
    public SamplesViewModel samples() {
        if (sampleList == null) {
            // Read once: listing them parses every built-in scenario.
            sampleList = List.copyOf(samples.get());
        }
        SamplesViewModel browser = new SamplesViewModel(sampleList, main::openSample);
        String source = main.session().scenario().source();
        if (source != null && source.startsWith("sample:")) {
            browser.select(source.substring("sample:".length()));
        }
        return browser;
    }

    private Optional<Path> firstFile(List<Path> files) {
        return files.stream().filter(exists).findFirst();
    }
}
