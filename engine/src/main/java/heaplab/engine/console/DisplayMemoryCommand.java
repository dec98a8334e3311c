package heaplab.engine.console;

import heaplab.engine.process.Process;

/**
 * {@code db dw dd dq [/c Columns] [Address [L Count | L?Count | L-Count | End]]} and the bare forms that continue after
 * the last range. Counts are in elements ({@code dd L4} = 4 dwords), an end address is inclusive, the default is 0x80
 * bytes; {@code L-Count} is the range of Count elements that ends just before the address, as WinDbg reads it
 * ({@code 80000000 L-20}: 7fffffe0 through 7fffffff).
 * {@code /c} sets the elements per line (heap-facts.md 5.9); the one-value-per-line forms ({@code dds dps}) keep one.
 *
 * @param format  the element format
 * @param start   first address
 * @param count   number of elements
 * @param columns elements per line, 0 for the format's
 */
record DisplayMemoryCommand(DisplayFormat format, long start, long count, int columns) implements ConsoleCommand {
    /** The most columns {@code /c} takes (HeapLab's bound: a console line stays readable). */
    static final int MAX_COLUMNS = 0x40;

    /** WinDbg refuses an {@code L} length above 256 MB unless written {@code L?}. */
    static final long RANGE_LIMIT = 0x1000_0000L;
    /** HeapLab prints at most 1 MB per command, even with {@code L?} (a console pane cannot show more usefully). */
    static final long OUTPUT_LIMIT = 0x10_0000L;

    static DisplayMemoryCommand parse(String line, DisplayFormat format, String rest, Process process,
                                      DisplayPosition position) throws CommandError {
        Arguments args = new Arguments(rest, process);
        int columns = 0;
        while (args.peek() == '/') {
            if (!args.word().equalsIgnoreCase("/c")) {
                throw CommandError.syntax(line);
            }
            if (args.atEnd()) {
                throw args.missingExpression();
            }
            long n = args.expression();
            if (n < 1 || n > MAX_COLUMNS) {
                throw CommandError.caret("Range error", line);
            }
            columns = (int) n;
        }
        DisplayMemoryCommand range = parseRange(line, format, args, process, position);
        return columns == 0 ? range : new DisplayMemoryCommand(format, range.start(), range.count(), columns);
    }

    private static DisplayMemoryCommand parseRange(String line, DisplayFormat format, Arguments args, Process process,
                                                   DisplayPosition position) throws CommandError {
        long mask = process.arch().pointerMask();
        long defaultCount = DisplayFormat.DEFAULT_BYTES / format.size();
        if (args.atEnd() || isLength(args, true)) {
            if (position.next() == null) {
                // No earlier display to continue (HeapLab has no instruction pointer to default to).
                throw args.missingExpression();
            }
            long count = args.atEnd() ? defaultCount : length(args, line, format);
            return range(format, position.next() & mask, count, mask);
        }
        long start = args.expression() & mask;
        if (args.atEnd()) {
            return new DisplayMemoryCommand(format, start, defaultCount, 0);
        }
        if (isLength(args, false)) {
            return range(format, start, length(args, line, format), mask);
        }
        long end = args.expression() & mask;
        if (!args.atEnd()) {
            throw CommandError.syntax(line);
        }
        if (Long.compareUnsigned(end, start) < 0) {
            throw CommandError.caret("Range error", line);
        }
        long count = (end - start) / format.size() + 1;
        checkLimit(count, format, false, line);
        return new DisplayMemoryCommand(format, start, count, 0);
    }

    /**
     * True when the arguments continue with a length ({@code L20}, {@code L 20}, {@code L?20}, {@code l0n32}). As
     * the first argument a word like {@code list} is a variable, so there the L must be followed by a digit, a '?'
     * or a space.
     */
    private static boolean isLength(Arguments args, boolean first) {
        char c = args.peek();
        if (c != 'L' && c != 'l') {
            return false;
        }
        if (!first) {
            return true;
        }
        String rest = args.rest();
        if (rest.length() == 1) {
            return true;
        }
        char next = rest.charAt(1);
        return next == '?' || Character.isWhitespace(next) || Character.isDigit(next);
    }

    /** The range a length gives from an address: forward, or for a negative length the elements before it. */
    private static DisplayMemoryCommand range(DisplayFormat format, long address, long length, long mask) {
        if (length >= 0) {
            return new DisplayMemoryCommand(format, address, length, 0);
        }
        return new DisplayMemoryCommand(format, (address + length * format.size()) & mask, -length, 0);
    }

    /** The element count after an L ({@code L20}, {@code L?20}), negative after {@code L-} ({@code L-20}). */
    private static long length(Arguments args, String line, DisplayFormat format) throws CommandError {
        args.skip(1);
        boolean unlimited = args.peek() == '?';
        if (unlimited) {
            args.skip(1);
        }
        boolean back = args.peek() == '-';
        if (back) {
            args.skip(1);
        }
        long count = args.expression();
        if (!args.atEnd()) {
            throw CommandError.syntax(line);
        }
        checkLimit(count, format, unlimited, line);
        return back ? -count : count;
    }

    private static void checkLimit(long count, DisplayFormat format, boolean unlimited, String line)
        throws CommandError {
        long limit = unlimited ? OUTPUT_LIMIT : Math.min(RANGE_LIMIT, OUTPUT_LIMIT);
        if (Long.compareUnsigned(count, limit / format.size()) > 0) {
            throw CommandError.caret("Range error", line);
        }
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        int perLine = columns == 0 || format.symbols() ? format.perLine() : columns;
        String text = MemoryDumpFormatter.format(process, format, start, count, perLine);
        long next = (start + count * format.size()) & process.arch().pointerMask();
        position.moveTo(next, format);
        return new CommandResult(text, false);
    }
}
