package heaplab.engine.console;

import heaplab.engine.memory.AccessViolation;
import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The debugger console: parses one command line (`!heap -a h`, `db p L40`, `.dvalloc 1000`, `? 0n10 + p`) into a
 * command object, runs it against a process and returns its text. The window's console pane, scenario `cmd` steps
 * and the CLI's `-c` all call this. Bad input gives one WinDbg-style error line and changes nothing; it never throws.
 *
 * <p>Supported: {@code !heap} (no arguments, {@code -a -h -hl -f -m -v -t -T -g -k},
 * {@code -s [-v -a -c -b Size -d Size -?]}, {@code -x [-v]}, {@code -l}, {@code -i}, {@code -srch}, {@code -flt},
 * {@code -stat}, {@code -triage}, {@code -?}, {@code -p}, {@code -p -a Address}, {@code -p -?}, and
 * {@code -E -D -e -d [Heap]}, which set the heaps' validation flags),
 * {@code db dw dd dq dp d}, {@code dds dqs dps}, {@code dt}, {@code gflags} / {@code !gflag} (display, and
 * {@code gflags +htc -hfc} to set NtGlobalFlag for heaps created afterwards), {@code ?},
 * {@code .dvalloc}, {@code .dvfree}, heap breakpoints ({@code !heap -b [{alloc|realloc|free} [Tag]]},
 * {@code !heap -b Address}, {@code !heap -B {alloc|realloc|free}|Address}; {@code !heap -b} alone lists them),
 * kept in a {@link HeapBreakpoints} the session shares, and processor breakpoints that watch memory for writes
 * ({@code ba w4 Address}, {@code bl}, {@code bc}, {@code bd}, {@code be}), kept in a {@link DataBreakpoints} the
 * session shares. Commands separated by {@code ;} run in turn. The other documented commands and options answer
 * that a later version brings them. A console
 * remembers where the last display stopped and the {@code !heap -i} heap context, so keep one per session.
 */
public final class Console {
    private final DisplayPosition position = new DisplayPosition();
    private final HeapBreakpoints breakpoints;
    private final DataBreakpoints dataBreakpoints;

    /** A console with its own heap breakpoints (set and listed; nothing runs against them). */
    public Console() {
        this(new HeapBreakpoints());
    }

    /** A console whose {@code !heap -b} / {@code !heap -B} lines set and clear the given (session's) breakpoints. */
    public Console(HeapBreakpoints breakpoints) {
        this(breakpoints, new DataBreakpoints());
    }

    /**
     * A console whose {@code !heap -b} / {@code -B} lines change the given heap breakpoints and whose {@code ba},
     * {@code bc}, {@code bd}, {@code be} lines change the given processor breakpoints (both the session's).
     */
    public Console(HeapBreakpoints breakpoints, DataBreakpoints dataBreakpoints) {
        this.breakpoints = java.util.Objects.requireNonNull(breakpoints, "breakpoints");
        this.dataBreakpoints = java.util.Objects.requireNonNull(dataBreakpoints, "dataBreakpoints");
    }

    /** The heap breakpoints this console's {@code !heap -b} lines change. */
    public HeapBreakpoints heapBreakpoints() { return breakpoints; }

    /** The processor breakpoints (address watches) this console's {@code ba} lines change. */
    public DataBreakpoints dataBreakpoints() { return dataBreakpoints; }

    /**
     * The user addresses of the blocks {@code !heap -l} reports as leaked now, in its order (for the heap map, which
     * marks them after a step that ran it).
     */
    public static List<Long> leakedBlocks(Process process) {
        return LeakDetector.leaks(process, UserBlocks.of(process)).stream().map(e -> e.block().user()).toList();
    }

    /** Whether a command line runs {@code !heap -l} (alone or among {@code ;}-separated commands, any case). */
    public static boolean isLeakSearch(String line) {
        return line != null && commands(line).stream()
            .anyMatch(c -> c.strip().matches("(?i)!((ntsdexts|exts|ext)\\.)?heap\\s+-l"));
    }

    /**
     * Runs a command line and returns its output (ending with a newline when not empty). Commands separated by
     * {@code ;} run one after the other, as in WinDbg ({@code dd p L4; db p L10}); the first that fails ends the line.
     */
    public CommandResult execute(Process process, String line) {
        List<String> commands = commands(line == null ? "" : line);
        if (commands.size() <= 1) {
            return executeOne(process, commands.isEmpty() ? "" : commands.get(0));
        }
        StringBuilder out = new StringBuilder();
        for (String command : commands) {
            CommandResult result = executeOne(process, command);
            out.append(result.output());
            if (result.error()) {
                return new CommandResult(out.toString(), true);
            }
        }
        return new CommandResult(out.toString(), false);
    }

    /**
     * The commands of a line: split at each {@code ;} outside double quotes (WinDbg's command separator), stripped,
     * empty ones dropped.
     */
    static List<String> commands(String line) {
        List<String> commands = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : ';';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && (!quoted || i == line.length())) {
                String command = line.substring(start, i).strip();
                if (!command.isEmpty()) {
                    commands.add(command);
                }
                start = i + 1;
            }
        }
        return commands;
    }

    private CommandResult executeOne(Process process, String text) {
        try {
            List<String> tokens = HeapCommandParser.tokens(text);
            if (HeapBreakpointCommand.matches(tokens)) {
                try {
                    return HeapBreakpointCommand.run(text, tokens, process, breakpoints);
                } catch (CommandError e) {
                    return new CommandResult(e.text(), true);
                }
            }
            if (DataBreakpointCommand.matches(tokens)) {
                try {
                    return DataBreakpointCommand.run(text, tokens, process, dataBreakpoints);
                } catch (CommandError e) {
                    return new CommandResult(e.text(), true);
                }
            }
            ConsoleCommand command = CommandParser.parse(text, process, position);
            return command.execute(process, position);
        } catch (AccessViolation e) {
            // A structure the command follows is damaged or gone: WinDbg reports the read that failed.
            return new CommandResult(Texts.caret("Memory access error", text), true);
        } catch (RuntimeException e) {
            return new CommandResult("HeapLab could not run '" + text + "': " + e + "\n", true);
        }
    }

    /**
     * True when the command changes the process ({@code .dvalloc}, {@code .dvfree}, {@code gflags +htc} and the other
     * settings of NtGlobalFlag, {@code !heap -E|-D|-e|-d [Heap]}): the session records it as a step. Decided from
     * the text alone, so a setting line whose argument turns out wrong still counts;
     * {@link #changesState(Process, String)} also parses it.
     */
    public static boolean changesState(String line) {
        List<String> commands = commands(line);
        if (commands.size() > 1) {
            return commands.stream().anyMatch(Console::changesState);
        }
        String t = line.strip().toLowerCase(Locale.ROOT);
        return t.startsWith(".dvalloc") || t.startsWith(".dvfree") || GlobalFlagCommand.isSetting(line)
            || HeapValidationCommand.isValidationLine(line);
    }

    /**
     * {@link #changesState(String)} for a line that also parses against the process: a changing command with bad
     * arguments is false, so it only prints its error line and never becomes a step.
     */
    public static boolean changesState(Process process, String line) {
        List<String> commands = commands(line);
        if (commands.size() > 1) {
            return commands.stream().anyMatch(command -> changesState(process, command));
        }
        if (!changesState(line)) {
            return false;
        }
        ConsoleCommand command = CommandParser.parse(line.strip(), process, new DisplayPosition());
        return !(command instanceof MessageCommand message && message.error());
    }
}
