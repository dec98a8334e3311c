package heaplab.app.inspector;

import heaplab.engine.inspect.ByteKind;

import java.util.List;

/**
 * What the inspector shows, as one immutable value: a title, the decoded fields by category, the hex dump, and the
 * kinds of bytes the dump holds (its legend, in the order they first appear).
 */
public record InspectorModel(String title, List<HeaderField> fields, List<HexLine> hexLines, List<ByteKind> legend) {

    public InspectorModel {
        fields = List.copyOf(fields);
        hexLines = List.copyOf(hexLines);
        legend = List.copyOf(legend);
    }

    public InspectorModel(String title, List<HeaderField> fields, List<HexLine> hexLines) {
        this(title, fields, hexLines, List.of());
    }

    /** The fields' categories in the order they appear: the layers' order. */
    public List<String> categories() {
        return fields.stream().map(HeaderField::category).distinct().toList();
    }

    /** Whether some byte breaks an expected fill. */
    public boolean damaged() {
        return hexLines.stream().anyMatch(HexLine::damaged);
    }
}
