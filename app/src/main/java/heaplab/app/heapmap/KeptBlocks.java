package heaplab.app.heapmap;

import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.process.HeapAnatomy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The map blocks of the last update, kept for the next one where they would come out the same: a step of a long
 * trace changes a few of some 40,000 blocks and chunks. A block is kept when everything it is made of is the same:
 * its header fields and parts (an LFH chunk: the same chunk object, which the engine's anatomy memo keeps while its
 * header and state do not change), and its caption, which only changes where a variable changed (the variables
 * compared with the last update's give the addresses: {@link Variables#changedAddresses}). Blocks made while the
 * CRT had blocks are never kept (their CRT fields come from the CRT's list, which is not compared).
 */
final class KeptBlocks {
    /** More variables changed than this: every caption is read again. */
    private static final int MAX_CHANGED = 64;

    /** The map blocks of one UserBlocks, with what they were made from. */
    private record UserBlocksBlocks(long heap, HeapBlock block, HeapAnatomy.UserBlocks userBlocks,
                                    List<MapBlock> blocks, boolean withCrt) {
    }

    private Variables lastVariables;
    private Map<Long, UserBlocksBlocks> lastUserBlocks = Map.of();
    private Map<Long, MapBlock> lastBlocks = Map.of();
    private Map<Long, UserBlocksBlocks> userBlocksNow = new HashMap<>();
    private Map<Long, MapBlock> blocksNow = new HashMap<>();
    /** The addresses whose captions may differ from the last update's, or null: nothing is kept. */
    private long[] changed;
    private Variables variables = Variables.NONE;
    private Map<Long, long[]> crtBlocks = Map.of();

    /** Starts an update with these variables and CRT blocks. */
    void begin(Variables vars, Map<Long, long[]> crt) {
        variables = vars;
        crtBlocks = crt;
        changed = crt.isEmpty() ? vars.changedAddresses(lastVariables, MAX_CHANGED) : null;
        userBlocksNow = new HashMap<>();
        blocksNow = new HashMap<>();
    }

    /** Ends the update: what it made is what the next one may keep. */
    void end() {
        lastVariables = variables;
        lastUserBlocks = userBlocksNow;
        lastBlocks = blocksNow;
    }

    /** An NT block of the map: the last update's when the block, its parts and its caption are the same. */
    MapBlock ntBlock(HeapInfo heap, HeapBlock b, HeapAnatomy.Anatomy anatomy) {
        MapBlock last = changed == null ? null : lastBlocks.get(b.entry());
        MapBlock block = last != null && last.crtData() == 0 && last.heap() == heap.address()
            && last.user() == b.user() && last.size() == b.size() && last.previousSize() == b.previousSize()
            && last.flags() == b.flags() && last.unusedBytes() == b.unusedBytes()
            && last.requested() == b.requested() && last.segmentIndex() == b.segmentIndex()
            && last.state() == BlockState.of(b.kind())
            && last.anatomy().equals(anatomy == null ? HeapAnatomy.Anatomy.NONE : anatomy)
            && untouched(b.entry(), b.entry() + b.size(), changed)
            ? last : HeapMapViewModel.toMapBlock(heap, b, variables, crtBlocks, anatomy);
        blocksNow.put(b.entry(), block);
        return block;
    }

    /**
     * The map blocks of a UserBlocks (its header, its chunks, the bytes after them): the last update's list when
     * nothing of it changed, else the chunks that did not change kept one by one.
     */
    List<MapBlock> userBlocks(long heap, HeapBlock b, HeapAnatomy.UserBlocks ub) {
        UserBlocksBlocks last = lastUserBlocks.get(b.entry());
        boolean samePlace = changed != null && last != null && !last.withCrt() && last.heap() == heap
            && last.block().equals(b) && last.userBlocks().address() == ub.address();
        if (!samePlace || last.userBlocks() != ub || !untouched(b.entry(), ub.end(), changed)) {
            List<MapBlock> made = new ArrayList<>(ub.chunks().size() + 2);
            LfhMapping.addUserBlocks(heap, b, ub, variables, crtBlocks, samePlace ? last.userBlocks() : null,
                samePlace ? last.blocks() : List.of(), changed, made);
            last = new UserBlocksBlocks(heap, b, ub, made, !crtBlocks.isEmpty());
        }
        userBlocksNow.put(b.entry(), last);
        return last.blocks();
    }

    static boolean untouched(long start, long end, long[] changed) {
        for (long address : changed) {
            if (address >= start && address < end) {
                return false;
            }
        }
        return true;
    }
}
