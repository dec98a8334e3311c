package heaplab.engine.console;

import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code !heap} options spelled as words, each with its own arguments: {@code -srch [-b|-w|-d|-q] Pattern},
 * {@code -flt s Size | r SizeMin SizeMax}, {@code -stat [-h Handle [-grp A|B|S [MaxDisplay]]]},
 * and {@code -triage [Handle | Address]}. Every number is a MASM expression; an
 * argument that is not there gives {@code Numeric expression missing from '<EOL>'}, anything else out of place the
 * caret line {@code Syntax error in '...'}. {@code -grp} without {@code -h} means {@code -h 0} (HeapLab's reading).
 */
final class HeapWordOptionParser {

    private HeapWordOptionParser() {
    }

    static ConsoleCommand parse(String line, String option, List<String> tokens, Process process)
        throws CommandError {
        return switch (option) {
            case "srch" -> search(line, tokens, process);
            case "flt" -> filter(line, tokens, process);
            case "stat" -> stat(line, tokens, process);
            case "triage" -> {
                Arguments args = arguments(line, tokens, process);
                yield new HeapTriageCommand(args.atEnd() ? null : args.wholeExpression(line));
            }
            default -> MessageCommand.later("!heap -" + option);
        };
    }

    private static ConsoleCommand search(String line, List<String> tokens, Process process) throws CommandError {
        int size = process.arch().pointerSize();
        List<String> rest = tokens;
        if (!tokens.isEmpty() && HeapCommandParser.isOption(tokens.get(0))) {
            size = switch (tokens.get(0)) {
                case "-b" -> 1;
                case "-w" -> 2;
                case "-d" -> 4;
                case "-q" -> 8;
                default -> throw CommandError.syntax(line);
            };
            rest = tokens.subList(1, tokens.size());
        }
        Arguments args = arguments(line, rest, process);
        if (args.atEnd()) {
            throw args.missingExpression();
        }
        return new HeapSearchCommand(size, args.wholeExpression(line));
    }

    private static ConsoleCommand filter(String line, List<String> tokens, Process process) throws CommandError {
        if (tokens.isEmpty() || !(tokens.get(0).equals("s") || tokens.get(0).equals("r"))) {
            throw CommandError.syntax(line);
        }
        Arguments args = arguments(line, tokens.subList(1, tokens.size()), process);
        if (args.atEnd()) {
            throw args.missingExpression();
        }
        if (tokens.get(0).equals("s")) {
            long size = args.wholeExpression(line);
            return new HeapFilterCommand(size, size + 1);
        }
        long minimum = args.expression();
        if (args.atEnd()) {
            throw args.missingExpression();
        }
        return new HeapFilterCommand(minimum, args.wholeExpression(line));
    }

    private static ConsoleCommand stat(String line, List<String> tokens, Process process) throws CommandError {
        Long handle = null;
        HeapStatCommand.Group group = HeapStatCommand.Group.S;
        long maxDisplay = 20;
        int i = 0;
        while (i < tokens.size()) {
            String token = tokens.get(i++);
            List<String> values = new ArrayList<>();
            if (token.equals("-h")) {
                while (i < tokens.size() && !HeapCommandParser.isOption(tokens.get(i))) {
                    values.add(tokens.get(i++));
                }
                Arguments args = arguments(line, values, process);
                if (args.atEnd()) {
                    throw args.missingExpression();
                }
                handle = args.wholeExpression(line);
            } else if (token.equals("-grp") && i < tokens.size()) {
                group = switch (tokens.get(i++).toUpperCase(Locale.ROOT)) {
                    case "A" -> HeapStatCommand.Group.A;
                    case "B" -> HeapStatCommand.Group.B;
                    case "S" -> HeapStatCommand.Group.S;
                    default -> throw CommandError.syntax(line);
                };
                while (i < tokens.size() && !HeapCommandParser.isOption(tokens.get(i))) {
                    values.add(tokens.get(i++));
                }
                Arguments args = arguments(line, values, process);
                // MaxDisplay taken as a ULONG (assumed, as the extension's counts are): -1 shows every row
                maxDisplay = args.atEnd() ? maxDisplay : args.wholeExpression(line) & 0xFFFF_FFFFL;
                handle = handle == null ? Long.valueOf(0) : handle;
            } else {
                throw CommandError.syntax(line);
            }
        }
        return new HeapStatCommand(handle, group, maxDisplay);
    }

    /** The tokens as one expression text; an option among them is a syntax error. */
    private static Arguments arguments(String line, List<String> tokens, Process process) throws CommandError {
        for (String token : tokens) {
            if (HeapCommandParser.isOption(token)) {
                throw CommandError.syntax(line);
            }
        }
        return new Arguments(String.join(" ", tokens), process);
    }
}
