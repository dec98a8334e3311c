package heaplab.app.testing;

import heaplab.engine.nt.FreeListInfo;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapSegmentInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Small x86 heaps built by hand, shaped like the engine's (first-fit sample after `a`, `b`, `c` and `HeapFree(b)`):
 * _HEAP 0x5a0, _HEAP_SEGMENT 0x40, busy a 0x28, free 0x18 on FreeList[3], busy c 0x48, the free rest on
 * FreeList[0], then 15 uncommitted pages.
 */
public final class HeapFixtures {
    public static final long HEAP = 0x00240000L;
    public static final long A_ENTRY = 0x002405e0L;
    public static final long B_ENTRY = 0x00240608L;
    public static final long C_ENTRY = 0x00240620L;
    public static final long REST_ENTRY = 0x00240668L;
    public static final long LIST0_HEAD = 0x00240178L;
    public static final long LIST3_HEAD = 0x00240190L;

    private HeapFixtures() {
    }

    public static HeapInfo firstFitHeap() {
        List<HeapBlock> blocks = List.of(
            new HeapBlock(HEAP, HEAP + 8, 0x5a0, 0, 0x01, 0, 0x5a0, 0, HeapBlock.Kind.INTERNAL),
            new HeapBlock(0x002405a0L, 0x002405a8L, 0x40, 0x5a0, 0x01, 0, 0x40, 0, HeapBlock.Kind.INTERNAL),
            new HeapBlock(A_ENTRY, A_ENTRY + 8, 0x28, 0x40, 0x01, 8, 0x20, 0, HeapBlock.Kind.BUSY),
            new HeapBlock(B_ENTRY, B_ENTRY + 8, 0x18, 0x28, 0x00, 0, 0, 0, HeapBlock.Kind.FREE),
            new HeapBlock(C_ENTRY, C_ENTRY + 8, 0x48, 0x18, 0x01, 8, 0x40, 0, HeapBlock.Kind.BUSY),
            new HeapBlock(REST_ENTRY, REST_ENTRY + 8, 0x998, 0x48, 0x10, 0, 0, 0, HeapBlock.Kind.FREE));
        HeapSegmentInfo segment = new HeapSegmentInfo(0, 0x002405a0L, HEAP, 0x002405e0L, 0x00250000L, 16, 15, blocks,
            List.of(new HeapSegmentInfo.UncommittedRange(0x00241000L, 0xf000)));
        List<FreeListInfo> lists = new ArrayList<>();
        lists.add(new FreeListInfo(0, LIST0_HEAD, REST_ENTRY + 8, REST_ENTRY + 8,
            List.of(new FreeListInfo.Entry(REST_ENTRY, 0x998, LIST0_HEAD, LIST0_HEAD, 0x10))));
        lists.add(new FreeListInfo(3, LIST3_HEAD, B_ENTRY + 8, B_ENTRY + 8,
            List.of(new FreeListInfo.Entry(B_ENTRY, 0x18, LIST3_HEAD, LIST3_HEAD, 0))));
        return heap(HEAP, segment, lists, new long[] {0x8, 0, 0, 0});
    }

    /**
     * The first-fit heap after an overrun of a's block wrote over b's header: the walk stops at b's entry, so the
     * segment lists a's block and stops there.
     */
    public static HeapInfo damagedAtB() {
        HeapInfo intact = firstFitHeap();
        HeapSegmentInfo s = intact.segments().get(0);
        HeapSegmentInfo damaged = new HeapSegmentInfo(s.index(), s.address(), s.base(), s.firstEntry(),
            s.lastValidEntry(), s.numberOfPages(), s.uncommittedPages(), s.blocks().subList(0, 3), s.uncommitted(),
            B_ENTRY);
        return heap(HEAP, damaged, List.of(), new long[] {0, 0, 0, 0});
    }

    /** An empty private heap: the headers, one free block, the rest uncommitted. */
    public static HeapInfo emptyHeap(long base) {
        List<HeapBlock> blocks = List.of(
            new HeapBlock(base, base + 8, 0x5a0, 0, 0x01, 0, 0x5a0, 0, HeapBlock.Kind.INTERNAL),
            new HeapBlock(base + 0x5a0, base + 0x5a8, 0x40, 0x5a0, 0x01, 0, 0x40, 0, HeapBlock.Kind.INTERNAL),
            new HeapBlock(base + 0x5e0, base + 0x5e8, 0xa20, 0x40, 0x10, 0, 0, 0, HeapBlock.Kind.FREE));
        HeapSegmentInfo segment = new HeapSegmentInfo(0, base + 0x5a0, base, base + 0x5e0, base + 0x100000, 256, 255,
            blocks, List.of(new HeapSegmentInfo.UncommittedRange(base + 0x1000, 0xff000)));
        List<FreeListInfo> lists = List.of(new FreeListInfo(0, base + 0x178, base + 0x5e8, base + 0x5e8,
            List.of(new FreeListInfo.Entry(base + 0x5e0, 0xa20, base + 0x178, base + 0x178, 0x10))));
        return heap(base, segment, lists, new long[] {0, 0, 0, 0});
    }

    static HeapInfo heap(long base, HeapSegmentInfo segment, List<FreeListInfo> lists, long[] bitmap) {
        return new HeapInfo(base, 1, 0x1002, 0, 0x100000, 0x2000, 0x200, 0x2000, 0x144, 0x7ffdefff, 0x7f000,
            bitmap, List.of(segment), lists, List.of());
    }
}
