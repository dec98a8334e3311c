package heaplab.app.steps;

import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.StepOutcome;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The steps list's state: the scenario's title and summary, a row per step with its narration, and which step is
 * current (the last one run). Clicking a step asks the session to go to the position right after it.
 */
public final class StepsViewModel {
    /** Lines of a step's output shown under it; the console has the rest. */
    static final int OUTPUT_LINES = 6;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<StepRow> rows = FXCollections.observableArrayList();
    // One wrapper, kept: an unmodifiable wrapper listens weakly to its list, so a fresh one per call would
    // lose the listeners that views attach to it.
    private final ObservableList<StepRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyIntegerWrapper currentIndex = new ReadOnlyIntegerWrapper(-1);
    private final IntConsumer jumpTo;

    /** @param jumpTo moves the session to a position (0..steps) */
    public StepsViewModel(IntConsumer jumpTo) {
        this.jumpTo = jumpTo;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObservableList<StepRow> rows() {
        return rowsReadOnly;
    }

    /** Index of the current step, -1 before the first. */
    public ReadOnlyIntegerProperty currentIndexProperty() {
        return currentIndex.getReadOnlyProperty();
    }

    /** The user clicked a step: run up to and including it (or go back to it). */
    public void jumpToStep(int index) {
        jumpTo.accept(index + 1);
    }

    public void update(Scenario scenario, List<Step> steps, List<StepOutcome> outcomes, int position) {
        title.set(scenario.title());
        summary.set(scenario.summary());
        List<StepRow> fresh = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            StepOutcome outcome = i < outcomes.size() ? outcomes.get(i) : null;
            StepRow.Status status = i >= position ? StepRow.Status.PENDING
                : i < position - 1 ? StepRow.Status.RAN
                : outcome != null && outcome.status() != StepOutcome.Status.OK ? StepRow.Status.FAILED
                : StepRow.Status.CURRENT;
            String output = i == position - 1 && outcome != null ? firstLines(outcome.output()) : "";
            fresh.add(new StepRow(i, step.display(), step.say(), step.breakpoint(), status, output));
        }
        // Replace only the rows that changed, so the list keeps its scroll position and cells.
        if (fresh.size() == rows.size()) {
            for (int i = 0; i < fresh.size(); i++) {
                if (!fresh.get(i).equals(rows.get(i))) {
                    rows.set(i, fresh.get(i));
                }
            }
        } else {
            rows.setAll(fresh);
        }
        currentIndex.set(position - 1);
    }

    static String firstLines(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String[] lines = text.strip().split("\n");
        if (lines.length <= OUTPUT_LINES) {
            return String.join("\n", lines);
        }
        return String.join("\n", List.of(lines).subList(0, OUTPUT_LINES)) + "\n... (" + (lines.length - OUTPUT_LINES)
            + " more lines in the console)";
    }
}
