package heaplab.engine.trace;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Region;
import heaplab.engine.process.Process;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The committed bytes of a process, page by page, for comparing two processes. */
final class ProcessImages {
    private ProcessImages() {
    }

    /**
     * Every committed page outside the stack region (which holds a scenario's variables, that a direct replay does
     * not have), by address, with its protection; hex so that a failing comparison shows where.
     */
    static Map<Long, String> withoutStack(Process process) {
        Map<Long, String> pages = new TreeMap<>();
        AddressSpace memory = process.memory();
        for (Region region : memory.regions()) {
            if (region.base() == process.stackBase()) {
                continue;
            }
            for (long a = region.base(); a < region.end(); a += AddressSpace.PAGE_SIZE) {
                if (region.isCommitted(a)) {
                    pages.put(a, region.protectAt(a) + ":"
                        + HexFormat.of().formatHex(memory.readBytes(a, AddressSpace.PAGE_SIZE)));
                }
            }
        }
        return pages;
    }
}
