package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapTags;
import heaplab.engine.process.Process;

import java.util.List;
import java.util.Locale;

/**
 * What heap tags and back traces add to {@code !heap} listings, decoded from the blocks' HEAP_ENTRY_EXTRA, the tag
 * arrays and the stack trace database:
 * <ul>
 *   <li>the {@code (Tag name)} column of the entry listing (the seed's {@code (NTDLL!LDR Database)},
 *       {@code (Objects=  80)});</li>
 *   <li>the tag tables of {@code -t} (a heap's tags), {@code -T} (its pseudo-tags that counted something, by size)
 *       and {@code -g} (the global tags). The sources show no sample of these tables, so HeapLab's shape is one
 *       header and one row per tag, every number in hex as the extension prints numbers:
 *       <pre>
 *     Tag  Name                     Allocs    Frees     Diff  Allocated
 *     0001 Buffers                       3        1        2         60
 *       </pre></li>
 *   <li>back trace lines ({@code -k}, {@code !heap -p -a}), as {@code !heap -p -a} prints them:
 *       {@code         7c91b298 ntdll!RtlAllocateHeap+0x00000e64} (x86) or
 *       {@code         7ff8e4a5b04b ntdll!RtlAllocateHeap+0x000000000000004b} (x64, without leading zeros), with
 *       the step's source line after a call site of {@code main}: {@code  [demo.c @ 12]}.</li>
 * </ul>
 */
final class HeapTagFormatter {
    static final String TABLE_HEADER = "    Tag  Name                     Allocs    Frees     Diff  Allocated\n";

    private HeapTagFormatter() {
    }

    /** The tag name of a busy block, or null when it has none. */
    static String tagName(Process process, long heap, HeapBlock block) {
        if (!block.isBusy() || block.kind() == HeapBlock.Kind.INTERNAL) {
            return null;
        }
        HeapTags tags = process.heaps().tags();
        int index = tags.tagIndexOf(block.entry(), process.heaps().entries());
        return index == 0 ? null : tags.name(heap, process.globalTagHeap(), index);
    }

    /** A tag table, or a line saying there is nothing to list. */
    static void appendTable(StringBuilder out, List<HeapTags.TagCount> tags, String none) {
        if (tags.isEmpty()) {
            out.append("    ").append(none).append('\n');
            return;
        }
        out.append(TABLE_HEADER);
        for (HeapTags.TagCount tag : tags) {
            out.append(String.format(Locale.ROOT,
                "    %04x %-22s %8x %8x %8x %10x\n", tag.index(), tag.name(), tag.allocs(),
                tag.frees(), tag.difference(), tag.bytes()));
        }
    }

    /** The back trace of a busy block, one line per frame, or nothing when it has none. */
    static void appendTrace(StringBuilder out, Process process, HeapBlock block) {
        if (!block.isBusy() || block.kind() == HeapBlock.Kind.INTERNAL) {
            return;
        }
        int index = process.heaps().tags().backTraceIndexOf(block.entry(), process.heaps().entries());
        appendFrames(out, "        ", process, process.stackTraces().trace(index));
    }

    /** Frames, one per line after the indent: the address (8 digits on x86, no leading zeros on x64) and symbol. */
    static void appendFrames(StringBuilder out, String indent, Process process, long[] frames) {
        Arch arch = process.arch();
        for (long frame : frames) {
            out.append(indent).append(arch == Arch.X86 ? arch.ptr(frame) : Texts.hex(frame)).append(' ')
                .append(process.modules().frameText(frame, arch == Arch.X86 ? 8 : 16)).append('\n');
        }
    }
}
