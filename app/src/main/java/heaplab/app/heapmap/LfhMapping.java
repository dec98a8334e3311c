package heaplab.app.heapmap;

import heaplab.engine.nt.HeapBlock;
import heaplab.engine.process.HeapAnatomy;

import java.util.List;
import java.util.Map;

/** Turns an LFH UserBlocks (one busy back-end block) into map blocks: its header, each chunk, the bytes after. */
final class LfhMapping {
    private LfhMapping() {
    }

    static void addUserBlocks(long heap, HeapBlock b, HeapAnatomy.UserBlocks ub, Variables variables,
                              Map<Long, long[]> crtBlocks, List<MapBlock> out) {
        String caption = "UserBlocks bucket " + ub.bucket() + (ub.active() ? ", active" : "");
        out.add(new MapBlock(heap, b.entry(), b.user(), ub.firstChunk() - b.entry(), b.previousSize(), b.flags(),
            b.unusedBytes(), 0, b.segmentIndex(), BlockState.LFH_USER_BLOCKS, caption, 0, 0, ub.anatomy()));
        long end = ub.firstChunk();
        for (HeapAnatomy.Chunk c : ub.chunks()) {
            long[] crt = c.busy() && !crtBlocks.isEmpty()
                ? crtBlocks.getOrDefault(c.header(), crtBlocks.get(c.user() - (b.user() - b.entry()))) : null;
            out.add(new MapBlock(heap, c.header(), c.user(), c.end() - c.header(), 0, c.busy() ? 1 : 0, 0,
                c.requested(), b.segmentIndex(), c.busy() ? BlockState.LFH_BUSY : BlockState.LFH_FREE,
                c.busy() ? variables.namesOf(c.user(), c.header()) : "",
                crt == null ? 0 : crt[0], crt == null ? 0 : crt[1], c.anatomy()));
            end = Math.max(end, c.end());
        }
        if (end < ub.end()) {
            out.add(new MapBlock(heap, end, end, ub.end() - end, 0, b.flags(), 0, 0, b.segmentIndex(),
                BlockState.LFH_USER_BLOCKS, "", 0, 0, new HeapAnatomy.Anatomy(
                    List.of(new HeapAnatomy.Part(HeapAnatomy.PartKind.UNUSED, end, ub.end())), List.of())));
        }
    }
}
