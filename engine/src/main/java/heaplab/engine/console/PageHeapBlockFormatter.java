package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.pageheap.DphLayout;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The block forms of {@code !heap -p} (heap-facts.md 3.6): {@code -a Address} for full page heap blocks (busy:
 * {@code in busy allocation ( DPH_HEAP_BLOCK: UserAddr UserSize - VirtAddr VirtSize)}; freed:
 * {@code in free-ed allocation ( DPH_HEAP_BLOCK: VirtAddr VirtSize)}), light blocks (the NormalHeap's HEAP_ENTRY
 * row with the DPH user pointer and size, {@code (busy)} or {@code (free DelayedFree)}) and plain NT blocks; the
 * per-heap tables of {@code -h} and {@code -all}; the trace tables of {@code -t -tc -ts}.
 */
final class PageHeapBlockFormatter {
    private final Process process;
    private final Arch arch;
    private final PageHeap pageHeap;
    private final AddressSpace memory;

    PageHeapBlockFormatter(Process process) {
        this.process = process;
        this.arch = process.arch();
        this.pageHeap = process.heaps().pageHeap();
        this.memory = process.memory();
    }

    CommandResult address(long address) {
        PageHeap.Found found = pageHeap.findFull(address);
        StringBuilder out = new StringBuilder();
        if (found != null) {
            PageHeap.DphBlock b = found.block();
            out.append("    address ").append(arch.ptr(address)).append(" found in\n")
                .append("    _DPH_HEAP_ROOT @ ").append(Texts.hex(PageHeap.rootOf(found.handle()))).append('\n');
            if (b.busy()) {
                out.append("    in busy allocation (  DPH_HEAP_BLOCK:         UserAddr         UserSize -"
                    + "         VirtAddr         VirtSize)\n");
                out.append(String.format(Locale.ROOT,
                    "%40s:%17s%17s -%17s%17s\n", Texts.hex(b.node()), Texts.hex(b.user()),
                    Texts.hex(b.requested()), Texts.hex(b.virtual()), Texts.hex(b.virtualSize())));
            } else {
                out.append("    in free-ed allocation (  DPH_HEAP_BLOCK:         VirtAddr         VirtSize)\n");
                out.append(String.format(Locale.ROOT, "%43s:%17s%17s\n", Texts.hex(b.node()), Texts.hex(b.virtual()),
                    Texts.hex(b.virtualSize())));
            }
            appendFrames(out, "    ", b.stackTrace());
            return new CommandResult(out.toString(), false);
        }
        HeapBlock block = process.heaps().findBlock(address);
        if (block == null || block.kind() == HeapBlock.Kind.INTERNAL) {
            // HeapLab's wording: the extension's text for an address outside every heap is unconfirmed.
            return new CommandResult("    address " + arch.ptr(address) + " was not found in any heap\n", true);
        }
        long heap = process.heaps().heapOf(address);
        out.append("    address ").append(arch.ptr(address)).append(" found in\n")
            .append("    _HEAP @ ").append(Texts.hex(heap)).append('\n').append(entryHeader());
        LowFragmentationHeap.Chunk chunk = block.isBusy() ? chunkAt(heap, address) : null;
        // An LFH chunk is shown as the block it is, as -x, -flt and -srch show it (heap-facts.md 5.5, 5.6).
        HeapFilterCommand.Shown shown = chunk != null ? HeapFilterCommand.Shown.chunk(arch, chunk, block.segmentIndex())
            : HeapFilterCommand.Shown.of(process, block);
        out.append(HeapFilterCommand.row(arch, shown));
        if (shown.info() != 0) {
            appendFrames(out, "        ", memory.readPtr(shown.info() + pageHeap.layout().infoStackTrace));
        } else if (chunk == null) {
            HeapTagFormatter.appendTrace(out, process, block);
        }
        return new CommandResult(out.toString(), false);
    }

    /** The LFH chunk (busy or free) of the heap whose header or data holds the address, or null. */
    private LowFragmentationHeap.Chunk chunkAt(long heap, long address) {
        for (LowFragmentationHeap.Chunk chunk : process.heaps().lfh().chunks(heap)) {
            long start = LowFragmentationHeap.entryOf(arch, chunk);
            if (Long.compareUnsigned(address, start) >= 0
                && Long.compareUnsigned(address, chunk.header() + chunk.stride()) < 0) {
                return chunk;
            }
        }
        return null;
    }

    private String entryHeader() {
        return HeapFilterCommand.header(arch);
    }

    private void appendFrames(StringBuilder out, String indent, long stackTrace) {
        HeapTagFormatter.appendFrames(out, indent, process, pageHeap.frames(stackTrace));
    }

    /**
     * {@code -h Handle}: the root, its freed and busy full blocks in the {@code -flt} table shape, then its
     * NormalHeap with the light blocks it holds.
     */
    CommandResult heap(long handle) {
        if (!pageHeap.handles().contains(handle)) {
            // HeapLab's wording; the extension's text for a handle that is not a page heap is unconfirmed.
            return new CommandResult("    " + Texts.hex(handle) + " is not a page heap handle\n", true);
        }
        StringBuilder out = new StringBuilder();
        appendHeap(out, handle);
        return new CommandResult(out.toString(), false);
    }

    /** {@code -all}: {@code -h} for every page heap. */
    CommandResult all() {
        List<Long> handles = pageHeap.handles();
        if (handles.isEmpty()) {
            return new CommandResult("    No page heaps: the process runs without page heap (gflags +hpa).\n",
                false);
        }
        StringBuilder out = new StringBuilder();
        for (long handle : handles) {
            appendHeap(out, handle);
        }
        return new CommandResult(out.toString(), false);
    }

    private void appendHeap(StringBuilder out, long handle) {
        appendRootTables(out, handle, 0, -1L);
        long normal = pageHeap.normalHeap(handle);
        out.append("    _HEAP @ ").append(Texts.hex(normal)).append('\n');
        boolean header = false;
        for (HeapBlock block : lightBlocks(normal)) {
            if (!header) {
                out.append(entryHeader());
                header = true;
            }
            out.append(HeapFilterCommand.row(arch, HeapFilterCommand.Shown.of(process, block)));
        }
    }

    /**
     * The {@code _DPH_HEAP_ROOT} line and its two tables (the {@code !heap -flt} shape under page heap): freed blocks
     * whose requested size is in [minimum, limit) (unsigned; freed ones are listed only without a filter, as their
     * size is gone with their pages), then the busy ones.
     */
    void appendRootTables(StringBuilder out, long handle, long minimum, long limit) {
        boolean all = minimum == 0 && limit == -1L;
        out.append("    _DPH_HEAP_ROOT @ ").append(Texts.hex(PageHeap.rootOf(handle))).append('\n')
            .append("    Freed and decommitted blocks\n      DPH_HEAP_BLOCK : VirtAddr VirtSize\n");
        for (PageHeap.DphBlock b : all ? pageHeap.freedBlocks(handle) : List.<PageHeap.DphBlock>of()) {
            out.append("        ").append(arch.ptr(b.node())).append(" : ").append(arch.ptr(b.virtual()))
                .append(' ').append(arch.ptr(b.virtualSize())).append('\n');
        }
        out.append("    Busy allocations\n      DPH_HEAP_BLOCK : UserAddr  UserSize - VirtAddr VirtSize\n");
        for (PageHeap.DphBlock b : pageHeap.busyBlocks(handle)) {
            if (Long.compareUnsigned(b.requested(), minimum) < 0 || Long.compareUnsigned(b.requested(), limit) >= 0) {
                continue;
            }
            out.append("        ").append(arch.ptr(b.node())).append(" : ").append(arch.ptr(b.user()))
                .append(' ').append(arch.ptr(b.requested())).append(" - ").append(arch.ptr(b.virtual()))
                .append(' ').append(arch.ptr(b.virtualSize())).append('\n');
        }
    }

    private List<HeapBlock> lightBlocks(long normal) {
        List<HeapBlock> out = new ArrayList<>();
        HeapInfo info = process.heaps().read(normal);
        for (HeapSegmentInfo segment : info.segments()) {
            for (HeapBlock block : segment.blocks()) {
                if (block.isBusy() && block.kind() != HeapBlock.Kind.INTERNAL
                    && pageHeap.lightInfoAt(block.user()) != null) {
                    out.add(block);
                }
            }
        }
        return out;
    }

    /**
     * {@code -t -tc -ts}: documented for Windows XP only. HeapLab's form: the busy page heap blocks (full and light)
     * grouped by their allocation trace, the {@code count} heaviest by number of blocks or by bytes, each as
     * {@code     <count> blocks, <bytes> bytes, trace <StackTrace>:} and its frames.
     */
    String traces(long count, boolean bySize) {
        Map<Long, long[]> byTrace = new LinkedHashMap<>();
        DphLayout d = pageHeap.layout();
        for (long handle : pageHeap.handles()) {
            for (PageHeap.DphBlock b : pageHeap.busyBlocks(handle)) {
                add(byTrace, b.stackTrace(), b.requested());
            }
            for (HeapBlock block : lightBlocks(pageHeap.normalHeap(handle))) {
                long info = block.user();
                if (memory.readU32(info + d.infoStartStamp) == DphLayout.LIGHT_BUSY_START) {
                    add(byTrace, memory.readPtr(info + d.infoStackTrace), memory.readPtr(info + d.infoRequestedSize));
                }
            }
        }
        List<Map.Entry<Long, long[]>> entries = new ArrayList<>(byTrace.entrySet());
        int key = bySize ? 1 : 0;
        entries.sort((a, b) -> Long.compare(b.getValue()[key], a.getValue()[key]));
        StringBuilder out = new StringBuilder("    Heaviest page heap users by ")
            .append(bySize ? "size" : "count").append(" (!heap -p -t is Windows XP only; HeapLab's form):\n");
        if (entries.isEmpty() || entries.size() == 1 && entries.get(0).getKey() == 0) {
            out.append("    No collected traces (page heap collects them with gflags +ust).\n");
        }
        for (Map.Entry<Long, long[]> e : entries.subList(0, (int) Math.min(count, entries.size()))) {
            if (e.getKey() == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT,
                "\n    %x blocks, %x bytes, trace %s:\n", e.getValue()[0], e.getValue()[1],
                arch.ptr(e.getKey())));
            appendFrames(out, "        ", e.getKey());
        }
        return out.toString();
    }

    private static void add(Map<Long, long[]> byTrace, long trace, long bytes) {
        long[] totals = byTrace.computeIfAbsent(trace, t -> new long[2]);
        totals[0]++;
        totals[1] += bytes;
    }
}
