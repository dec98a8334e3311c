package heaplab.engine.console;

/**
 * A command line that cannot run: carries the one WinDbg-style line the console prints instead (with its newline).
 * Thrown while parsing, before anything changes.
 */
final class CommandError extends Exception {
    private final String text;

    CommandError(String text) {
        super(text.strip(), null, false, false);
        this.text = text.endsWith("\n") ? text : text + "\n";
    }

    /** WinDbg's parser error: a caret under the command, the whole line quoted ({@code ^ Syntax error in 'x'}). */
    static CommandError caret(String kind, String line) {
        return new CommandError(Texts.caret(kind, line));
    }

    static CommandError syntax(String line) {
        return caret("Syntax error", line);
    }

    String text() { return text; }
}
