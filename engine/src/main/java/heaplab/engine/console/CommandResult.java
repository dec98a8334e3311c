package heaplab.engine.console;

/**
 * What a console command printed.
 *
 * @param output the text, lines ending with '\n'
 * @param error  true when the command was rejected (syntax error, bad address) and changed nothing
 */
public record CommandResult(String output, boolean error) {
}
