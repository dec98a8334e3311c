package heaplab.app.main;

import heaplab.app.prefs.AppPreferences;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;

/**
 * File > Open Recent: the last files opened, most recent first, at most {@link AppPreferences#MAX_RECENT}, kept in
 * the preferences after every change so that a crash loses nothing.
 */
public final class RecentFilesViewModel {
    private final AppPreferences preferences;
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final ObservableList<Path> filesReadOnly = FXCollections.unmodifiableObservableList(files);
    private final BooleanBinding empty = Bindings.isEmpty(files);

    public RecentFilesViewModel(AppPreferences preferences) {
        this.preferences = preferences;
        files.setAll(preferences.recentFiles().stream().map(RecentFilesViewModel::normal).distinct()
            .limit(AppPreferences.MAX_RECENT).toList());
    }

    /** The files, most recent first. */
    public ObservableList<Path> files() {
        return filesReadOnly;
    }

    /** True when there is nothing to list (the view disables Clear recent). */
    public BooleanBinding emptyProperty() {
        return empty;
    }

    /** Puts a file first (moving it up when it is already listed), dropping the oldest past the limit. */
    public void add(Path file) {
        Path path = normal(file);
        List<Path> next = new java.util.ArrayList<>(files);
        next.remove(path);
        next.add(0, path);
        while (next.size() > AppPreferences.MAX_RECENT) {
            next.remove(next.size() - 1);
        }
        files.setAll(next);
        save();
    }

    public void remove(Path file) {
        if (files.remove(normal(file))) {
            save();
        }
    }

    public void clear() {
        files.clear();
        save();
    }

    private void save() {
        preferences.setRecentFiles(files);
    }

    /** The same file opened by two relative names is one entry. */
    private static Path normal(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
