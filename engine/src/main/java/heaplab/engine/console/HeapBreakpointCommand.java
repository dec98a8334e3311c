package heaplab.engine.console;

import heaplab.engine.process.Process;

import java.util.List;

/**
 * {@code !heap -b [{alloc|realloc|free} [Tag]]}, {@code !heap -b Address}, {@code !heap -B {alloc|realloc|free}}
 * and {@code !heap -B Address}: sets, lists or removes a heap breakpoint of the session ({@link HeapBreakpoints}).
 * The process does not change, so these lines never become steps. Bad input gives one WinDbg-style line and changes
 * nothing.
 */
final class HeapBreakpointCommand {
    private HeapBreakpointCommand() {
    }

    /** True when the line is {@code !heap -b ...} or {@code !heap -B ...} (the flag alone, first). */
    static boolean matches(List<String> tokens) {
        return tokens.size() >= 2 && tokens.get(0).equalsIgnoreCase("!heap")
            && (tokens.get(1).equals("-b") || tokens.get(1).equals("-B"));
    }

    static CommandResult run(String line, List<String> tokens, Process process, HeapBreakpoints breakpoints)
        throws CommandError {
        boolean set = tokens.get(1).equals("-b");
        List<String> words = tokens.subList(2, tokens.size());
        if (words.isEmpty()) {
            if (set) {
                return new CommandResult(breakpoints.listing(process.arch()), false);
            }
            throw new CommandError("HEAPEXT: !heap -B needs alloc, realloc, free or an address");
        }
        HeapBreakpoints.Kind kind = HeapBreakpoints.Kind.ofWord(words.get(0));
        if (kind != null) {
            if (words.size() > (set ? 2 : 1) || (words.size() == 2 && HeapCommandParser.isOption(words.get(1)))) {
                throw CommandError.syntax(line);
            }
            if (set) {
                String tag = words.size() == 2 ? words.get(1) : "";
                breakpoints.set(kind, tag);
                return new CommandResult("Heap breakpoint set: " + kind.word()
                    + (tag.isEmpty() ? "" : " with tag " + tag) + "\n", false);
            }
            if (!breakpoints.clear(kind)) {
                return new CommandResult("No heap breakpoint on " + kind.word() + "\n", true);
            }
            return new CommandResult("Heap breakpoint cleared: " + kind.word() + "\n", false);
        }
        for (String word : words) {
            if (HeapCommandParser.isOption(word)) {
                throw CommandError.syntax(line);
            }
        }
        long address = new Arguments(String.join(" ", words), process).wholeExpression(line)
            & process.arch().pointerMask();
        String where = process.arch().ptr(address);
        if (set) {
            breakpoints.setAddress(address);
            return new CommandResult("Heap breakpoint set: free or realloc of the block containing " + where + "\n",
                false);
        }
        if (!breakpoints.clearAddress(address)) {
            return new CommandResult("No heap breakpoint on " + where + "\n", true);
        }
        return new CommandResult("Heap breakpoint cleared: " + where + "\n", false);
    }
}
