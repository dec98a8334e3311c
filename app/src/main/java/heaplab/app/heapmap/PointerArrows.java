package heaplab.app.heapmap;

import heaplab.app.heapmap.HeapMapModel.Pointer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * The pointers one block holds to other blocks, for the heap map's arrows: every pointer-sized, pointer-aligned value
 * in the block's data (as {@code !heap -l} reads them) that lands in the data of another busy block.
 */
public final class PointerArrows {
    /** At most this many arrows: more would hide the blocks they join. */
    public static final int MAX_ARROWS = 8;
    /** The data read for pointers: the first 4 KB (a page) of a bigger block. */
    static final int MAX_BYTES = 0x1000;

    private PointerArrows() {
    }

    /**
     * The pointers in the data of the block holding `address` (none when no busy block holds it), in address order.
     *
     * @param peek a byte of simulated memory, -1 where it cannot be read
     */
    public static List<Pointer> of(HeapMapModel model, long address, LongToIntFunction peek) {
        MapBlock block = address == 0 ? null : model.blockAt(address);
        if (block == null || !block.state().holdsData() || block.requested() <= 0) {
            return List.of();
        }
        int size = model.arch().pointerSize();
        long start = (block.user() + size - 1) & -size;
        long end = block.user() + Math.min(block.requested(), MAX_BYTES);
        List<Pointer> out = new ArrayList<>();
        for (long at = start; at + size <= end && out.size() < MAX_ARROWS; at += size) {
            long value = read(peek, at, size);
            if (value < 0x10000) {
                continue; // NULL, small numbers and the first 64 KB, which is never mapped
            }
            MapBlock target = model.blockAt(value);
            if (target != null && target != block && target.state().holdsData() && value >= target.user()
                && value < target.end()) {
                out.add(new Pointer(at, value));
            }
        }
        return out;
    }

    private static long read(LongToIntFunction peek, long at, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            int b = peek.applyAsInt(at + i);
            if (b < 0) {
                return 0;
            }
            value = value << 8 | b;
        }
        return value;
    }
}
