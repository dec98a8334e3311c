package heaplab.app.console;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.function.Function;

/**
 * The console pane's state: the input line, its history and the output log. Enter runs the line through the
 * session (the same console the CLI's `-c` and the scenarios' `cmd` steps use) and logs `0:000> line` and the
 * output, as WinDbg does.
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
    private final CommandHistory history = new CommandHistory();
    private final Function<String, String> runner;

    /** @param runner runs a console line against the session and returns its output */
    public ConsoleViewModel(Function<String, String> runner) {
        this.runner = runner;
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

    /** Runs the input line (Enter). A blank line does nothing. */
    public void submit() {
        String line = input.get() == null ? "" : input.get().strip();
        if (line.isEmpty()) {
            return;
        }
        history.add(line);
        input.set("");
        append(new ConsoleLine(PROMPT + " " + line, ConsoleLine.Kind.ECHO));
        String output;
        try {
            output = runner.apply(line);
        } catch (RuntimeException e) {
            append(new ConsoleLine("error: " + e.getMessage(), ConsoleLine.Kind.ERROR));
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

    /** Logs text that is not a command's output: a step's output, a file opened. */
    public void note(String text) {
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                append(new ConsoleLine(line, ConsoleLine.Kind.NOTE));
            }
        }
    }

    /** Logs output text, a line each; WinDbg's caret lines (`^ Syntax error`) are errors. */
    public void appendOutput(String output) {
        if (output == null || output.isEmpty()) {
            return;
        }
        String text = output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
        for (String line : text.split("\n", -1)) {
            boolean error = line.stripLeading().startsWith("^ ");
            append(new ConsoleLine(line, error ? ConsoleLine.Kind.ERROR : ConsoleLine.Kind.OUTPUT));
        }
    }

    public void clear() {
        lines.clear();
    }

    private void append(ConsoleLine line) {
        lines.add(line);
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
    }
}
