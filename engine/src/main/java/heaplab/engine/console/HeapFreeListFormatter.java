package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.FreeListInfo;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapLayout;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.process.Process;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The free-list part of {@code !heap -f} / {@code -a}, as in the seed: three header lines, then each non-empty
 * {@code FreeList[ nn ] at <head>: <blink> . <flink>} with its blocks walked from Flink as
 * {@code <entry>: <prev bytes> . <size bytes> [<flags>] - free}; the short flag legend follows the first list head,
 * and a line holding one space ends the part.
 */
final class HeapFreeListFormatter {
    private static final String HEADER = ""
        + "              Free    Free\n"
        + "              List    List\n"
        + "#       Head      Blink      Flink\n";
    private static final String LEGEND = ""
        + "                                0x02 - HEAP_ENTRY_EXTRA_PRESENT\n"
        + "                                0x04 - HEAP_ENTRY_FILL_PATTERN\n"
        + "        Entry     Prev    Cur   0x10 - HEAP_ENTRY_LAST_ENTRY\n"
        + "\n"
        + "Address   Size    Size  flags\n";

    private HeapFreeListFormatter() {
    }

    static void append(StringBuilder out, Process process, HeapInfo info) {
        Arch arch = process.arch();
        Map<Long, HeapBlock> blocks = new HashMap<>();
        for (HeapSegmentInfo segment : info.segments()) {
            for (HeapBlock block : segment.blocks()) {
                blocks.put(block.entry(), block);
            }
        }
        out.append(HEADER);
        boolean legend = false;
        for (FreeListInfo list : info.freeLists()) {
            if (list.flink() == list.head()) {
                continue;
            }
            out.append(String.format(Locale.ROOT,
                "    FreeList[ %02x ] at %s: %s . %s\n", list.index(), arch.ptr(list.head()),
                arch.ptr(list.blink()), arch.ptr(list.flink())));
            if (!legend) {
                out.append(LEGEND);
                legend = true;
            }
            for (FreeListInfo.Entry entry : list.entries()) {
                out.append(arch.ptr(entry.entry())).append(": ")
                    .append(Texts.hex5(previousSize(process, blocks, entry.entry()))).append(" . ")
                    .append(Texts.hex5(entry.size())).append(String.format(Locale.ROOT,
                        " [%02x] - free\n", entry.flags()));
            }
        }
        out.append(" \n");
    }

    /** PreviousSize in bytes: from the segment walk, or read from the header when the walk did not reach it. */
    private static long previousSize(Process process, Map<Long, HeapBlock> blocks, long entry) {
        HeapBlock block = blocks.get(entry);
        if (block != null) {
            return block.previousSize();
        }
        HeapLayout layout = process.heaps().layout();
        AddressSpace memory = process.memory();
        int low = memory.peekByte(entry + layout.entryPreviousSize);
        int high = memory.peekByte(entry + layout.entryPreviousSize + 1);
        return low < 0 || high < 0 ? 0 : (long) (low | high << 8) << process.arch().shift();
    }
}
