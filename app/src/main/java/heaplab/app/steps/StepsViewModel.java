package heaplab.app.steps;

import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.StepOutcome;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

/**
 * The steps list's state: the scenario's title and summary, a row per step with its narration and, once it ran, its
 * output, and which step is current (the last one run). Clicking a step asks the session to go to the position
 * right after it; clicking its gutter sets or clears its breakpoint. The selected row follows the current step; the
 * user may move it (arrow keys) to choose the step that F9 acts on.
 */
public final class StepsViewModel {
    /** Lines of a step's output shown under it when open; the console has the rest. */
    static final int OUTPUT_LINES = 6;
    /** Past this many changed rows, the list gets them all in one change. */
    private static final int MANY_CHANGES = 256;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<StepRow> rows = FXCollections.observableArrayList();
    // One wrapper, kept: an unmodifiable wrapper listens weakly to its list, so a fresh one per call would
    // lose the listeners that views attach to it.
    private final ObservableList<StepRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyIntegerWrapper currentIndex = new ReadOnlyIntegerWrapper(-1);
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(-1);
    private final Set<Integer> opened = new HashSet<>();
    private final IntConsumer jumpTo;
    private final IntConsumer toggleBreakpoint;
    private Scenario scenario;
    private List<Step> steps = List.of();
    private List<StepOutcome> outcomes = List.of();
    private int position;
    private IntPredicate isBreakpoint = i -> false;

    /** @param jumpTo moves the session to a position (0..steps) */
    public StepsViewModel(IntConsumer jumpTo) {
        this(jumpTo, index -> { });
    }

    /**
     * @param jumpTo           moves the session to a position (0..steps)
     * @param toggleBreakpoint sets or clears the breakpoint on a step (by index)
     */
    public StepsViewModel(IntConsumer jumpTo, IntConsumer toggleBreakpoint) {
        this.jumpTo = jumpTo;
        this.toggleBreakpoint = toggleBreakpoint;
    }

    /** False while the session moves on a worker thread: the rows (which read its outcomes) then stay as they are. */
    private java.util.function.BooleanSupplier sessionReadable = () -> true;

    /** @param readable false while the session the rows read belongs to another thread (a long move) */
    public void setSessionReadable(java.util.function.BooleanSupplier readable) {
        this.sessionReadable = readable;
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

    /** The row selected in the list, -1 for none; set to the current step on every move, and by the list. */
    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    /** The step F9 acts on: the selected one, else the current one, else the first; -1 without steps. */
    public int breakpointTargetIndex() {
        if (rows.isEmpty()) {
            return -1;
        }
        int selected = selectedIndex.get();
        if (selected >= 0 && selected < rows.size()) {
            return selected;
        }
        return Math.max(0, currentIndex.get());
    }

    /** The user clicked a step: run up to and including it (or go back to it). */
    public void jumpToStep(int index) {
        jumpTo.accept(index + 1);
    }

    /** The user clicked a step's gutter (or pressed F9 on it). */
    public void toggleBreakpoint(int index) {
        toggleBreakpoint.accept(index);
    }

    /** Opens or closes a step's output (the current step's is always open). */
    public void toggleOutput(int index) {
        setOutputOpen(index, !opened.contains(index));
    }

    public void setOutputOpen(int index, boolean open) {
        if (!sessionReadable.getAsBoolean()) {
            return;
        }
        boolean changed = open ? opened.add(index) : opened.remove(index);
        if (changed && scenario != null) {
            refreshRows(index, index);
        }
    }

    public void update(Scenario scenario, List<Step> steps, List<StepOutcome> outcomes, int position) {
        update(scenario, steps, outcomes, position, i -> steps.get(i).breakpoint());
    }

    /** @param isBreakpoint whether a step (by index) has a breakpoint: the scenario's or the user's */
    public void update(Scenario scenario, List<Step> steps, List<StepOutcome> outcomes, int position,
                       IntPredicate isBreakpoint) {
        if (steps.size() != this.steps.size() || scenario != this.scenario) {
            opened.clear();
        }
        boolean moved = position != this.position || scenario != this.scenario;
        // Same scenario, same steps: only the rows between the old and the new position change (their status and
        // output), so a step costs O(1) and a jump O(distance), not O(steps) (a 100,000-step trace).
        boolean sameSteps = scenario == this.scenario && steps.size() == rows.size();
        int oldPosition = this.position;
        this.scenario = scenario;
        this.steps = steps;
        this.outcomes = outcomes;
        this.position = position;
        this.isBreakpoint = isBreakpoint;
        title.set(scenario.title());
        summary.set(scenario.summary());
        if (sameSteps) {
            refreshRows(Math.min(oldPosition, position) - 1, Math.max(oldPosition, position));
        } else {
            refreshRows(0, steps.size() - 1);
        }
        currentIndex.set(position - 1);
        if (moved || selectedIndex.get() >= rows.size()) {
            selectedIndex.set(position - 1);
        }
    }

    /** A step's breakpoint was set or cleared: its row shows it. */
    public void breakpointChanged(int index) {
        if (scenario != null) {
            refreshRows(index, index);
        }
    }

    /** Rebuilds the rows from..to (clamped); the others stay as they are. */
    private void refreshRows(int from, int to) {
        int lo = Math.max(0, from);
        int hi = Math.min(steps.size() - 1, to);
        if (rows.size() != steps.size()) {
            lo = 0;
            hi = steps.size() - 1;
        }
        List<StepRow> fresh = new ArrayList<>(Math.max(0, hi - lo + 1));
        for (int i = lo; i <= hi; i++) {
            fresh.add(row(i));
        }
        // Replace only the rows that changed, so the list keeps its scroll position and cells; but one change for
        // many rows (a long jump on a long trace), since the list handles each change event on its own.
        if (rows.size() != steps.size()) {
            rows.setAll(fresh);
            return;
        }
        int changed = 0;
        for (int i = 0; i < fresh.size(); i++) {
            if (!fresh.get(i).equals(rows.get(lo + i))) {
                changed++;
            }
        }
        if (changed > MANY_CHANGES) {
            List<StepRow> all = new ArrayList<>(rows);
            for (int i = 0; i < fresh.size(); i++) {
                all.set(lo + i, fresh.get(i));
            }
            rows.setAll(all);
        } else if (changed > 0) {
            for (int i = 0; i < fresh.size(); i++) {
                if (!fresh.get(i).equals(rows.get(lo + i))) {
                    rows.set(lo + i, fresh.get(i));
                }
            }
        }
    }

    private StepRow row(int i) {
        Step step = steps.get(i);
        StepOutcome outcome = i < position && i < outcomes.size() ? outcomes.get(i) : null;
        StepRow.Status status = i >= position ? StepRow.Status.PENDING
            : i < position - 1 ? StepRow.Status.RAN
            : outcome != null && outcome.status() != StepOutcome.Status.OK ? StepRow.Status.FAILED
            : StepRow.Status.CURRENT;
        String output = outcome == null || outcome.output() == null ? "" : outcome.output();
        boolean expanded = i == position - 1 || opened.contains(i);
        return new StepRow(i, step.display(), step.say(), isBreakpoint.test(i), status, output, expanded);
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
