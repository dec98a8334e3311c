package heaplab.engine.console;

import heaplab.engine.process.Process;

import java.util.List;
import java.util.Set;

/**
 * {@code !heap -s [SummaryOptions] [StatHeapAddress]}: the summary table ({@link HeapSummaryFormatter}), or for one
 * heap its detail form ({@link HeapSummaryFormatter#detail}), then what
 * the SummaryOptions ask for, in this order ({@link HeapSummaryDetails}): {@code -v} the validation of every block
 * of each heap, {@code -a} all heap blocks, {@code -c} the contents of each busy block, {@code -b BucketSize} /
 * {@code -d DumpBlockSize} a histogram of the busy blocks' sizes and the blocks of one size. SummaryOptions are
 * case-insensitive (the seed says so); options may be joined ({@code -va}) and come before or after the Heap.
 * {@code -s -?} prints the summary help. A missing size gives {@code Numeric expression missing from '<EOL>'}, a
 * bucket size of 0 the caret line {@code Range error in '...'}, an unknown letter the extension's
 * {@code HEAPEXT: !heap invalid option flag '-z'}.
 *
 * @param argument   the StatHeapAddress (handle, 1-based index, 0 for all), or null
 * @param validate   {@code -v}
 * @param all        {@code -a}
 * @param contents   {@code -c}
 * @param bucketSize {@code -b}, or null
 * @param dumpSize   {@code -d}, or null
 */
record HeapSummaryCommand(Long argument, boolean validate, boolean all, boolean contents, Long bucketSize,
                          Long dumpSize) implements ConsoleCommand {
    /** The bucket size when {@code -d} comes without {@code -b}: the seed's default of 1024. */
    static final long DEFAULT_BUCKET_SIZE = 1024;

    /** True when one of the {@code !heap} tokens asks for the summary ({@code -s}, {@code -sv}, {@code -as}). */
    static boolean matches(List<String> tokens, Set<String> wordOptions) {
        for (String token : tokens) {
            if (HeapCommandParser.isOption(token) && !wordOptions.contains(token.substring(1))
                && token.indexOf('s', 1) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Parses every token after {@code !heap}; one of them holds the {@code s}. */
    static ConsoleCommand parse(String line, List<String> tokens, Process process) throws CommandError {
        boolean validate = false;
        boolean all = false;
        boolean contents = false;
        Long bucketSize = null;
        Long dumpSize = null;
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!HeapCommandParser.isOption(token)) {
                words.append(words.length() == 0 ? "" : " ").append(token);
                continue;
            }
            for (int k = 1; k < token.length(); k++) {
                char c = token.charAt(k);
                switch (Character.toLowerCase(c)) {
                    case 's' -> { }
                    case '?' -> {
                        return new MessageCommand(HeapHelpText.SUMMARY, false);
                    }
                    case 'v' -> validate = true;
                    case 'a' -> all = true;
                    case 'c' -> contents = true;
                    case 'b', 'd' -> {
                        boolean hasValue = k == token.length() - 1 && i + 1 < tokens.size()
                            && !HeapCommandParser.isOption(tokens.get(i + 1));
                        Arguments value = new Arguments(hasValue ? tokens.get(++i) : "", process);
                        if (!hasValue) {
                            throw value.missingExpression();
                        }
                        long size = value.wholeExpression(line);
                        if (Character.toLowerCase(c) == 'b') {
                            if (size <= 0) {
                                throw CommandError.caret("Range error", line);
                            }
                            bucketSize = size;
                        } else {
                            dumpSize = size;
                        }
                    }
                    default -> throw new CommandError("HEAPEXT: !heap invalid option flag '-" + c + "'");
                }
            }
        }
        Arguments args = new Arguments(words.toString(), process);
        Long argument = args.atEnd() ? null : args.wholeExpression(line);
        if (dumpSize != null && bucketSize == null) {
            bucketSize = DEFAULT_BUCKET_SIZE;
        }
        return new HeapSummaryCommand(argument, validate, all, contents, bucketSize, dumpSize);
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        List<Long> heaps = HeapCommand.resolve(process.heaps(), argument);
        if (heaps.isEmpty()) {
            return new CommandResult("Heap " + Texts.shortPtr(process.arch(), argument) + " not found\n", true);
        }
        boolean oneHeap = argument != null && argument != 0;
        StringBuilder out = new StringBuilder(oneHeap ? HeapSummaryFormatter.detail(process, heaps.get(0))
            : HeapSummaryFormatter.format(process, heaps));
        if (validate) {
            HeapSummaryDetails.appendValidation(out, process, heaps);
        }
        if (all) {
            out.append(HeapListingFormatter.detail(process, heaps, false, false, true, false, 0));
        }
        if (contents || bucketSize != null) {
            UserBlocks blocks = UserBlocks.of(process);
            if (contents) {
                HeapSummaryDetails.appendContents(out, process, blocks, heaps);
            }
            if (bucketSize != null) {
                HeapSummaryDetails.appendHistogram(out, process, blocks, heaps, bucketSize, dumpSize);
            }
        }
        return new CommandResult(out.toString(), false);
    }
}
