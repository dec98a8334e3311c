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
        addUserBlocks(heap, b, ub, variables, crtBlocks, null, List.of(), null, out);
    }

    /**
     * As above, keeping the map block of each chunk that is the same chunk object as in {@code before} (the anatomy
     * memo's: same header, state and parts) and holds none of the {@code changed} addresses (so the same caption).
     *
     * @param before       the UserBlocks of the last update at the same place, or null
     * @param beforeBlocks the map blocks made from it
     * @param changed      the addresses whose variables changed since (see {@link Variables#changedAddresses}), or
     *                     null when every caption must be read
     */
    static void addUserBlocks(long heap, HeapBlock b, HeapAnatomy.UserBlocks ub, Variables variables,
                              Map<Long, long[]> crtBlocks, HeapAnatomy.UserBlocks before, List<MapBlock> beforeBlocks,
                              long[] changed, List<MapBlock> out) {
        boolean reuse = before != null && changed != null && crtBlocks.isEmpty()
            && before.chunks().size() == ub.chunks().size() && beforeBlocks.size() > ub.chunks().size();
        String caption = "UserBlocks bucket " + ub.bucket() + (ub.active() ? ", active" : "");
        out.add(new MapBlock(heap, b.entry(), b.user(), ub.firstChunk() - b.entry(), b.previousSize(), b.flags(),
            b.unusedBytes(), 0, b.segmentIndex(), BlockState.LFH_USER_BLOCKS, caption, 0, 0, ub.anatomy()));
        long end = ub.firstChunk();
        for (int i = 0; i < ub.chunks().size(); i++) {
            HeapAnatomy.Chunk c = ub.chunks().get(i);
            if (reuse && before.chunks().get(i) == c && KeptBlocks.untouched(c.header(), c.end(), changed)) {
                out.add(beforeBlocks.get(i + 1)); // the first map block is the UserBlocks' header
                end = Math.max(end, c.end());
                continue;
            }
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
