package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code !heap -triage [Handle | Address]}: validates the heap with that handle, or the heap holding that address,
 * or every heap, and prints each problem ({@link HeapProblems}) in the banner the heap extension uses for a heap
 * failure: the {@code HEAP ERROR DETECTED} box, then {@code Heap address:}, {@code Error address:} (left out when a
 * structural problem has none), {@code Error type: HEAP_FAILURE_...}, {@code Details:} and {@code Follow-up:}.
 *
 * <p>The banner follows the debugger's heap-failure report as remembered, not a confirmed specimen; the Details
 * and Follow-up texts are HeapLab's. A sound heap gives one line: {@code No heap errors found in heap <handle>.}
 * or {@code No heap errors found in N heaps.} An address in no heap gives {@code Address <a> not found in any heap}.
 *
 * @param argument the Handle or Address, or null (or 0, as for other Heap arguments) for every heap
 */
record HeapTriageCommand(Long argument) implements ConsoleCommand {
    private static final String BANNER = ""
        + "**************************************************************\n"
        + "*                                                            *\n"
        + "*                  HEAP ERROR DETECTED                       *\n"
        + "*                                                            *\n"
        + "**************************************************************\n"
        + "\n"
        + "Details:\n"
        + "\n";
    private static final String INDENT = "            ";

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        Arch arch = process.arch();
        List<Long> heaps = new ArrayList<>();
        if (argument == null || argument == 0) {
            heaps.addAll(process.heaps().heapHandles());
        } else if (process.heaps().isHeap(argument)) {
            heaps.add(argument);
        } else {
            long heap = process.heaps().heapOf(argument & arch.pointerMask());
            if (heap == 0) {
                return new CommandResult("Address " + arch.ptr(argument) + " not found in any heap\n", true);
            }
            heaps.add(heap);
        }
        StringBuilder out = new StringBuilder();
        for (long heap : heaps) {
            HeapInfo info = process.heaps().read(heap);
            for (HeapProblems.Problem problem : HeapProblems.find(process, info, true)) {
                appendBanner(out, arch, problem);
            }
        }
        if (out.length() == 0) {
            out.append(heaps.size() == 1 ? "No heap errors found in heap " + arch.ptr(heaps.get(0)) + ".\n"
                : "No heap errors found in " + heaps.size() + " heaps.\n");
        }
        return new CommandResult(out.toString(), false);
    }

    private static void appendBanner(StringBuilder out, Arch arch, HeapProblems.Problem problem) {
        out.append(BANNER).append("Heap address:  ").append(arch.ptr(problem.heap().address())).append('\n');
        if (problem.errorAddress() != 0) {
            out.append("Error address: ").append(arch.ptr(problem.errorAddress())).append('\n');
        }
        out.append("Error type: HEAP_FAILURE_").append(problem.kind().name()).append('\n');
        switch (problem.kind()) {
            case BUFFER_OVERRUN -> out.append("Details:    The heap manager detected an error whose features are\n")
                .append(INDENT).append("consistent with a buffer overrun.\n")
                .append(INDENT).append(problem.text()).append('\n')
                .append("Follow-up:  Enable pageheap.\n");
            case USAGE_AFTER_FREE -> out.append("Details:    The heap manager detected a write to a block after it\n")
                .append(INDENT).append("was freed.\n")
                .append(INDENT).append(problem.text()).append('\n')
                .append("Follow-up:  Enable pageheap.\n");
            default -> out.append("Details:    ").append(problem.text()).append('\n')
                .append("Follow-up:  Check the heap's structures with !heap -a.\n");
        }
        out.append('\n');
    }
}
