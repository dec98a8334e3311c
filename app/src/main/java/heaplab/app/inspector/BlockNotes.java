package heaplab.app.inspector;

import java.util.List;

/**
 * What a block's HEAP_ENTRY_EXTRA says, decoded by the session: its heap tag and the call stack that allocated it
 * ({@code +ust}), innermost frame first.
 *
 * @param tag   the tag's name and index ({@code Nodes (0002)}), "" for none
 * @param trace the back trace's frames as symbols ({@code demo!main+0x14 [demo.c @ 5]}), empty for none
 */
public record BlockNotes(String tag, List<String> trace) {
    /** A block without tag or trace. */
    public static final BlockNotes NONE = new BlockNotes("", List.of());

    public BlockNotes {
        trace = List.copyOf(trace);
    }

    /** The frame of the program's own code (the step that made the call), else the innermost frame, else "". */
    public String caller() {
        for (String frame : trace) {
            if (frame.contains("!main+")) {
                return frame;
            }
        }
        return trace.isEmpty() ? "" : trace.get(0);
    }
}
