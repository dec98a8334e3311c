package heaplab.app.console;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The console pane's state: the input line, its history, Tab completion and the output log. Enter runs the line
 * through the session (the same console the CLI's `-c` and the scenarios' `cmd` steps use) and logs `0:000> line`
 * and the output, as WinDbg does. Each logged line carries the addresses in it that lie in the simulated address
 * space; {@link #openLink(long)} selects one's block everywhere.
 */
public final class ConsoleViewModel {
    public static final String PROMPT = "0:000>";
    /** The log keeps the newest lines only, so a long session does not grow without bound. */
    static final int MAX_LINES = 20_000;

    private final StringProperty input = new SimpleStringProperty("");
    private final ObservableList<ConsoleLine> lines = FXCollections.observableArrayList();
    // One wrapper, kept: an unmodifiable wrapper listens weakly to its list, so a fresh one per call would
    // lose the listeners that views attach to it.
    private final ObservableList<ConsoleLine> linesReadOnly = FXCollections.unmodifiableObservableList(lines);
    private final ObservableList<String> completions = FXCollections.observableArrayList();
    private final ObservableList<String> completionsReadOnly = FXCollections.unmodifiableObservableList(completions);
    private final ReadOnlyIntegerWrapper completionIndex = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper completionHint = new ReadOnlyStringWrapper("");
    private final CommandHistory history = new CommandHistory();
    private final Function<String, String> runner;
    private final ConsoleContext context;
    /** The candidates of the last Tab while the line still shows what that Tab left; null otherwise. */
    private Cycle cycle;
    /** True while Tab itself changes the line, which must not clear what it shows. */
    private boolean completing;

    /** A Tab's candidates: the line is head + candidate + tail; shown is the text the last Tab left. */
    private record Cycle(String head, String tail, List<ConsoleCompletion.Candidate> candidates, int index,
                         String shown) {
    }

    /** @param runner runs a console line against the session and returns its output */
    public ConsoleViewModel(Function<String, String> runner) {
        this(runner, ConsoleContext.NONE);
    }

    /**
     * @param runner  runs a console line against the session and returns its output
     * @param context the session's addresses, names and selection
     */
    public ConsoleViewModel(Function<String, String> runner, ConsoleContext context) {
        this.runner = runner;
        this.context = context;
        input.addListener((o, old, now) -> {
            if (!completing) {
                clearCompletions(); // the user typed on (or walked the history): the candidates no longer apply
            }
        });
    }

    /** The text being typed; the view binds its input field to it both ways. */
    public StringProperty inputProperty() {
        return input;
    }

    public ObservableList<ConsoleLine> lines() {
        return linesReadOnly;
    }

    public CommandHistory history() {
        return history;
    }

    /** The candidates the last Tab found when there were several, to show; empty otherwise. */
    public ObservableList<String> completions() {
        return completionsReadOnly;
    }

    /** Which of {@link #completions()} the line shows now (a repeated Tab cycles), -1 for none yet. */
    public ReadOnlyIntegerProperty completionIndexProperty() {
        return completionIndex.getReadOnlyProperty();
    }

    /** What the completed word, or the candidate shown, does ({@code -a: All information...}); "" for nothing. */
    public ReadOnlyStringProperty completionHintProperty() {
        return completionHint.getReadOnlyProperty();
    }

    /** Runs the input line (Enter). A blank line does nothing. */
    public void submit() {
        String line = input.get() == null ? "" : input.get().strip();
        clearCompletions();
        if (line.isEmpty()) {
            return;
        }
        history.add(line);
        input.set("");
        append(List.of(line(PROMPT + " " + line, ConsoleLine.Kind.ECHO)));
        String output;
        try {
            output = runner.apply(line);
        } catch (RuntimeException e) {
            append(List.of(new ConsoleLine("error: " + e.getMessage(), ConsoleLine.Kind.ERROR)));
            return;
        }
        appendOutput(output);
    }

    /** Up: the previous command into the input line. */
    public void historyUp() {
        String command = history.previous(input.get());
        if (command != null) {
            input.set(command);
        }
    }

    /** Down: the next command, or back to the draft. */
    public void historyDown() {
        String command = history.next();
        if (command != null) {
            input.set(command);
        }
    }

    /** Escape: clears the line and any candidates shown. */
    public void escape() {
        clearCompletions();
        input.set("");
    }

    /**
     * Tab at a caret position: one candidate is completed (with a space, or `(` after a function); several complete
     * their common prefix and are listed; Tab again, with the line unchanged, puts each candidate in turn.
     *
     * @return the caret position after the completion
     */
    public int complete(int caret) {
        return complete(caret, false);
    }

    /** As {@link #complete(int)}; backwards (Shift+Tab) goes through the candidates from the last. */
    public int complete(int caret, boolean backwards) {
        String text = input.get() == null ? "" : input.get();
        if (cycle != null && cycle.shown().equals(text)) {
            int n = cycle.candidates().size();
            int index = backwards ? (cycle.index() <= 0 ? n - 1 : cycle.index() - 1) : (cycle.index() + 1) % n;
            ConsoleCompletion.Candidate candidate = cycle.candidates().get(index);
            String shown = cycle.head() + candidate.text() + cycle.tail();
            cycle = new Cycle(cycle.head(), cycle.tail(), cycle.candidates(), index, shown);
            show(shown);
            completionIndex.set(index);
            completionHint.set(hint(candidate));
            return cycle.head().length() + candidate.text().length();
        }
        clearCompletions();
        int at = Math.max(0, Math.min(caret, text.length()));
        ConsoleCompletion.Result result = ConsoleCompletion.complete(text, at, context.variableNames());
        List<ConsoleCompletion.Candidate> candidates = result.candidates();
        String head = text.substring(0, result.start());
        String tail = text.substring(at);
        if (candidates.isEmpty()) {
            completionHint.set("Nothing to complete here.");
            return at;
        }
        if (candidates.size() == 1) {
            ConsoleCompletion.Candidate only = candidates.get(0);
            String suffix = tail.startsWith(only.suffix()) ? "" : only.suffix();
            show(head + only.text() + suffix + tail);
            completionHint.set(hint(only));
            return head.length() + only.text().length() + only.suffix().length();
        }
        String prefix = result.commonPrefix();
        String shown = head + prefix + tail;
        show(shown);
        cycle = new Cycle(head, tail, candidates, -1, shown);
        completions.setAll(candidates.stream().map(ConsoleCompletion.Candidate::text).toList());
        completionHint.set(candidates.size() + " candidates: Tab again to go through them, Escape to clear the line.");
        return head.length() + prefix.length();
    }

    private void show(String text) {
        completing = true;
        try {
            input.set(text);
        } finally {
            completing = false;
        }
    }

    /** A click on an address in the output: selects the block holding it in every view. */
    public void openLink(long address) {
        context.select(address);
    }

    /** Logs text that is not a command's output: a step's output, a file opened. */
    public void note(String text) {
        List<ConsoleLine> batch = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                batch.add(line(line, ConsoleLine.Kind.NOTE));
            }
        }
        append(batch);
    }

    /** Logs output text, a line each; WinDbg's caret lines (`^ Syntax error`) are errors. */
    public void appendOutput(String output) {
        if (output == null || output.isEmpty()) {
            return;
        }
        String text = output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
        List<ConsoleLine> batch = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            boolean error = line.stripLeading().startsWith("^ ");
            batch.add(line(line, error ? ConsoleLine.Kind.ERROR : ConsoleLine.Kind.OUTPUT));
        }
        append(batch);
    }

    /** The text of every line, one a line, for Copy All. */
    public String allText() {
        StringBuilder out = new StringBuilder();
        for (ConsoleLine line : lines) {
            out.append(line.text()).append('\n');
        }
        return out.toString();
    }

    public void clear() {
        lines.clear();
    }

    private ConsoleLine line(String text, ConsoleLine.Kind kind) {
        return new ConsoleLine(text, kind, ConsoleAddresses.find(text, context.arch(), context::isMapped));
    }

    private static String hint(ConsoleCompletion.Candidate candidate) {
        return candidate.description().isEmpty() ? candidate.text()
            : candidate.text() + ": " + candidate.description();
    }

    private void clearCompletions() {
        cycle = null;
        completions.clear();
        completionIndex.set(-1);
        completionHint.set("");
    }

    /** Adds lines in one change (a 20,000-line output is one list event, not 20,000), keeping the newest. */
    private void append(List<ConsoleLine> batch) {
        if (batch.isEmpty()) {
            return;
        }
        int overflow = lines.size() + batch.size() - MAX_LINES;
        if (overflow > 0 && overflow >= lines.size()) {
            lines.setAll(batch.subList(Math.max(0, batch.size() - MAX_LINES), batch.size()));
            return;
        }
        if (overflow > 0) {
            lines.remove(0, overflow);
        }
        lines.addAll(batch);
    }
}
