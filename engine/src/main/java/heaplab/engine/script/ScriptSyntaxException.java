package heaplab.engine.script;

/**
 * A statement or expression of the call language that does not parse or names something unknown. The column is
 * 1-based inside the statement text; the scenario loader turns it into a place in the file.
 */
public final class ScriptSyntaxException extends Exception {
    private final int column;
    private final String detail;

    public ScriptSyntaxException(int column, String detail) {
        super("column " + column + ": " + detail);
        this.column = column;
        this.detail = detail;
    }

    /** 1-based column inside the statement text (text length + 1 for "unexpected end"). */
    public int column() { return column; }

    /** The message without its place. */
    public String detail() { return detail; }
}
