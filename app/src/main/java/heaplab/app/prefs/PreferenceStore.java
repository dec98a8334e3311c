package heaplab.app.prefs;

/**
 * Where the window's preferences are kept between runs: string values by key. {@link JavaPreferenceStore} is the
 * real one (java.util.prefs); {@link MemoryPreferenceStore} serves tests and runs where the user's store fails.
 */
public interface PreferenceStore {
    /** The value of a key, or null when it was never put (or was removed). */
    String get(String key);

    void put(String key, String value);

    void remove(String key);

    /** Writes the values out now, where the store has a backing file (at exit); nothing by default. */
    default void flush() {
    }
}
