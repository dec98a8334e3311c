package heaplab.engine.console;

import heaplab.engine.process.Process;
import heaplab.engine.script.MasmException;
import heaplab.engine.script.MasmExpression;

/**
 * A cursor over a command's argument text that reads MASM expressions the way WinDbg does: greedily, each one
 * ending where the next token cannot continue it ({@code db p+8 L20}: {@code p+8}, then {@code L20}).
 * Every number goes through {@link MasmExpression}; its error line becomes the command's error.
 */
final class Arguments {
    private final String text;
    private final Process process;
    private int position;

    Arguments(String text, Process process) {
        this.text = text;
        this.process = process;
        skipSpaces();
    }

    boolean atEnd() {
        return position >= text.length();
    }

    /** The text not read yet (no leading spaces). */
    String rest() {
        return text.substring(position);
    }

    /** The next character, or 0 at the end. */
    char peek() {
        return atEnd() ? 0 : text.charAt(position);
    }

    /** True when the rest starts with the text, case-insensitively. */
    boolean startsWith(String prefix) {
        return text.regionMatches(true, position, prefix, 0, prefix.length());
    }

    void skip(int characters) {
        position = Math.min(text.length(), position + characters);
        skipSpaces();
    }

    /** Reads the next whitespace-separated word (for options like {@code /b}). */
    String word() {
        int start = position;
        while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        String word = text.substring(start, position);
        skipSpaces();
        return word;
    }

    /** Evaluates the next expression; the end of the text gives WinDbg's "Numeric expression missing" error. */
    long expression() throws CommandError {
        String rest = rest();
        try {
            long value = MasmExpression.evaluate(rest, process);
            position = text.length();
            return value;
        } catch (MasmException e) {
            if (e.kind() == MasmException.Kind.EXTRA_CHARACTERS && e.position() > 0) {
                long value = evaluate(rest.substring(0, e.position()));
                skip(e.position());
                return value;
            }
            throw new CommandError(e.getMessage());
        }
    }

    /** Evaluates the whole rest as one expression (text left over is an error). */
    long wholeExpression(String line) throws CommandError {
        try {
            long value = MasmExpression.evaluate(rest(), process);
            position = text.length();
            return value;
        } catch (MasmException e) {
            if (e.kind() == MasmException.Kind.EXTRA_CHARACTERS) {
                throw CommandError.caret("Extra character error", line);
            }
            throw new CommandError(e.getMessage());
        }
    }

    /** WinDbg's error for an expression that is not there: {@code Numeric expression missing from '<EOL>'}. */
    CommandError missingExpression() {
        try {
            MasmExpression.evaluate("", process);
        } catch (MasmException e) {
            return new CommandError(e.getMessage());
        }
        return new CommandError("Numeric expression missing from '<EOL>'");
    }

    private long evaluate(String expression) throws CommandError {
        try {
            return MasmExpression.evaluate(expression, process);
        } catch (MasmException e) {
            throw new CommandError(e.getMessage());
        }
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
