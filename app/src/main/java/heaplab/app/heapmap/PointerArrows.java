package heaplab.app.heapmap;

import heaplab.app.heapmap.HeapMapModel.Pointer;
import heaplab.engine.process.HeapAnatomy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * The pointers one block holds to other blocks, for the heap map's arrows: every pointer-sized, pointer-aligned value
 * in the program's data of the block (as {@code !heap -l} reads them; not the debug CRT's or the page heap's headers,
 * whose links are theirs) that lands in another block that holds data.
 */
public final class PointerArrows {
    /** At most this many arrows: more would hide the blocks they join. */
    public static final int MAX_ARROWS = 8;
    /** The data read for pointers: the first 4 KB (a page) of a bigger block. */
    static final int MAX_BYTES = 0x1000;

    private PointerArrows() {
    }

    /**
     * The pointers in the data of the block holding `address` (none when no block holding data holds it), in address
     * order.
     *
     * @param peek a byte of simulated memory, -1 where it cannot be read
     */
    public static List<Pointer> of(HeapMapModel model, long address, LongToIntFunction peek) {
        MapBlock block = address == 0 ? null : blockHolding(model, address);
        if (block == null || !block.state().holdsData()) {
            return List.of();
        }
        int size = model.arch().pointerSize();
        long data = dataStart(block);
        long start = (data + size - 1) & -size;
        long end = Math.min(dataEnd(block), data + MAX_BYTES);
        List<Pointer> out = new ArrayList<>();
        for (long at = start; at + size <= end && out.size() < MAX_ARROWS; at += size) {
            long value = read(peek, at, size);
            if (value < 0x10000) {
                continue; // NULL, small numbers and the first 64 KB, which is never mapped
            }
            MapBlock target = blockHolding(model, value);
            if (target != null && target != block && target.state().holdsData() && value >= target.user()
                && value < target.end()) {
                out.add(new Pointer(at, value));
            }
        }
        return out;
    }

    /** Where the program's data of a block starts: its first user data part, else its user pointer. */
    public static long dataStart(MapBlock block) {
        for (HeapAnatomy.Part part : block.parts()) {
            if (part.kind() == HeapAnatomy.PartKind.USER_DATA) {
                return part.start();
            }
        }
        return block.crtData() != 0 ? block.crtData() : block.user();
    }

    /** Where the program's data of a block ends: its first user data part's end, else the requested bytes'. */
    private static long dataEnd(MapBlock block) {
        for (HeapAnatomy.Part part : block.parts()) {
            if (part.kind() == HeapAnatomy.PartKind.USER_DATA) {
                return part.end();
            }
        }
        return block.crtData() != 0 ? block.crtData() + block.crtSize() : block.user() + block.requested();
    }

    /**
     * The block of any heap or region that holds an address, found in the segment whose range holds it by binary
     * search over its blocks (in address order): a map of 100,000 blocks answers each word at once.
     */
    static MapBlock blockHolding(HeapMapModel model, long address) {
        for (MapHeap heap : model.heaps()) {
            MapBlock found = inSegments(heap.segments(), address);
            if (found == null) {
                found = inSegments(heap.virtualBlocks(), address);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static MapBlock inSegments(List<MapSegment> segments, long address) {
        for (MapSegment segment : segments) {
            if (address < segment.base() || address >= segment.end()) {
                continue;
            }
            List<MapBlock> blocks = segment.blocks();
            int lo = 0;
            int hi = blocks.size() - 1;
            while (lo <= hi) { // the last block that starts at or before the address
                int mid = (lo + hi) >>> 1;
                if (blocks.get(mid).start() <= address) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (hi >= 0 && blocks.get(hi).contains(address)) {
                return blocks.get(hi);
            }
        }
        return null;
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
