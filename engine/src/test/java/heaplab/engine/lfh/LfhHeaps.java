package heaplab.engine.lfh;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.process.Process;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heaps with the LFH for tests, made as a program makes them. */
public final class LfhHeaps {
    private LfhHeaps() {
    }

    /** A new growable heap whose HeapCompatibilityInformation is set to 2 with HeapSetInformation. */
    public static long create(Process p) {
        long h = p.heapCreate(0, 0, 0);
        long buffer = p.virtualAlloc(0, 0x1000, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        p.memory().writeU32(buffer, HeapConstants.HEAP_COMPATIBILITY_LFH);
        assertTrue(p.heaps().heapSetInformation(h, HeapConstants.HEAP_COMPATIBILITY_INFORMATION, buffer, 4));
        return h;
    }
}
