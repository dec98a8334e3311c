package heaplab.app.heapmap;

import heaplab.app.inspector.BlockNotes;

/** Where the map's tooltips get a block's tag, stack and CRT header fields: the session, read when hovered. */
@FunctionalInterface
public interface BlockNotesLookup {
    BlockNotesLookup NONE = (heap, entry) -> BlockNotes.NONE;

    BlockNotes of(long heap, long entry);
}
