package heaplab.app.main;

import java.nio.file.Path;
import java.util.Optional;

/** The dialogs the window opens, behind an interface so that view models are tested without a toolkit. */
public interface DialogService {
    /** Asks for a scenario or trace file to open; empty when cancelled. */
    Optional<Path> chooseScenarioFile();

    /** Asks where to save a PNG; empty when cancelled. */
    Optional<Path> chooseExportFile(String suggestedName);

    void showError(String title, String message);

    /**
     * Go to step (Ctrl+G): asks for a position, 0 (the start) to {@code stepCount}, checked with
     * {@link StepNumberInput}; empty when cancelled.
     */
    default Optional<Integer> askStepNumber(int current, int stepCount) {
        return Optional.empty();
    }
}
