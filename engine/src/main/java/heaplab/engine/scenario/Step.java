package heaplab.engine.scenario;

/**
 * One step of a scenario.
 *
 * @param kind       which of `do`, `cmd`, `expect` the step has
 * @param text       the statement, command or expression as written
 * @param say        narration, "" when none
 * @param breakpoint `break: true`: running stops before this step
 * @param line       1-based line of the text in the file (0 when the step was typed in the console)
 * @param column     1-based column of the first character of the text in the file
 * @param parsed     the statement or expression the loader already parsed (a cache: not part of equality), or null
 */
public record Step(Kind kind, String text, String say, boolean breakpoint, int line, int column, Object parsed) {

    /** A step whose text is parsed when the session opens. */
    public Step(Kind kind, String text, String say, boolean breakpoint, int line, int column) {
        this(kind, text, say, breakpoint, line, column, null);
    }

    /** The same step without its parse cache. */
    public Step withoutParsed() {
        return parsed == null ? this : new Step(kind, text, say, breakpoint, line, column, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Step s && kind == s.kind && text.equals(s.text) && say.equals(s.say)
            && breakpoint == s.breakpoint && line == s.line && column == s.column;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, text, say, breakpoint, line, column);
    }

    public enum Kind { DO, CMD, EXPECT }

    /** The step as the steps list shows it: the statement, `> !heap -a h` for commands, `expect ...`. */
    public String display() {
        return switch (kind) {
            case DO -> text;
            case CMD -> "0:000> " + text;
            case EXPECT -> "expect " + text;
        };
    }
}
