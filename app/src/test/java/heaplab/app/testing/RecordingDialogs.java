package heaplab.app.testing;

import heaplab.app.main.DialogService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dialogs of the window tests: file choosers answered as a user would (no scenario chosen; an export goes to a
 * folder, or is cancelled without one), and alerts recorded instead of blocking, or failing the test when asked.
 */
public class RecordingDialogs implements DialogService {
    private final Path exportDir;
    private final boolean failOnError;
    private final List<String> errors = new ArrayList<>();

    private RecordingDialogs(Path exportDir, boolean failOnError) {
        this.exportDir = exportDir;
        this.failOnError = failOnError;
    }

    /** Records alerts; exports go to `exportDir` (null: every export is cancelled). */
    public static RecordingDialogs recording(Path exportDir) {
        return new RecordingDialogs(exportDir, false);
    }

    /** Any alert fails the test. */
    public static RecordingDialogs failingOnError() {
        return new RecordingDialogs(null, true);
    }

    protected RecordingDialogs(RecordingDialogs settings) {
        this(settings.exportDir, settings.failOnError);
    }

    /** The alerts shown so far, as "title: message". */
    public List<String> errors() {
        return errors;
    }

    @Override
    public Optional<Path> chooseScenarioFile() {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseExportFile(String suggestedName) {
        return exportDir == null ? Optional.empty() : Optional.of(exportDir.resolve(suggestedName));
    }

    @Override
    public void showError(String title, String message) {
        if (failOnError) {
            throw new AssertionError(title + ": " + message);
        }
        errors.add(title + ": " + message);
    }
}
