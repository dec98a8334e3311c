package heaplab.app.prefs;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed preferences round-trip through a store, and values that do not read back count as absent. */
class AppPreferencesTest {
    private final MemoryPreferenceStore store = new MemoryPreferenceStore();
    private final AppPreferences prefs = new AppPreferences(store);

    @Test
    void aFreshStoreHasNothing() {
        assertEquals(Optional.empty(), prefs.theme(List.of("light", "dark")));
        assertEquals(List.of(), prefs.recentFiles());
        assertEquals(Optional.empty(), prefs.windowBounds());
        assertTrue(prefs.dividers("columns", 2).isEmpty());
    }

    @Test
    void theThemeIsKeptWhenItIsStillKnown() {
        prefs.setTheme("dark");
        assertEquals(Optional.of("dark"), prefs.theme(List.of("light", "dark")));
        assertEquals(Optional.empty(), prefs.theme(List.of("light")), "a theme no longer shipped is ignored");
    }

    @Test
    void recentFilesKeepTheirOrderAndTheLimit() {
        List<Path> many = IntStream.range(0, 12).mapToObj(i -> Path.of("/tmp/s" + i + ".json")).toList();
        prefs.setRecentFiles(many);
        assertEquals(many.subList(0, AppPreferences.MAX_RECENT), prefs.recentFiles());
        prefs.setRecentFiles(List.of(Path.of("/tmp/b.json")));
        assertEquals(List.of(Path.of("/tmp/b.json")), prefs.recentFiles(), "the older entries are removed");
    }

    @Test
    void windowBoundsRoundTripAndBadValuesAreIgnored() {
        AppPreferences.WindowBounds bounds = new AppPreferences.WindowBounds(10, 20, 1300, 850, true);
        prefs.setWindowBounds(bounds);
        assertEquals(Optional.of(bounds), prefs.windowBounds());
        store.put("window.width", "wide");
        assertEquals(Optional.empty(), prefs.windowBounds());
        store.put("window.width", "-5");
        assertEquals(Optional.empty(), prefs.windowBounds());
    }

    @Test
    void dividersRoundTripWithTheirCount() {
        prefs.setDividers("columns", new double[] {0.2, 0.65});
        assertArrayEquals(new double[] {0.2, 0.65}, prefs.dividers("columns", 2).orElseThrow(), 1e-9);
        assertTrue(prefs.dividers("columns", 3).isEmpty(), "a pane that gained a divider starts from its defaults");
        store.put("dividers.rows", "1.5");
        assertTrue(prefs.dividers("rows", 1).isEmpty());
        store.put("dividers.rows", "x");
        assertTrue(prefs.dividers("rows", 1).isEmpty());
    }

    @Test
    void theJavaStoreRoundTrips() throws Exception {
        String node = "/heaplab/test/" + getClass().getSimpleName();
        JavaPreferenceStore real = new JavaPreferenceStore(node);
        try {
            real.put("k", "v");
            assertEquals("v", real.get("k"));
            real.remove("k");
            assertEquals(null, real.get("k"));
        } finally {
            java.util.prefs.Preferences.userRoot().node(node).removeNode();
        }
    }
}
