package heaplab.app.inspector;

import java.util.List;

/** What the inspector shows, as one immutable value: a title, the decoded fields, the hex dump. */
public record InspectorModel(String title, List<HeaderField> fields, List<HexLine> hexLines) {
}
