package heaplab.app.prefs;

import java.util.HashMap;
import java.util.Map;

/** Preferences in memory only: view-model tests, and a run whose user preferences cannot be read. */
public final class MemoryPreferenceStore implements PreferenceStore {
    private final Map<String, String> values = new HashMap<>();

    @Override
    public synchronized String get(String key) {
        return values.get(key);
    }

    @Override
    public synchronized void put(String key, String value) {
        values.put(key, value);
    }

    @Override
    public synchronized void remove(String key) {
        values.remove(key);
    }
}
