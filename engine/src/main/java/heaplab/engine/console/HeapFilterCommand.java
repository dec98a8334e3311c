package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LowFragmentationHeap;
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
     * The heap's rows in its walk order (segment by segment, virtual-alloc blocks last in their list's order), of the
     * blocks whose shown size passes the filter ({@link Shown}: the states heap-facts.md 5.5 lists).
     */
    private List<String> rows(Process process, UserBlocks blocks, HeapInfo heap) {
        Arch arch = process.arch();
        List<HeapSegmentInfo> segments = heap.segments();
        List<Row> rows = new ArrayList<>();
        int virtual = 0;
        for (UserBlocks.Entry entry : blocks.entries()) {
            if (entry.heap() == heap) {
                boolean inSegment = entry.segment() != null;
                add(rows, inSegment ? segments.indexOf(entry.segment()) : segments.size(),
                    inSegment ? entry.block().entry() : virtual++, Shown.of(process, entry.block()), arch);
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            for (HeapBlock block : segments.get(i).blocks()) {
                if (block.kind() == HeapBlock.Kind.FREE) {
                    add(rows, i, block.entry(), Shown.of(process, block), arch);
                }
            }
        }
        for (LowFragmentationHeap.Chunk chunk : process.heaps().lfh().chunks(heap.address())) {
            if (chunk.busy()) {
                continue; // listed with the blocks above
            }
            for (int i = 0; i < segments.size(); i++) {
                HeapSegmentInfo segment = segments.get(i);
                if (chunk.header() >= segment.base() && chunk.header() < segment.lastValidEntry()) {
                    Shown shown = Shown.chunk(arch, chunk, segment.index());
                    add(rows, i, shown.block().entry(), shown, arch);
                }
            }
        }
        rows.sort(java.util.Comparator.comparingInt(Row::segment)
            .thenComparing((a, b) -> Long.compareUnsigned(a.order(), b.order())));
        return rows.stream().map(Row::text).toList();
    }

    /** A row of the table, with where it goes in the walk: its segment's position, then its place in it. */
    private record Row(int segment, long order, String text) {
    }

    /** Keeps a row when its shown size passes the filter. */
    private void add(List<Row> rows, int segment, long order, Shown shown, Arch arch) {
        if (Long.compareUnsigned(shown.size(), minimum) >= 0 && Long.compareUnsigned(shown.size(), limit) < 0) {
            rows.add(new Row(segment, order, row(arch, shown)));
        }
    }

    /**
     * A block as {@code -flt} and {@code -p -a} show it: a busy block by its user pointer and requested size (a
     * light page heap block by the DPH's, {@code (busy)} or, freed and held, {@code (free DelayedFree)}), a free block
     * by its size less the header, an LFH chunk as a block of its own.
     *
     * @param info a light page heap block's DPH_BLOCK_INFORMATION, else 0
     */
    record Shown(HeapBlock block, long user, long size, String state, long info) {
        static Shown of(Process process, HeapBlock block) {
            if (!block.isBusy()) {
                return new Shown(block, block.user(), block.size() - process.arch().granularity(), "(free)", 0);
            }
            PageHeap pageHeap = process.heaps().pageHeap();
            Long info = pageHeap.lightInfoAt(block.user());
            if (info == null) {
                return new Shown(block, block.user(), block.requested(), HeapFilterCommand.state(block), 0);
            }
            DphLayout d = pageHeap.layout();
            boolean freed = process.memory().readU32(info + d.infoStartStamp) == DphLayout.LIGHT_FREE_START;
            return new Shown(block, info + d.infoSize(), process.memory().readPtr(info + d.infoRequestedSize),
                freed ? "(free DelayedFree)" : "(busy)", info);
        }

        static Shown chunk(Arch arch, LowFragmentationHeap.Chunk chunk, int segmentIndex) {
            HeapBlock block = UserBlocks.chunkBlock(arch, chunk, segmentIndex);
            return chunk.busy() ? new Shown(block, chunk.user(), chunk.requested(), "(busy)", 0)
                : new Shown(block, chunk.user(), chunk.stride() - LowFragmentationHeap.CHUNK_HEADER, "(free)", 0);
        }
    }

    /** The row of a shown block. */
    static String row(Arch arch, Shown shown) {
        return row(arch, shown.block(), shown.user(), shown.size(), shown.state());
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
