package heaplab.engine.console;

import heaplab.engine.memory.Region;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.process.Process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The garbage-collector search of {@code !heap -l}: a conservative mark phase over the process's memory.
 *
 * <p>Roots are every committed, readable page outside the heaps' regions: the stack region with the scenario's
 * variables, the image (its .rdata literals), the PEB and any {@code .dvalloc} memory. Every pointer-sized,
 * pointer-aligned value there that points into a busy block's user bytes marks that block; the requested bytes of
 * each marked block are then scanned the same way, until nothing new is marked. Heap memory itself (free blocks'
 * stale contents, the heaps' own structures, unmarked busy blocks) is never a root. What stays unmarked is leaked.
 */
final class LeakDetector {

    private LeakDetector() {
    }

    /** The leaked blocks, in heap order and address order within a heap. */
    static List<UserBlocks.Entry> leaks(Process process, UserBlocks blocks) {
        List<UserBlocks.Entry> entries = blocks.entries();
        boolean[] marked = new boolean[entries.size()];
        Deque<Integer> work = new ArrayDeque<>();
        MemoryScan.Visitor mark = (where, value) -> {
            int i = blocks.indexOf(value);
            if (i >= 0 && !marked[i]) {
                marked[i] = true;
                work.push(i);
            }
        };
        Set<Long> heapRegions = heapRegions(process, blocks.heaps());
        MemoryScan.regions(process, region -> !heapRegions.contains(region.base()), mark);
        while (!work.isEmpty()) {
            HeapBlock block = entries.get(work.pop()).block();
            MemoryScan.range(process, block.user(), block.user() + block.requested(), mark);
        }
        List<UserBlocks.Entry> leaked = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!marked[i]) {
                leaked.add(entries.get(i));
            }
        }
        return leaked;
    }

    /** Bases of the regions that hold heap segments or virtual-alloc blocks. */
    private static Set<Long> heapRegions(Process process, List<HeapInfo> heaps) {
        Set<Long> bases = new HashSet<>();
        for (HeapInfo heap : heaps) {
            for (HeapSegmentInfo segment : heap.segments()) {
                add(bases, process.memory().regionAt(segment.base()));
            }
            for (HeapBlock block : heap.virtualBlocks()) {
                add(bases, process.memory().regionAt(block.entry()));
            }
        }
        return bases;
    }

    private static void add(Set<Long> bases, Region region) {
        if (region != null) {
            bases.add(region.base());
        }
    }
}
