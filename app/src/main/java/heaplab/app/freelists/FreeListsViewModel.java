package heaplab.app.freelists;

import heaplab.app.freelists.FreeListsModel.FreeEntry;
import heaplab.app.freelists.FreeListsModel.FreeListRow;
import heaplab.app.freelists.FreeListsModel.HeapFreeLists;
import heaplab.app.freelists.FreeListsModel.LfhBucketRow;
import heaplab.app.freelists.FreeListsModel.CrtRow;
import heaplab.app.freelists.FreeListsModel.FreedBlock;
import heaplab.app.freelists.FreeListsModel.PageHeapRow;
import heaplab.app.freelists.FreeListsModel.ProcessLists;
import heaplab.app.freelists.FreeListsModel.UserBlocksBox;
import heaplab.app.main.LabSession;
import heaplab.app.heapmap.BlockText;
import heaplab.engine.Arch;
import heaplab.engine.crt.DebugHeap;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.diff.HeapDiff;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.lfh.LowFragmentationHeap.UserBlocksInfo;
import heaplab.engine.nt.FreeListInfo;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapInfo;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The free lists' state: each heap's FreeListsInUse bitmap and FreeList[n] chains, decoded by the engine from
 * memory, with the checks a student looks for (does each Flink/Blink point where it should, does the bitmap agree
 * with the lists), and the LFH's buckets with their UserBlocks' busy bitmaps.
 */
public final class FreeListsViewModel {
    private final ReadOnlyObjectWrapper<FreeListsModel> model = new ReadOnlyObjectWrapper<>(FreeListsModel.EMPTY);
    private final LongConsumer selection;

    public FreeListsViewModel(LongConsumer selection) {
        this.selection = selection;
    }

    public ReadOnlyObjectProperty<FreeListsModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public FreeListsModel getModel() {
        return model.get();
    }

    public void update(Arch arch, List<HeapInfo> heaps, long selected) {
        update(arch, heaps, Map.of(), selected);
    }

    /** @param lfh each heap's LFH UserBlocks (heaps without the LFH are absent) */
    public void update(Arch arch, List<HeapInfo> heaps, Map<Long, List<UserBlocksInfo>> lfh, long selected) {
        update(arch, heaps, lfh, selected, Map.of());
    }

    /**
     * @param changes the Diff view's changed blocks by user address: a free block freed since the base step and
     *                LFH chunks allocated, freed or modified since are marked
     */
    public void update(Arch arch, List<HeapInfo> heaps, Map<Long, List<UserBlocksInfo>> lfh, long selected,
                       Map<Long, HeapDiff.Kind> changes) {
        update(arch, heaps, lfh, selected, changes, ProcessLists.NONE);
    }

    /** Everything the session shows: the heaps' lists, then the CRT's block list and the page heaps' queues. */
    public void update(LabSession session, List<HeapInfo> heaps, long selected, Map<Long, HeapDiff.Kind> changes) {
        update(session.arch(), heaps, session.lfhUserBlocks(), selected, changes, processLists(session));
    }

    private void update(Arch arch, List<HeapInfo> heaps, Map<Long, List<UserBlocksInfo>> lfh, long selected,
                        Map<Long, HeapDiff.Kind> changes, ProcessLists process) {
        List<HeapFreeLists> out = new ArrayList<>();
        Map<Long, UserBlocksBox> boxes = new java.util.HashMap<>();
        for (HeapInfo heap : inShowingOrder(heaps, selected)) {
            out.add(toHeapFreeLists(arch, heap, lfh.getOrDefault(heap.address(), List.of()), lastBoxes, boxes));
        }
        lastBoxes = boxes;
        model.set(new FreeListsModel(arch, List.copyOf(out), selected, heaps.isEmpty() ? "No heaps." : "",
            Map.copyOf(changes), process));
    }

    /** The CRT's block list and each page heap's freed blocks, as the diagram shows them. */
    static ProcessLists processLists(LabSession session) {
        List<CrtRow> crt = new ArrayList<>();
        for (DebugHeap.BlockInfo b : session.crtBlockList()) {
            crt.add(new CrtRow(b.user(), b.size(), b.request(), b.typeName(),
                b.file().isEmpty() ? "" : b.file() + "(" + b.line() + ")", !b.gapsIntact()));
        }
        List<PageHeapRow> pageHeaps = new ArrayList<>();
        Map<Long, List<PageHeap.DphBlock>> freed = session.pageHeapFreedBlocks();
        session.pageHeapDelayedFrees().forEach((handle, queue) -> pageHeaps.add(new PageHeapRow(handle,
            queue.stream().map(q -> new FreedBlock(q.user(), q.requested())).toList(),
            freed.getOrDefault(handle, List.of()).stream().map(b -> new FreedBlock(b.user(), b.requested()))
                .toList())));
        return new ProcessLists(List.copyOf(crt), List.copyOf(pageHeaps));
    }

    /**
     * The heap of the selected block first, then the newest heaps before older ones: a scenario is about the heaps
     * it creates, so the process heap (the oldest) comes last and the pane opens on the heap being studied.
     */
    static List<HeapInfo> inShowingOrder(List<HeapInfo> heaps, long selected) {
        List<HeapInfo> ordered = new ArrayList<>(heaps);
        java.util.Collections.reverse(ordered);
        for (int i = 0; i < ordered.size(); i++) {
            if (selected != 0 && ordered.get(i).blockAt(selected) != null) {
                ordered.add(0, ordered.remove(i));
                break;
            }
        }
        return ordered;
    }

    public void showMessage(Arch arch, String message) {
        model.set(new FreeListsModel(arch, List.of(), 0, message, Map.of()));
    }

    public void select(long address) {
        selection.accept(address);
    }

    public void setSelected(long address) {
        model.set(getModel().withSelected(address));
    }

    static HeapFreeLists toHeapFreeLists(Arch arch, HeapInfo heap) {
        return toHeapFreeLists(arch, heap, List.of());
    }

    /** The UserBlocks boxes of the last update by address: a trace's 500 UserBlocks mostly stay as they were. */
    private Map<Long, UserBlocksBox> lastBoxes = Map.of();

    static HeapFreeLists toHeapFreeLists(Arch arch, HeapInfo heap, List<UserBlocksInfo> userBlocks) {
        return toHeapFreeLists(arch, heap, userBlocks, Map.of(), new java.util.HashMap<>());
    }

    private static HeapFreeLists toHeapFreeLists(Arch arch, HeapInfo heap, List<UserBlocksInfo> userBlocks,
                                                 Map<Long, UserBlocksBox> before, Map<Long, UserBlocksBox> now) {
        boolean[] bits = bits(heap.freeListsInUse());
        boolean[] mismatched = new boolean[HeapConstants.HEAP_FREELISTS];
        List<FreeListRow> rows = new ArrayList<>();
        boolean[] nonEmpty = new boolean[HeapConstants.HEAP_FREELISTS];
        for (FreeListInfo list : heap.freeLists()) {
            if (list.index() >= 0 && list.index() < nonEmpty.length) {
                nonEmpty[list.index()] = !list.entries().isEmpty();
            }
        }
        // FreeList[0] holds the large blocks and has no bit of its own in the bitmap.
        for (int n = 1; n < HeapConstants.HEAP_FREELISTS; n++) {
            mismatched[n] = bits[n] != nonEmpty[n];
        }
        for (FreeListInfo list : heap.freeLists()) {
            boolean bitSet = list.index() >= 0 && list.index() < bits.length && bits[list.index()];
            if (!list.entries().isEmpty() || bitSet) {
                rows.add(toRow(arch, list));
            }
        }
        String title = "Heap " + arch.ptr(heap.address()) + "   free lists";
        String note = "Bit n is set while FreeList[n] holds free blocks of n \u00d7 " + arch.granularity()
            + " bytes (headers included);\nFreeList[0] holds the blocks of "
            + HeapConstants.HEAP_FREELISTS * arch.granularity() + " bytes and more, sorted by size. Blocks are named by"
            + "\ntheir _HEAP_ENTRY, as !heap does: the program's pointer is " + arch.granularity() + " bytes further.";
        return new HeapFreeLists(heap.address(), title, bits, mismatched, List.copyOf(rows), note,
            toBucketRows(userBlocks, before, now));
    }

    /** The LFH's buckets in use, in bucket order, each with its UserBlocks in list order. */
    static List<LfhBucketRow> toBucketRows(List<UserBlocksInfo> userBlocks) {
        return toBucketRows(userBlocks, Map.of(), new java.util.HashMap<>());
    }

    /** As above, reusing the boxes of {@code before} that show the same UserBlocks; the boxes go to {@code now}. */
    private static List<LfhBucketRow> toBucketRows(List<UserBlocksInfo> userBlocks, Map<Long, UserBlocksBox> before,
                                                   Map<Long, UserBlocksBox> now) {
        Map<Integer, List<UserBlocksBox>> byBucket = new TreeMap<>();
        for (UserBlocksInfo ub : userBlocks) {
            UserBlocksBox box = before.get(ub.address());
            int n = ub.busy().length;
            if (box == null || box.stride() != ub.stride() || box.busyCount() != ub.busyCount()
                || box.active() != ub.active() || box.chunkUsers().length != n
                || n > 0 && box.chunkUsers()[0] != ub.chunkUser(0) || !java.util.Arrays.equals(box.busy(), ub.busy())) {
                long[] users = new long[n];
                for (int i = 0; i < users.length; i++) {
                    users[i] = ub.chunkUser(i);
                }
                box = new UserBlocksBox(ub.address(), ub.stride(), ub.busyCount(), ub.busy().clone(), users,
                    ub.active());
            }
            now.put(ub.address(), box);
            byBucket.computeIfAbsent(ub.bucket(), b -> new ArrayList<>()).add(box);
        }
        List<LfhBucketRow> rows = new ArrayList<>();
        byBucket.forEach((bucket, boxes) -> {
            long size = LowFragmentationHeap.bucketSize(bucket);
            long smallest = bucket == 1 ? 0 : LowFragmentationHeap.bucketSize(bucket - 1) + 1;
            rows.add(new LfhBucketRow(bucket, BlockText.hex(size) + "-byte chunks (requests of " + BlockText.hex(smallest)
                + " to " + BlockText.hex(size) + ")", List.copyOf(boxes)));
        });
        return List.copyOf(rows);
    }

    private static FreeListRow toRow(Arch arch, FreeListInfo list) {
        // A free block's LIST_ENTRY follows its _HEAP_ENTRY; links point at LIST_ENTRYs, not at headers.
        int header = arch.granularity();
        List<FreeListInfo.Entry> entries = list.entries();
        List<FreeEntry> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            FreeListInfo.Entry e = entries.get(i);
            long expectedFlink = i + 1 < entries.size() ? entries.get(i + 1).entry() + header : list.head();
            long expectedBlink = i > 0 ? entries.get(i - 1).entry() + header : list.head();
            out.add(new FreeEntry(e.entry(), e.size(), e.flink(), e.blink(), e.flink() == expectedFlink,
                e.blink() == expectedBlink));
        }
        String sizeClass = list.index() == 0
            ? HeapConstants.HEAP_FREELISTS * arch.granularity() + " bytes and more, sorted"
            : BlockText.hex((long) list.index() * arch.granularity()) + " bytes";
        return new FreeListRow(list.index(), list.head(), list.flink(), list.blink(), sizeClass, List.copyOf(out));
    }

    /** The 128 bits of FreeListsInUse, whatever word size the engine stored them in. */
    static boolean[] bits(long[] words) {
        boolean[] bits = new boolean[HeapConstants.HEAP_FREELISTS];
        if (words == null || words.length == 0) {
            return bits;
        }
        int perWord = HeapConstants.HEAP_FREELISTS / words.length;
        for (int n = 0; n < bits.length; n++) {
            bits[n] = ((words[n / perWord] >>> (n % perWord)) & 1) != 0;
        }
        return bits;
    }
}
