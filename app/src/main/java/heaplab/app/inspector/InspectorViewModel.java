package heaplab.app.inspector;

import heaplab.app.heapmap.BlockState;
import heaplab.app.heapmap.BlockText;
import heaplab.app.heapmap.MapBlock;
import heaplab.engine.Arch;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * The block inspector's state: the selected block's decoded _HEAP_ENTRY as named fields, and a hex dump of the
 * block, header included, read from simulated memory.
 */
public final class InspectorViewModel {
    /** Lines of bytes kept for the window's list (64 KB); the list is virtualised, the dump itself is not. */
    public static final int MAX_HEX_LINES = 4096;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(NO_SELECTION);
    private final ObservableList<HeaderField> fields = FXCollections.observableArrayList();
    // One wrapper, kept: an unmodifiable wrapper listens weakly to its list, so a fresh one per call would
    // lose the listeners that views attach to it.
    private final ObservableList<HeaderField> fieldsReadOnly = FXCollections.unmodifiableObservableList(fields);
    private final ObservableList<HexLine> hexLines = FXCollections.observableArrayList();
    // One wrapper, kept: an unmodifiable wrapper listens weakly to its list, so a fresh one per call would
    // lose the listeners that views attach to it.
    private final ObservableList<HexLine> hexLinesReadOnly = FXCollections.unmodifiableObservableList(hexLines);
    private final ReadOnlyObjectWrapper<InspectorModel> model = new ReadOnlyObjectWrapper<>(
        new InspectorModel(NO_SELECTION, List.of(), List.of()));

    static final String NO_SELECTION = "No block selected: click a block in the heap map or the free lists.";

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ObservableList<HeaderField> fields() {
        return fieldsReadOnly;
    }

    public ObservableList<HexLine> hexLines() {
        return hexLinesReadOnly;
    }

    /** Everything shown, as one immutable value (the export draws it). */
    public ReadOnlyObjectProperty<InspectorModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public InspectorModel getModel() {
        return model.get();
    }

    /**
     * @param block    the selected block, or null
     * @param selected the selected address (to say that no block holds it)
     * @param peek     reads a byte of simulated memory, -1 where it is not readable
     */
    public void update(Arch arch, MapBlock block, long selected, LongToIntFunction peek) {
        update(arch, block, selected, peek, BlockNotes.NONE);
    }

    /** As {@link #update(Arch, MapBlock, long, LongToIntFunction)}, with the block's tag and allocation stack. */
    public void update(Arch arch, MapBlock block, long selected, LongToIntFunction peek, BlockNotes notes) {
        if (block == null) {
            String text = selected == 0 ? NO_SELECTION
                : "No heap block contains " + arch.ptr(selected) + " at this step.";
            set(text, List.of(), List.of());
            return;
        }
        String name = block.caption().isEmpty() ? "" : " " + block.caption();
        String text = capitalised(block.state().displayName()) + " block" + name + " at " + arch.ptr(block.user())
            + ", " + BlockText.hex(block.size()) + " bytes";
        List<HeaderField> rows = new ArrayList<>(fieldsOf(arch, block, peek));
        if (!notes.tag().isEmpty()) {
            rows.add(new HeaderField("HEAP_ENTRY_EXTRA", "Tag", notes.tag(),
                "the heap tag the block counts under (!heap -t, -T, -g)"));
        }
        if (!notes.trace().isEmpty()) {
            rows.add(new HeaderField("HEAP_ENTRY_EXTRA", "Allocated at", notes.caller(),
                "recorded by +ust; the whole stack (!heap -p -a):\n" + String.join("\n", notes.trace())));
        }
        for (List<String> field : notes.crt()) {
            rows.add(new HeaderField("_CrtMemBlockHeader", field.get(0), field.get(1), field.get(2)));
        }
        set(text, rows,
            HexDump.dump(arch, peek, block.entry(), block.size(), block.user(), MAX_HEX_LINES));
    }

    private void set(String text, List<HeaderField> newFields, List<HexLine> lines) {
        title.set(text);
        fields.setAll(newFields);
        hexLines.setAll(lines);
        model.set(new InspectorModel(text, List.copyOf(newFields), List.copyOf(lines)));
    }

    static List<HeaderField> fieldsOf(Arch arch, MapBlock b, LongToIntFunction peek) {
        int unit = arch.granularity();
        List<HeaderField> f = new ArrayList<>();
        f.add(new HeaderField("Block", "State", b.state().displayName(), "what the heap uses the block for"));
        f.add(new HeaderField("Block", "Entry address", arch.ptr(b.entry()),
            "where the _HEAP_ENTRY header starts"));
        f.add(new HeaderField("Block", "User address", arch.ptr(b.user()),
            "what HeapAlloc returned: the first byte after the header"));
        f.add(new HeaderField("Block", "Heap", arch.ptr(b.heap()), "the heap that owns the block"));
        if (!b.caption().isEmpty()) {
            f.add(new HeaderField("Block", "Pointed to by", b.caption(), "variables of the scenario holding it"));
        }
        f.add(new HeaderField("_HEAP_ENTRY", "Size", BlockText.size(b.size()) + " bytes = " + b.size() / unit
            + " units", "whole block in bytes; the header stores it in units of " + unit + " bytes"));
        f.add(new HeaderField("_HEAP_ENTRY", "PreviousSize", BlockText.size(b.previousSize()) + " bytes = "
            + b.previousSize() / unit + " units", "size of the block before this one, to walk backwards"));
        f.add(new HeaderField("_HEAP_ENTRY", "Flags", BlockText.flags(b.flags()),
            "busy 0x01, extra 0x02, fill 0x04, virtual 0x08, last 0x10"));
        f.add(new HeaderField("_HEAP_ENTRY", "UnusedBytes", BlockText.size(b.unusedBytes()),
            "bytes of the block the caller did not ask for (header included)"));
        f.add(new HeaderField("_HEAP_ENTRY", "SegmentOffset", b.segmentIndex() < 0 ? "- (virtual block)"
            : Integer.toString(b.segmentIndex()), "index of the block's segment in Heap->Segments"));
        if (b.state() == BlockState.FREE) {
            // A free block's first user bytes are its LIST_ENTRY on a free list.
            f.add(new HeaderField("LIST_ENTRY", "Flink", pointer(arch, peek, b.user()),
                "next free block's LIST_ENTRY on the same list (or the list head)"));
            f.add(new HeaderField("LIST_ENTRY", "Blink", pointer(arch, peek, b.user() + arch.pointerSize()),
                "previous free block's LIST_ENTRY (or the list head)"));
        }
        if (b.state() == BlockState.BUSY || b.state() == BlockState.VIRTUAL) {
            f.add(new HeaderField("Allocation", "Requested size", BlockText.size(b.requested()),
                "what the program asked HeapAlloc for"));
            f.add(new HeaderField("Allocation", "Header", BlockText.size(b.headerSize()),
                "bytes before the user address"));
        }
        return f;
    }

    /** A little-endian pointer read through the debugger peek, `??` when any byte is unreadable. */
    static String pointer(Arch arch, LongToIntFunction peek, long address) {
        long value = 0;
        for (int i = arch.pointerSize() - 1; i >= 0; i--) {
            int b = peek.applyAsInt(address + i);
            if (b < 0) {
                return "?".repeat(arch.pointerDigits());
            }
            value = (value << 8) | b;
        }
        return arch.ptr(value);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
