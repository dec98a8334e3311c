package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapLayout;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code !heap -stat [-h Handle [-grp A|B|S [MaxDisplay]]]}.
 *
 * <p>Without {@code -h}: per heap the observed summary ({@code _HEAP 00360000}, {@code Segments}, {@code Reserved
 * bytes}, {@code Committed bytes}, {@code VirtAllocBlocks}, {@code VirtAlloc bytes}); counts in 8 hex digits, byte
 * amounts in the target's pointer width (HeapLab's choice for x64). VirtAlloc bytes add up the blocks'
 * ReserveSize.
 *
 * <p>With {@code -h} (heap-facts.md 5.4): {@code  heap @ <handle>}, {@code group-by: TOTSIZE max-display: 20}, the
 * column header, then {@code     size #blocks - total  (percent)}: all hex but the percentage of the total busy
 * (requested) bytes, two decimals. Sizes are requested sizes of busy blocks, virtual-alloc blocks included, the heap's
 * own blocks not. {@code S} sorts by total (the default), {@code A} by allocation size, {@code B} by block count,
 * each descending, ties by size descending; the group names for A and B (ALLOCATIONSIZE, BLOCKCOUNT) are HeapLab's
 * guess. {@code -h 0} prints every heap, each after {@code Allocations statistics for}, as observed.
 *
 * @param handle     the heap (handle or 1-based index, 0 for all), or null for the summary form
 * @param group      the ordering
 * @param maxDisplay at most this many rows per heap
 */
record HeapStatCommand(Long handle, Group group, long maxDisplay) implements ConsoleCommand {

    /** The {@code -grp} orderings. */
    enum Group {
        S("TOTSIZE"), A("ALLOCATIONSIZE"), B("BLOCKCOUNT");

        private final String title;

        Group(String title) {
            this.title = title;
        }
    }

    private record Row(long size, long count, long total) {
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        Arch arch = process.arch();
        StringBuilder out = new StringBuilder();
        if (handle == null) {
            for (long heap : process.heaps().heapHandles()) {
                appendSummary(out, process, process.heaps().read(heap));
            }
            return new CommandResult(out.toString(), false);
        }
        List<Long> heaps = HeapCommand.resolve(process.heaps(), handle);
        if (heaps.isEmpty()) {
            return new CommandResult("Heap " + Texts.shortPtr(arch, handle) + " not found\n", true);
        }
        UserBlocks blocks = UserBlocks.of(process);
        for (long heap : heaps) {
            if (handle == 0) {
                out.append("Allocations statistics for\n");
            }
            out.append(" heap @ ").append(arch.ptr(heap)).append('\n')
                .append("group-by: ").append(group.title).append(" max-display: ").append(maxDisplay).append('\n')
                .append("    size     #blocks     total     ( %) (percent of total busy bytes)\n");
            appendRows(out, blocks, heap);
        }
        return new CommandResult(out.toString(), false);
    }

    private static void appendSummary(StringBuilder out, Process process, HeapInfo info) {
        Arch arch = process.arch();
        long reserved = 0;
        long committed = 0;
        for (HeapSegmentInfo segment : info.segments()) {
            reserved += segment.numberOfPages() * 0x1000L;
            committed += segment.committedBytes();
        }
        long virtualBytes = 0;
        HeapLayout layout = process.heaps().layout();
        for (HeapBlock block : info.virtualBlocks()) {
            virtualBytes += process.memory().readPtr(block.entry() - layout.vaBusyBlock + layout.vaReserveSize);
        }
        out.append("_HEAP ").append(arch.ptr(info.address())).append('\n')
            .append("     Segments            ").append(Texts.hex8(info.segments().size())).append('\n')
            .append("         Reserved  bytes ").append(arch.ptr(reserved)).append('\n')
            .append("         Committed bytes ").append(arch.ptr(committed)).append('\n')
            .append("     VirtAllocBlocks     ").append(Texts.hex8(info.virtualBlocks().size())).append('\n')
            .append("         VirtAlloc bytes ").append(arch.ptr(virtualBytes)).append('\n');
    }

    private void appendRows(StringBuilder out, UserBlocks blocks, long heap) {
        Map<Long, long[]> bySize = new TreeMap<>();
        long busy = 0;
        for (UserBlocks.Entry entry : blocks.entries()) {
            if (entry.heap().address() == heap) {
                long size = entry.block().requested();
                long[] counts = bySize.computeIfAbsent(size, s -> new long[1]);
                counts[0]++;
                busy += size;
            }
        }
        List<Row> rows = new ArrayList<>();
        bySize.forEach((size, count) -> rows.add(new Row(size, count[0], size * count[0])));
        Comparator<Row> bySizeDescending = Comparator.comparingLong(Row::size).reversed();
        Comparator<Row> order = switch (group) {
            case S -> Comparator.comparingLong(Row::total).reversed().thenComparing(bySizeDescending);
            case A -> bySizeDescending;
            case B -> Comparator.comparingLong(Row::count).reversed().thenComparing(bySizeDescending);
        };
        rows.sort(order);
        for (int i = 0; i < rows.size() && i < maxDisplay; i++) {
            Row row = rows.get(i);
            double percent = busy == 0 ? 0 : 100.0 * row.total() / busy;
            out.append(String.format(Locale.ROOT, "    %x %x - %x  (%.2f)\n", row.size(), row.count(), row.total(),
                percent));
        }
    }
}
