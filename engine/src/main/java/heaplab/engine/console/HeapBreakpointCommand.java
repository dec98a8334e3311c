package heaplab.engine.console;

import heaplab.engine.process.Process;

import java.util.List;

/**
 * {@code !heap -b [{alloc|realloc|free} [Tag]] [Heap]}, {@code !heap -b Address},
 * {@code !heap -B {alloc|realloc|free} [Heap]} and {@code !heap -B Address} (the seed's forms): sets, lists or removes
 * a heap breakpoint of the session ({@link HeapBreakpoints}). The process does not change, so these lines never become
 * steps. Bad input gives one WinDbg-style line and changes nothing.
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
            List<String> rest = words.subList(1, words.size());
            if (rest.size() > (set ? 2 : 1) || rest.stream().anyMatch(HeapCommandParser::isOption)) {
                throw CommandError.syntax(line);
            }
            // After the kind: [Tag] [Heap] to set, [Heap] to remove. A lone word names a heap when its value is one
            // of the process's heaps (handle or 1-based index), else a tag: tag names such as "Bad" read as numbers.
            long heap = 0;
            String tag = "";
            if (!rest.isEmpty()) {
                String last = rest.get(rest.size() - 1);
                Long found = heapNamed(last, process);
                if (found != null) {
                    heap = found;
                    tag = rest.size() == 2 ? rest.get(0) : "";
                } else if (rest.size() == 2 || !set) {
                    throw new CommandError("HEAPEXT: " + last + " is not a heap of the process");
                } else {
                    tag = last;
                }
            }
            String on = heap == 0 ? "" : " on heap " + process.arch().ptr(heap);
            if (set) {
                breakpoints.set(kind, tag, heap);
                return new CommandResult("Heap breakpoint set: " + kind.word()
                    + (tag.isEmpty() ? "" : " with tag " + tag) + on + "\n", false);
            }
            if (!breakpoints.has(kind) || heap != 0 && breakpoints.heap(kind) != heap) {
                return new CommandResult("No heap breakpoint on " + kind.word() + on + "\n", true);
            }
            breakpoints.clear(kind);
            return new CommandResult("Heap breakpoint cleared: " + kind.word() + on + "\n", false);
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

    /** The heap a word names (its value is a heap handle, or a 1-based index of one), or null. */
    private static Long heapNamed(String word, Process process) {
        long value;
        try {
            value = new Arguments(word, process).wholeExpression(word);
        } catch (CommandError e) {
            return null;
        }
        List<Long> heaps = value == 0 ? List.of() : HeapCommand.resolve(process.heaps(), value);
        return heaps.size() == 1 ? heaps.get(0) : null;
    }
}
