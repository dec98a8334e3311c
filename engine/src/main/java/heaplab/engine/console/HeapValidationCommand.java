package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.process.Process;

import java.util.List;
import java.util.Locale;

/**
 * The ValidationOptions of {@code !heap} (case-sensitive, one per line): {@code -E} enables and {@code -D} disables
 * validate-on-call, HEAP_VALIDATE_ALL_ENABLED (0x20000000); {@code -e} enables and {@code -d} disables heap checking,
 * which HeapLab takes to be HEAP_VALIDATE_PARAMETERS_ENABLED (0x40000000, the bit gflags +hpc sets). Each sets or
 * clears the bit in the _HEAP's Flags and ForceFlags in simulated memory, so the line changes the process: the session
 * records it as a step ({@link Console#changesState(String)}).
 *
 * <p>Without a Heap, or with 0, the option applies to every heap, as every other {@code !heap} option reads a missing
 * Heap. One line per heap confirms it ({@code Heap 00240000: validate-on-call enabled (Flags 20001002, ForceFlags
 * 20000000)}); the wording is HeapLab's. The Heap is resolved while parsing, so a bad one gives one line and
 * nothing changes.
 *
 * @param option the option letter: D, E, d or e
 * @param heaps  the heaps it applies to
 */
record HeapValidationCommand(char option, List<Long> heaps) implements ConsoleCommand {
    /** The ValidationOptions letters. */
    static final String OPTIONS = "DEde";

    /** True when the flags of a {@code !heap} line hold a ValidationOption. */
    static boolean isValidationFlag(String flags) {
        for (char c : flags.toCharArray()) {
            if (OPTIONS.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The command for {@code !heap -X [Heap]}: exactly one option letter, then at most a Heap expression. */
    static ConsoleCommand parse(String line, String flags, List<String> words, Process process) throws CommandError {
        if (flags.length() != 1) {
            throw CommandError.syntax(line); // ValidationOptions: "one of the following", alone
        }
        Arguments args = new Arguments(String.join(" ", words), process);
        Long argument = args.atEnd() ? null : args.wholeExpression(line);
        List<Long> heaps = HeapCommand.resolve(process.heaps(), argument);
        if (heaps.isEmpty()) {
            throw new CommandError("Heap " + Texts.shortPtr(process.arch(), argument) + " not found");
        }
        return new HeapValidationCommand(flags.charAt(0), heaps);
    }

    /**
     * True when the text is {@code !heap} with a single option that is a ValidationOption ({@code !heap -E h}):
     * decided from the text alone, for {@link Console#changesState(String)}.
     */
    static boolean isValidationLine(String line) {
        List<String> tokens = HeapCommandParser.tokens(line);
        if (tokens.isEmpty() || !tokens.get(0).toLowerCase(Locale.ROOT).matches("!((ntsdexts|exts|ext)\\.)?heap")) {
            return false;
        }
        String option = null;
        for (String token : tokens.subList(1, tokens.size())) {
            if (HeapCommandParser.isOption(token)) {
                if (option != null) {
                    return false;
                }
                option = token;
            }
        }
        return option != null && option.length() == 2 && OPTIONS.indexOf(option.charAt(1)) >= 0;
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        boolean on = Character.isUpperCase(option) ? option == 'E' : option == 'e';
        // The docs do not name the bit behind "heap checking"; HeapLab takes HEAP_VALIDATE_PARAMETERS_ENABLED.
        long bit = Character.isUpperCase(option) ? HeapConstants.HEAP_VALIDATE_ALL_ENABLED
            : HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED;
        String what = Character.isUpperCase(option) ? "validate-on-call" : "heap checking";
        Arch arch = process.arch();
        StringBuilder out = new StringBuilder();
        for (long heap : heaps) {
            process.heaps().setValidationFlags(heap, bit, on);
            HeapInfo info = process.heaps().read(heap);
            out.append("Heap ").append(Texts.shortPtr(arch, heap)).append(": ").append(what)
                .append(on ? " enabled" : " disabled").append(" (Flags ").append(Texts.hex8(info.flags()))
                .append(", ForceFlags ").append(Texts.hex8(info.forceFlags())).append(")\n");
        }
        return new CommandResult(out.toString(), false);
    }
}
