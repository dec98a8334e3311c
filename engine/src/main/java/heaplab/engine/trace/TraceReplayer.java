package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import heaplab.engine.process.ProcessFault;
import heaplab.engine.scenario.ScenarioException;

/**
 * Replays a malloc-lab trace directly against a process, without a scenario: a private growable heap
 * ({@code HeapCreate(0, 0, 0)}), then {@code a} is {@code HeapAlloc(h, 0, size)}, {@code r} is
 * {@code HeapReAlloc(h, 0, p, size)} ({@code HeapAlloc} when the id is not live, as {@code realloc(NULL, n)}), and
 * {@code f} is {@code HeapFree(h, 0, p)} ({@code f -1} frees NULL). Ids index a table of pointers; a failed call
 * stores its NULL result, as the statement {@code bID = HeapReAlloc(...)} of the converted scenario does
 * ({@link TraceConverter}), so both give the same heap. Deterministic: the same trace gives the same addresses.
 */
public final class TraceReplayer {
    private TraceReplayer() {
    }

    /** The state after a replay: the process, the private heap and the pointer of every id. */
    public static final class Replay {
        private final Process process;
        private final long heap;
        private final long[] pointers;

        private Replay(Process process, long heap, long[] pointers) {
            this.process = process;
            this.heap = heap;
            this.pointers = pointers;
        }

        public Process process() { return process; }

        /** The private heap's handle. */
        public long heap() { return heap; }

        /** The last pointer stored for an id (0 when never allocated; a freed block keeps its old pointer). */
        public long pointer(int id) { return pointers[id]; }

        /** Number of ids (the trace header's). */
        public int idCount() { return pointers.length; }
    }

    /** Replays a trace in a new process (default configuration) of the given architecture. */
    public static Replay replay(MallocLabTrace trace, Arch arch) throws ScenarioException {
        return replay(trace, new Process(ProcessConfig.defaults(arch)));
    }

    /**
     * Replays a trace in a process.
     *
     * @throws ScenarioException {@code file:line:1: ...} when the heap cannot be created or the program faults at
     *                           an operation (a heap break, an access violation)
     */
    public static Replay replay(MallocLabTrace trace, Process process) throws ScenarioException {
        return run(trace, process, createHeap(trace, process));
    }

    /** The private heap a replay runs on: {@code HeapCreate(0, 0, 0)} (the set-up a benchmark leaves out). */
    public static long createHeap(MallocLabTrace trace, Process process) throws ScenarioException {
        long heap = process.heapCreate(0, 0, 0);
        if (heap == 0) {
            throw new ScenarioException(trace.source(), 1, 1, "HeapCreate(0, 0, 0) failed");
        }
        return heap;
    }

    /** Replays the trace's operations on a heap made by {@link #createHeap}. */
    public static Replay run(MallocLabTrace trace, Process process, long heap) throws ScenarioException {
        long[] pointers = new long[trace.idCount()];
        int n = trace.size();
        int i = 0;
        try {
            for (; i < n; i++) {
                int id = trace.id(i);
                switch (trace.op(i)) {
                    case MallocLabTrace.ALLOC -> pointers[id] = process.heapAlloc(heap, 0, trace.blockSize(i));
                    case MallocLabTrace.REALLOC -> pointers[id] = trace.live(i)
                        ? process.heapReAlloc(heap, 0, pointers[id], trace.blockSize(i))
                        : process.heapAlloc(heap, 0, trace.blockSize(i));
                    default -> process.heapFree(heap, 0, id < 0 ? 0 : pointers[id]);
                }
            }
        } catch (ProcessFault fault) {
            throw new ScenarioException(trace.source(), trace.line(i), 1, "the program faulted: "
                + fault.getMessage().strip().replace("\n", "\n    "));
        }
        return new Replay(process, heap, pointers);
    }

    /**
     * Frees what a replay left allocated: HeapFree of each id whose last operation was an {@code a} or {@code r} that
     * did not fail, so that the same heap can take the trace again (as the native bench frees what its run left).
     * A block a failed {@code r} left behind stays allocated, as it does in the program the trace came from.
     */
    public static void freeLeftovers(MallocLabTrace trace, Replay replay) {
        boolean[] live = new boolean[trace.idCount()];
        for (int i = 0; i < trace.size(); i++) {
            if (trace.id(i) >= 0) {
                live[trace.id(i)] = trace.op(i) != MallocLabTrace.FREE;
            }
        }
        for (int id = 0; id < live.length; id++) {
            if (live[id] && replay.pointer(id) != 0) {
                replay.process().heapFree(replay.heap(), 0, replay.pointer(id));
            }
        }
    }
}
