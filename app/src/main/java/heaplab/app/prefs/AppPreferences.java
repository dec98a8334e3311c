package heaplab.app.prefs;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the window remembers between runs, typed, over a {@link PreferenceStore}: the theme, the recent files, the
 * window's bounds and the split panes' dividers. A value that does not read back (edited by hand, an older
 * version) counts as absent, so a bad store never stops the window from opening.
 */
public final class AppPreferences {
    /** Open Recent keeps this many files. */
    public static final int MAX_RECENT = 10;
    static final String THEME = "theme";
    static final String RECENT = "recent.";
    static final String WINDOW = "window.";
    static final String DIVIDERS = "dividers.";

    private final PreferenceStore store;

    public AppPreferences(PreferenceStore store) {
        this.store = store;
    }

    /** A window's place on the screen; width and height are those of the window when it was not maximized. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    public PreferenceStore store() {
        return store;
    }

    /** The theme last chosen, if it is one of {@code known}. */
    public Optional<String> theme(List<String> known) {
        String theme = store.get(THEME);
        return theme != null && known.contains(theme) ? Optional.of(theme) : Optional.empty();
    }

    public void setTheme(String theme) {
        store.put(THEME, theme);
    }

    /** The recent files, most recent first, at most {@link #MAX_RECENT}. */
    public List<Path> recentFiles() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String value = store.get(RECENT + i);
            if (value == null) {
                break;
            }
            try {
                files.add(Path.of(value));
            } catch (InvalidPathException e) {
                // Skip a path this system cannot name (a store copied from another OS).
            }
        }
        return files;
    }

    public void setRecentFiles(List<Path> files) {
        int i = 0;
        for (; i < Math.min(files.size(), MAX_RECENT); i++) {
            store.put(RECENT + i, files.get(i).toString());
        }
        for (; i < MAX_RECENT; i++) {
            store.remove(RECENT + i);
        }
    }

    public Optional<WindowBounds> windowBounds() {
        try {
            String x = store.get(WINDOW + "x");
            String y = store.get(WINDOW + "y");
            String w = store.get(WINDOW + "width");
            String h = store.get(WINDOW + "height");
            if (x == null || y == null || w == null || h == null) {
                return Optional.empty();
            }
            WindowBounds bounds = new WindowBounds(Double.parseDouble(x), Double.parseDouble(y),
                Double.parseDouble(w), Double.parseDouble(h), Boolean.parseBoolean(store.get(WINDOW + "maximized")));
            boolean usable = Double.isFinite(bounds.x()) && Double.isFinite(bounds.y()) && bounds.width() > 0
                && bounds.height() > 0 && Double.isFinite(bounds.width()) && Double.isFinite(bounds.height());
            return usable ? Optional.of(bounds) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void setWindowBounds(WindowBounds bounds) {
        store.put(WINDOW + "x", number(bounds.x()));
        store.put(WINDOW + "y", number(bounds.y()));
        store.put(WINDOW + "width", number(bounds.width()));
        store.put(WINDOW + "height", number(bounds.height()));
        store.put(WINDOW + "maximized", Boolean.toString(bounds.maximized()));
    }

    /** The divider positions of a split pane (0..1 each), if stored with {@code count} of them. */
    public Optional<double[]> dividers(String splitPane, int count) {
        String value = store.get(DIVIDERS + splitPane);
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(",");
        if (parts.length != count) {
            return Optional.empty();
        }
        double[] positions = new double[count];
        try {
            for (int i = 0; i < count; i++) {
                positions[i] = Double.parseDouble(parts[i].strip());
                if (!(positions[i] >= 0 && positions[i] <= 1)) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(positions);
    }

    public void setDividers(String splitPane, double[] positions) {
        StringBuilder value = new StringBuilder();
        for (double p : positions) {
            value.append(value.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", p));
        }
        store.put(DIVIDERS + splitPane, value.toString());
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
