package heaplab.app.prefs;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The user's preferences through java.util.prefs (the registry on Windows, ~/.java on Linux), under one node. A
 * store that cannot be written must not stop the lab: failures are swallowed, the values then last for this run.
 */
public final class JavaPreferenceStore implements PreferenceStore {
    /** The node of the real application; tests use another one or the memory store. */
    public static final String NODE = "/heaplab/app";
    private final Preferences node;

    public JavaPreferenceStore(String path) {
        this.node = Preferences.userRoot().node(path);
    }

    /** The store of the application. */
    public static JavaPreferenceStore user() {
        return new JavaPreferenceStore(NODE);
    }

    @Override
    public String get(String key) {
        try {
            return node.get(key, null);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    @Override
    public void put(String key, String value) {
        try {
            node.put(key, value);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // A removed node or a value past Preferences.MAX_VALUE_LENGTH: keep running without it.
        }
    }

    @Override
    public void remove(String key) {
        try {
            node.remove(key);
        } catch (IllegalStateException e) {
            // As in put.
        }
    }

    /** Writes the values out now (the backing store otherwise syncs on its own schedule and at exit). */
    @Override
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // As in put.
        }
    }
}
