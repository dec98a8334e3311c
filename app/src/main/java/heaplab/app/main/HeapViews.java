package heaplab.app.main;

import heaplab.app.freelists.FreeListsViewModel;
import heaplab.app.heapmap.BlockState;
import heaplab.app.heapmap.HeapMapModel;
import heaplab.app.heapmap.HeapMapViewModel;
import heaplab.app.heapmap.MapBlock;
import heaplab.app.heapmap.PointerArrows;
import heaplab.app.inspector.BlockNotes;
import heaplab.app.inspector.InspectorInput;
import heaplab.app.inspector.InspectorViewModel;
import heaplab.engine.diff.HeapDiff;
import heaplab.engine.inspect.BlockAnatomy;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.session.StepOutcome;

import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The three views of the heaps (map, free lists, inspector) fed from one read of the session. The window and the
 * PNG export both go through here, so an export is drawn from exactly what the window shows.
 */
public final class HeapViews {
    private final HeapMapViewModel heapMap;
    private final FreeListsViewModel freeLists;
    private final InspectorViewModel inspector;
    private LabSession session;
    private List<HeapInfo> heaps = List.of();
    private final java.util.function.BooleanSupplier moving;

    /** @param selection where clicks on blocks go (the shared selection) */
    public HeapViews(LongConsumer selection) {
        this(selection, () -> false);
    }

    /**
     * @param moving true while the session moves on a worker thread (MainViewModel): what the views read later
     *               (a tooltip's notes, the inspector's jump field) then reads nothing of it
     */
    public HeapViews(LongConsumer selection, java.util.function.BooleanSupplier moving) {
        this.moving = moving;
        this.heapMap = new HeapMapViewModel(selection);
        this.freeLists = new FreeListsViewModel(selection);
        this.inspector = new InspectorViewModel(this::evaluate, selection);
    }

    public HeapMapViewModel heapMap() {
        return heapMap;
    }

    public FreeListsViewModel freeLists() {
        return freeLists;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    /** The heaps read by the last update (empty when they could not be read). */
    public List<HeapInfo> heaps() {
        return heaps;
    }

    /**
     * Reads the session at its position and updates the three views.
     *
     * @return null, or why the heaps could not be read (the views then say so too)
     */
    public String update(LabSession session, long selected) {
        return update(session, selected, Map.of());
    }

    /**
     * As {@link #update(LabSession, long)}, marking what the Diff view found changed since its base step.
     *
     * @param changes the changed blocks by user address (HeapDiff), empty without a comparison
     */
    public String update(LabSession session, long selected, Map<Long, HeapDiff.Kind> changes) {
        this.session = session;
        StepOutcome last = session.lastOutcome();
        long touched = last == null ? 0 : last.touched();
        try {
            heaps = session.heaps();
            Map<Long, long[]> crt = session.crtBlocks();
            heapMap.update(session.arch(), heaps, session.variables(), touched, selected, crt,
                session.heapRoles(), session.anatomy(heaps, crt),
                (heap, entry) -> moving.getAsBoolean() ? BlockNotes.NONE : session.blockNotes(heap, entry),
                session.programRegions());
            heapMap.setChanges(changes);
            heapMap.setLeaks(session.leakedBlocks());
            freeLists.update(session, heaps, selected, changes);
        } catch (RuntimeException e) {
            // A half-built engine or a heap corrupted past decoding: say so, and keep the window usable.
            heaps = List.of();
            String message = "The heaps could not be read at this step: " + e;
            heapMap.showMessage(session.arch(), message);
            freeLists.showMessage(session.arch(), message);
            select(selected);
            return message;
        }
        select(selected);
        return null;
    }

    /** Shows a new selection in all three views, without reading the heaps again. */
    public void select(long address) {
        BlockAnatomy anatomy = session == null || address == 0 ? null : session.anatomy(address);
        // An LFH chunk is shown by its data: the entry the console prints for an x64 chunk lies in the chunk before.
        long shown = anatomy != null && anatomy.kind() == BlockAnatomy.Kind.LFH_CHUNK ? anatomy.user() : address;
        LabSession read = session;
        // A debugger's read of the session, never while a move has it on the worker (-1: not readable).
        java.util.function.LongToIntFunction peek =
            at -> read == null || moving.getAsBoolean() ? -1 : read.peekByte(at);
        // The arrows leave the selected block, else the block the last step touched (what it just wrote into).
        long pointing = shown != 0 ? shown : heapMap.getModel().touched();
        heapMap.setSelected(shown, PointerArrows.of(heapMap.getModel(), pointing, peek));
        freeLists.setSelected(shown);
        if (session != null) {
            // The map draws a full page heap block as a block of its own, but it has no _HEAP_ENTRY to decode.
            MapBlock block = address == 0 || anatomy != null && (anatomy.kind() == BlockAnatomy.Kind.PAGE_HEAP_FULL
                || anatomy.kind() == BlockAnatomy.Kind.PAGE_HEAP_ROOT) ? null : heapMap.getModel().blockAt(address);
            // An LFH chunk's back-end block is its UserBlocks: that block's tag and stack are not the chunk's.
            boolean chunk = anatomy != null && anatomy.kind() == BlockAnatomy.Kind.LFH_CHUNK;
            BlockNotes notes = block == null || block.state() == BlockState.FREE || block.state() == BlockState.PAGES
                || chunk ? BlockNotes.NONE
                : session.blockNotes(block.heap(), block.entry());
            inspector.update(new InspectorInput(session.arch(), block, address, peek, notes,
                anatomy, session.outcomes(), session.steps(), session.variables(),
                heapMap.getModel().isLeak(block), pointsFrom(block)));
        }
    }

    /** The pointers the map draws as arrows from a block. */
    private List<HeapMapModel.Pointer> pointsFrom(MapBlock block) {
        return block == null ? List.of()
            : heapMap.getModel().pointers().stream().filter(p -> block.contains(p.from())).toList();
    }

    /** The inspector's jump field goes through the console's `?`, so it accepts what the console accepts. */
    private String evaluate(String command) {
        return session == null || moving.getAsBoolean() ? "" : session.console(command);
    }
}
