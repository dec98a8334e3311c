package heaplab.app.heapmap;

import heaplab.engine.Arch;

import java.util.List;

/**
 * Everything the heap map draws, immutable: the heaps, the shared selection and the block the last step touched.
 *
 * @param message shown instead of heaps when there are none ("" otherwise)
 */
public record HeapMapModel(Arch arch, List<MapHeap> heaps, long selected, long touched, String message) {

    public static final HeapMapModel EMPTY = new HeapMapModel(Arch.X86, List.of(), 0, 0, "No session.");

    public HeapMapModel withSelected(long address) {
        return new HeapMapModel(arch, heaps, address, touched, message);
    }

    public boolean isSelected(MapBlock block) {
        return selected != 0 && block.contains(selected);
    }

    public boolean isTouched(MapBlock block) {
        return touched != 0 && block.contains(touched);
    }

    /** True when some block holds a debug CRT block (the legend then explains their parts). */
    public boolean hasCrtBlocks() {
        for (MapHeap heap : heaps) {
            for (MapSegment s : heap.segments()) {
                for (MapBlock b : s.blocks()) {
                    if (b.crtData() != 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The block of any heap that contains an address, or null. */
    public MapBlock blockAt(long address) {
        for (MapHeap heap : heaps) {
            for (MapSegment s : heap.segments()) {
                for (MapBlock b : s.blocks()) {
                    if (b.contains(address)) {
                        return b;
                    }
                }
            }
            for (MapSegment v : heap.virtualBlocks()) {
                for (MapBlock b : v.blocks()) {
                    if (b.contains(address)) {
                        return b;
                    }
                }
            }
        }
        return null;
    }
}
