package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.FreeListInfo;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.process.Process;

import java.util.List;
import java.util.Locale;

/**
 * {@code !heap -s [Heap]} (heap-facts.md 5.3): the debugging aids NtGlobalFlag turns on, the LFH key and the
 * termination-on-corruption line, then one row per heap. Columns: handle, Flags, then in KB (decimal) the reserved
 * and committed bytes of the segments, Virt (HeapLab: the same as Reserv, as in every small-heap specimen; WinDbg
 * corrects it for large uncommitted ranges by a rule we have not confirmed) and the free bytes (TotalFreeSize);
 * List length (blocks on the free lists), UCR (uncommitted ranges), Virt blocks, Lock contention (0: the simulation
 * has one thread) and Fast heap ({@code LFH} when the heap's HeapCompatibilityInformation is 2, else blank, as
 * in WinDbg's rows). With a Heap argument, the heap's detail form instead ({@link #detail}).
 */
final class HeapSummaryFormatter {
    /** A fixed, deterministic stand-in for the per-boot random LFH key. */
    static final long LFH_KEY_X86 = 0x5d3c8f1aL;
    static final long LFH_KEY_X64 = 0x6e2f4a9c17b35d08L;

    private static final String HEADER = ""
        + "  Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock  Fast \n"
        + "                    (k)     (k)    (k)     (k) length      blocks cont. heap \n";
    private static final String RULE = "-".repeat(77) + "\n";
    /** x64: the heap column is 8 characters wider. */
    private static final String WIDE = "        ";
    private static final String WIDE_RULE = "--------";

    /** Global flags (heap-facts.md 1.7) and the names the summary gives them. */
    private static final long[] AID_FLAGS = {0x10, 0x20, 0x40, 0x80, 0x1000, 0x00200000, 0x800};
    private static final String[] AID_NAMES = {"tail checking", "free checking", "validate parameters",
        "validate on call", "stack back traces", "disable coalescing of free blocks", "heap tagging"};

    private HeapSummaryFormatter() {
    }

    static String format(Process process, List<Long> heaps) {
        Arch arch = process.arch();
        boolean wide = arch == Arch.X64;
        StringBuilder out = new StringBuilder();
        appendDebuggingAids(out, process.globalFlags());
        out.append("LFH Key                   : 0x")
            .append(wide ? arch.ptr(LFH_KEY_X64) : arch.ptr(LFH_KEY_X86)).append('\n')
            .append("Termination on corruption : ")
            // The process's switch, which HeapSetInformation(HeapEnableTerminationOnCorruption) turns on.
            .append(process.heaps().terminatesOnCorruption() ? "ENABLED" : "DISABLED")
            .append('\n');
        for (String line : HEADER.split("\n")) {
            out.append(wide ? WIDE : "").append(line).append('\n');
        }
        String rule = (wide ? WIDE_RULE : "") + RULE;
        out.append(rule);
        for (long heap : heaps) {
            HeapInfo info = process.heaps().read(heap);
            // Observed: a line per virtual-alloc block before its heap's row. WinDbg's show the base twice and size 0
            // (heap-facts.md 5.3); HeapLab's show the allocation's range and size in the same shape.
            for (HeapBlock block : info.virtualBlocks()) {
                var region = process.memory().regionAt(block.entry());
                long base = region == null ? block.entry() : region.base();
                long end = block.entry() + block.size();
                out.append("Virtual block: ").append(arch.ptr(base)).append(" - ").append(arch.ptr(end))
                    .append(" (size ").append(String.format(Locale.ROOT, "%08x", end - base)).append(")\n");
            }
            out.append(row(arch, info, process.heaps().compatibility(heap))).append('\n');
        }
        out.append(rule);
        return out.toString();
    }

    /**
     * {@code !heap -s <heap>}: the heap's detail form (heap-facts.md 5.3, from a debugger that printed the table for
     * {@code !heap -s}), its labels in three columns. The values are the table's: Virtual bytes is Reserv, as in the
     * Win7 table whose Virt equals Reserv; external fragmentation is 1 - the largest free block / the free bytes, and
     * virtual address fragmentation 1 - committed / virtual bytes, both in whole percent rounded down (the specimen's
     * 6% for 56540 of 60592 KB); Virtual blocks totals their committed KB (the specimen's 0 KBytes for 124 blocks is
     * taken for the same slip as its "Virtual block: base - base (size 00000000)" lines).
     */
    static String detail(Process process, long heap) {
        Arch arch = process.arch();
        HeapInfo info = process.heaps().read(heap);
        Totals t = Totals.of(arch, info);
        long virtualKb = 0;
        for (HeapBlock block : info.virtualBlocks()) {
            var region = process.memory().regionAt(block.entry());
            virtualKb += (region == null ? block.size() : block.entry() + block.size() - region.base()) / 1024;
        }
        List<String> names = Texts.heapFlagNames(info.flags());
        StringBuilder out = new StringBuilder();
        out.append("0: Heap ").append(arch.ptr(heap)).append('\n');
        out.append(String.format(Locale.ROOT, "   Flags          %08x%s\n", info.flags(),
            names.isEmpty() ? "" : " - " + String.join(" ", names)));
        out.append(String.format(Locale.ROOT, "   %-41s%d (k)\n", "Reserved memory in segments", t.reserved / 1024));
        out.append(String.format(Locale.ROOT, "   %-41s%d (k)\n", "Commited memory in segments", t.committed / 1024));
        out.append(String.format(Locale.ROOT,
            "   %-41s%d (k)\n", "Virtual bytes (correction for large UCR)", t.reserved / 1024));
        out.append(String.format(Locale.ROOT,
            "   %-41s%d (k) (%d blocks)\n", "Free space", t.freeBytes / 1024, t.freeBlocks));
        out.append(String.format(Locale.ROOT, "   %-32s%d%% (%d free blocks)\n", "External fragmentation",
            percent(Math.max(0, t.freeBytes - t.largestFree), t.freeBytes), t.freeBlocks));
        out.append(String.format(Locale.ROOT, "   %-32s%d%% (%d uncommited ranges)\n", "Virtual address fragmentation",
            percent(t.reserved - t.committed, t.reserved), t.uncommittedRanges));
        out.append(String.format(Locale.ROOT,
            "   %-16s%d - total %d KBytes\n", "Virtual blocks", info.virtualBlocks().size(),
            virtualKb));
        out.append(String.format(Locale.ROOT, "   %-16s%d\n", "Lock contention", 0));
        out.append(String.format(Locale.ROOT, "   %-16s%d\n", "Segments", info.segments().size()));
        return out.toString();
    }

    /** part / whole in whole percent, rounded down; 0 when whole is 0. */
    private static long percent(long part, long whole) {
        return whole <= 0 ? 0 : part * 100 / whole;
    }

    private static void appendDebuggingAids(StringBuilder out, long globalFlags) {
        StringBuilder aids = new StringBuilder();
        for (int i = 0; i < AID_FLAGS.length; i++) {
            if ((globalFlags & AID_FLAGS[i]) != 0) {
                aids.append("    ").append(AID_NAMES[i]).append('\n');
            }
        }
        if (aids.length() > 0) {
            out.append("NtGlobalFlag enables following debugging aids for new heaps:\n").append(aids);
        }
    }

    /** {@code 00520000 00000002  619112 617928 619112   1712  2165    95    1      0      }. */
    /** A heap's row, without the LFH. */
    static String row(Arch arch, HeapInfo info) {
        return row(arch, info, 0);
    }

    /** A heap's row; {@code compatibility} 2 (the LFH) shows {@code LFH} in the Fast heap column. */
    static String row(Arch arch, HeapInfo info, int compatibility) {
        Totals t = Totals.of(arch, info);
        String fast = compatibility == HeapConstants.HEAP_COMPATIBILITY_LFH ? "   LFH" : "      ";
        return String.format(Locale.ROOT, "%s %08x %7d %6d %6d %6d %5d %5d %4d %6x%s", arch.ptr(info.address()),
            info.flags(), t.reserved / 1024, t.committed / 1024, t.reserved / 1024, t.freeBytes / 1024, t.freeBlocks,
            t.uncommittedRanges, info.virtualBlocks().size(), 0, fast);
    }

    /**
     * What the table's row and the detail form count of a heap: its segments' reserved and committed bytes and
     * uncommitted ranges, the blocks on its free lists and the largest of them, and its free bytes (TotalFreeSize).
     */
    private record Totals(long reserved, long committed, int uncommittedRanges, int freeBlocks, long largestFree,
                          long freeBytes) {
        static Totals of(Arch arch, HeapInfo info) {
            long reserved = 0;
            long committed = 0;
            int uncommittedRanges = 0;
            for (HeapSegmentInfo segment : info.segments()) {
                reserved += segment.numberOfPages() * 0x1000L;
                committed += segment.committedBytes();
                uncommittedRanges += segment.uncommitted().size();
            }
            int freeBlocks = 0;
            long largest = 0;
            for (FreeListInfo list : info.freeLists()) {
                freeBlocks += list.entries().size();
                for (FreeListInfo.Entry entry : list.entries()) {
                    largest = Math.max(largest, entry.size());
                }
            }
            return new Totals(reserved, committed, uncommittedRanges, freeBlocks, largest,
                info.totalFreeSize() << arch.shift());
        }
    }
}
