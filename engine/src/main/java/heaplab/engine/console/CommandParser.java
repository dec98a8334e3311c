package heaplab.engine.console;

import heaplab.engine.process.Process;

import java.util.Locale;
import java.util.Set;

/** Turns a command line into a command object: picks the command family and lets it parse its arguments. */
final class CommandParser {
    /** Extension DLLs that export {@code heap} ({@code !ntsdexts.heap -a} in the seed's example). */
    private static final Set<String> HEAP_MODULES = Set.of("ntsdexts", "exts", "ext");
    /** Display commands WinDbg has and HeapLab brings later. */
    private static final Set<String> LATER_COMMANDS = Set.of("dc", "da", "du");

    private CommandParser() {
    }

    static ConsoleCommand parse(String line, Process process, DisplayPosition position) {
        if (line.isEmpty()) {
            return new MessageCommand("", false);
        }
        try {
            char first = line.charAt(0);
            if (line.startsWith("??")) {
                return MessageCommand.later("?? (C++ expressions)");
            }
            if (first == '?') {
                return EvaluateCommand.parse(line, line.substring(1), process);
            }
            if (first == '!') {
                return parseExtension(line, process);
            }
            if (first == '.') {
                return parseMeta(line, process);
            }
            String word = firstWord(line);
            String name = word.toLowerCase(Locale.ROOT);
            String rest = line.substring(word.length());
            if (name.equals("d")) {
                return DisplayMemoryCommand.parse(line, position.lastFormat(), rest, process, position);
            }
            DisplayFormat format = DisplayFormat.of(name, process.arch());
            if (format != null) {
                return DisplayMemoryCommand.parse(line, format, rest, process, position);
            }
            if (name.equals("dt")) {
                return DisplayTypeCommand.parse(line, rest, process);
            }
            if (name.equals("gflags")) {
                return GlobalFlagCommand.parse("gflags", rest, process);
            }
            if (LATER_COMMANDS.contains(name)) {
                return MessageCommand.later(name);
            }
            throw CommandError.syntax(line);
        } catch (CommandError e) {
            return MessageCommand.error(e);
        }
    }

    private static ConsoleCommand parseExtension(String line, Process process) throws CommandError {
        String word = firstWord(line).substring(1);
        String rest = line.substring(word.length() + 1);
        String name = word;
        int dot = word.lastIndexOf('.');
        if (dot >= 0) {
            String module = word.substring(0, dot).toLowerCase(Locale.ROOT);
            name = word.substring(dot + 1);
            if (!HEAP_MODULES.contains(module)) {
                throw new CommandError("No export " + name + " found");
            }
        }
        if (name.isEmpty()) {
            throw CommandError.syntax(line);
        }
        if (name.equalsIgnoreCase("gflag")) {
            return GlobalFlagCommand.parse("!gflag", rest, process);
        }
        if (!name.equalsIgnoreCase("heap")) {
            throw new CommandError("No export " + name + " found");
        }
        return HeapCommandParser.parse(line, rest, process);
    }

    private static ConsoleCommand parseMeta(String line, Process process) throws CommandError {
        String word = firstWord(line);
        String rest = line.substring(word.length());
        return switch (word.toLowerCase(Locale.ROOT)) {
            case ".dvalloc" -> DvAllocCommand.parse(line, rest, process);
            case ".dvfree" -> DvFreeCommand.parse(line, rest, process);
            case ".help" -> new MessageCommand(CommandReference.summaryText(), false);
            default -> throw CommandError.syntax(line);
        };
    }

    /** The command word: up to the first space. */
    private static String firstWord(String line) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(0, end);
    }
}
