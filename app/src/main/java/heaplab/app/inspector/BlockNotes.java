package heaplab.app.inspector;

import java.util.List;

/**
 * What a block says beyond its _HEAP_ENTRY, decoded by the session: its heap tag and the call stack that allocated
 * it ({@code +ust}, innermost frame first) from its HEAP_ENTRY_EXTRA, and the debug CRT's header when the block is a
 * CRT block.
 *
 * @param tag   the tag's name and index ({@code Nodes (0002)}), "" for none
 * @param trace the back trace's frames as symbols ({@code demo!main+0x14 [demo.c @ 5]}), empty for none
 * @param crt   when the block holds a debug CRT block: its _CrtMemBlockHeader fields as name and value pairs
 */
public record BlockNotes(String tag, List<String> trace, List<List<String>> crt) {
    /** A block without tag or trace. */
    public static final BlockNotes NONE = new BlockNotes("", List.of(), List.of());

    public BlockNotes {
        trace = List.copyOf(trace);
        crt = List.copyOf(crt);
    }

    public BlockNotes(String tag, List<String> trace) {
        this(tag, trace, List.of());
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
