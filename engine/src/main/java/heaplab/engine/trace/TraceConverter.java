package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a malloc-lab trace into a scenario that does what {@link TraceReplayer} does, one step per operation: first
 * {@code h = HeapCreate(0, 0, 0)} (placed at line 1 of the file), then for each operation, at its line:
 * {@code bID = HeapAlloc(h, 0, SIZE)}, {@code bID = HeapReAlloc(h, 0, bID, SIZE)} ({@code HeapAlloc} when the id is
 * not live), {@code HeapFree(h, 0, bID)} or {@code HeapFree(h, 0, NULL)} for {@code f -1}. No narration; the title
 * is the file name.
 */
public final class TraceConverter {
    /** The statement of the first step. */
    public static final String CREATE_HEAP = "h = HeapCreate(0, 0, 0)";

    private TraceConverter() {
    }

    /** The scenario of a trace on the given architecture, with the default settings of a scenario file. */
    public static Scenario toScenario(MallocLabTrace trace, Arch arch) {
        int n = trace.size();
        List<Step> steps = new ArrayList<>(n + 1);
        steps.add(new Step(Step.Kind.DO, CREATE_HEAP, "", false, 1, 1));
        StringBuilder text = new StringBuilder(48);
        for (int i = 0; i < n; i++) {
            heaplab.engine.Cancellation.check(i);
            text.setLength(0);
            statement(trace, i, text);
            steps.add(new Step(Step.Kind.DO, text.toString(), "", false, trace.line(i), 1));
        }
        String summary = "A malloc-lab trace: " + n + " operations on " + trace.idCount() + " block ids, replayed on"
            + " a private heap h; bID holds block ID.";
        return new Scenario(trace.source(), trace.name(), summary, arch, "", 0, "full", "auto", "demo.exe",
            List.copyOf(steps));
    }

    /** Appends the statement of operation i. */
    static void statement(MallocLabTrace trace, int i, StringBuilder out) {
        int id = trace.id(i);
        switch (trace.op(i)) {
            case MallocLabTrace.ALLOC -> out.append('b').append(id).append(" = HeapAlloc(h, 0, ")
                .append(trace.blockSize(i)).append(')');
            case MallocLabTrace.REALLOC -> {
                out.append('b').append(id);
                if (trace.live(i)) {
                    out.append(" = HeapReAlloc(h, 0, b").append(id).append(", ");
                } else {
                    out.append(" = HeapAlloc(h, 0, ");
                }
                out.append(trace.blockSize(i)).append(')');
            }
            default -> {
                out.append("HeapFree(h, 0, ");
                if (id < 0) {
                    out.append("NULL");
                } else {
                    out.append('b').append(id);
                }
                out.append(')');
            }
        }
    }
}
