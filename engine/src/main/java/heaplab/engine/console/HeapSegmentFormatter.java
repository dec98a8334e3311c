package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapLayout;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.process.Process;

import java.util.Locale;

/**
 * The segment part of {@code !heap -m} / {@code -a}, as in the seed: per segment its _HEAP_SEGMENT fields and
 * uncommitted ranges, then {@code Heap entries for SegmentNN in Heap X}, the flag legend, and one line per entry
 * (sizes in bytes) with the uncommitted ranges in address order.
 *
 * <p>Virtual-alloc blocks have no specimen in the seed; HeapLab lists them after the segments under
 * {@code     Virtual Alloc List at <list head>:} in the same entry format, PreviousSize 0 and Size the block's
 * bytes from its header to the end of its committed pages.
 */
final class HeapSegmentFormatter {
    private static final String LEGEND = ""
        + "                        0x01 - HEAP_ENTRY_BUSY            \n"
        + "                        0x02 - HEAP_ENTRY_EXTRA_PRESENT   \n"
        + "                        0x04 - HEAP_ENTRY_FILL_PATTERN    \n"
        + "                        0x08 - HEAP_ENTRY_VIRTUAL_ALLOC   \n"
        + "                        0x10 - HEAP_ENTRY_LAST_ENTRY      \n"
        + "                        0x20 - HEAP_ENTRY_SETTABLE_FLAG1  \n"
        + "                        0x40 - HEAP_ENTRY_SETTABLE_FLAG2  \n"
        + "Entry     Prev    Cur   0x80 - HEAP_ENTRY_SETTABLE_FLAG3  \n"
        + "\n"
        + "Address   Size    Size  flags       (Bytes used)    (Tag name)\n";

    private HeapSegmentFormatter() {
    }

    /**
     * The segments' entries, each segment's _HEAP_SEGMENT fields before them with {@code records} ({@code -m}; the
     * entries alone are {@code -h}'s "all non-LFH entries" in the seed); with {@code traces} ({@code -k}) each busy
     * block's back trace follows it.
     */
    static void append(StringBuilder out, Process process, HeapInfo info, boolean records, boolean traces) {
        Arch arch = process.arch();
        HeapLayout layout = process.heaps().layout();
        for (HeapSegmentInfo segment : info.segments()) {
            String name = String.format(Locale.ROOT, "Segment%02x", segment.index());
            if (records) {
                appendRecord(out, process, segment, name);
            }
            out.append("\n    Heap entries for ").append(name).append(" in Heap ").append(Texts.hex(info.address()))
                .append('\n').append(LEGEND);
            appendEntries(out, process, info.address(), segment, traces);
        }
        if (!info.virtualBlocks().isEmpty()) {
            long head = info.address() + layout.heapVirtualAllocdBlocks;
            out.append("    Virtual Alloc List at ").append(arch.ptr(head)).append(":\n");
            for (HeapBlock block : info.virtualBlocks()) {
                out.append(entryLine(process, info.address(), block)).append('\n');
                if (traces) {
                    HeapTagFormatter.appendTrace(out, process, block);
                }
            }
        }
    }

    /** A segment's _HEAP_SEGMENT fields and uncommitted ranges, as the seed's {@code Segment00 at 00250b90:}. */
    private static void appendRecord(StringBuilder out, Process process, HeapSegmentInfo segment, String name) {
        Arch arch = process.arch();
        AddressSpace memory = process.memory();
        HeapLayout layout = process.heaps().layout();
        long largest = memory.readPtr(segment.address() + layout.segLargestUnCommittedRange);
        out.append("    ").append(name).append(" at ").append(arch.ptr(segment.address())).append(":\n")
            .append("Flags:           ").append(Texts.hex8(memory.readU32(segment.address() + layout.segFlags)))
            .append('\n')
            .append("Base:            ").append(arch.ptr(segment.base())).append('\n')
            .append("First Entry:     ").append(arch.ptr(segment.firstEntry())).append('\n')
            .append("Last Entry:      ").append(arch.ptr(segment.lastValidEntry())).append('\n')
            .append("Total Pages:     ").append(Texts.hex8(segment.numberOfPages())).append('\n')
            .append("Total UnCommit:  ").append(Texts.hex8(segment.uncommittedPages())).append('\n')
            .append("Largest UnCommit:").append(Texts.hex8(largest)).append('\n')
            .append("UnCommitted Ranges: (").append(segment.uncommitted().size()).append(")\n");
        for (HeapSegmentInfo.UncommittedRange range : segment.uncommitted()) {
            out.append("    ").append(arch.ptr(range.address())).append(": ").append(Texts.hex8(range.size()))
                .append('\n');
        }
    }

    /** The segment's entries and uncommitted ranges, merged in address order. */
    private static void appendEntries(StringBuilder out, Process process, long heap, HeapSegmentInfo segment,
                                      boolean traces) {
        Arch arch = process.arch();
        int r = 0;
        for (HeapBlock block : segment.blocks()) {
            while (r < segment.uncommitted().size() && segment.uncommitted().get(r).address() < block.entry()) {
                out.append(uncommittedLine(arch, segment.uncommitted().get(r++)));
            }
            out.append(entryLine(process, heap, block)).append('\n');
            if (traces) {
                HeapTagFormatter.appendTrace(out, process, block);
            }
        }
        if (segment.damagedEntry() != 0) {
            while (r < segment.uncommitted().size()
                && segment.uncommitted().get(r).address() < segment.damagedEntry()) {
                out.append(uncommittedLine(arch, segment.uncommitted().get(r++)));
            }
            out.append(damagedLine(process, segment.damagedEntry()));
        }
        while (r < segment.uncommitted().size()) {
            out.append(uncommittedLine(arch, segment.uncommitted().get(r++)));
        }
    }

    /**
     * Where the walk stops: the entry whose Size leads nowhere, with its header's fields as read. HeapLab's wording
     * (no specimen shows a debugger's line for it); !heap -v and -triage say what is wrong in detail.
     */
    private static String damagedLine(Process process, long entry) {
        Arch arch = process.arch();
        HeapLayout l = process.heaps().layout();
        AddressSpace memory = process.memory();
        if (!memory.isReadable(entry, l.g)) {
            return arch.ptr(entry) + ": the walk stops here: the entry cannot be read\n";
        }
        long size = (long) memory.readU16(entry + l.entrySize) << arch.shift();
        long previous = (long) memory.readU16(entry + l.entryPreviousSize) << arch.shift();
        return arch.ptr(entry) + ": " + Texts.hex5(previous) + " . " + Texts.hex5(size)
            + String.format(Locale.ROOT, " [%02x]", memory.readByte(entry + l.entryFlags))
            + " - damaged header: the walk stops here (!heap -v tells more)\n";
    }

    private static String uncommittedLine(Arch arch, HeapSegmentInfo.UncommittedRange range) {
        return arch.ptr(range.address()) + ":      " + Texts.hex8(range.size()) + "      - uncommitted bytes.\n";
    }

    /**
     * {@code 00250bc8: 00038 . 00040 [07] - busy (24), tail fill}, {@code 002527b0: 00058 . 00010 [04] free fill},
     * and a free block without the fill pattern its flags alone, {@code 003c1e88: 01808 . 06178 [10]}, as an XP SP3
     * capture of {@code !heap -h} shows it (the free lists' part says {@code - free}: HeapFreeListFormatter); a tagged
     * busy block ends with its tag name in parentheses, as the seed's {@code - busy (24), tail fill (NTDLL!LDR
     * Database)}.
     */
    static String entryLine(Process process, long heap, HeapBlock block) {
        Arch arch = process.arch();
        boolean fill = (block.flags() & HeapConstants.HEAP_ENTRY_FILL_PATTERN) != 0;
        StringBuilder line = new StringBuilder(arch.ptr(block.entry())).append(": ")
            .append(Texts.hex5(block.previousSize())).append(" . ").append(Texts.hex5(block.size()))
            .append(String.format(Locale.ROOT, " [%02x]", block.flags()));
        if (block.isBusy()) {
            line.append(" - busy (").append(Texts.hex(block.requested())).append(')');
            if (fill) {
                line.append(", tail fill");
            }
            String tag = HeapTagFormatter.tagName(process, heap, block);
            if (tag != null) {
                line.append(" (").append(tag).append(')');
            }
        } else {
            line.append(fill ? " free fill" : "");
        }
        return line.toString();
    }
}
