package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapLayout;
import heaplab.engine.process.Process;

import java.util.Locale;

/**
 * {@code !heap -i Address}. A heap handle sets the heap context ({@code Heap context set to the heap 0x...}); any
 * other address is taken as a HEAP_ENTRY and its header decoded, in the layout of observed outputs:
 * <pre>
 * Detailed information for block entry 001e2570
 * Assumed heap       : 0x001a0000 (Use !heap -i NewHeapHandle to change)
 * Header content     : 0x1570F4EC 0x0C0015BE
 * Owning segment     : 0x001a0000 (offset 0)
 * Block flags        : 0x1 (busy )
 * Total block size   : 0x6 units (0x30 bytes)
 * Requested size     : 0x24 bytes (unused 0xc bytes)
 * Previous block size: 0xd units (0x68 bytes)
 * Previous block     : 0x001e2508
 * Next block         : 0x001e25a0
 * </pre>
 * Like the debugger, it decodes whatever bytes are at the address (a user pointer gives nonsense). HeapLab's heap is
 * the classic one: headers are not encoded, so there is no {@code (decoded : ...)} part and no {@code Block CRC}
 * line. Header content is the 8 bytes of Size..UnusedBytes (x64: after PreviousBlockPrivateData) as two dwords.
 * Owning segment is Segments[SegmentOffset], the segment's header. Without a context the assumed heap is the heap
 * holding the address, else the process heap. Free blocks have no requested size line; a virtual-alloc block's size
 * comes from its _HEAP_VIRTUAL_ALLOC_ENTRY (its Size field holds the unused bytes) and it has no owning segment.
 *
 * @param address the entry or heap handle
 * @param heap    the HeapAddress of {@code !heap -i Address -h HeapAddress}: the heap context set first; or null
 */
record HeapBlockInfoCommand(long address, Long heap) implements ConsoleCommand {

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        Arch arch = process.arch();
        long entry = address & arch.pointerMask();
        if (heap != null) {
            position.setHeapContext(heap); // checked to be a heap when the line was parsed
        }
        if (heap == null && process.heaps().isHeap(entry)) {
            position.setHeapContext(entry);
            return new CommandResult("Heap context set to the heap " + Texts.ptr0x(arch, entry) + "\n", false);
        }
        HeapLayout l = process.heaps().layout();
        AddressSpace memory = process.memory();
        long heap = assumedHeap(process, position, entry);
        LowFragmentationHeap.Chunk chunk = process.heaps().lfh().chunkAt(heap, entry + arch.granularity());
        if (chunk != null && LowFragmentationHeap.entryOf(arch, chunk) == entry) {
            return new CommandResult(chunkInformation(process, heap, chunk), false);
        }
        long header = entry + l.entrySize;
        int units = memory.readU16(entry + l.entrySize);
        int flags = memory.readByte(entry + l.entryFlags);
        int previousUnits = memory.readU16(entry + l.entryPreviousSize);
        int segmentIndex = memory.readByte(entry + l.entrySegmentOffset);
        int unused = memory.readByte(entry + l.entryUnusedBytes);
        boolean virtual = (flags & HeapConstants.HEAP_ENTRY_VIRTUAL_ALLOC) != 0;
        long bytes = (long) units << arch.shift();
        long requested = bytes - unused;
        if (virtual) {
            // Size holds the unused bytes; the real size is CommitSize - Size (heap-facts.md 1.1).
            long commit = memory.readPtr(entry - l.vaBusyBlock + l.vaCommitSize);
            bytes = commit - l.vaBusyBlock;
            unused = units;
            requested = commit - units;
        }
        StringBuilder out = new StringBuilder("Detailed information for block entry ").append(arch.ptr(entry))
            .append('\n');
        line(out, "Assumed heap       ", Texts.ptr0x(arch, heap) + " (Use !heap -i NewHeapHandle to change)");
        line(out, "Header content     ", String.format(Locale.ROOT, "0x%08X 0x%08X", memory.readU32(header),
            memory.readU32(header + 4)));
        if (!virtual && segmentIndex < HeapConstants.HEAP_SEGMENTS) {
            // The segment's header, as !heap -x and -m name it (the specimen's heap base is where a modern heap's
            // first segment header is; HeapLab's classic heap keeps Segments[0] after the _HEAP).
            long segment = memory.readPtr(heap + l.segmentSlot(segmentIndex));
            line(out, "Owning segment     ", Texts.ptr0x(arch, segment) + " (offset " + Texts.hex(segmentIndex)
                + ")");
        }
        line(out, "Block flags        ", "0x" + Texts.hex(flags) + " (" + flagWords(flags) + ")");
        line(out, "Total block size   ", "0x" + Texts.hex(bytes >> arch.shift()) + " units (0x" + Texts.hex(bytes)
            + " bytes)");
        if ((flags & HeapConstants.HEAP_ENTRY_BUSY) != 0) {
            line(out, "Requested size     ", "0x" + Texts.hex(requested) + " bytes (unused 0x"
                + Texts.hex(unused) + " bytes)");
        }
        long previousBytes = (long) previousUnits << arch.shift();
        line(out, "Previous block size", "0x" + Texts.hex(previousUnits) + " units (0x" + Texts.hex(previousBytes)
            + " bytes)");
        line(out, "Previous block     ", Texts.ptr0x(arch, entry - previousBytes));
        line(out, "Next block         ", Texts.ptr0x(arch, entry + bytes));
        return new CommandResult(out.toString(), false);
    }

    /**
     * An LFH chunk's header decoded as what it is (HeapLab's LFH keeps its own 8-byte chunk header, not an encoded
     * _HEAP_ENTRY, so the entry layout would read nonsense): the owning UserBlocks and bucket, the state, the chunk
     * size and the requested bytes, and the chunks beside it.
     */
    private static String chunkInformation(Process process, long heap, LowFragmentationHeap.Chunk chunk) {
        Arch arch = process.arch();
        AddressSpace memory = process.memory();
        int state = memory.readByte(chunk.header() + 7);
        long entry = LowFragmentationHeap.entryOf(arch, chunk);
        StringBuilder out = new StringBuilder("Detailed information for block entry ").append(arch.ptr(entry))
            .append('\n');
        line(out, "Assumed heap       ", Texts.ptr0x(arch, heap) + " (Use !heap -i NewHeapHandle to change)");
        line(out, "Header content     ", String.format(Locale.ROOT, "0x%08X 0x%08X", memory.readU32(chunk.header()),
            memory.readU32(chunk.header() + 4)));
        line(out, "Owning UserBlocks  ", Texts.ptr0x(arch, chunk.userBlocks()) + " (LFH bucket " + chunk.bucket()
            + ", chunk " + chunk.index() + ")");
        line(out, "Block flags        ", "0x" + Texts.hex(state) + " (" + (chunk.busy() ? "busy" : "free") + " lfh )");
        line(out, "Total block size   ", "0x" + Texts.hex(chunk.stride() >> arch.shift()) + " units (0x"
            + Texts.hex(chunk.stride()) + " bytes)");
        if (chunk.busy()) {
            line(out, "Requested size     ", "0x" + Texts.hex(chunk.requested()) + " bytes (unused 0x"
                + Texts.hex((chunk.stride() - chunk.requested()) & 0xFFFF_FFFFL) + " bytes)");
        }
        if (chunk.index() > 0) {
            line(out, "Previous block     ", Texts.ptr0x(arch, entry - chunk.stride()));
        }
        line(out, "Next block         ", Texts.ptr0x(arch, entry + chunk.stride()));
        return out.toString();
    }

    private static long assumedHeap(Process process, DisplayPosition position, long entry) {
        Long context = position.heapContext();
        if (context != null && process.heaps().isHeap(context)) {
            return context;
        }
        long owner = process.heaps().heapOf(entry);
        return owner != 0 ? owner : process.heaps().processHeap();
    }

    /**
     * {@code busy extra fill } as observed: each word followed by a space; the words of {@code !heap -x}
     * (heap-facts.md 1.1), none for SETTABLE_FLAG2 and 3.
     */
    private static String flagWords(int flags) {
        StringBuilder words = new StringBuilder((flags & HeapConstants.HEAP_ENTRY_BUSY) != 0 ? "busy " : "free ");
        String[] names = {"extra ", "fill ", "virtual ", "last ", "user_flag "};
        for (int bit = 1; bit <= names.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                words.append(names[bit - 1]);
            }
        }
        return words.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(label).append(": ").append(value).append('\n');
    }
}
