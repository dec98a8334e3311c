package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Region;
import heaplab.engine.process.Process;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Predicate;

/**
 * Reads memory the way the heap extension's VM searches do: every pointer-sized, pointer-aligned value in committed,
 * readable pages, a page at a time (pages that cannot be read are skipped, never faulted on). Used by {@code !heap -l}
 * and {@code !heap -x -v}.
 */
final class MemoryScan {
    private static final int PAGE = AddressSpace.PAGE_SIZE;

    /** Receives one value and the place it was read from. */
    @FunctionalInterface
    interface Visitor {
        void pointer(long where, long value);
    }

    private MemoryScan() {
    }

    /** Every pointer-aligned value in the committed, readable pages of the accepted regions, in address order. */
    static void regions(Process process, Predicate<Region> accept, Visitor visitor) {
        for (Region region : process.memory().regions()) {
            if (accept.test(region)) {
                range(process, region.base(), region.end(), visitor);
            }
        }
    }

    /** Every pointer-aligned value that lies wholly in [from, to), skipping pages that cannot be read. */
    static void range(Process process, long from, long to, Visitor visitor) {
        Arch arch = process.arch();
        AddressSpace memory = process.memory();
        int size = arch.pointerSize();
        long mask = arch.pointerMask();
        long at = AddressSpace.alignUp(from, size);
        while (at + size <= to) {
            long page = AddressSpace.alignDown(at, PAGE);
            long pageEnd = Math.min(page + PAGE, to);
            if (!memory.isReadable(page)) {
                at = page + PAGE;
                continue;
            }
            long first = at;
            ByteBuffer bytes = ByteBuffer.wrap(memory.readBytes(first, (int) (pageEnd - first)))
                .order(ByteOrder.LITTLE_ENDIAN);
            for (; at + size <= pageEnd; at += size) {
                int offset = (int) (at - first);
                long value = size == 4 ? bytes.getInt(offset) : bytes.getLong(offset);
                visitor.pointer(at, value & mask);
            }
            at = Math.max(at, pageEnd);
        }
    }
}
