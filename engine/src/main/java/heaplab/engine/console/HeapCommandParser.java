package heaplab.engine.console;

import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the arguments of {@code !heap}. Options may come anywhere ({@code !heap 002057b8 -x}); as the heap
 * extension does, a dash starts a run of one-letter flags ({@code -hf} = {@code -h -f}). The word options
 * ({@code -srch -flt -stat -triage}) take the rest of the line as their own arguments; {@code -hl} and {@code -Hl}
 * are {@code -h} with the LFH entries, which join when the LFH does. Words that are not options
 * form the Heap or Address expression. An unknown flag gives the extension's line
 * {@code HEAPEXT: !heap invalid option flag '-z'} (without the usage text that follows it in WinDbg); a malformed
 * word option gives the parser's caret line {@code Syntax error in '...'}.
 */
final class HeapCommandParser {
    /** Every one-letter flag of the extension (heap-facts.md 5.7, the seed's option list). */
    private static final String FLAGS = "ahfmsxlvitTgkDEdebBpc?";
    /** Flags that only make sense alone, first on the line ({@code -b}, {@code -B} breakpoints). */
    private static final String ALONE = "bB";
    private static final Set<String> WORD_OPTIONS = Set.of("srch", "flt", "stat", "triage");

    private HeapCommandParser() {
    }

    static ConsoleCommand parse(String line, String rest, Process process) throws CommandError {
        List<String> tokens = tokens(rest);
        // -p takes -ts (traces by size) as its own option, not as -s.
        if (!tokens.contains("-p") && HeapSummaryCommand.matches(tokens, WORD_OPTIONS)) {
            return HeapSummaryCommand.parse(line, tokens, process);
        }
        int at = tokens.indexOf("-i");
        int of = tokens.indexOf("-h");
        if (tokens.size() == 4 && at >= 0 && of >= 0 && at % 2 == 0 && of % 2 == 0) {
            // !heap -i Address -h HeapAddress (the seed, in either order): Address decoded in that heap's context.
            long address = new Arguments(tokens.get(at + 1), process).wholeExpression(line);
            long heap = new Arguments(tokens.get(of + 1), process).wholeExpression(line) & process.arch().pointerMask();
            if (!process.heaps().isHeap(heap)) {
                throw new CommandError("HEAPEXT: " + Texts.ptr0x(process.arch(), heap)
                    + " is not a heap of the process");
            }
            return new HeapBlockInfoCommand(address, heap);
        }
        StringBuilder flags = new StringBuilder();
        boolean lfhEntries = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!isOption(token)) {
                words.add(token);
                continue;
            }
            String body = token.substring(1);
            if (body.equals("hl") || body.equals("Hl")) {
                // -hl (-Hl in the seed): -h, then the busy LFH chunks of each heap (HeapLfhFormatter).
                flags.append('h');
                lfhEntries = true;
                continue;
            }
            if (WORD_OPTIONS.contains(body)) {
                if (flags.length() > 0 || !words.isEmpty()) {
                    throw CommandError.syntax(line);
                }
                return HeapWordOptionParser.parse(line, body, tokens.subList(i + 1, tokens.size()), process);
            }
            for (char c : body.toCharArray()) {
                if (FLAGS.indexOf(c) < 0) {
                    throw new CommandError("HEAPEXT: !heap invalid option flag '-" + c + "'");
                }
                flags.append(c);
            }
        }
        return flagCommand(line, flags.toString(), lfhEntries, words, process);
    }

    private static ConsoleCommand flagCommand(String line, String f, boolean lfhEntries, List<String> words,
                                              Process process) throws CommandError {
        if (has(f, '?')) {
            String text = has(f, 'p') ? HeapHelpText.PAGE_HEAP : HeapHelpText.GENERAL; // -s -?: HeapSummaryCommand
            return new MessageCommand(text, false);
        }
        if (has(f, 'p')) {
            return PageHeapCommand.parse(line, f, words, process);
        }
        if (HeapValidationCommand.isValidationFlag(f)) {
            return HeapValidationCommand.parse(line, f, words, process);
        }
        for (char c : f.toCharArray()) {
            if (ALONE.indexOf(c) >= 0) {
                throw CommandError.syntax(line);
            }
        }
        if (has(f, 'c')) {
            throw new CommandError("HEAPEXT: !heap invalid option flag '-c'");
        }
        Arguments args = new Arguments(String.join(" ", words), process);
        Long argument = args.atEnd() ? null : args.wholeExpression(line);
        if (has(f, 'l')) {
            if (argument != null || f.length() > 1) { // !heap -l takes no option and no argument
                throw CommandError.syntax(line);
            }
            return new HeapLeakCommand();
        }
        boolean verbose = has(f, 'v');
        if (has(f, 'x') || has(f, 'i')) {
            if (argument == null || has(f, 'i') && has(f, 'h')) { // -i Address -h with no HeapAddress after it
                throw args.missingExpression();
            }
            return has(f, 'x') ? new HeapCommand(HeapCommand.Mode.ENTRY, argument, false, false, false, verbose)
                : new HeapBlockInfoCommand(argument, null);
        }
        if (f.isEmpty() && argument == null) {
            return new HeapCommand(HeapCommand.Mode.LIST, null, false, false, false, false);
        }
        boolean all = has(f, 'a');
        int extras = (has(f, 't') ? HeapListingFormatter.TAGS : 0)
            | (has(f, 'T') ? HeapListingFormatter.PSEUDO_TAGS : 0)
            | (has(f, 'g') ? HeapListingFormatter.GLOBAL_TAGS : 0)
            | (has(f, 'k') ? HeapListingFormatter.TRACES : 0) // -k on x64 too (the doc says x86 only: HeapLab's choice)
            | (lfhEntries ? HeapListingFormatter.LFH_ENTRIES : 0);
        // -k alone shows the entries with their traces (HeapLab's choice; the doc lists -k among the listing parts).
        boolean segments = all || has(f, 'm') || has(f, 'k');
        return new HeapCommand(HeapCommand.Mode.DETAIL, argument, all || has(f, 'h'), all || has(f, 'f'),
            segments, verbose, extras);
    }

    private static boolean has(String flags, char c) {
        return flags.indexOf(c) >= 0;
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        for (String token : text.strip().split("\\s+")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /** A dash followed by a letter or '?' ({@code -8} is a negative number, part of an expression). */
    static boolean isOption(String token) {
        return token.length() > 1 && token.charAt(0) == '-'
            && (Character.isLetter(token.charAt(1)) || token.charAt(1) == '?');
    }
}
