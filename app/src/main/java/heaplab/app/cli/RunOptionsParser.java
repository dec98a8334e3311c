package heaplab.app.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the arguments after {@code run}: one FILE and the options of cli.md, in any order. Long options take
 * their value as the next argument or after {@code =} ({@code --to 5}, {@code --to=5}); {@code --} ends the options.
 */
final class RunOptionsParser {
    private final List<String> args;
    private int next;

    private String file;
    private int to = RunOptions.NOT_SET;
    private final List<String> commands = new ArrayList<>();
    private final List<PngRequest> pngs = new ArrayList<>();
    private String select;
    private int scale = 2;
    private String theme = "light";
    private int diff = RunOptions.NOT_SET;
    private boolean narrate;
    private final Set<String> seen = new HashSet<>();

    private RunOptionsParser(List<String> args) {
        this.args = args;
    }

    /**
     * @param args the arguments after {@code run}
     * @return the options, or null when they ask for help ({@code --help} or {@code -h})
     * @throws UsageException for an unknown option, a missing or bad value, a missing or second FILE
     */
    static RunOptions parse(List<String> args) throws UsageException {
        return new RunOptionsParser(args).parse();
    }

    private RunOptions parse() throws UsageException {
        boolean optionsEnded = false;
        while (next < args.size()) {
            String arg = args.get(next++);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                setFile(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            } else {
                option(arg);
            }
        }
        if (file == null) {
            throw new UsageException("run needs a FILE (a scenario file or sample:NAME)");
        }
        return new RunOptions(file, to, commands, pngs, select, scale, theme, diff, narrate);
    }

    private void option(String arg) throws UsageException {
        int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
        String name = equals < 0 ? arg : arg.substring(0, equals);
        String inlineValue = equals < 0 ? null : arg.substring(equals + 1);
        switch (name) {
            case "--narrate" -> {
                if (inlineValue != null) {
                    throw new UsageException("--narrate takes no value");
                }
                narrate = true;
            }
            case "-c" -> commands.add(value(name, inlineValue, "CMD"));
            case "--png" -> pngs.add(png(value(name, inlineValue, "VIEW=FILE")));
            case "--to" -> to = number(once(name), value(name, inlineValue, "N"), 0, Integer.MAX_VALUE);
            case "--diff" -> diff = number(once(name), value(name, inlineValue, "N"), 0, Integer.MAX_VALUE);
            case "--scale" -> scale = number(once(name), value(name, inlineValue, "K"), 1, 4);
            case "--select" -> select = nonEmpty(once(name), value(name, inlineValue, "ADDR"));
            case "--theme" -> theme = theme(once(name), value(name, inlineValue, "T"));
            default -> throw new UsageException("unknown option '" + arg + "'");
        }
    }

    private void setFile(String arg) throws UsageException {
        if (file != null) {
            throw new UsageException("unexpected argument '" + arg + "' (run takes one FILE)");
        }
        if (arg.isEmpty()) {
            throw new UsageException("FILE is empty");
        }
        file = arg;
    }

    private String once(String name) throws UsageException {
        if (!seen.add(name)) {
            throw new UsageException(name + " is given twice");
        }
        return name;
    }

    private String value(String name, String inlineValue, String what) throws UsageException {
        if (inlineValue != null) {
            return inlineValue;
        }
        if (next >= args.size()) {
            throw new UsageException(name + " needs a value (" + what + ")");
        }
        return args.get(next++);
    }

    private static int number(String name, String text, int min, int max) throws UsageException {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": '" + text + "' is " + (text.matches("[+-]?\\d+") ? "out of range"
                : "not a number"));
        }
        if (value < min || value > max) {
            throw new UsageException(name + ": " + value + (max == Integer.MAX_VALUE
                ? " is negative" : " is not between " + min + " and " + max));
        }
        return value;
    }

    private static String nonEmpty(String name, String text) throws UsageException {
        if (text.isBlank()) {
            throw new UsageException(name + " needs a value");
        }
        return text.strip();
    }

    private static String theme(String name, String text) throws UsageException {
        if (!RunOptions.THEMES.contains(text)) {
            throw new UsageException(name + ": unknown theme '" + text + "' (light or dark)");
        }
        return text;
    }

    private static PngRequest png(String text) throws UsageException {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new UsageException("--png needs VIEW=FILE, not '" + text + "'");
        }
        String view = text.substring(0, equals);
        String file = text.substring(equals + 1);
        if (!RunOptions.VIEWS.contains(view)) {
            throw new UsageException("--png: unknown view '" + view + "' (" + String.join(", ", RunOptions.VIEWS)
                + ")");
        }
        if (file.isEmpty()) {
            throw new UsageException("--png " + view + "= needs a FILE");
        }
        try {
            return new PngRequest(view, Path.of(file));
        } catch (InvalidPathException e) {
            throw new UsageException("--png: '" + file + "' is not a valid file name");
        }
    }
}
