package heaplab.engine.console;

import heaplab.engine.pageheap.DphLayout;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.Process;
import heaplab.engine.process.StackTraceDatabase;
import heaplab.engine.scenario.GlobalFlags;

import java.util.List;
import java.util.Locale;

/**
 * {@code !heap -p} (heap-facts.md 3.6):
 * <ul>
 *   <li>{@code !heap -p}: the active global flag bits, the stack trace database when there is one, the page heap
 *       options when page heaps exist, and the active heaps: a page heap as {@code + 4370000} with its page heap
 *       flags and its {@code NormalHeap - 5690000} with that heap's flags; an NT heap as {@code - 2cb0000};</li>
 *   <li>{@code !heap -p -a Address}: the full page heap block (busy or freed) or the light / NT block holding the
 *       address (see {@link PageHeapBlockFormatter});</li>
 *   <li>{@code !heap -p -h Handle}, {@code -all}: a page heap's blocks (the {@code -flt} shape, the exact
 *       {@code -h} layout being unconfirmed);</li>
 *   <li>{@code !heap -p -t}, {@code -tc}, {@code -ts} [Traces]: Windows XP only, per the docs; HeapLab prints the
 *       collected traces of the heaviest page heap users, by count or by size (default 4);</li>
 *   <li>{@code !heap -p -fi [Traces]}: HeapLab injects no faults, so it says there is no fault injection trace.</li>
 * </ul>
 *
 * @param mode     which form
 * @param argument the Address, Handle or Traces argument, or null
 */
record PageHeapCommand(Mode mode, Long argument) implements ConsoleCommand {
    /** The forms of {@code !heap -p}. */
    enum Mode { OVERVIEW, ADDRESS, HANDLE, ALL, TRACES_BY_COUNT, TRACES_BY_SIZE, FAULT_INJECTION }

    static ConsoleCommand parse(String line, String flags, List<String> words, Process process) throws CommandError {
        String rest = flags.replace("p", "");
        Mode mode = switch (rest) {
            case "" -> Mode.OVERVIEW;
            case "a" -> Mode.ADDRESS;
            case "h" -> Mode.HANDLE;
            case "all" -> Mode.ALL;
            case "t", "tc" -> Mode.TRACES_BY_COUNT;
            case "ts" -> Mode.TRACES_BY_SIZE;
            case "fi" -> Mode.FAULT_INJECTION;
            default -> throw CommandError.syntax(line);
        };
        Arguments args = new Arguments(String.join(" ", words), process);
        if (args.atEnd()) {
            if (mode == Mode.ADDRESS || mode == Mode.HANDLE) {
                throw args.missingExpression();
            }
            return new PageHeapCommand(mode, null);
        }
        if (mode == Mode.OVERVIEW || mode == Mode.ALL) {
            throw CommandError.syntax(line);
        }
        return new PageHeapCommand(mode, args.wholeExpression(line) & process.arch().pointerMask());
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        PageHeapBlockFormatter blocks = new PageHeapBlockFormatter(process);
        return switch (mode) {
            case OVERVIEW -> new CommandResult(overview(process), false);
            case ADDRESS -> blocks.address(argument);
            case HANDLE -> blocks.heap(argument);
            case ALL -> blocks.all();
            case TRACES_BY_COUNT -> new CommandResult(blocks.traces(argument == null ? 4 : argument, false), false);
            case TRACES_BY_SIZE -> new CommandResult(blocks.traces(argument == null ? 4 : argument, true), false);
            case FAULT_INJECTION -> new CommandResult(
                "    No fault injection traces: HeapLab's page heap injects no faults.\n", false);
        };
    }

    private static String overview(Process process) {
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
            out.append(String.format(Locale.ROOT, "\n    StackTraceDataBase @ %s of size %08x with %08x traces\n",
                Texts.hex8(traces.base()), StackTraceDatabase.RESERVE, traces.count()));
        }
        PageHeap pageHeap = process.heaps().pageHeap();
        List<Long> pageHeaps = pageHeap.handles();
        if (!pageHeaps.isEmpty()) {
            // The process's options: those of its first page heap (the process heap when +hpa was set at start).
            out.append("\n    PageHeap enabled with options:\n");
            for (String option : options(pageHeap.pageHeapFlags(pageHeaps.get(0)))) {
                out.append("        ").append(option).append('\n');
            }
        }
        out.append("\n    active heaps:\n\n");
        List<Long> normalHeaps = pageHeaps.stream().map(pageHeap::normalHeap).toList();
        for (long heap : process.heaps().heapHandlesIncludingPageHeaps()) {
            if (pageHeaps.contains(heap)) {
                out.append("    + ").append(Texts.hex(heap)).append("\n        ");
                for (String option : options(pageHeap.pageHeapFlags(heap))) {
                    out.append(option).append(' ');
                }
                long normal = pageHeap.normalHeap(heap);
                out.append("\n      NormalHeap - ").append(Texts.hex(normal)).append("\n          ");
                appendHeapFlags(out, process.heaps().read(normal).flags());
            } else if (!normalHeaps.contains(heap)) {
                out.append("    - ").append(Texts.hex(heap)).append("\n        ");
                appendHeapFlags(out, process.heaps().read(heap).flags());
            }
        }
        return out.toString();
    }

    private static List<String> options(long pageHeapFlags) {
        List<String> names = new java.util.ArrayList<>();
        if ((pageHeapFlags & DphLayout.ENABLE_PAGE_HEAP) != 0) {
            names.add("ENABLE_PAGE_HEAP");
        }
        if ((pageHeapFlags & DphLayout.COLLECT_STACK_TRACES) != 0) {
            names.add("COLLECT_STACK_TRACES");
        }
        return names;
    }

    private static void appendHeapFlags(StringBuilder out, long flags) {
        for (String name : Texts.heapFlagNames(flags)) {
            out.append(name).append(' ');
        }
        out.append('\n');
    }
}
