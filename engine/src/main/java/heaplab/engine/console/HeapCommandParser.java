package heaplab.engine.console;

import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the arguments of {@code !heap}. Options may come anywhere ({@code !heap 002057b8 -x}); as the heap
 * extension does, a dash starts a run of one-letter flags ({@code -hf} = {@code -h -f}), except the word options
 * ({@code -srch -flt -stat -triage -hl}). Words that are not options form the Heap or Address expression.
 * An unknown flag gives the extension's line {@code HEAPEXT: !heap invalid option flag '-z'} (without the usage
 * text that follows it in WinDbg).
 */
final class HeapCommandParser {
    /** Flags this version runs. */
    private static final String SUPPORTED = "ahfmsx";
    /** Documented flags that a later version runs (heap-facts.md 5.7, the seed's option list). */
    private static final String LATER = "vtTgkiDEdelbBp?";
    private static final Set<String> LATER_WORDS = Set.of("srch", "flt", "stat", "triage", "hl");

    private HeapCommandParser() {
    }

    static ConsoleCommand parse(String line, String rest, Process process) throws CommandError {
        StringBuilder flags = new StringBuilder();
        List<String> words = new ArrayList<>();
        String laterOption = null;
        for (String token : rest.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (!isOption(token)) {
                words.add(token);
                continue;
            }
            String body = token.substring(1);
            if (LATER_WORDS.contains(body)) {
                laterOption = laterOption == null ? token : laterOption;
                continue;
            }
            for (char c : body.toCharArray()) {
                if (SUPPORTED.indexOf(c) < 0 && LATER.indexOf(c) < 0) {
                    throw new CommandError("HEAPEXT: !heap invalid option flag '-" + c + "'");
                }
                if (LATER.indexOf(c) >= 0 && laterOption == null) {
                    laterOption = "-" + c;
                }
                flags.append(c);
            }
        }
        if (laterOption != null) {
            String with = flags.indexOf("x") >= 0 ? "-x " : flags.indexOf("s") >= 0 ? "-s " : "";
            return MessageCommand.later("!heap " + (laterOption.equals("-v") ? with : "") + laterOption);
        }
        String f = flags.toString();
        boolean summary = f.indexOf('s') >= 0;
        boolean entry = f.indexOf('x') >= 0;
        Arguments args = new Arguments(String.join(" ", words), process);
        Long argument = args.atEnd() ? null : args.wholeExpression(line);
        if (entry) {
            if (argument == null) {
                throw args.missingExpression();
            }
            return new HeapCommand(HeapCommand.Mode.ENTRY, argument, false, false, false);
        }
        if (summary) {
            for (char c : f.toCharArray()) {
                if ("abcdv".indexOf(c) >= 0) {
                    return MessageCommand.later("!heap -s -" + c);
                }
            }
            return new HeapCommand(HeapCommand.Mode.SUMMARY, argument, false, false, false);
        }
        if (f.isEmpty() && argument == null) {
            return new HeapCommand(HeapCommand.Mode.LIST, null, false, false, false);
        }
        boolean all = f.indexOf('a') >= 0;
        return new HeapCommand(HeapCommand.Mode.DETAIL, argument, all || f.indexOf('h') >= 0,
            all || f.indexOf('f') >= 0, all || f.indexOf('m') >= 0);
    }

    /** A dash followed by a letter or '?' ({@code -8} is a negative number, part of an expression). */
    private static boolean isOption(String token) {
        return token.length() > 1 && token.charAt(0) == '-'
            && (Character.isLetter(token.charAt(1)) || token.charAt(1) == '?');
    }
}
