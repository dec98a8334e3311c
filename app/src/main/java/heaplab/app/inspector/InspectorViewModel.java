package heaplab.app.inspector;

import heaplab.app.heapmap.BlockState;
import heaplab.app.heapmap.BlockText;
import heaplab.app.heapmap.MapBlock;
import heaplab.engine.Arch;
import heaplab.engine.inspect.BlockAnatomy;
import heaplab.engine.inspect.BlockBytes;
import heaplab.engine.inspect.ByteKind;
import heaplab.engine.inspect.ByteSpan;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongToIntFunction;

/**
 * The block inspector's state: the selected block's headers, one category per layer, its bytes classified by the
 * engine (kinds and damage) for a coloured hex dump, and the jump field that selects the block holding an address,
 * a variable or an expression.
 */
public final class InspectorViewModel {
    /** Lines of bytes kept for the window's list (64 KB); the list is virtualised, the dump itself is not. */
    public static final int MAX_HEX_LINES = 4096;

    static final String NO_SELECTION = "No block selected: click a block in the heap map or the free lists.";

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(NO_SELECTION);
    private final ObservableList<HeaderField> fields = FXCollections.observableArrayList();
    // One wrapper, kept: an unmodifiable wrapper listens weakly to its list, so a fresh one per call would
    // lose the listeners that views attach to it.
    private final ObservableList<HeaderField> fieldsReadOnly = FXCollections.unmodifiableObservableList(fields);
    private final ObservableList<HexLine> hexLines = FXCollections.observableArrayList();
    private final ObservableList<HexLine> hexLinesReadOnly = FXCollections.unmodifiableObservableList(hexLines);
    private final ObservableList<ByteKind> legend = FXCollections.observableArrayList();
    private final ObservableList<ByteKind> legendReadOnly = FXCollections.unmodifiableObservableList(legend);
    private final ReadOnlyObjectWrapper<InspectorModel> model = new ReadOnlyObjectWrapper<>(
        new InspectorModel(NO_SELECTION, List.of(), List.of()));
    private final StringProperty jumpText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper jumpMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper damage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper jumpError = new ReadOnlyBooleanWrapper(false);
    /** The selection the jump message is about: another selection (a click, a step that moves it, a file) clears it. */
    private long jumpSelection;
    private long shownSelection;
    private final Function<String, String> evaluate;
    private final LongConsumer select;

    /** An inspector without a jump field (the export). */
    public InspectorViewModel() {
        this(text -> "", address -> { });
    }

    /**
     * @param evaluate runs `? expression` in the session's console and returns its output
     * @param select   selects an address in every view (the window's shared selection)
     */
    public InspectorViewModel(Function<String, String> evaluate, LongConsumer select) {
        this.evaluate = evaluate;
        this.select = select;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ObservableList<HeaderField> fields() {
        return fieldsReadOnly;
    }

    public ObservableList<HexLine> hexLines() {
        return hexLinesReadOnly;
    }

    /** The kinds of bytes in the dump, for the legend. */
    public ObservableList<ByteKind> legend() {
        return legendReadOnly;
    }

    /** Everything shown, as one immutable value (the export draws it). */
    public ReadOnlyObjectProperty<InspectorModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public InspectorModel getModel() {
        return model.get();
    }

    /** What the user typed in the jump field: an address, a variable or a MASM expression. */
    public StringProperty jumpTextProperty() {
        return jumpText;
    }

    /** What the last jump found ("name = 00360688") or why it failed. */
    public ReadOnlyStringProperty jumpMessageProperty() {
        return jumpMessage.getReadOnlyProperty();
    }

    /** The first damage found in the block's bytes ("Damaged at 00140612: expected fd, ..."), "" for none. */
    public ReadOnlyStringProperty damageProperty() {
        return damage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty jumpErrorProperty() {
        return jumpError.getReadOnlyProperty();
    }

    /**
     * Evaluates the jump field as the console's `?` does and selects the block holding the address everywhere;
     * says so when the expression is wrong or no block holds the address.
     */
    public void jump() {
        String text = jumpText.get() == null ? "" : jumpText.get().strip();
        if (text.startsWith("?")) {
            text = text.substring(1).strip();
        }
        jumpSelection = shownSelection; // an error is about the field, as long as the selection stays
        if (text.isEmpty()) {
            report("Type an address, a variable or an expression (p+0x10, poi(h+0x58)).", true);
            return;
        }
        String output = evaluate.apply("? " + text);
        OptionalLong value = evaluated(output);
        if (value.isEmpty()) {
            String first = output == null || output.isBlank() ? "cannot evaluate '" + text + "'"
                : output.strip().lines().findFirst().orElse("");
            report(first, true);
            return;
        }
        jumpSelection = value.getAsLong();
        select.accept(value.getAsLong());
        String found = getModel().hexLines().isEmpty() ? " \u2014 " + title.get() : "";
        // The value as the console printed it: in the target's pointer format (00240610, 00000000`00240610).
        String shown = output.strip().lines().findFirst().orElse("");
        report(text + " = " + shown.substring(shown.lastIndexOf('=') + 1).strip() + found, !found.isEmpty());
    }

    /** Forgets the jump field's text and message: another file was opened, where they mean nothing. */
    public void forgetJump() {
        jumpText.set("");
        jumpSelection = 0;
        report("", false);
    }

    private void report(String message, boolean error) {
        jumpMessage.set(message);
        jumpError.set(error);
    }

    /** The value of `Evaluate expression: 3604104 = 00370188`, empty for an error line. */
    static OptionalLong evaluated(String output) {
        String prefix = "Evaluate expression:";
        if (output == null || !output.strip().startsWith(prefix)) {
            return OptionalLong.empty();
        }
        String line = output.strip().lines().findFirst().orElse("");
        int eq = line.lastIndexOf('=');
        try {
            return OptionalLong.of(Long.parseUnsignedLong(line.substring(eq + 1).strip().replace("`", ""), 16));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** @see #update(InspectorInput) */
    public void update(Arch arch, MapBlock block, long selected, LongToIntFunction peek) {
        update(InspectorInput.of(arch, block, selected, peek, BlockNotes.NONE));
    }

    /** @see #update(InspectorInput) */
    public void update(Arch arch, MapBlock block, long selected, LongToIntFunction peek, BlockNotes notes) {
        update(InspectorInput.of(arch, block, selected, peek, notes));
    }

    /** Shows the block of a selection: its title, its layers' fields, its classified bytes. */
    public void update(InspectorInput in) {
        shownSelection = in.selected();
        if (in.selected() != jumpSelection && !jumpMessage.get().isEmpty()) {
            report("", false);
        }
        Arch arch = in.arch();
        BlockAnatomy anatomy = in.anatomy();
        MapBlock block = in.block();
        if (block == null && anatomy == null) {
            String text = in.selected() == 0 ? NO_SELECTION
                : "No heap block contains " + arch.ptr(in.selected()) + " at this step.";
            set(text, List.of(), List.of());
            return;
        }
        BlockBytes bytes;
        long end;
        if (anatomy != null) {
            int limit = MAX_HEX_LINES * HexDump.BYTES_PER_LINE;
            bytes = anatomy.bytes(in.peek(), limit);
            end = anatomy.end();
        } else {
            bytes = heaplab.engine.inspect.ByteClassifier.classify(block.entry(),
                (int) Math.min(block.size(), MAX_HEX_LINES * HexDump.BYTES_PER_LINE),
                List.of(ByteSpan.label(block.entry(), block.user(), ByteKind.HEAP_ENTRY)), in.peek());
            end = block.end();
        }
        List<HeaderField> newFields = InspectorSections.fields(in, bytes);
        String title = title(in);
        if (anatomy != null && !anatomy.title().isEmpty()) {
            // The engine's titles name the layers; the variables holding the block name it for the student.
            String names = newFields.stream().filter(f -> f.name().equals(InspectorSections.POINTED_TO_BY))
                .map(HeaderField::value).findFirst().orElse("");
            int at = title.indexOf(" at ");
            title = names.isEmpty() || at < 0 ? title : title.substring(0, at) + " " + names + title.substring(at);
        }
        set(title, newFields, HexDump.dump(arch, bytes, end));
    }

    private static String title(InspectorInput in) {
        BlockAnatomy anatomy = in.anatomy();
        if (anatomy != null && !anatomy.title().isEmpty()) {
            return anatomy.title();
        }
        MapBlock block = in.block();
        if (block == null) {
            return "Block at " + in.arch().ptr(anatomy.user());
        }
        String name = block.caption().isEmpty() ? "" : " " + block.caption();
        if (block.state() == BlockState.PAGES) {
            return "Committed pages" + name + " at " + in.arch().ptr(block.entry()) + ", " + BlockText.hex(block.size())
                + " bytes (VirtualAlloc)";
        }
        String kind = capitalised(block.state().displayName());
        if (anatomy != null && anatomy.kind() == BlockAnatomy.Kind.PAGE_HEAP_LIGHT) {
            kind += " light page heap";
        }
        if (anatomy != null && anatomy.section(InspectorSections.CRT_HEADER) != null) {
            kind += " CRT";
        }
        // A busy block is named by what was asked for, as the LFH, CRT and page heap titles are (its whole size is the
        // Size field's); a free or header block by its size.
        boolean requested = block.state() == BlockState.BUSY || block.state() == BlockState.VIRTUAL;
        String size = requested ? BlockText.hex(block.requested()) + " bytes requested"
            : BlockText.hex(block.size()) + " bytes";
        return kind + " block" + name + " at " + in.arch().ptr(block.user()) + ", " + size;
    }

    private void set(String text, List<HeaderField> newFields, List<HexLine> lines) {
        Set<ByteKind> kinds = new LinkedHashSet<>();
        for (HexLine line : lines) {
            line.bytes().forEach(b -> kinds.add(b.kind()));
        }
        List<ByteKind> legendKinds = new ArrayList<>(kinds);
        List<HeaderField> damaged = newFields.stream()
            .filter(f -> f.category().equals(InspectorSections.DAMAGE)).toList();
        damage.set(damaged.isEmpty() ? "" : "D" + damaged.get(0).name().substring(1) + ": " + damaged.get(0).value()
            + (damaged.size() > 1 ? " (and " + (damaged.size() - 1) + " more)" : ""));
        // The model first: views that react to the lists read it (the legend's "damaged" chip).
        model.set(new InspectorModel(text, newFields, lines, legendKinds));
        title.set(text);
        fields.setAll(newFields);
        hexLines.setAll(lines);
        legend.setAll(legendKinds);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
