package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.pageheap.DphLayout;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code !heap -flt s Size} and {@code !heap -flt r SizeMin SizeMax} (heap-facts.md 5.5): the blocks whose
 * size is Size, or in SizeMin &lt;= size &lt; SizeMax (the doc's {@code r 0x50 0x80} shows 0x50..0x7F).
 * Per heap a {@code     _HEAP @ <handle without leading zeros>} line; before a heap's first match the column
 * header; then one row per block:
 * <pre>
 *               HEAP_ENTRY Size Prev Flags            UserPtr UserSize - state
 *         000000bd4aef08a0 0290 0000  [00]   000000bd4aef08b0    028ca - (busy)
 * </pre>
 * (x86: the header is 8 columns narrower). Size and Prev are in granularity units, Flags the header's flags byte
 * (HeapLab's heap is unencoded, so the real value), UserSize the requested bytes. Virtual-alloc blocks show
 * {@code (busy VirtualAlloc)} as observed. Free blocks are listed too, as {@code (free)}, by their size less the
 * header, and a light page heap block by its DPH user pointer and size, {@code (busy)} or {@code (free DelayedFree)}
 * (the states heap-facts.md 5.5 lists).
 * Under page heap each root's {@code _DPH_HEAP_ROOT} tables of its full blocks come before its NormalHeap
 * (heap-facts.md 3.6; see {@link PageHeapBlockFormatter#appendRootTables}).
 *
 * @param minimum smallest requested size listed
 * @param limit   first requested size not listed (unsigned)
 */
record HeapFilterCommand(long minimum, long limit) implements ConsoleCommand {
    private static final String HEADER_X86 = "      HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state\n";
    private static final String HEADER_X64 =
        "              HEAP_ENTRY Size Prev Flags            UserPtr UserSize - state\n";

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        Arch arch = process.arch();
        UserBlocks blocks = UserBlocks.of(process);
        StringBuilder out = new StringBuilder();
        PageHeap pageHeap = process.heaps().pageHeap();
        List<Long> pageHeaps = pageHeap.handles();
        for (HeapInfo heap : blocks.heaps()) {
            for (long handle : pageHeaps) {
                if (pageHeap.normalHeap(handle) == heap.address()) {
                    // Under page heap, the root's tables come before its NormalHeap (heap-facts.md 3.6).
                    new PageHeapBlockFormatter(process).appendRootTables(out, handle, minimum, limit);
                }
            }
            out.append("    _HEAP @ ").append(Texts.hex(heap.address())).append('\n');
            boolean header = false;
            for (String row : rows(process, blocks, heap)) {
                if (!header) {
                    out.append(header(arch));
                    header = true;
                }
                out.append(row);
            }
        }
        return new CommandResult(out.toString(), false);
    }

    /**
     * The heap's rows in its walk order (segment by segment, virtual-alloc blocks last): busy blocks and LFH chunks
     * by their requested size, a light page heap block by its DPH user pointer and size (busy, or freed and held as
     * {@code (free DelayedFree)}), free blocks by their size less the header, as {@code !heap -p -a} shows them
     * (heap-facts.md 5.5 lists these states).
     */
    private List<String> rows(Process process, UserBlocks blocks, HeapInfo heap) {
        Arch arch = process.arch();
        PageHeap pageHeap = process.heaps().pageHeap();
        DphLayout d = pageHeap.layout();
        List<HeapSegmentInfo> segments = heap.segments();
        List<long[]> keys = new ArrayList<>(); // segment position (virtual: after all), entry, row index
        List<String> rows = new ArrayList<>();
        for (UserBlocks.Entry entry : blocks.entries()) {
            if (entry.heap() != heap) {
                continue;
            }
            HeapBlock block = entry.block();
            Long info = pageHeap.lightInfoAt(block.user());
            long user = info == null ? block.user() : info + d.infoSize();
            long size = info == null ? block.requested() : process.memory().readPtr(info + d.infoRequestedSize);
            String state = info == null ? state(block)
                : process.memory().readU32(info + d.infoStartStamp) == DphLayout.LIGHT_FREE_START
                ? "(free DelayedFree)" : "(busy)";
            add(keys, rows, entry.segment() == null ? segments.size() : segments.indexOf(entry.segment()),
                block.entry(), size, row(arch, block, user, size, state));
        }
        for (int i = 0; i < segments.size(); i++) {
            for (HeapBlock block : segments.get(i).blocks()) {
                if (block.kind() == HeapBlock.Kind.FREE) {
                    long size = block.size() - arch.granularity();
                    add(keys, rows, i, block.entry(), size, row(arch, block, block.user(), size, "(free)"));
                }
            }
        }
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.<Integer>comparingLong(i -> keys.get(i)[0])
            .thenComparing((a, b) -> Long.compareUnsigned(keys.get(a)[1], keys.get(b)[1])));
        List<String> sorted = new ArrayList<>();
        for (int i : order) {
            sorted.add(rows.get((int) keys.get(i)[2]));
        }
        return sorted;
    }

    /** Keeps a row when its size passes the filter. */
    private void add(List<long[]> keys, List<String> rows, int segment, long entry, long size, String row) {
        if (Long.compareUnsigned(size, minimum) < 0 || Long.compareUnsigned(size, limit) >= 0) {
            return;
        }
        keys.add(new long[] {segment, entry, rows.size()});
        rows.add(row);
    }

    /** The column header of the block rows (x86 is 8 columns narrower). */
    static String header(Arch arch) {
        return arch == Arch.X86 ? HEADER_X86 : HEADER_X64;
    }

    /** One block row: entry, Size and Prev in units, flags, the user pointer and size given, the state. */
    static String row(Arch arch, HeapBlock block, long user, long userSize, String state) {
        return String.format(Locale.ROOT, "        %s %04x %04x  [%02x]   %s    %05x - %s\n", arch.ptr(block.entry()),
            block.size() >> arch.shift(), block.previousSize() >> arch.shift(), block.flags(), arch.ptr(user),
            userSize, state);
    }

    /** The state column: {@code (busy)}, or {@code (busy VirtualAlloc)} for a virtual-alloc block. */
    static String state(HeapBlock block) {
        return block.kind() == HeapBlock.Kind.VIRTUAL ? "(busy VirtualAlloc)" : "(busy)";
    }
}
