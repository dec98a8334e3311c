package heaplab.engine.nt;

import heaplab.engine.Arch;

import static heaplab.engine.nt.StructLayout.Kind.HEAP_ENTRY;
import static heaplab.engine.nt.StructLayout.Kind.LIST_ENTRY;
import static heaplab.engine.nt.StructLayout.Kind.PTR;
import static heaplab.engine.nt.StructLayout.Kind.SIZE;
import static heaplab.engine.nt.StructLayout.Kind.U16;
import static heaplab.engine.nt.StructLayout.Kind.U32;
import static heaplab.engine.nt.StructLayout.Kind.U8;

/**
 * Layouts of the classic (Windows XP / Server 2003, as ReactOS models it) NT heap structures for one architecture,
 * and the offsets the heap code uses. x64 offsets follow from the same declarations with 8-byte pointers.
 */
public final class HeapLayout {
    public final Arch arch;
    public final int g;
    public final int p;
    public final StructLayout heap;
    public final StructLayout segment;
    public final StructLayout heapEntry;
    public final StructLayout virtualAllocEntry;

    // _HEAP_ENTRY fields, relative to the entry (x64 entries start with 8 bytes of PreviousBlockPrivateData).
    public final int entrySize;
    public final int entryFlags;
    public final int entrySmallTagIndex;
    public final int entryPreviousSize;
    public final int entrySegmentOffset;
    public final int entryUnusedBytes;

    // _HEAP fields
    public final int heapSignature;
    public final int heapFlags;
    public final int heapForceFlags;
    public final int heapVirtualMemoryThreshold;
    public final int heapSegmentReserve;
    public final int heapSegmentCommit;
    public final int heapDeCommitFreeBlockThreshold;
    public final int heapDeCommitTotalFreeThreshold;
    public final int heapTotalFreeSize;
    public final int heapMaximumAllocationSize;
    public final int heapProcessHeapsListIndex;
    public final int heapAlignRound;
    public final int heapAlignMask;
    public final int heapVirtualAllocdBlocks;
    public final int heapSegments;
    public final int heapFreeListsInUse;
    public final int heapFreeLists;
    public final int heapLockVariable;
    public final int heapLastSegmentIndex;
    public final int heapNextAvailableTagIndex;
    public final int heapMaximumTagIndex;
    public final int heapFrontEndHeap;
    public final int heapFrontEndHeapType;
    public final int heapFrontHeapLockCount;
    public final int heapPseudoTagEntries;

    // _HEAP_SEGMENT fields
    public final int segSignature;
    public final int segFlags;
    public final int segHeap;
    public final int segLargestUnCommittedRange;
    public final int segBaseAddress;
    public final int segNumberOfPages;
    public final int segFirstEntry;
    public final int segLastValidEntry;
    public final int segNumberOfUnCommittedPages;
    public final int segNumberOfUnCommittedRanges;
    public final int segUnCommittedRanges;
    public final int segLastEntryInSegment;

    // _HEAP_VIRTUAL_ALLOC_ENTRY fields
    public final int vaCommitSize;
    public final int vaReserveSize;
    public final int vaBusyBlock;

    /** Bytes of the heap's own busy block at its base: _HEAP plus its lock (an RTL_CRITICAL_SECTION). */
    public final int heapBlockSize;
    /** Bytes of a segment's own busy block. */
    public final int segmentBlockSize;

    private static final HeapLayout X86 = new HeapLayout(Arch.X86);
    private static final HeapLayout X64 = new HeapLayout(Arch.X64);

    public static HeapLayout of(Arch arch) {
        return arch == Arch.X86 ? X86 : X64;
    }

    private HeapLayout(Arch arch) {
        this.arch = arch;
        this.g = arch.granularity();
        this.p = arch.pointerSize();
        StructLayout.Builder e = new StructLayout.Builder("_HEAP_ENTRY", arch);
        if (arch == Arch.X64) {
            e.add("PreviousBlockPrivateData", PTR);
        }
        heapEntry = e.add("Size", U16).add("Flags", U8).add("SmallTagIndex", U8).add("PreviousSize", U16)
            .add("SegmentOffset", U8).add("UnusedBytes", U8).build();
        entrySize = heapEntry.offset("Size");
        entryFlags = heapEntry.offset("Flags");
        entrySmallTagIndex = heapEntry.offset("SmallTagIndex");
        entryPreviousSize = heapEntry.offset("PreviousSize");
        entrySegmentOffset = heapEntry.offset("SegmentOffset");
        entryUnusedBytes = heapEntry.offset("UnusedBytes");
        // HeapEntries reads and writes these six fields as one 8-byte value starting at Size.
        if (entryFlags != entrySize + 2 || entrySmallTagIndex != entrySize + 3 || entryPreviousSize != entrySize + 4
            || entrySegmentOffset != entrySize + 6 || entryUnusedBytes != entrySize + 7) {
            throw new IllegalStateException("_HEAP_ENTRY fields are not packed as HeapEntries assumes");
        }

        // Pointer fields name their targets as the XP-era symbols do (Segments : [64] Ptr32 _HEAP_SEGMENT; the
        // symbols' own spelling _HEAP_UNCOMMMTTED_RANGE).
        heap = new StructLayout.Builder("_HEAP", arch)
            .add("Entry", HEAP_ENTRY).add("Signature", U32).add("Flags", U32).add("ForceFlags", U32)
            .add("VirtualMemoryThreshold", U32).add("SegmentReserve", SIZE).add("SegmentCommit", SIZE)
            .add("DeCommitFreeBlockThreshold", SIZE).add("DeCommitTotalFreeThreshold", SIZE)
            .add("TotalFreeSize", SIZE).add("MaximumAllocationSize", SIZE).add("ProcessHeapsListIndex", U16)
            .add("HeaderValidateLength", U16).add("HeaderValidateCopy", PTR).add("NextAvailableTagIndex", U16)
            .add("MaximumTagIndex", U16).addPointer("TagEntries", "_HEAP_TAG_ENTRY")
            .addPointer("UCRSegments", "_HEAP_UCR_SEGMENT")
            .addPointer("UnusedUnCommittedRanges", "_HEAP_UNCOMMMTTED_RANGE").add("AlignRound", SIZE)
            .add("AlignMask", SIZE).add("VirtualAllocdBlocks", LIST_ENTRY)
            .addPointers("Segments", "_HEAP_SEGMENT", HeapConstants.HEAP_SEGMENTS)
            .add("FreeListsInUse", U32, 4).add("FreeListsInUseTerminate", U16).add("AllocatorBackTraceIndex", U16)
            .add("NonDedicatedListLength", U32).add("LargeBlocksIndex", PTR)
            .addPointer("PseudoTagEntries", "_HEAP_PSEUDO_TAG_ENTRY")
            .add("FreeLists", LIST_ENTRY, HeapConstants.HEAP_FREELISTS).addPointer("LockVariable", "_HEAP_LOCK")
            .add("CommitRoutine", PTR).add("FrontEndHeap", PTR).add("FrontHeapLockCount", U16)
            .add("FrontEndHeapType", U8).add("LastSegmentIndex", U8).build();
        heapSignature = heap.offset("Signature");
        heapFlags = heap.offset("Flags");
        heapForceFlags = heap.offset("ForceFlags");
        heapVirtualMemoryThreshold = heap.offset("VirtualMemoryThreshold");
        heapSegmentReserve = heap.offset("SegmentReserve");
        heapSegmentCommit = heap.offset("SegmentCommit");
        heapDeCommitFreeBlockThreshold = heap.offset("DeCommitFreeBlockThreshold");
        heapDeCommitTotalFreeThreshold = heap.offset("DeCommitTotalFreeThreshold");
        heapTotalFreeSize = heap.offset("TotalFreeSize");
        heapMaximumAllocationSize = heap.offset("MaximumAllocationSize");
        heapProcessHeapsListIndex = heap.offset("ProcessHeapsListIndex");
        heapAlignRound = heap.offset("AlignRound");
        heapAlignMask = heap.offset("AlignMask");
        heapVirtualAllocdBlocks = heap.offset("VirtualAllocdBlocks");
        heapSegments = heap.offset("Segments");
        heapFreeListsInUse = heap.offset("FreeListsInUse");
        heapFreeLists = heap.offset("FreeLists");
        heapLockVariable = heap.offset("LockVariable");
        heapLastSegmentIndex = heap.offset("LastSegmentIndex");
        heapNextAvailableTagIndex = heap.offset("NextAvailableTagIndex");
        heapMaximumTagIndex = heap.offset("MaximumTagIndex");
        heapFrontEndHeap = heap.offset("FrontEndHeap");
        heapFrontEndHeapType = heap.offset("FrontEndHeapType");
        heapFrontHeapLockCount = heap.offset("FrontHeapLockCount");
        heapPseudoTagEntries = heap.offset("PseudoTagEntries");

        segment = new StructLayout.Builder("_HEAP_SEGMENT", arch)
            .add("Entry", HEAP_ENTRY).add("Signature", U32).add("Flags", U32).addPointer("Heap", "_HEAP")
            .add("LargestUnCommittedRange", SIZE).add("BaseAddress", PTR).add("NumberOfPages", U32)
            .addPointer("FirstEntry", "_HEAP_ENTRY").addPointer("LastValidEntry", "_HEAP_ENTRY")
            .add("NumberOfUnCommittedPages", U32)
            .add("NumberOfUnCommittedRanges", U32).addPointer("UnCommittedRanges", "_HEAP_UNCOMMMTTED_RANGE")
            .add("AllocatorBackTraceIndex", U16).add("Reserved", U16).addPointer("LastEntryInSegment", "_HEAP_ENTRY")
            .build();
        segSignature = segment.offset("Signature");
        segFlags = segment.offset("Flags");
        segHeap = segment.offset("Heap");
        segLargestUnCommittedRange = segment.offset("LargestUnCommittedRange");
        segBaseAddress = segment.offset("BaseAddress");
        segNumberOfPages = segment.offset("NumberOfPages");
        segFirstEntry = segment.offset("FirstEntry");
        segLastValidEntry = segment.offset("LastValidEntry");
        segNumberOfUnCommittedPages = segment.offset("NumberOfUnCommittedPages");
        segNumberOfUnCommittedRanges = segment.offset("NumberOfUnCommittedRanges");
        segUnCommittedRanges = segment.offset("UnCommittedRanges");
        segLastEntryInSegment = segment.offset("LastEntryInSegment");

        // HEAP_ENTRY_EXTRA is 8 bytes on x86 and 16 on x64 (a pointer-sized Settable after two USHORTs).
        virtualAllocEntry = new StructLayout.Builder("_HEAP_VIRTUAL_ALLOC_ENTRY", arch)
            .add("Entry", LIST_ENTRY).add("ExtraStuff", U16, 2).add("Settable", SIZE).add("CommitSize", SIZE)
            .add("ReserveSize", SIZE).add("BusyBlock", HEAP_ENTRY).build();
        vaCommitSize = virtualAllocEntry.offset("CommitSize");
        vaReserveSize = virtualAllocEntry.offset("ReserveSize");
        vaBusyBlock = virtualAllocEntry.offset("BusyBlock");

        int criticalSection = arch == Arch.X86 ? 0x18 : 0x28;
        heapBlockSize = align(heap.size() + criticalSection, g);
        segmentBlockSize = align(segment.size(), g);
    }

    public int freeListHead(int index) {
        return heapFreeLists + index * 2 * p;
    }

    public int segmentSlot(int index) {
        return heapSegments + index * p;
    }

    private static int align(int v, int a) {
        return (v + a - 1) / a * a;
    }
}
