package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code !heap -v} and {@code !heap -triage} find wrong in a heap. The extension checks blocks itself by
 * decoding memory, as the debugger does: a busy block with FILL_PATTERN whose 0xAB tail after the requested bytes
 * changed (a buffer overrun), a free block with FILL_PATTERN whose 0xFEEEFEEE fill after its list links changed (a
 * write after free). The structural checks of heap-facts.md 1.10 (free lists, bitmap, PreviousSize chain, totals)
 * come from HeapManager.backEndValidationErrors; its messages about modified tails and fills are the block checks
 * above and are not repeated. Then, for {@code -triage} only, the LFH's problems (LowFragmentationHeap#problems): a
 * damaged chunk header is what an overrun of the chunk before it leaves, so it is a buffer overrun.
 *
 * <p>The {@code -v} lines follow heap-facts.md 1.9: {@code     Heap block at <entry> modified at <address> past
 * requested size of <size> (<units> * <granularity> - <unused>)} and, for free blocks (HeapLab's wording after
 * ntdll's message), {@code     Free Heap block <entry> modified at <address> after it was freed}; after a segment's
 * errors {@code ##The above errors were found in segment at 0x<SEGMENT BASE>}; structural errors follow, indented.
 */
final class HeapProblems {

    /** What kind of failure, named as the heap extension's failure types. */
    enum Kind {
        BUFFER_OVERRUN, USAGE_AFTER_FREE, ENTRY_CORRUPTION, FREELISTS_CORRUPTION
    }

    /**
     * One problem.
     *
     * @param kind         what went wrong
     * @param segment      the segment of the block, null for heap-wide problems and virtual blocks
     * @param block        the damaged block, null for heap-wide problems
     * @param errorAddress the first damaged byte, 0 when unknown
     * @param text         the {@code -v} line (without indentation) or the validation message
     */
    record Problem(Kind kind, HeapInfo heap, HeapSegmentInfo segment, HeapBlock block, long errorAddress,
                   String text) {
    }

    private HeapProblems() {
    }

    /**
     * Every problem of one heap: block checks per segment in address order, then structural ones, then with
     * {@code lfh} the LFH's ({@code -triage}; the seed: {@code -v} does not detect LFH corruption).
     */
    static List<Problem> find(Process process, HeapInfo info, boolean lfh) {
        Arch arch = process.arch();
        List<Problem> problems = new ArrayList<>();
        for (HeapSegmentInfo segment : info.segments()) {
            for (HeapBlock block : segment.blocks()) {
                if ((block.flags() & HeapConstants.HEAP_ENTRY_FILL_PATTERN) == 0) {
                    continue;
                }
                if (block.kind() == HeapBlock.Kind.BUSY) {
                    long tail = block.user() + block.requested();
                    long damaged = firstMismatch(process.memory(), tail, arch.granularity(), 0);
                    if (damaged != 0) {
                        long units = block.size() >> arch.shift();
                        problems.add(new Problem(Kind.BUFFER_OVERRUN, info, segment, block, damaged,
                            "Heap block at " + arch.ptr(block.entry()) + " modified at " + arch.ptr(damaged)
                                + " past requested size of " + Texts.hex(block.requested()) + " ("
                                + Texts.hex(units) + " * " + Texts.hex(arch.granularity()) + " - "
                                + Texts.hex(block.unusedBytes()) + ")"));
                    }
                } else if (block.kind() == HeapBlock.Kind.FREE) {
                    long body = block.user() + 2L * arch.pointerSize();
                    long end = block.entry() + block.size();
                    long damaged = body < end ? firstMismatch(process.memory(), body, end - body, 1) : 0;
                    if (damaged != 0) {
                        problems.add(new Problem(Kind.USAGE_AFTER_FREE, info, segment, block, damaged,
                            "Free Heap block " + arch.ptr(block.entry()) + " modified at " + arch.ptr(damaged)
                                + " after it was freed"));
                    }
                }
            }
        }
        for (String error : process.heaps().backEndValidationErrors(info.address())) {
            String lower = error.toLowerCase(Locale.ROOT);
            if (lower.contains("modified")) {
                continue; // a tail or free fill: reported above with its addresses
            }
            Kind kind = lower.contains("free list") || lower.contains("freelist") || lower.contains("totalfreesize")
                ? Kind.FREELISTS_CORRUPTION : Kind.ENTRY_CORRUPTION;
            problems.add(new Problem(kind, info, null, null, 0, error));
        }
        if (!lfh) {
            return problems;
        }
        for (LowFragmentationHeap.Problem chunk : process.heaps().lfh().problems(info.address())) {
            // An overrun of a chunk runs into the next chunk's header: the LFH's sign of a buffer overrun.
            problems.add(new Problem(chunk.chunkHeader() ? Kind.BUFFER_OVERRUN : Kind.ENTRY_CORRUPTION, info, null,
                null, chunk.address(), chunk.text()));
        }
        return problems;
    }

    /** The {@code -v} lines for one heap; nothing when the heap is sound. */
    static void appendValidation(StringBuilder out, Process process, HeapInfo info) {
        List<Problem> problems = find(process, info, false);
        HeapSegmentInfo current = null;
        for (Problem problem : problems) {
            if (current != null && problem.segment() != current) {
                appendSegmentLine(out, process.arch(), current);
            }
            current = problem.segment();
            out.append("    ").append(problem.text()).append('\n');
        }
        if (current != null) {
            appendSegmentLine(out, process.arch(), current);
        }
    }

    private static void appendSegmentLine(StringBuilder out, Arch arch, HeapSegmentInfo segment) {
        out.append("##The above errors were found in segment at 0x").append(Texts.upperPtr(arch, segment.base()))
            .append('\n');
    }

    /**
     * The first byte of [start, start+length) that differs from its fill, or 0: kind 0 is the 0xAB tail, kind 1 the
     * 0xFEEEFEEE free fill counted from {@code start}. Bytes that cannot be read (decommitted pages) are not damage.
     */
    private static long firstMismatch(AddressSpace memory, long start, long length, int kind) {
        long i = 0;
        while (i < length) {
            long at = start + i;
            long pageEnd = AddressSpace.alignDown(at, AddressSpace.PAGE_SIZE) + AddressSpace.PAGE_SIZE;
            int n = (int) Math.min(length - i, pageEnd - at);
            if (memory.isReadable(at)) {
                byte[] bytes = memory.readBytes(at, n);
                for (int k = 0; k < n; k++) {
                    long offset = i + k;
                    int expected = kind == 0 ? 0xAB : (int) (0xFEEEFEEEL >>> (8 * (offset & 3))) & 0xFF;
                    if ((bytes[k] & 0xFF) != expected) {
                        return start + offset;
                    }
                }
            }
            i += n;
        }
        return 0;
    }
}
