package heaplab.app.heapmap;

import heaplab.engine.Arch;
import heaplab.engine.diff.HeapDiff;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the heap map draws, immutable: the heaps, the shared selection and the block the last step touched.
 *
 * @param message  shown instead of heaps when there are none ("" otherwise)
 * @param pointers the pointers held in the selected block (else the block the last step touched) to other blocks,
 *                 drawn as arrows
 */
public record HeapMapModel(Arch arch, List<MapHeap> heaps, long selected, long touched, String message,
                           BlockNotesLookup notes, Map<Long, HeapDiff.Kind> changes, Set<Long> leaks,
                           List<Pointer> pointers) {

    /**
     * A pointer the program keeps in one block to another: the value at `from` (pointer-sized) is `to`, an address
     * inside the other block's data.
     */
    public record Pointer(long from, long to) {
    }

    public static final HeapMapModel EMPTY = new HeapMapModel(Arch.X86, List.of(), 0, 0, "No session.");

    public HeapMapModel {
        notes = notes == null ? BlockNotesLookup.NONE : notes;
        changes = changes == null ? Map.of() : changes;
        leaks = leaks == null ? Set.of() : leaks;
        pointers = pointers == null ? List.of() : List.copyOf(pointers);
    }

    /** A model without pointer arrows. */
    public HeapMapModel(Arch arch, List<MapHeap> heaps, long selected, long touched, String message,
                        BlockNotesLookup notes, Map<Long, HeapDiff.Kind> changes, Set<Long> leaks) {
        this(arch, heaps, selected, touched, message, notes, changes, leaks, List.of());
    }

    /** A model without leak marks. */
    public HeapMapModel(Arch arch, List<MapHeap> heaps, long selected, long touched, String message,
                        BlockNotesLookup notes, Map<Long, HeapDiff.Kind> changes) {
        this(arch, heaps, selected, touched, message, notes, changes, Set.of());
    }

    /** A model whose tooltips have no notes (tag, stack, CRT header). */
    public HeapMapModel(Arch arch, List<MapHeap> heaps, long selected, long touched, String message) {
        this(arch, heaps, selected, touched, message, BlockNotesLookup.NONE);
    }

    /** A model without the Diff view's marks. */
    public HeapMapModel(Arch arch, List<MapHeap> heaps, long selected, long touched, String message,
                        BlockNotesLookup notes) {
        this(arch, heaps, selected, touched, message, notes, Map.of());
    }

    public HeapMapModel withSelected(long address) {
        return new HeapMapModel(arch, heaps, address, touched, message, notes, changes, leaks, pointers);
    }

    /** The same heaps marked with what the Diff view found changed, by user address. */
    public HeapMapModel withChanges(Map<Long, HeapDiff.Kind> marks) {
        return new HeapMapModel(arch, heaps, selected, touched, message, notes, Map.copyOf(marks), leaks, pointers);
    }

    /** The same heaps with the blocks !heap -l reported as leaked marked, by user address. */
    public HeapMapModel withLeaks(Set<Long> leaked) {
        return new HeapMapModel(arch, heaps, selected, touched, message, notes, changes, Set.copyOf(leaked),
            pointers);
    }

    /** The same heaps with these pointers drawn as arrows. */
    public HeapMapModel withPointers(List<Pointer> held) {
        return new HeapMapModel(arch, heaps, selected, touched, message, notes, changes, leaks, held);
    }

    /** True for a block the step's !heap -l reported as leaked. */
    public boolean isLeak(MapBlock block) {
        return !leaks.isEmpty() && block != null && block.state().holdsData() && leaks.contains(block.user());
    }

    /** How a block changed since the Diff view's compared step, or null. */
    public HeapDiff.Kind change(MapBlock block) {
        return changes.isEmpty() || block == null ? null : changes.get(block.user());
    }

    /** The tooltip of a block: what it is, where, its size, its request, tag, file and line, its damage. */
    public String describe(MapBlock block) {
        boolean notesApply = block.state() == BlockState.BUSY || block.state() == BlockState.VIRTUAL
            || block.state() == BlockState.LFH_BUSY;
        String text = BlockText.describe(block, arch, notesApply ? notes.of(block.heap(), block.entry())
            : heaplab.app.inspector.BlockNotes.NONE);
        return isLeak(block) ? text.replace("\nclick to inspect", "\n" + LEAK_NOTE + "\nclick to inspect") : text;
    }

    /** What a leak mark means, in the tooltip. */
    public static final String LEAK_NOTE = "LEAKED (!heap -l): nothing the program can reach points into it";

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
                    if (b.crtData() != 0 || b.parts().stream()
                        .anyMatch(p -> p.kind() == heaplab.engine.process.HeapAnatomy.PartKind.CRT_HEADER)) {
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
