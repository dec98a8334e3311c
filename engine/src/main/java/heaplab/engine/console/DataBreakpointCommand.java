package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * WinDbg's processor breakpoint commands, as far as the simulation can watch memory: {@code ba w{1|2|4|8} Address}
 * (also {@code ba w 4 Address}) sets a write watch of the session ({@link DataBreakpoints}); {@code bl [IDs]} lists,
 * {@code bc IDs}, {@code bd IDs} and {@code be IDs} clear, disable and enable them (IDs: numbers, ranges {@code 1-3},
 * or {@code *}). Like WinDbg, setting, clearing and switching print nothing. The process does not change, so these
 * lines never become steps. Bad input gives one line, WinDbg's where it has one, and changes nothing.
 */
final class DataBreakpointCommand {
    private static final Set<String> WORDS = Set.of("ba", "bl", "bc", "bd", "be");

    /** WinDbg's refusal of one breakpoint too many for the four debug registers (user mode: "thread"). */
    static final String TOO_MANY = "Too many data breakpoints for thread 0";

    private DataBreakpointCommand() {
    }

    /** True when the line starts with one of the words {@code ba bl bc bd be}. */
    static boolean matches(List<String> tokens) {
        return !tokens.isEmpty() && WORDS.contains(tokens.get(0).toLowerCase(Locale.ROOT));
    }

    static CommandResult run(String line, List<String> tokens, Process process, DataBreakpoints breakpoints)
        throws CommandError {
        String word = tokens.get(0).toLowerCase(Locale.ROOT);
        List<String> args = tokens.subList(1, tokens.size());
        Arch arch = process.arch();
        switch (word) {
            case "ba":
                return set(line, args, process, breakpoints);
            case "bl":
                return new CommandResult(breakpoints.listing(arch, args.isEmpty() ? null
                    : ids(line, args, breakpoints)), false);
            case "bc":
                for (int id : ids(line, args, breakpoints)) {
                    breakpoints.clear(id);
                }
                return new CommandResult("", false);
            default: {
                boolean enable = word.equals("be");
                Set<Integer> ids = ids(line, args, breakpoints);
                if (enable) {
                    // All or none: enabling them must leave at most the four the processor has, checked first.
                    long enabled = breakpoints.watches().stream().filter(w -> w.enabled() || ids.contains(w.id()))
                        .count();
                    if (enabled > DataBreakpoints.MAX_ENABLED) {
                        throw new CommandError(TOO_MANY);
                    }
                }
                for (int id : ids) {
                    breakpoints.setEnabled(id, enable);
                }
                return new CommandResult("", false);
            }
        }
    }

    private static CommandResult set(String line, List<String> args, Process process, DataBreakpoints breakpoints)
        throws CommandError {
        if (args.isEmpty()) {
            throw CommandError.syntax(line);
        }
        String access = args.get(0).toLowerCase(Locale.ROOT);
        char kind = access.charAt(0);
        if ("rwei".indexOf(kind) < 0) {
            throw CommandError.syntax(line);
        }
        // Access and Size may be one word (w4) or two (w 4), as WinDbg reads them; then the address, which this
        // simulation needs (WinDbg would take the instruction pointer, which it has not).
        int next = 1;
        String sizeText = access.substring(1);
        if (sizeText.isEmpty()) {
            if (args.size() < 2) {
                throw CommandError.syntax(line);
            }
            sizeText = args.get(1);
            next = 2;
        }
        if (!sizeText.matches("[0-9]+") || args.size() <= next || args.get(next).startsWith("/")) {
            // "ba w p": no size (WinDbg has no default), or an option HeapLab does not simulate (/1, /p, /t, /c).
            throw CommandError.syntax(line);
        }
        if (kind != 'w') {
            throw new CommandError("HeapLab watches writes only: ba w1|w2|w4|w8 Address (ba " + kind
                + " is not simulated)");
        }
        int size = sizeText.length() > 2 ? -1 : Integer.parseInt(sizeText);
        int largest = process.arch() == Arch.X64 ? 8 : 4;
        if (size <= 0 || Integer.bitCount(size) != 1 || size > largest) {
            throw new CommandError("Unsupported data breakpoint size");
        }
        long address = new Arguments(String.join(" ", args.subList(next, args.size())), process).wholeExpression(line)
            & process.arch().pointerMask();
        if ((address & (size - 1)) != 0) {
            throw new CommandError("Data breakpoint must be aligned");
        }
        return switch (breakpoints.set(address, size)) {
            case ADDED -> new CommandResult("", false);
            case REDEFINED -> new CommandResult("breakpoint " + breakpoints.find(address, size).id() + " redefined\n",
                false);
            case TOO_MANY -> throw new CommandError(TOO_MANY);
        };
    }

    /** The breakpoint numbers named: numbers, ranges (1-3) and * for all, separated by spaces or commas. */
    private static Set<Integer> ids(String line, List<String> args, DataBreakpoints breakpoints) throws CommandError {
        List<String> parts = new ArrayList<>();
        for (String arg : args) {
            for (String part : arg.split(",")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
        }
        if (parts.isEmpty()) {
            throw CommandError.syntax(line);
        }
        Set<Integer> ids = new TreeSet<>();
        for (String part : parts) {
            if (part.equals("*")) {
                breakpoints.watches().forEach(w -> ids.add(w.id()));
            } else if (part.matches("[0-9]{1,6}")) {
                ids.add(Integer.parseInt(part));
            } else if (part.matches("[0-9]{1,6}-[0-9]{1,6}")) {
                String[] ends = part.split("-");
                for (int id = Integer.parseInt(ends[0]); id <= Integer.parseInt(ends[1]); id++) {
                    ids.add(id);
                }
            } else {
                throw CommandError.syntax(line);
            }
        }
        return ids;
    }
}
