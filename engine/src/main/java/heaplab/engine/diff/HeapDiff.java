package heaplab.engine.diff;

import heaplab.engine.Arch;
import heaplab.engine.crt.CrtReports;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapManager;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What changed in a process's heaps between two steps, for the window's Diff view and the CLI's {@code --diff}: the
 * program's blocks (busy NT blocks, virtual blocks, LFH chunks, full-page-heap blocks; not the heaps' own
 * structures, nor the LFH's UserBlocks) matched by user address. A block only in the later state was allocated,
 * one only in the earlier state was freed, one in both whose requested size or bytes differ was modified (a block
 * freed and allocated again at the same address with other bytes counts as modified). When the debug CRT has
 * blocks, the summary adds _CrtMemDumpStatistics of the _CrtMemDifference of the two states.
 *
 * @param changes in address order
 */
public record HeapDiff(int fromStep, int toStep, List<Change> changes, Totals before, Totals after,
                       CrtReports.MemState crtDifference) {

    /** How a block changed. */
    public enum Kind { ALLOCATED, FREED, MODIFIED }

    /**
     * One changed block.
     *
     * @param size         its requested size now (for a freed block: before)
     * @param previousSize its requested size before (0 for an allocated block)
     * @param firstChanged the first byte that differs for a modified block of unchanged size, else 0
     */
    public record Change(Kind kind, long heap, long user, long size, long previousSize, long firstChanged) {
    }

    /** The program's blocks in one state: how many and how many requested bytes. */
    public record Totals(long blocks, long bytes) {
    }

    /** A live block of the program. */
    private record Live(long heap, long user, long size) {
    }

    /** The differences from `before` (the state at step `fromStep`) to `after` (at `toStep`). */
    public static HeapDiff between(Process before, int fromStep, Process after, int toStep) {
        Map<Long, Live> old = liveBlocks(before);
        Map<Long, Live> now = liveBlocks(after);
        List<Change> changes = new ArrayList<>();
        for (Live block : now.values()) {
            Live was = old.get(block.user());
            if (was == null) {
                changes.add(new Change(Kind.ALLOCATED, block.heap(), block.user(), block.size(), 0, 0));
            } else if (was.size() != block.size()) {
                changes.add(new Change(Kind.MODIFIED, block.heap(), block.user(), block.size(), was.size(), 0));
            } else {
                long first = firstDifference(before.memory(), after.memory(), block.user(), block.size());
                if (first != 0) {
                    changes.add(new Change(Kind.MODIFIED, block.heap(), block.user(), block.size(), was.size(), first));
                }
            }
        }
        for (Live block : old.values()) {
            if (!now.containsKey(block.user())) {
                changes.add(new Change(Kind.FREED, block.heap(), block.user(), block.size(), block.size(), 0));
            }
        }
        changes.sort(Comparator.comparingLong(Change::user));
        CrtReports.MemState crtBefore = before.crt().reports().state();
        CrtReports.MemState crtAfter = after.crt().reports().state();
        boolean crt = crtBefore.total() != 0 || crtAfter.total() != 0;
        return new HeapDiff(fromStep, toStep, List.copyOf(changes), totals(old), totals(now),
            crt ? crtAfter.minus(crtBefore) : null);
    }

    private static Totals totals(Map<Long, Live> blocks) {
        long bytes = 0;
        for (Live block : blocks.values()) {
            bytes += block.size();
        }
        return new Totals(blocks.size(), bytes);
    }

    /** The program's blocks by user address, in every heap of the process. */
    private static Map<Long, Live> liveBlocks(Process process) {
        Map<Long, Live> blocks = new LinkedHashMap<>();
        HeapManager heaps = process.heaps();
        PageHeap pageHeap = heaps.pageHeap();
        LowFragmentationHeap lfh = heaps.lfh();
        for (long handle : heaps.heapHandlesIncludingPageHeaps()) {
            if (pageHeap.isPageHeap(handle)) {
                for (PageHeap.DphBlock block : pageHeap.busyBlocks(handle)) {
                    blocks.put(block.user(), new Live(handle, block.user(), block.requested()));
                }
                continue;
            }
            HeapInfo info;
            try {
                info = heaps.read(handle);
            } catch (RuntimeException e) {
                continue; // a heap damaged past reading: its blocks are not compared
            }
            for (HeapBlock block : info.allBlocks()) {
                if ((block.kind() == HeapBlock.Kind.BUSY || block.kind() == HeapBlock.Kind.VIRTUAL)
                    && !lfh.isOwnBlock(handle, block.user())) {
                    blocks.put(block.user(), new Live(handle, block.user(), block.requested()));
                }
            }
            for (LowFragmentationHeap.Chunk chunk : lfh.chunks(handle)) {
                if (chunk.busy()) {
                    blocks.put(chunk.user(), new Live(handle, chunk.user(), chunk.requested()));
                }
            }
        }
        return blocks;
    }

    /** The first address in [user, user + size) whose byte differs between the two memories, or 0. */
    private static long firstDifference(AddressSpace a, AddressSpace b, long user, long size) {
        final int piece = 4096;
        for (long at = user; at < user + size; at += piece) {
            int n = (int) Math.min(piece, user + size - at);
            if (!a.isReadable(at, n) || !b.isReadable(at, n)) {
                return 0;
            }
            byte[] x = a.readBytes(at, n);
            byte[] y = b.readBytes(at, n);
            int i = Arrays.mismatch(x, y);
            if (i >= 0) {
                return at + i;
            }
        }
        return 0;
    }

    /** How many changes of a kind. */
    public long count(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /** The requested bytes of the changes of a kind. */
    public long bytes(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).mapToLong(Change::size).sum();
    }

    /**
     * The summary, in the manner of _CrtMemDumpStatistics after _CrtMemDifference: a line per kind of change, the
     * program's busy blocks before and after, then the CRT's own statistics of the difference when it has blocks.
     */
    public String summary(Arch arch) {
        StringBuilder out = new StringBuilder();
        out.append("Changes from step ").append(fromStep).append(" to step ").append(toStep).append(":\n");
        out.append(bytes(Kind.ALLOCATED)).append(" bytes in ").append(count(Kind.ALLOCATED))
            .append(" Allocated Blocks.\n");
        out.append(bytes(Kind.FREED)).append(" bytes in ").append(count(Kind.FREED)).append(" Freed Blocks.\n");
        out.append(bytes(Kind.MODIFIED)).append(" bytes in ").append(count(Kind.MODIFIED))
            .append(" Modified Blocks.\n");
        out.append(String.format(Locale.ROOT, "Busy: %d bytes in %d blocks, was %d bytes in %d blocks (%+d bytes).%n",
            after.bytes(), after.blocks(), before.bytes(), before.blocks(), after.bytes() - before.bytes()));
        if (crtDifference != null) {
            out.append("\nCRT debug heap, _CrtMemDifference:\n").append(CrtReports.statistics(crtDifference));
        }
        return out.toString();
    }
}
