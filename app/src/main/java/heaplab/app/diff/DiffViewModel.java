package heaplab.app.diff;

import heaplab.app.main.LabSession;
import heaplab.engine.Arch;
import heaplab.engine.diff.HeapDiff;
import heaplab.engine.scenario.Step;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The Diff view's state: the step the current one is compared with (any earlier step, CRT checkpoints marked),
 * the summary the engine writes (HeapDiff.summary, with the CRT's _CrtMemDifference statistics) and the changed
 * blocks, which the heap map and the free lists mark. The comparison follows the current step as the user moves.
 */
public final class DiffViewModel {

    /** A step to compare with: position `step` (0 = before the first step). */
    public record Base(int step, String label, boolean checkpoint) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** One changed block as the list shows it. */
    public record ChangeRow(HeapDiff.Kind kind, long user, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final LongConsumer selection;
    private final ObservableList<Base> bases = FXCollections.observableArrayList();
    private final ObservableList<ChangeRow> changes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Base> base = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Map<Long, HeapDiff.Kind>> marks = new ReadOnlyObjectWrapper<>(Map.of());
    private LabSession session;
    private int choicesPosition = -1;
    private int choicesStepCount = -1;
    private List<Integer> checkpoints = List.of();

    public DiffViewModel(LongConsumer selection) {
        this.selection = selection;
    }

    /** The steps one can compare with: every step before the current one, newest first. */
    public ObservableList<Base> bases() { return bases; }

    public ObservableList<ChangeRow> changes() { return changes; }

    public ReadOnlyObjectProperty<Base> baseProperty() { return base.getReadOnlyProperty(); }

    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    /** The changed blocks by user address, for the heap map and the free lists; empty without a comparison. */
    public ReadOnlyObjectProperty<Map<Long, HeapDiff.Kind>> marksProperty() { return marks.getReadOnlyProperty(); }

    /** Compares the current step with position `step` from now on. */
    public void compareWith(int step) {
        Base chosen = null;
        for (Base b : bases) {
            if (b.step() == step) {
                chosen = b;
            }
        }
        base.set(chosen != null ? chosen : new Base(step, "step " + step, false));
        update(session);
    }

    /**
     * Compares with a step typed by its number (the list offers only the latest steps and the checkpoints): true
     * when the text is the number of a step before the current one (0, the start, included), else false and nothing
     * changes.
     */
    public boolean compareWithTyped(String text) {
        String t = text == null ? "" : text.strip();
        if (session == null || !t.matches("\\d{1,9}")) {
            return false;
        }
        int step = Integer.parseInt(t);
        if (step >= session.position()) {
            return false;
        }
        compareWith(step);
        return true;
    }

    /** Stops comparing. */
    public void clear() {
        base.set(null);
        update(session);
    }

    /** Selects a changed block everywhere. */
    public void select(ChangeRow row) {
        if (row != null && row.kind() != HeapDiff.Kind.FREED) {
            selection.accept(row.user());
        }
    }

    /** Reads the session at its position: the choices, and the comparison when one is set. */
    public void update(LabSession newSession) {
        if (newSession != session) {
            base.set(null);
        }
        session = newSession;
        if (session == null) {
            bases.clear();
            show(null, "No session.");
            return;
        }
        // The steps only change by a console line adding one: their count tells (steps() is a fresh view each call).
        if (choicesPosition != session.position() || choicesStepCount != session.steps().size()) {
            if (choicesStepCount != session.steps().size()) {
                checkpoints = checkpointSteps(session.steps());
            }
            // Recorded first: new choices make the view's box pick its value again, which comes back here.
            choicesPosition = session.position();
            choicesStepCount = session.steps().size();
            bases.setAll(choices(session.steps(), session.position(), checkpoints));
        }
        Base chosen = base.get();
        if (chosen == null) {
            show(null, "Choose a step to compare the current step (" + session.position() + ") with: the blocks "
                + "allocated, freed and modified since then are marked in the heap map and the free lists.");
            return;
        }
        if (chosen.step() > session.position()) {
            show(null, "Step " + chosen.step() + " comes after the current step (" + session.position()
                + "): step forward, or choose an earlier step.");
            return;
        }
        HeapDiff diff;
        try {
            diff = session.diffSince(chosen.step());
        } catch (RuntimeException e) {
            show(null, "The heaps could not be compared: " + e.getMessage());
            return;
        }
        if (diff == null) {
            show(null, "This session cannot compare steps.");
            return;
        }
        show(diff, diff.summary(session.arch()));
    }

    private void show(HeapDiff diff, String text) {
        summary.set(text);
        if (diff == null) {
            changes.clear();
            marks.set(Map.of());
            return;
        }
        Arch arch = session.arch();
        List<ChangeRow> rows = new ArrayList<>();
        Map<Long, HeapDiff.Kind> byUser = new java.util.HashMap<>();
        for (HeapDiff.Change c : diff.changes()) {
            byUser.put(c.user(), c.kind());
            rows.add(new ChangeRow(c.kind(), c.user(), rowText(arch, c)));
        }
        changes.setAll(rows);
        marks.set(Map.copyOf(byUser));
    }

    static String rowText(Arch arch, HeapDiff.Change c) {
        String kind = switch (c.kind()) {
            case ALLOCATED -> "allocated";
            case FREED -> "freed    ";
            case MODIFIED -> "modified ";
        };
        String text = kind + "  " + arch.ptr(c.user()) + "  " + hex(c.size()) + " bytes  (heap " + arch.ptr(c.heap())
            + ")";
        if (c.kind() == HeapDiff.Kind.MODIFIED) {
            text += c.size() != c.previousSize() ? ", was " + hex(c.previousSize()) + " bytes"
                : ", first change at " + arch.ptr(c.firstChanged());
        }
        return text;
    }

    /** How many of the steps just before the current one the choice lists (a trace has 100,000 steps). */
    static final int RECENT_CHOICES = 200;

    /**
     * The positions one can compare with, newest first: the {@link #RECENT_CHOICES} steps before `position`, then
     * the earlier steps that take a CRT checkpoint (named so), then the start.
     */
    static List<Base> choices(List<Step> steps, int position) {
        return choices(steps, position, checkpointSteps(steps));
    }

    private static List<Base> choices(List<Step> steps, int position, List<Integer> checkpoints) {
        List<Base> out = new ArrayList<>();
        int newest = Math.min(position, steps.size()) - 2;
        int oldestRecent = Math.max(0, newest - RECENT_CHOICES + 1);
        for (int step = newest; step >= oldestRecent; step--) {
            out.add(base(steps, step, checkpoints.contains(step)));
        }
        for (int i = checkpoints.size() - 1; i >= 0; i--) {
            if (checkpoints.get(i) < oldestRecent) {
                out.add(base(steps, checkpoints.get(i), true));
            }
        }
        out.add(new Base(0, "step 0: the start, before any step", false));
        return out;
    }

    private static Base base(List<Step> steps, int step, boolean checkpoint) {
        return new Base(step + 1, "step " + (step + 1) + (checkpoint ? " (CRT checkpoint): " : ": ")
            + steps.get(step).display(), checkpoint);
    }

    /** The indexes of the steps that take a CRT checkpoint, in order (read once per list of steps). */
    private static List<Integer> checkpointSteps(List<Step> steps) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).text().contains("_CrtMemCheckpoint(")) {
                out.add(i);
            }
        }
        return out;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
