package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.process.Process;

import java.util.Locale;

/**
 * {@code !heap -x Address} in the newer layout (heap-facts.md 5.6): the header, a dashed rule (77 characters on x86,
 * 109 on x64) and one row for the block containing the address (header or user bytes): Entry, User, Heap, Segment,
 * then Size, PrevSize and Unused in hex right-aligned in 10 columns, then the flag words. Each word is followed by a
 * space, {@code internal} (the heap's own blocks) by a second one before it, as observed
 * ({@code busy extra fill  internal}).
 *
 * <p>With {@code -v} a blank line and the {@code Search VM} line of the seed's {@code !heap -x -v} example follow.
 *
 * <p>An address in an LFH chunk (header or bytes) gets the chunk's row rather than its UserBlocks': Entry = the
 * chunk header, Size and PrevSize = the chunk stride, Unused = the stride less the requested bytes (header
 * included, as for a back-end block; 0 when free), the UserBlocks' segment, and the words {@code busy lfh} or
 * {@code free lfh} (HeapLab's words: no specimen).
 *
 * <p>For an address in no heap block the heap extension's text is unconfirmed; HeapLab prints
 * {@code Address 12345678 not found in any heap block} and reports an error.
 */
final class HeapEntryFormatter {
    private static final String HEADER_X86 =
        "Entry     User      Heap      Segment       Size  PrevSize  Unused    Flags\n";
    private static final String HEADER_X64 = "Entry             User              Heap              Segment"
        + "               Size  PrevSize  Unused    Flags\n";

    private HeapEntryFormatter() {
    }

    static CommandResult format(Process process, long address, boolean searchVm) {
        Arch arch = process.arch();
        long a = address & arch.pointerMask();
        for (long heap : process.heaps().heapHandles()) {
            HeapInfo info = process.heaps().read(heap);
            boolean x86 = arch == Arch.X86;
            LowFragmentationHeap.Chunk chunk = process.heaps().lfh().chunks(heap).stream()
                .filter(c -> Long.compareUnsigned(a - LowFragmentationHeap.entryOf(arch, c), c.stride()) < 0)
                .findFirst().orElse(null);
            if (chunk != null) {
                String text = (x86 ? HEADER_X86 : HEADER_X64) + "-".repeat(x86 ? 77 : 109) + "\n"
                    + chunkRow(arch, info, chunk) + "\n";
                HeapBlock range = new HeapBlock(chunk.header(), chunk.user(), chunk.stride(), chunk.stride(), 0, 0,
                    chunk.requested(), -1, HeapBlock.Kind.BUSY); // -v: pointers into the chunk
                return new CommandResult(searchVm ? text + "\n" + searchLine(process, range) : text, false);
            }
            HeapBlock block = info.blockAt(a);
            if (block != null) {
                // The LFH's own blocks (its structure, each UserBlocks) are the heap's, as its header blocks are.
                boolean internal = process.heaps().lfh().isOwnBlock(heap, block.user());
                String text = (x86 ? HEADER_X86 : HEADER_X64) + "-".repeat(x86 ? 77 : 109) + "\n"
                    + row(arch, info, block, internal) + "\n";
                return new CommandResult(searchVm ? text + "\n" + searchLine(process, block) : text, false);
            }
        }
        return new CommandResult("Address " + arch.ptr(a) + " not found in any heap block\n", true);
    }

    /**
     * {@code -v}: {@code Search VM for address range <entry> - <last byte> : <where> (<value>), ...}, every
     * pointer-aligned place in committed, readable memory (heaps included) whose value points into the block, in
     * address order, each followed by a comma as in the seed's single-hit example.
     */
    private static String searchLine(Process process, HeapBlock block) {
        Arch arch = process.arch();
        long first = block.entry();
        long last = block.entry() + block.size() - 1;
        StringBuilder line = new StringBuilder("Search VM for address range ").append(arch.ptr(first)).append(" - ")
            .append(arch.ptr(last)).append(" :");
        MemoryScan.regions(process, region -> true, (where, value) -> {
            if (value >= first && value <= last) {
                line.append(' ').append(arch.ptr(where)).append(" (").append(arch.ptr(value)).append("),");
            }
        });
        return line.append('\n').toString();
    }

    static String row(Arch arch, HeapInfo info, HeapBlock block, boolean internal) {
        return String.format(Locale.ROOT,
            "%s  %s  %s  %s%10x%10x%10x  %s", arch.ptr(block.entry()), arch.ptr(block.user()),
            arch.ptr(info.address()), arch.ptr(segmentOf(info, block)), block.size(), block.previousSize(),
            block.unusedBytes(), flagWords(block, internal));
    }

    /** The row of an LFH chunk. */
    private static String chunkRow(Arch arch, HeapInfo info, LowFragmentationHeap.Chunk chunk) {
        HeapBlock userBlocks = info.blockAt(chunk.userBlocks());
        long segment = userBlocks == null ? 0 : segmentOf(info, userBlocks);
        // Header included, as a back-end block's UnusedBytes (heap-facts.md 1.1). A damaged header can claim more
        // than the chunk holds: the difference wraps as the debugger's ULONG does.
        long unused = chunk.busy() ? chunk.stride() - chunk.requested() : 0;
        unused &= 0xFFFF_FFFFL;
        return String.format(Locale.ROOT,
            "%s  %s  %s  %s%10x%10x%10x  %s", arch.ptr(LowFragmentationHeap.entryOf(arch, chunk)),
            arch.ptr(chunk.user()),
            arch.ptr(info.address()), arch.ptr(segment), chunk.stride(), chunk.stride(), unused,
            chunk.busy() ? "busy lfh " : "free lfh ");
    }

    /** The _HEAP_SEGMENT of the segment whose blocks include this one; 0 for a virtual-alloc block. */
    private static long segmentOf(HeapInfo info, HeapBlock block) {
        for (HeapSegmentInfo segment : info.segments()) {
            if (segment.blocks().contains(block)) {
                return segment.address();
            }
        }
        return 0;
    }

    static String flagWords(HeapBlock block) {
        return flagWords(block, false);
    }

    /** The flag words of {@code -x}; {@code internal} also for a busy block the heap uses itself (the LFH's). */
    static String flagWords(HeapBlock block, boolean internal) {
        int f = block.flags();
        StringBuilder words = new StringBuilder(block.isBusy() ? "busy " : "free ");
        if ((f & HeapConstants.HEAP_ENTRY_EXTRA_PRESENT) != 0) {
            words.append("extra ");
        }
        if ((f & HeapConstants.HEAP_ENTRY_FILL_PATTERN) != 0) {
            words.append("fill ");
        }
        if ((f & HeapConstants.HEAP_ENTRY_VIRTUAL_ALLOC) != 0) {
            words.append("virtual ");
        }
        if ((f & HeapConstants.HEAP_ENTRY_LAST_ENTRY) != 0) {
            words.append("last ");
        }
        if ((f & HeapConstants.HEAP_ENTRY_SETTABLE_FLAG1) != 0) {
            words.append("user_flag ");
        }
        if (block.kind() == HeapBlock.Kind.INTERNAL || internal) {
            words.append(" internal ");
        }
        return words.toString();
    }
}
