package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.process.Process;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts that {@code !heap -s}'s SummaryOptions add after the summary table ({@link HeapSummaryCommand}). The
 * extension's own layouts for these options have no specimen; these are HeapLab's, built from the shapes the other
 * commands print:
 * <ul>
 * <li>{@code -v}: per heap {@code Validating heap 00240000: no problems found}, or {@code Validating heap 00240000:}
 * followed by the {@code !heap -v} lines ({@link HeapProblems}).
 * <li>{@code -a}: the heaps' segments and entries as {@code !heap -m} lists them (the blocks {@code !heap -h} lists
 * in WinDbg).
 * <li>{@code -c}: per heap {@code Contents of the busy blocks of heap 00240000:}, then for each busy block (the
 * heap's own structures left out) its entry line as in {@code !heap -m} and a {@code db} dump of its requested
 * bytes, at most {@value #CONTENT_BYTES} (0x40) per block; a longer block ends with
 * {@code     ... 1c0 more bytes (db 002406d0 L1c0)}.
 * <li>{@code -b BucketSize}, {@code -d DumpBlockSize}: per heap, as {@code !heap -stat -h} prints its table,
 * {@code  heap @ 00240000}, {@code bucket-size: 400}, a header, then one row per non-empty bucket of requested sizes
 * in ascending order, {@code     0-3ff 2 - 30  (100.00)}: the bucket's first and last size, the number of busy
 * blocks and their total requested bytes in hex, and the percentage of the heap's busy bytes. With {@code -d},
 * {@code Blocks of size 20:} and the entry line of each busy block whose requested size is DumpBlockSize
 * ({@code none} when there is none).
 * </ul>
 */
final class HeapSummaryDetails {
    /** Bytes of each block that {@code -s -c} dumps: four {@code db} lines. */
    static final int CONTENT_BYTES = 0x40;

    private HeapSummaryDetails() {
    }

    static void appendValidation(StringBuilder out, Process process, List<Long> heaps) {
        for (long heap : heaps) {
            StringBuilder problems = new StringBuilder();
            HeapProblems.appendValidation(problems, process, process.heaps().read(heap));
            out.append("Validating heap ").append(Texts.shortPtr(process.arch(), heap))
                .append(problems.length() == 0 ? ": no problems found\n" : ":\n").append(problems);
        }
    }

    static void appendContents(StringBuilder out, Process process, UserBlocks blocks, List<Long> heaps) {
        Arch arch = process.arch();
        for (long heap : heaps) {
            out.append("Contents of the busy blocks of heap ").append(Texts.shortPtr(arch, heap)).append(":\n");
            for (UserBlocks.Entry entry : blocks.entries()) {
                if (entry.heap().address() != heap) {
                    continue;
                }
                HeapBlock block = entry.block();
                out.append(HeapSegmentFormatter.entryLine(process, heap, block)).append('\n');
                long shown = Math.min(block.requested(), CONTENT_BYTES);
                if (shown > 0) {
                    out.append(MemoryDumpFormatter.format(process, DisplayFormat.BYTES, block.user(), shown));
                }
                long more = block.requested() - shown;
                if (more > 0) {
                    out.append("    ... ").append(Texts.hex(more)).append(" more bytes (db ")
                        .append(arch.ptrTick(block.user() + shown)).append(" L").append(Texts.hex(more))
                        .append(")\n");
                }
            }
        }
    }

    static void appendHistogram(StringBuilder out, Process process, UserBlocks blocks, List<Long> heaps,
                                long bucketSize, Long dumpSize) {
        Arch arch = process.arch();
        for (long heap : heaps) {
            Map<Long, long[]> buckets = new TreeMap<>(Long::compareUnsigned);
            long busy = 0;
            StringBuilder dump = new StringBuilder();
            for (UserBlocks.Entry entry : blocks.entries()) {
                if (entry.heap().address() != heap) {
                    continue;
                }
                long size = entry.block().requested();
                long[] bucket = buckets.computeIfAbsent(Long.divideUnsigned(size, bucketSize), b -> new long[2]);
                bucket[0]++;
                bucket[1] += size;
                busy += size;
                // DumpBlockSize is compared with the requested size, as the histogram counts (HeapLab's reading).
                if (dumpSize != null && size == dumpSize) {
                    dump.append(HeapSegmentFormatter.entryLine(process, entry.heap().address(), entry.block())).append('\n');
                }
            }
            out.append(" heap @ ").append(arch.ptr(heap)).append('\n')
                .append("bucket-size: ").append(Texts.hex(bucketSize)).append('\n')
                .append("    sizes    #blocks     total     ( %) (percent of total busy bytes)\n");
            for (Map.Entry<Long, long[]> bucket : buckets.entrySet()) {
                long first = bucket.getKey() * bucketSize;
                long[] counts = bucket.getValue();
                double percent = busy == 0 ? 0 : 100.0 * counts[1] / busy;
                out.append(String.format(Locale.ROOT, "    %x-%x %x - %x  (%.2f)\n", first, first + bucketSize - 1,
                    counts[0], counts[1], percent));
            }
            if (dumpSize != null) {
                out.append("Blocks of size ").append(Texts.hex(dumpSize))
                    .append(dump.length() == 0 ? ": none\n" : ":\n").append(dump);
            }
        }
    }
}
