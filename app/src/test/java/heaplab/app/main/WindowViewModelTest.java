package heaplab.app.main;

import heaplab.app.prefs.AppPreferences;
import heaplab.app.prefs.MemoryPreferenceStore;
import heaplab.app.samples.SamplesViewModel;
import heaplab.app.testing.FakeLabSession;
import heaplab.engine.scenario.SampleInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Theme, Open Recent, samples and dropped files, on a fake session and an in-memory preference store. */
class WindowViewModelTest {
    private final List<String> errors = new ArrayList<>();
    private final Set<Path> existing = new HashSet<>();
    private final MemoryPreferenceStore store = new MemoryPreferenceStore();
    private final FakeLabSession first = FakeLabSession.withFixtureHeaps(3);
    private final SessionLoader loader = new SessionLoader() {
        @Override
        public LabSession open(Path file) throws Exception {
            if (file.toString().contains("bad")) {
                throw new Exception(file + ":3:5: unknown function 'HeapAloc'");
            }
            return FakeLabSession.withFixtureHeaps(2);
        }

        @Override
        public LabSession openSample(String name) {
            if (name.equals("broken")) {
                throw new IllegalStateException("built-in sample does not load");
            }
            return FakeLabSession.withFixtureHeaps(5);
        }
    };
    private Path chosen;
    private final DialogService dialogs = new DialogService() {
        @Override
        public Optional<Path> chooseScenarioFile() {
            return Optional.ofNullable(chosen);
        }

        @Override
        public Optional<Path> chooseExportFile(String suggestedName) {
            return Optional.empty();
        }

        @Override
        public void showError(String title, String message) {
            errors.add(title + ": " + message);
        }
    };

    private WindowViewModel window() {
        MainViewModel main = new MainViewModel(first, loader, dialogs, (view, session, selected, file) -> { });
        return new WindowViewModel(main, new AppPreferences(store), dialogs, existing::contains, () -> List.of(
            new SampleInfo("first-fit", "First fit", "", "NT heap basics"),
            new SampleInfo("broken", "Broken", "", "NT heap basics")));
    }

    private static Path file(String name) {
        return Path.of(name).toAbsolutePath().normalize();
    }

    @Test
    void theThemeIsLightUntilChosenAndThenRemembered() {
        WindowViewModel vm = window();
        assertEquals("light", vm.themeProperty().get());
        vm.setTheme("dark");
        assertEquals("dark", vm.themeProperty().get());
        assertEquals("dark", window().themeProperty().get(), "the next run starts dark");
        assertThrows(IllegalArgumentException.class, () -> vm.setTheme("pink"));
    }

    @Test
    void filesOpenedByAnyWayGoFirstInOpenRecentAndAreRemembered() {
        WindowViewModel vm = window();
        Path a = file("a.json");
        Path b = file("traces/b.rep");
        existing.addAll(List.of(a, b));
        chosen = a;
        vm.main().openCommand().execute();
        assertTrue(vm.main().openFile(b));
        assertEquals(List.of(b, a), vm.recentFiles().files());
        assertTrue(vm.openRecent(a));
        assertEquals(List.of(a, b), vm.recentFiles().files(), "reopening moves a file up, without a duplicate");
        assertEquals(List.of(a, b), window().recentFiles().files(), "the next run has the same list");
        assertEquals(List.of(), errors);
    }

    @Test
    void openRecentKeepsTheLastTen() {
        WindowViewModel vm = window();
        List<Path> files = IntStream.range(0, 12).mapToObj(i -> file("s" + i + ".json")).toList();
        existing.addAll(files);
        files.forEach(vm.main()::openFile);
        assertEquals(10, vm.recentFiles().files().size());
        assertEquals(files.get(11), vm.recentFiles().files().get(0));
        assertEquals(files.get(2), vm.recentFiles().files().get(9));
    }

    @Test
    void aMissingRecentFileIsRemovedWithAMessageAndTheSessionStays() {
        WindowViewModel vm = window();
        Path gone = file("gone.json");
        existing.add(gone);
        vm.main().openFile(gone);
        LabSession open = vm.main().session();
        existing.remove(gone);
        assertFalse(vm.openRecent(gone));
        assertEquals(List.of(), vm.recentFiles().files());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("no longer there") && errors.get(0).contains("gone.json"), errors.get(0));
        assertSame(open, vm.main().session());
    }

    @Test
    void aRecentFileThatFailsToLoadStaysListedAndTheSessionStays() {
        WindowViewModel vm = window();
        Path bad = file("bad.json");
        Path good = file("good.json");
        existing.addAll(List.of(bad, good));
        vm.main().openFile(good);
        vm.recentFiles().add(bad);
        LabSession open = vm.main().session();
        assertFalse(vm.openRecent(bad));
        assertTrue(errors.get(0).contains("bad.json:3:5: unknown function"), errors.get(0));
        assertSame(open, vm.main().session());
        assertEquals(List.of(bad, good), vm.recentFiles().files());
    }

    @Test
    void clearRecentEmptiesTheListForGood() {
        WindowViewModel vm = window();
        existing.add(file("a.json"));
        vm.main().openFile(file("a.json"));
        assertFalse(vm.recentFiles().emptyProperty().get());
        vm.clearRecent();
        assertTrue(vm.recentFiles().emptyProperty().get());
        assertEquals(List.of(), window().recentFiles().files());
    }

    @Test
    void aDroppedFileOpensLikeFileOpen() {
        WindowViewModel vm = window();
        Path dropped = file("dropped.json");
        Path bad = file("bad.json");
        existing.addAll(List.of(dropped, bad));
        assertFalse(vm.acceptsDrop(List.of(file("folder"))));
        assertTrue(vm.acceptsDrop(List.of(dropped)));
        assertTrue(vm.openDropped(List.of(file("folder"), dropped)));
        assertEquals(List.of(dropped), vm.recentFiles().files());
        LabSession open = vm.main().session();
        assertFalse(vm.openDropped(List.of(bad)));
        assertTrue(errors.get(0).startsWith("Could not open bad.json: ") && errors.get(0).contains(":3:5:"),
            errors.get(0));
        assertSame(open, vm.main().session(), "a failing drop leaves the open session");
    }

    @Test
    void theSampleBrowserOpensSamplesThroughTheMainViewModel() {
        WindowViewModel vm = window();
        SamplesViewModel browser = vm.samples();
        assertEquals(List.of("NT heap basics"), browser.groups().stream().map(SamplesViewModel.SampleGroup::topic)
            .toList());
        browser.select("first-fit");
        assertTrue(browser.openSelected());
        assertEquals(5, vm.main().stepCountProperty().get());
        browser.select("broken");
        LabSession open = vm.main().session();
        assertFalse(browser.openSelected());
        assertSame(open, vm.main().session());
        assertTrue(errors.get(0).startsWith("Could not open the sample broken"), errors.get(0));
        assertEquals(List.of(), vm.recentFiles().files(), "samples are one click away; Open Recent is for files");
    }
}
