package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.process.Process;

import java.util.List;
import java.util.Locale;

/**
 * The LFH part of {@code !heap -hl}, after a heap's other parts: per UserBlocks (bucket order, then the bucket's
 * list) a line {@code     LFH UserBlocks at 00251000: bucket 4, 0x28-byte chunks, 2 of 102 busy}, then one line
 * per busy chunk in the shape of the {@code -m} entry lines: {@code 00251048: 00028 . 00028 [81] - busy (20)}, the
 * chunk's header address, the chunk stride as both sizes and the header's last byte as flags. HeapLab's choices
 * (no specimen): free chunks are counted, not listed, and a heap whose LFH was never used prints nothing.
 */
final class HeapLfhFormatter {

    private HeapLfhFormatter() {
    }

    static void append(StringBuilder out, Process process, long heap) {
        Arch arch = process.arch();
        List<LowFragmentationHeap.Chunk> chunks = process.heaps().lfh().chunks(heap);
        int i = 0;
        while (i < chunks.size()) {
            long userBlocks = chunks.get(i).userBlocks();
            int end = i;
            int busy = 0;
            while (end < chunks.size() && chunks.get(end).userBlocks() == userBlocks) {
                busy += chunks.get(end).busy() ? 1 : 0;
                end++;
            }
            LowFragmentationHeap.Chunk first = chunks.get(i);
            out.append("    LFH UserBlocks at ").append(arch.ptr(userBlocks)).append(": bucket ")
                .append(first.bucket()).append(", 0x").append(Texts.hex(first.stride())).append("-byte chunks, ")
                .append(busy).append(" of ").append(end - i).append(" busy\n");
            for (int k = i; k < end; k++) {
                LowFragmentationHeap.Chunk chunk = chunks.get(k);
                if (chunk.busy()) {
                    out.append(arch.ptr(LowFragmentationHeap.entryOf(arch, chunk))).append(": ")
                        .append(Texts.hex5(chunk.stride()))
                        .append(" . ").append(Texts.hex5(chunk.stride()))
                        .append(String.format(Locale.ROOT, " [%02x]", process.memory().readByte(chunk.header() + 7)))
                        .append(" - busy (").append(Texts.hex(chunk.requested())).append(")\n");
                }
            }
            i = end;
        }
    }
}
