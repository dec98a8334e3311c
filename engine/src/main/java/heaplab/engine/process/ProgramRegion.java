package heaplab.engine.process;

import heaplab.engine.memory.MemoryInfo;
import heaplab.engine.memory.RegionOrigin;

import java.util.List;

/**
 * A region the program reserved with VirtualAlloc, or the debugger with {@code .dvalloc}: its range, who reserved
 * it, and its pages as VirtualQuery gives them, run by run (committed with a protection, or reserved).
 */
public record ProgramRegion(long base, long size, RegionOrigin origin, List<MemoryInfo> runs) {
    public ProgramRegion {
        runs = List.copyOf(runs);
    }

    public long end() {
        return base + size;
    }

    /** Bytes committed. */
    public long committed() {
        long n = 0;
        for (MemoryInfo run : runs) {
            n += run.state() == heaplab.engine.memory.AddressSpace.MEM_COMMIT ? run.regionSize() : 0;
        }
        return n;
    }
}
