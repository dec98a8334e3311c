package heaplab.engine.memory;

/** What VirtualQuery returns: a run of pages with the same state and protection. */
public record MemoryInfo(long baseAddress, long allocationBase, long regionSize, int state, int protect,
                         int allocationProtect) {
}
