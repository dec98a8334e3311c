package heaplab.app.console;

import heaplab.engine.console.CommandCatalog;
import heaplab.engine.script.Builtins;
import heaplab.engine.script.ScriptConstants;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Tab offers for the word before the caret, decided from the text alone and the session's variable names:
 * <ul>
 *   <li>the first word: the console's commands ({@link CommandCatalog}), the call language's functions, the
 *       variables (for {@code x = ...});</li>
 *   <li>a word starting with {@code -}, {@code /} or {@code +} after a command: the options that may join the
 *       others on the line, wherever they stand, before or after an address, before or after the caret
 *       ({@code !heap -p -} → {@code -a -h -all ...}, {@code !heap -a 0x1234 -} → {@code -h -f -m ...});</li>
 *   <li>the first argument of {@code dt}: the type names ({@code ntdll!_HEAP_E} too);</li>
 *   <li>any other argument: the keywords the command takes there ({@code !heap -b} → {@code alloc}), and the
 *       variables; with nothing typed yet, the options as well;</li>
 *   <li>inside a statement ({@code HeapFree(h, 0, a}): variables, functions and constants.</li>
 * </ul>
 * Words are matched by prefix with case first (so {@code -t} is not {@code -T}), and without case when nothing
 * matches with it (WinDbg's commands and types ignore case).
 */
public final class ConsoleCompletion {

    /**
     * One thing Tab can insert.
     *
     * @param text        the word
     * @param description a short line for the hint, or ""
     * @param suffix      what follows the word when it is the only candidate (a space, or {@code (} after a
     *                    function)
     */
    public record Candidate(String text, String description, String suffix) {
    }

    /**
     * The candidates for the characters {@code [start, caret)} of the line, which they replace.
     *
     * @param start where the word being completed starts
     */
    public record Result(int start, List<Candidate> candidates) {
        /** The longest prefix all candidates share (without case; spelled as the first candidate). */
        public String commonPrefix() {
            if (candidates.isEmpty()) {
                return "";
            }
            String first = candidates.get(0).text();
            int n = first.length();
            for (Candidate c : candidates) {
                int i = 0;
                while (i < n && i < c.text().length()
                    && Character.toLowerCase(c.text().charAt(i)) == Character.toLowerCase(first.charAt(i))) {
                    i++;
                }
                n = i;
            }
            return first.substring(0, n);
        }
    }

    private ConsoleCompletion() {
    }

    /**
     * The completion of the line at the caret.
     *
     * @param variables the session's variable names
     */
    public static Result complete(String text, int caret, Collection<String> variables) {
        int at = Math.max(0, Math.min(caret, text.length()));
        // Commands separated by ';' (dd p; !heap -): the caret's command alone is completed.
        int from = text.lastIndexOf(';', at - 1) + 1;
        int to = text.indexOf(';', at);
        if (from > 0 || to >= 0) {
            String command = text.substring(from, to < 0 ? text.length() : to);
            int lead = Math.min(command.length() - command.stripLeading().length(), at - from);
            Result inner = complete(command.substring(lead), at - from - lead, variables);
            return new Result(inner.start() + from + lead, inner.candidates());
        }
        String before = text.substring(0, at);
        int wordStart = wordStart(before);
        String word = before.substring(wordStart);
        List<String> previous = words(before.substring(0, wordStart));
        int identStart = identifierStart(before, wordStart);
        String ident = before.substring(identStart);

        if (previous.isEmpty() && word.matches("[!.?]?[A-Za-z0-9_.]*")) {
            List<Candidate> all = new ArrayList<>();
            CommandCatalog.commands().forEach(e -> all.add(new Candidate(e.word(), e.description(), " ")));
            Builtins.names().forEach(f -> all.add(function(f)));
            variables.forEach(v -> all.add(variable(v, " ")));
            return new Result(wordStart, matching(all, word));
        }
        CommandCatalog.Entry command = previous.isEmpty() ? null : CommandCatalog.command(previous.get(0));
        if (command == null) {
            return new Result(identStart, statementWords(ident, variables));
        }
        if (command.word().equals("dt") && previous.size() == 1) {
            int bang = word.indexOf('!');
            List<Candidate> types = new ArrayList<>();
            CommandCatalog.typeNames().forEach(e -> types.add(new Candidate(e.word(), e.description(), " ")));
            return new Result(wordStart + bang + 1, matching(types, word.substring(bang + 1)));
        }
        List<Candidate> all = new ArrayList<>();
        if (word.matches("[-/+][A-Za-z?]*")) {
            // Options may stand anywhere on the line, before or after an address, and the caret anywhere too: the
            // options that may join the line are decided from all of it but the word being typed, so that none
            // already there (after the caret, too) is offered again, nor one the console would not take with them.
            List<String> line = new ArrayList<>(previous);
            line.addAll(wordsAfterWord(text, at));
            CommandCatalog.argumentsAfter(line).stream().filter(CommandCatalog.Entry::isOption)
                .forEach(e -> all.add(new Candidate(e.word(), e.description(), " ")));
            return new Result(wordStart, matching(all, word));
        }
        List<CommandCatalog.Entry> next = CommandCatalog.argumentsAfter(previous);
        if (identStart == wordStart) {
            next.stream().filter(e -> word.isEmpty() || !e.isOption())
                .forEach(e -> all.add(new Candidate(e.word(), e.description(), " ")));
        }
        variables.forEach(v -> all.add(variable(v, identStart == wordStart ? " " : "")));
        return new Result(identStart, matching(all, ident));
    }

    private static List<Candidate> statementWords(String ident, Collection<String> variables) {
        List<Candidate> all = new ArrayList<>();
        variables.forEach(v -> all.add(variable(v, "")));
        if (!ident.isEmpty()) {
            Builtins.names().forEach(f -> all.add(function(f)));
            ScriptConstants.names().forEach(c -> all.add(new Candidate(c, "constant", "")));
        }
        return matching(all, ident);
    }

    private static Candidate function(String name) {
        return new Candidate(name, "function", "(");
    }

    private static Candidate variable(String name, String suffix) {
        return new Candidate(name, "variable", suffix);
    }

    /** The candidates starting with the prefix, with case; without case when none does. First of a text wins. */
    private static List<Candidate> matching(List<Candidate> all, String prefix) {
        Map<String, Candidate> found = new LinkedHashMap<>();
        for (Candidate c : all) {
            if (c.text().startsWith(prefix)) {
                found.putIfAbsent(c.text(), c);
            }
        }
        if (found.isEmpty()) {
            String lower = prefix.toLowerCase(Locale.ROOT);
            for (Candidate c : all) {
                if (c.text().toLowerCase(Locale.ROOT).startsWith(lower)) {
                    found.putIfAbsent(c.text(), c);
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** Where the word ending at the caret starts: after the last blank. */
    private static int wordStart(String before) {
        int i = before.length();
        while (i > 0 && !Character.isWhitespace(before.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** Where the identifier ending at the caret starts: after the last character that cannot be in a name. */
    private static int identifierStart(String before, int wordStart) {
        int i = before.length();
        while (i > wordStart) {
            char c = before.charAt(i - 1);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                break;
            }
            i--;
        }
        return i;
    }

    /** The words after the one the caret is in (the rest of that word belongs to it). */
    private static List<String> wordsAfterWord(String text, int caret) {
        int end = caret;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return words(text.substring(end));
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }
}
