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
 */
public record Step(Kind kind, String text, String say, boolean breakpoint, int line, int column) {

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
