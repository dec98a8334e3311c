package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapLayout;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.process.Process;

import java.util.List;
import java.util.Locale;

/**
 * The listings of {@code !heap}: the new debugger's list of heaps (heap-facts.md 5.1) and the index listing of
 * {@code !heap [-a|-h|-f|-m] [Heap]} in the layout of the seed's {@code !ntsdexts.heap -a} example (5.2): the index
 * line, the segment lines, then the _HEAP fields ({@code -h}), the free lists ({@code -f}), the segments' fields
 * ({@code -m}) and their entries ({@code -h} or {@code -m}: the seed's -h shows "all non-LFH entries"). Everything
 * is decoded from memory by HeapManager.read and the _HEAP layout.
 */
final class HeapListingFormatter {
    static final String INDEX_HEADER = "Index   Address  Name      Debugging options enabled\n";

    private HeapListingFormatter() {
    }

    /**
     * {@code !heap} without arguments. Addresses are right-aligned in 20 columns without leading zeros and
     * {@code NT Heap} follows 14 spaces later, as observed on x86 ({@code 7c0000}) and x64 ({@code 2b0a3bb0000}, a
     * public Win10 capture; the index lines of {@code !heap 0} drop them too, heap-facts 5.1). One x64 listing in
     * WinDbg-Feedback#260 shows all 16 digits: the captures without them are more, and agree with the index lines.
     */
    static String list(Process process) {
        StringBuilder out = new StringBuilder("        Heap Address      NT/Segment Heap\n\n");
        for (long heap : process.heaps().heapHandles()) {
            String address = Texts.hex(heap);
            out.append(Texts.right(address, 20)).append("              NT Heap\n");
        }
        return out.toString();
    }

    /** {@code -t}: each heap's tags. */
    static final int TAGS = 1;
    /** {@code -T}: each heap's pseudo-tags. */
    static final int PSEUDO_TAGS = 2;
    /** {@code -g}: the global tags, once after the heaps. */
    static final int GLOBAL_TAGS = 4;
    /** {@code -k}: the back trace of each busy entry in the {@code -m} listing. */
    static final int TRACES = 8;
    /** {@code -hl}: each heap's busy LFH chunks, after its other parts ({@link HeapLfhFormatter}). */
    static final int LFH_ENTRIES = 16;

    /**
     * With {@code validate} ({@code -v}) each heap's validation errors follow its parts ({@link HeapProblems});
     * {@code extras} adds the parts of {@link #TAGS}, {@link #PSEUDO_TAGS}, {@link #GLOBAL_TAGS} and {@link #TRACES}.
     */
    static String detail(Process process, List<Long> heaps, boolean fields, boolean freeLists, boolean segments,
                         boolean validate, int extras) {
        Arch arch = process.arch();
        StringBuilder out = new StringBuilder(INDEX_HEADER);
        for (long heap : heaps) {
            HeapInfo info = process.heaps().read(heap);
            // The seed prints no "Debugging options enabled" text even for a heap with tail and free checking.
            // The heap read: a page heap's handle reads as its NormalHeap, which !heap lists (and the parts below are)
            out.append(String.format(Locale.ROOT, "%3d:   %s \n", info.index(), Texts.shortPtr(arch, info.address())));
            for (HeapSegmentInfo segment : info.segments()) {
                out.append("    Segment at ").append(arch.ptr(segment.base())).append(" to ")
                    .append(arch.ptr(segment.lastValidEntry())).append(" (")
                    .append(Texts.hex8(segment.committedBytes())).append(" bytes committed)\n");
            }
            if (fields) {
                appendFields(out, process, info);
            }
            if (freeLists) {
                HeapFreeListFormatter.append(out, process, info);
            }
            if ((extras & TAGS) != 0) {
                HeapTagFormatter.appendTable(out, process.heaps().tags().tags(heap),
                    "No tags (HeapCreateTags makes them)");
            }
            if ((extras & PSEUDO_TAGS) != 0) {
                HeapTagFormatter.appendTable(out, process.heaps().tags().pseudoTags(heap),
                    "No pseudo-tags (the heap was created without +htg)");
            }
            if (segments || fields) {
                HeapSegmentFormatter.append(out, process, info, segments, (extras & TRACES) != 0);
            }
            if ((extras & LFH_ENTRIES) != 0) {
                HeapLfhFormatter.append(out, process, heap);
            }
            if (validate) {
                HeapProblems.appendValidation(out, process, info);
            }
        }
        if ((extras & GLOBAL_TAGS) != 0) {
            out.append("    Global tags\n");
            HeapTagFormatter.appendTable(out, process.heaps().tags().tags(process.globalTagHeap()),
                "No global tags (HeapCreateTags(NULL, ...) makes them)");
        }
        return out.toString();
    }

    /** The _HEAP fields ({@code -h}); labels and widths as in the seed, x64 pointers in 16 digits. */
    private static void appendFields(StringBuilder out, Process process, HeapInfo info) {
        Arch arch = process.arch();
        AddressSpace memory = process.memory();
        HeapLayout layout = process.heaps().layout();
        long heap = info.address();
        field(out, "Flags:               ", Texts.hex8(info.flags()));
        field(out, "ForceFlags:          ", Texts.hex8(info.forceFlags()));
        field(out, "Granularity:         ", arch.granularity() + " bytes");
        field(out, "Segment Reserve:     ", Texts.hex8(info.segmentReserve()));
        field(out, "Segment Commit:      ", Texts.hex8(info.segmentCommit()));
        field(out, "DeCommit Block Thres:", Texts.hex8(info.deCommitFreeBlockThreshold()));
        field(out, "DeCommit Total Thres:", Texts.hex8(info.deCommitTotalFreeThreshold()));
        field(out, "Total Free Size:     ", Texts.hex8(info.totalFreeSize()));
        field(out, "Max. Allocation Size:", arch.ptr(info.maximumAllocationSize()));
        field(out, "Lock Variable at:    ", arch.ptr(memory.readPtr(heap + layout.heapLockVariable)));
        field(out, "Next TagIndex:       ", hex4(memory.readU16(heap + layout.heapNextAvailableTagIndex)));
        field(out, "Maximum TagIndex:    ", hex4(memory.readU16(heap + layout.heapMaximumTagIndex)));
        // The extension prints these two as a ULONG (%08x): an x64 pointer's low 32 bits.
        field(out, "Tag Entries:         ",
            Texts.hex8(memory.readPtr(heap + layout.heap.offset("TagEntries")) & 0xFFFF_FFFFL));
        field(out, "PsuedoTag Entries:   ",
            Texts.hex8(memory.readPtr(heap + layout.heap.offset("PseudoTagEntries")) & 0xFFFF_FFFFL));
        field(out, "Virtual Alloc List:  ", Texts.shortPtr(arch, heap + layout.heapVirtualAllocdBlocks));
        field(out, "UCR FreeList:        ",
            Texts.shortPtr(arch, memory.readPtr(heap + layout.heap.offset("UnusedUnCommittedRanges"))));
        out.append("    128-bit bitmap of free lists\n");
        StringBuilder words = new StringBuilder();
        for (long word : info.freeListsInUse()) {
            words.append(words.length() == 0 ? "" : " ").append(Texts.hex8(word));
        }
        field(out, "FreeList Usage:      ", words.toString());
    }

    private static String hex4(int value) {
        return String.format(Locale.ROOT, "%04x", value);
    }

    private static void field(StringBuilder out, String label, String value) {
        out.append("    ").append(label).append(value).append('\n');
    }
}
