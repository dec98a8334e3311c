package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.process.Process;

import java.util.List;
import java.util.Locale;

/**
 * {@code !heap -l}, shaped like the seed's example: a {@code Heap <handle>} line per heap, {@code Scanning VM ...},
 * the older {@code -x} table header (no Unused column) followed by a blank line, one row per leaked block
 * (Entry, User, Heap, Segment, then Size and PrevSize in hex right-aligned in 10 columns, then the flag words), and
 * {@code N leaks detected.} The Segment column reads {@code 00000000} for every leak, as in the seed's real output
 * ({@code !heap -x} gives the segment). The search itself is {@link LeakDetector}'s.
 */
record HeapLeakCommand() implements ConsoleCommand {
    static final String HEADER_X86 = "Entry     User      Heap      Segment       Size  PrevSize  Flags\n";
    static final String HEADER_X64 = "Entry             User              Heap              Segment"
        + "               Size  PrevSize  Flags\n";

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        Arch arch = process.arch();
        UserBlocks blocks = UserBlocks.of(process);
        StringBuilder out = new StringBuilder();
        for (HeapInfo heap : blocks.heaps()) {
            out.append("Heap ").append(arch.ptr(heap.address())).append('\n');
        }
        out.append("Scanning VM ...\n");
        List<UserBlocks.Entry> leaks = LeakDetector.leaks(process, blocks);
        out.append(arch == Arch.X86 ? HEADER_X86 : HEADER_X64).append('\n');
        for (UserBlocks.Entry leak : leaks) {
            out.append(String.format(Locale.ROOT, "%s  %s  %s  %s%10x%10x  %s\n", arch.ptr(leak.block().entry()),
                arch.ptr(leak.block().user()), arch.ptr(leak.heap().address()), arch.ptr(0),
                leak.block().size(), leak.block().previousSize(), HeapEntryFormatter.flagWords(leak.block())));
        }
        // One format for every count, "1 leaks detected." included, as the extension's printf has it (assumed).
        out.append(leaks.size()).append(" leaks detected.\n");
        return new CommandResult(out.toString(), false);
    }
}
