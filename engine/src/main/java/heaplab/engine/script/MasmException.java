package heaplab.engine.script;

/**
 * A MASM expression that cannot be evaluated. The message is the line WinDbg prints, for example
 * {@code Couldn't resolve error at 'foo'}; {@link #rest()} is the text from the bad token on, as quoted in it.
 */
public final class MasmException extends Exception {

    /** The kinds of WinDbg expression errors. */
    public enum Kind {
        /** {@code Syntax error at '...'}: a bad character or number, a missing ')'. */
        SYNTAX("Syntax error at"),
        /** {@code Couldn't resolve error at '...'}: a name that is no variable and no number. */
        UNRESOLVED("Couldn't resolve error at"),
        /** {@code Memory access error at '...'}: poi/by/wo/dwo/qwo of memory that is not readable. */
        MEMORY_ACCESS("Memory access error at"),
        /** {@code Numeric expression missing from '...'}: an operator without its operand. */
        NUMERIC_EXPRESSION_MISSING("Numeric expression missing from"),
        /** {@code Bad register error at '...'}: a register or pseudo-register HeapLab's target does not have. */
        BAD_REGISTER("Bad register error at"),
        /** {@code Divide by zero error at '...'}. */
        DIVIDE_BY_ZERO("Divide by zero error at"),
        /**
         * Text left after a complete expression. WinDbg prints it as {@code       ^ Extra character error in '? 1)'}
         * (a caret under the place); the console formats it; the message here is {@code Extra character error at ')'}.
         */
        EXTRA_CHARACTERS("Extra character error at");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Kind kind;
    private final int position;
    private final String rest;

    MasmException(Kind kind, String text, int position) {
        super(kind.prefix + " '" + quoted(text, position) + "'");
        this.kind = kind;
        this.position = position;
        this.rest = text.substring(Math.min(position, text.length()));
    }

    private static String quoted(String text, int position) {
        return position >= text.length() ? "<EOL>" : text.substring(position);
    }

    public Kind kind() { return kind; }

    /** 0-based index in the expression text where the bad part starts (the text length at the end of line). */
    public int position() { return position; }

    /** The text from the bad part on ("" at the end of the line, which the message shows as {@code <EOL>}). */
    public String rest() { return rest; }
}
