package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.process.Process;
import heaplab.engine.process.StackTraceDatabase;
import heaplab.engine.scenario.GlobalFlags;

import java.util.List;

/**
 * {@code !heap -p} in a process without page heap (heap-facts.md 3.6):
 * <ul>
 *   <li>{@code !heap -p}: the active global flag bits, the stack trace database when {@code +ust} made one
 *       ({@code     StackTraceDataBase @ 04500000 of size 01000000 with 00000013 traces}), and the active heaps,
 *       each as {@code     - 2cb0000} and a line of its heap flags;</li>
 *   <li>{@code !heap -p -a Address}: the NT heap block holding the address, in the light page heap's shape
 *       ({@code     address ... found in} / {@code     _HEAP @ ...} / the HEAP_ENTRY row of {@code -flt}), then its
 *       allocation back trace when {@code +ust} recorded one.</li>
 * </ul>
 * The options that need page heap itself ({@code -h -all -t -tc -ts -fi}) say in one line that they come with it.
 *
 * @param address the Address of {@code -a}, or null for the overview
 */
record PageHeapCommand(Long address) implements ConsoleCommand {
    private static final String[] FLAG_NAMES = {
        "HEAP_NO_SERIALIZE", "HEAP_GROWABLE", "HEAP_GENERATE_EXCEPTIONS", "HEAP_ZERO_MEMORY",
        "HEAP_REALLOC_IN_PLACE_ONLY", "HEAP_TAIL_CHECKING_ENABLED", "HEAP_FREE_CHECKING_ENABLED",
        "HEAP_DISABLE_COALESCE_ON_FREE"};

    static ConsoleCommand parse(String line, String flags, List<String> words, Process process) throws CommandError {
        String rest = flags.replace("p", "");
        if (rest.isEmpty() && words.isEmpty()) {
            return new PageHeapCommand(null);
        }
        if (rest.equals("a")) {
            Arguments args = new Arguments(String.join(" ", words), process);
            if (args.atEnd()) {
                throw args.missingExpression();
            }
            return new PageHeapCommand(args.wholeExpression(line));
        }
        return MessageCommand.later("!heap -p with page heap options (+hpa)");
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        return address == null ? overview(process) : block(process, address);
    }

    private static CommandResult overview(Process process) {
        StringBuilder out = new StringBuilder("    Active GlobalFlag bits:\n");
        long globalFlags = process.globalFlags();
        for (GlobalFlags.Flag flag : GlobalFlags.Flag.values()) {
            if (flag.isSetIn(globalFlags)) {
                out.append("        ").append(flag.abbreviation()).append(" - ").append(flag.description())
                    .append('\n');
            }
        }
        StackTraceDatabase traces = process.stackTraces();
        if (traces.base() != 0) {
            out.append(String.format("\n    StackTraceDataBase @ %s of size %08x with %08x traces\n",
                Texts.hex8(traces.base()), StackTraceDatabase.RESERVE, traces.count()));
        }
        out.append("\n    active heaps:\n\n");
        for (long heap : process.heaps().heapHandles()) {
            out.append("    - ").append(Texts.hex(heap)).append("\n        ");
            long flags = process.heaps().read(heap).flags();
            for (int bit = 0; bit < FLAG_NAMES.length; bit++) {
                if ((flags & (1L << bit)) != 0) {
                    out.append(FLAG_NAMES[bit]).append(' ');
                }
            }
            if ((flags & HeapConstants.HEAP_VALIDATE_ALL_ENABLED) != 0) {
                out.append("HEAP_VALIDATE_ALL_ENABLED ");
            }
            if ((flags & HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED) != 0) {
                out.append("HEAP_VALIDATE_PARAMETERS_ENABLED ");
            }
            out.append('\n');
        }
        return new CommandResult(out.toString(), false);
    }

    private static CommandResult block(Process process, long address) {
        Arch arch = process.arch();
        HeapBlock block = process.heaps().findBlock(address);
        if (block == null || block.kind() == HeapBlock.Kind.INTERNAL) {
            // HeapLab's wording: the extension's text for an address outside every heap is unconfirmed.
            return new CommandResult("    address " + arch.ptr(address) + " was not found in any heap\n", true);
        }
        long heap = process.heaps().heapOf(address);
        StringBuilder out = new StringBuilder("    address ").append(arch.ptr(address)).append(" found in\n")
            .append("    _HEAP @ ").append(Texts.hex(heap)).append('\n')
            .append(arch == Arch.X86 ? "      HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state\n"
                : "              HEAP_ENTRY Size Prev Flags            UserPtr UserSize - state\n");
        long userSize = block.isBusy() ? block.requested() : block.size() - arch.granularity();
        out.append(String.format("        %s %04x %04x  [%02x]   %s    %05x - %s\n", arch.ptr(block.entry()),
            block.size() >> arch.shift(), block.previousSize() >> arch.shift(), block.flags(), arch.ptr(block.user()),
            userSize, block.isBusy() ? HeapFilterCommand.state(block) : "(free)"));
        HeapTagFormatter.appendTrace(out, process, block);
        return new CommandResult(out.toString(), false);
    }
}
