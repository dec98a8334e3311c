package heaplab.engine.scenario;

/** A scenario that cannot be loaded or a statement that cannot run; the message is `file:line:column: what`. */
public final class ScenarioException extends Exception {
    private final String source;
    private final int line;
    private final int column;
    private final String detail;

    public ScenarioException(String source, int line, int column, String detail) {
        super(source + ":" + line + ":" + column + ": " + detail);
        this.source = source;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** The exception at the character {@code offset} of {@code text}: its line and column (lines end at \n). */
    public static ScenarioException at(String source, CharSequence text, int offset, String detail) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new ScenarioException(source, line, offset - lineStart + 1, detail);
    }

    public String source() { return source; }

    public int line() { return line; }

    public int column() { return column; }

    /** The message without its place. */
    public String detail() { return detail; }
}
