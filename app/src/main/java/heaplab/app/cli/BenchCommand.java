package heaplab.app.cli;

import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.session.Session;
import heaplab.engine.trace.MallocLabTrace;
import heaplab.engine.trace.TraceConverter;
import heaplab.engine.trace.TraceImport;
import heaplab.engine.trace.TraceReplayer;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code bench TRACE [--arch x86|x64] [--repeat N]}: replays a malloc-lab trace against the engine in this process
 * and prints one line per figure:
 * <ul>
 *   <li>{@code bench replay N ops/s}: the best replay of a warm-up and then of at least N replays and at least 5 s
 *       of them ({@link TraceReplayer}, one private heap taking replay after replay, as the native program's heap
 *       does);</li>
 *   <li>{@code bench step-back T us}: the mean time of one step back at step 50,000 (or the last step) of the trace
 *       turned into a session with the default snapshots;</li>
 *   <li>{@code bench peak-memory M MB}: the peak used Java heap during the replays and the session (the sum of
 *       the heap pools' peaks).</li>
 * </ul>
 * Timing is wall-clock by nature: the figures are for a person to read, never for a test to assert on.
 */
final class BenchCommand {
    /** The position the step-back figure is measured at (issue 3). */
    static final int STEP_BACK_AT = 50_000;
    private static final int STEP_BACK_WARMUP = 10;
    private static final int STEP_BACK_SAMPLES = 200;
    private static final long STEP_BACK_BUDGET_NANOS = 3_000_000_000L;

    private BenchCommand() {
    }

    static void execute(BenchOptions options, PrintStream out) throws RunFailure {
        Path path = ScenarioFiles.readablePath(options.file());
        MallocLabTrace trace;
        try {
            if (!TraceImport.isTrace(path)) {
                throw new RunFailure(options.file() + ": not a malloc-lab trace (four lines of one number each,"
                    + " then a ID SIZE, f ID, r ID SIZE)");
            }
            trace = MallocLabTrace.read(path);
            resetPeaks();
            out.println("bench replay " + Math.round(trace.size() * 1e9 / bestReplayNanos(trace, options))
                + " ops/s");
            out.flush();
            out.println("bench step-back " + String.format(Locale.ROOT, "%.1f", stepBackMicros(trace, options))
                + " us");
        } catch (ScenarioException e) {
            throw new RunFailure(e.getMessage());
        }
        out.println("bench peak-memory " + Math.round(peakHeapBytes() / (1024.0 * 1024.0)) + " MB");
    }

    /**
     * Warm-up replays first, so that the last ones run compiled code, as JMH's warm-up does: rounds of about a second
     * until three rounds in a row bring neither a replay faster than the best before them by more than 2% nor any work
     * of the JIT compiler (on two busy cores C2 still compiles a 100,000-operation trace's hot paths after 15 s, and a
     * round can be slower than the one before); at least {@link #WARMUP_MIN_ROUNDS}, at most
     * {@link #WARMUP_MAX_ROUNDS}.
     */
    private static final long WARMUP_ROUND_NANOS = 1_000_000_000L;
    private static final int WARMUP_MIN_ROUNDS = 5;
    private static final int WARMUP_MAX_ROUNDS = 40;
    private static final int WARMUP_STALE_ROUNDS = 3;
    private static final long TIMED_MIN_NANOS = 5_000_000_000L;
    private static final int TIMED_MAX = 100_000;

    /** The JIT compilers' total time so far, or 0 where the JVM does not tell it. */
    private static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long bestReplayNanos(MallocLabTrace trace, BenchOptions options) throws ScenarioException {
        Replayer replayer = new Replayer(trace, options);
        long compiledBefore = compilationMillis();
        long bestSoFar = Long.MAX_VALUE;
        int stale = 0;
        for (int round = 0; round < WARMUP_MAX_ROUNDS; round++) {
            long roundEnd = System.nanoTime() + WARMUP_ROUND_NANOS;
            long roundBest = Long.MAX_VALUE;
            do {
                roundBest = Math.min(roundBest, replayer.timedReplay());
            } while (System.nanoTime() < roundEnd);
            long compiled = compilationMillis();
            boolean jitBusy = compiled != compiledBefore;
            compiledBefore = compiled;
            stale = roundBest < bestSoFar * 0.98 || jitBusy ? 0 : stale + 1;
            bestSoFar = Math.min(bestSoFar, roundBest);
            if (round + 1 >= WARMUP_MIN_ROUNDS && stale >= WARMUP_STALE_ROUNDS) {
                break;
            }
        }
        // At least N more replays and at least five seconds of them: on a shared machine a short trace's best of a
        // few replays says more about the neighbours than about the engine (on the two-core VM this was measured on,
        // slow phases of 5 to 15 s halve every replay). The warm-up's replays count too: a replay the JIT compiler
        // had not finished with can only be slower.
        long best = bestSoFar;
        long timedEnd = System.nanoTime() + TIMED_MIN_NANOS;
        for (int i = 0; i < options.repeat() || i < TIMED_MAX && System.nanoTime() < timedEnd; i++) {
            best = Math.min(best, replayer.timedReplay());
        }
        return best;
    }

    /**
     * Replays the trace again and again on one private heap, as the native program replays it with one C library
     * heap: the time of the trace's operations only. Making the process and the heap is set-up, as the native
     * program's start-up is, and what a replay leaves allocated is freed after the clock stops, as the native program
     * frees it. A new process every thousand replays keeps what a trace may leak (the old block of a failed realloc) from
     * piling up over a long bench.
     */
    private static final class Replayer {
        private static final int REPLAYS_PER_PROCESS = 1000;
        private final MallocLabTrace trace;
        private final BenchOptions options;
        private Process process;
        private long heap;
        private int replays;

        Replayer(MallocLabTrace trace, BenchOptions options) {
            this.trace = trace;
            this.options = options;
        }

        long timedReplay() throws ScenarioException {
            if (process == null || replays++ == REPLAYS_PER_PROCESS) {
                process = new Process(ProcessConfig.defaults(options.arch()));
                heap = TraceReplayer.createHeap(trace, process);
                replays = 1;
            }
            long start = System.nanoTime();
            TraceReplayer.Replay replay = TraceReplayer.run(trace, process, heap);
            long nanos = Math.max(1, System.nanoTime() - start);
            TraceReplayer.freeLeftovers(trace, replay);
            return nanos;
        }
    }

    /** Mean of single step backs from the same position, each followed by a step forward (not timed). */
    private static double stepBackMicros(MallocLabTrace trace, BenchOptions options) throws ScenarioException {
        Session session = Session.open(TraceConverter.toScenario(trace, options.arch()));
        session.jumpTo(Math.min(STEP_BACK_AT, session.steps().size()));
        if (session.isStopped() && session.position() < session.steps().size()) {
            var last = session.lastOutcome();
            var step = session.steps().get(last.index());
            throw new ScenarioException(trace.source(), step.line(), step.column(), last.output());
        }
        for (int i = 0; i < STEP_BACK_WARMUP; i++) {
            session.stepBack();
            session.step();
        }
        long total = 0;
        int samples = 0;
        long deadline = System.nanoTime() + STEP_BACK_BUDGET_NANOS;
        while (samples < STEP_BACK_SAMPLES && (samples < 5 || System.nanoTime() < deadline)) {
            long start = System.nanoTime();
            session.stepBack();
            total += System.nanoTime() - start;
            samples++;
            session.step();
        }
        return total / 1e3 / samples;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
