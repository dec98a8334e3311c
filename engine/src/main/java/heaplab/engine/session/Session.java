package heaplab.engine.session;

import heaplab.engine.console.Console;
import heaplab.engine.console.DataBreakpoints;
import heaplab.engine.console.HeapBreakpoints;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;
import heaplab.engine.script.ScriptParser;
import heaplab.engine.script.ScriptSyntaxException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A loaded scenario plus a position: how many steps have run (0 = none). Step, step back, run to the next
 * breakpoint or fault, jump to any step, restart. Going back is exact (the same bytes) and fast: the session keeps
 * snapshots every few steps and replays the few steps after the nearest one. Deterministic.
 *
 * <p>Outcome texts have no final newline. {@link #steps()} and {@link #outcomes()} are read-only views that follow
 * the session. Not thread-safe: one thread drives a session.
 */
public final class Session {

    /**
     * How a session keeps its past and what it writes down.
     *
     * @param snapshotInterval a snapshot every this many steps (position 0 always has one); 0 keeps only position 0,
     *                         for a forward-only run (the CLI): stepping back then replays from the start. On long
     *                         scenarios the interval doubles whenever 256 snapshots are kept, to bound memory
     * @param outputs          false: {@code do} steps that succeed get an empty output (their value is not
     *                         formatted), for long headless runs; faults, failed expects, commands and the program's
     *                         debug messages still give their text
     */
    public record Options(int snapshotInterval, boolean outputs) {
        /** A snapshot every 32 steps, outputs on. */
        public static final Options DEFAULT = new Options(32, true);

        public Options {
            if (snapshotInterval < 0) {
                throw new IllegalArgumentException("snapshotInterval must be >= 0");
            }
        }

        /** Snapshots every {@code snapshotInterval} steps, outputs on. */
        public Options(int snapshotInterval) {
            this(snapshotInterval, true);
        }

        /** No snapshots after position 0, outputs on: for running straight to the end. */
        public static Options forwardOnly() {
            return new Options(0, true);
        }

        /** The same options with outputs on or off. */
        public Options withOutputs(boolean on) {
            return new Options(snapshotInterval, on);
        }
    }

    /** How the last {@link #run()} stopped. */
    public enum RunStop {
        /** No run yet, or the last run() found the session stopped and ran nothing. */
        NONE,
        /** Before a step with `break: true`. */
        STEP_BREAKPOINT,
        /**
         * Before a step that hits a heap breakpoint ({@code !heap -b}) or the CRT's {@code _crtBreakAlloc}; see
         * {@link #lastHeapBreakpoint()}.
         */
        HEAP_BREAKPOINT,
        /**
         * After a step that changed the bytes a processor breakpoint watches ({@code ba w4 Address}); see
         * {@link #lastDataBreakpoint()}.
         */
        DATA_BREAKPOINT,
        /** After a step whose expect failed. */
        EXPECT_FAILED,
        /** After a step that faulted. */
        FAULT,
        /** After the last step. */
        END,
        /** {@link #runBack()} found no breakpoint, failed expect or fault before the position: back at 0. */
        START
    }

    private final Scenario scenario;
    private final Options options;
    private final HeapBreakpoints heapBreakpoints = new HeapBreakpoints();
    private RunStop lastRunStop = RunStop.NONE;
    private String lastHeapBreakpoint;
    private final DataBreakpoints dataBreakpoints = new DataBreakpoints();
    /** The watch the last run (or run back) stopped at, or null. */
    private DataBreakpoints.Hit lastDataHit;
    /** The watch the last step run changed, or null. */
    private DataBreakpoints.Hit stepDataHit;
    private final List<Step> steps;
    /** What each step runs: its Statement, its Expression, or null for a command (see StepCompiler). */
    private final List<Object> forms;
    private final Process process;
    private final StepRunner runner;
    private final SnapshotStore snapshots;
    private final OutcomeLog outcomes = new OutcomeLog();
    private int position;
    private boolean faulted;
    /** Steps the user set a breakpoint on (indices into steps), beside the scenario's `break` ones. */
    private final NavigableSet<Integer> userBreakpoints = new TreeSet<>();
    /** Steps with `break: true` whose breakpoint the user turned off. */
    private final NavigableSet<Integer> clearedBreakpoints = new TreeSet<>();

    private Session(Scenario scenario, Options options) {
        this.scenario = scenario;
        this.options = options;
        this.steps = new ArrayList<>(scenario.steps());
        this.forms = new ArrayList<>(steps.size());
        StepCompiler compiler = new StepCompiler(forms);
        for (Step step : steps) {
            heaplab.engine.Cancellation.check(forms.size());
            try {
                compiler.add(step);
            } catch (ScriptSyntaxException e) {
                throw new IllegalArgumentException(scenario.source() + ":" + step.line() + ":"
                    + (step.column() + e.column() - 1) + ": " + e.detail(), e);
            }
        }
        this.process = new Process(new ProcessConfig(scenario.arch(), scenario.globalFlags(), scenario.image(),
            scenario.lfh(), scenario.pageHeap()));
        this.runner = new StepRunner(process, heapBreakpoints, dataBreakpoints);
        this.snapshots = new SnapshotStore(process.snapshot(), options.snapshotInterval());
    }

    /** Opens a session on a scenario at position 0 (nothing run; the process heap exists). */
    public static Session open(Scenario scenario) {
        return open(scenario, Options.DEFAULT);
    }

    /**
     * Opens a session with the given snapshot policy.
     *
     * @throws IllegalArgumentException when a statement does not parse (a scenario not made by the loader); the
     *                                  message is {@code file:line:column: what is wrong}
     */
    public static Session open(Scenario scenario, Options options) {
        return new Session(scenario, options);
    }

    public Scenario scenario() { return scenario; }

    public Options options() { return options; }

    /** The steps, including any added from the console after loading. */
    public List<Step> steps() { return Collections.unmodifiableList(steps); }

    /** The process at the current position. Views read it; only the session changes it. */
    public Process process() { return process; }

    /** Number of steps that have run (0..steps().size()). */
    public int position() { return position; }

    /** Outcomes of the steps that have run, index 0..position-1. */
    public List<StepOutcome> outcomes() { return Collections.unmodifiableList(outcomes); }

    /** The outcome of the last step run, or null at position 0. */
    public StepOutcome lastOutcome() { return position == 0 ? null : outcomes.get(position - 1); }

    /** True when no further step can run: at the end, or after a fault. */
    public boolean isStopped() { return faulted || position >= steps.size(); }

    /**
     * The session's heap breakpoints ({@code !heap -b}): debugger state kept across step back, jumps and restart.
     * The console's {@code !heap -b} / {@code !heap -B} lines (typed, or scenario {@code cmd} steps) change them.
     */
    public HeapBreakpoints heapBreakpoints() { return heapBreakpoints; }

    /**
     * The session's processor breakpoints ({@code ba w4 Address}), HeapLab's address watches: debugger state kept
     * across step back, jumps and restart, never a step and not in snapshots. The console's {@code ba}, {@code bc},
     * {@code bd}, {@code be} lines (typed, or scenario {@code cmd} steps) change them.
     */
    public DataBreakpoints dataBreakpoints() { return dataBreakpoints; }

    /**
     * True when running stops before step {@code index}: the step has `break: true` and the user did not turn it
     * off, or the user set a breakpoint on it ({@link #setBreakpoint}).
     */
    public boolean isBreakpoint(int index) {
        checkStepIndex(index);
        return userBreakpoints.contains(index)
            || steps.get(index).breakpoint() && !clearedBreakpoints.contains(index);
    }

    /**
     * Sets or clears the breakpoint on step {@code index}, the scenario's own `break` ones included (a user
     * breakpoint). Like the heap breakpoints these are debugger state: kept across step back, jumps and restart,
     * and they move with their step when a console line inserts a step before it.
     *
     * @throws IllegalArgumentException for an index outside 0..steps().size()-1
     */
    public void setBreakpoint(int index, boolean on) {
        checkStepIndex(index);
        boolean fromScenario = steps.get(index).breakpoint();
        if (on) {
            clearedBreakpoints.remove(index);
            if (!fromScenario) {
                userBreakpoints.add(index);
            }
        } else {
            userBreakpoints.remove(index);
            if (fromScenario) {
                clearedBreakpoints.add(index);
            }
        }
    }

    /** Turns the breakpoint on step {@code index} on or off; returns whether it is now on. */
    public boolean toggleBreakpoint(int index) {
        boolean on = !isBreakpoint(index);
        setBreakpoint(index, on);
        return on;
    }

    /** The indices of the steps that have a breakpoint now (the scenario's and the user's), in order. */
    public SortedSet<Integer> breakpoints() {
        TreeSet<Integer> all = new TreeSet<>(userBreakpoints);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).breakpoint() && !clearedBreakpoints.contains(i)) {
                all.add(i);
            }
        }
        return Collections.unmodifiableSortedSet(all);
    }

    /** Clears every breakpoint the user set or turned off: back to the scenario's `break` steps. */
    public void resetBreakpoints() {
        userBreakpoints.clear();
        clearedBreakpoints.clear();
    }

    /** How the last {@link #run()} stopped ({@link RunStop#NONE} before any run). */
    public RunStop lastRunStop() { return lastRunStop; }

    /**
     * When the last run stopped at a heap breakpoint: what the next step hits ({@code alloc}, {@code realloc},
     * {@code free} or {@code address 00360688}); otherwise null.
     */
    public String lastHeapBreakpoint() { return lastRunStop == RunStop.HEAP_BREAKPOINT ? lastHeapBreakpoint : null; }

    /**
     * When the last run (or run back) stopped at a processor breakpoint: the watch and the bytes the step before the
     * position changed; otherwise null.
     */
    public DataBreakpoints.Hit lastDataBreakpoint() {
        return lastRunStop == RunStop.DATA_BREAKPOINT ? lastDataHit : null;
    }

    /**
     * The processor breakpoint whose bytes the last step run changed (a step or a run; the outcome notes it too),
     * or null: none did, or the session went back since.
     */
    public DataBreakpoints.Hit dataBreakpointOfLastStep() { return stepDataHit; }

    /**
     * How the last run stopped, for the window and the CLI: {@code heap breakpoint (alloc)},
     * {@code data breakpoint 0 (ba w4 00360688)}, {@code breakpoint},
     * {@code expect failed}, {@code fault}, {@code end}, or "" before any run.
     */
    public String lastRunStopText() {
        return switch (lastRunStop) {
            case NONE -> "";
            case STEP_BREAKPOINT -> "breakpoint";
            case HEAP_BREAKPOINT -> "heap breakpoint (" + lastHeapBreakpoint + ")";
            case DATA_BREAKPOINT -> lastDataHit.label(process.arch());
            case EXPECT_FAILED -> "expect failed";
            case FAULT -> "fault";
            case END -> "end";
            case START -> "start";
        };
    }

    /**
     * What the next step would hit among the heap breakpoints ({@code alloc}, {@code realloc}, {@code free},
     * {@code address ...}), or null (also at the end).
     */
    public String heapBreakpointBeforeNextStep() {
        return position >= steps.size() ? null
            : HeapBreakpointMatcher.hit(heapBreakpoints, steps.get(position), process);
    }

    /** Runs the next step; returns its outcome, or null when stopped. */
    public StepOutcome step() {
        if (isStopped()) {
            return null;
        }
        runNext();
        return lastOutcome();
    }

    /**
     * Runs the next step (the session is not stopped) and keeps its outcome; returns how it ended. When the step
     * changed the bytes of an enabled processor breakpoint, its outcome ends with WinDbg's {@code Breakpoint 0 hit}
     * and a HeapLab line with the old and new bytes, and {@link #stepDataHit} is that watch.
     */
    private StepOutcome.Status runNext() {
        return runNext(options.outputs());
    }

    /** {@link #runNext()}, with the step's output made or not ({@code outputs}: a console line's always is). */
    private StepOutcome.Status runNext(boolean outputs) {
        // Bytes compared, not writes seen: a step that writes the value already there does not hit.
        List<DataBreakpoints.Sample> watched = dataBreakpoints.sample(process.memory());
        StepOutcome.Status status = runner.run(steps.get(position), forms.get(position), position, true,
            outputs, position == steps.size() - 1);
        String text = runner.text();
        stepDataHit = watched.isEmpty() ? null : dataBreakpoints.changes(watched, process.memory());
        if (stepDataHit != null) {
            text = (text.isEmpty() ? "" : text + "\n") + stepDataHit.windbgLine() + "\n"
                + stepDataHit.detail(process.arch());
        }
        outcomes.add(status, text, runner.touched());
        advanced(status);
        return status;
    }

    /** Goes back one step (no-op at 0). */
    public void stepBack() {
        if (position > 0) {
            goBack(position - 1);
        }
    }

    /**
     * Runs until the next step has a breakpoint ({@link #isBreakpoint}) or hits a heap breakpoint (at least one
     * step runs), an expect fails, a fault, or the end. Returns the outcome of the last step run, or null when
     * nothing ran; {@link #lastRunStop()} then says why it stopped. On a thread that is interrupted
     * (heaplab.engine.Cancellation) it throws a CancellationException between two steps, at the position reached,
     * with {@link #lastRunStop()} NONE.
     */
    public StepOutcome run() {
        lastHeapBreakpoint = null;
        lastDataHit = null;
        if (isStopped()) {
            lastRunStop = RunStop.NONE;
            return null;
        }
        // Steps run through runNext, not step(): only the last outcome is returned, so only it is built.
        StepOutcome.Status status;
        RunStop stop = null;
        lastRunStop = RunStop.NONE;
        int count = 0;
        do {
            // Between two steps the session is whole: a cancelled run (the window's worker) stays where it got.
            heaplab.engine.Cancellation.check(++count);
            status = runNext();
            if (status == StepOutcome.Status.FAULT) {
                stop = RunStop.FAULT;
            } else if (status == StepOutcome.Status.EXPECT_FAILED) {
                stop = RunStop.EXPECT_FAILED;
            } else if (stepDataHit != null) {
                lastDataHit = stepDataHit;
                stop = RunStop.DATA_BREAKPOINT;
            } else if (position >= steps.size()) {
                stop = RunStop.END;
            } else if (isBreakpoint(position)) {
                stop = RunStop.STEP_BREAKPOINT;
            } else {
                lastHeapBreakpoint = HeapBreakpointMatcher.hit(heapBreakpoints, steps.get(position), process);
                if (lastHeapBreakpoint != null) {
                    stop = RunStop.HEAP_BREAKPOINT;
                }
            }
        } while (stop == null);
        lastRunStop = stop;
        return lastOutcome();
    }

    /**
     * Runs backwards: goes back to the nearest earlier position where {@link #run()} would have stopped, that is
     * before a step with a breakpoint ({@link #isBreakpoint}) or a heap breakpoint, or after a step whose expect
     * failed or that faulted; when there is none, back to position 0. Nothing moves at position 0. Returns how it
     * stopped ({@link RunStop#START} at 0; {@link RunStop#NONE} when it did not move), as {@link #lastRunStop()}
     * then also says. Exact, like every step back. With heap breakpoints set, the steps between the nearest other
     * stop and the position are replayed once to test them; cancelled during that replay (an interrupted thread,
     * heaplab.engine.Cancellation), it throws a CancellationException back at the position it started from.
     */
    public RunStop runBack() {
        lastHeapBreakpoint = null;
        lastDataHit = null;
        if (position == 0) {
            lastRunStop = RunStop.NONE;
            return lastRunStop;
        }
        int from = position;
        int target = 0;
        RunStop stop = RunStop.START;
        for (int q = from - 1; q > 0; q--) {
            StepOutcome.Status status = outcomes.status(q - 1);
            if (status != StepOutcome.Status.OK) {
                target = q;
                stop = status == StepOutcome.Status.FAULT ? RunStop.FAULT : RunStop.EXPECT_FAILED;
                break;
            }
            if (isBreakpoint(q)) {
                target = q;
                stop = RunStop.STEP_BREAKPOINT;
                break;
            }
        }
        String hit = null;
        DataBreakpoints.Hit dataHit = null;
        if ((!heapBreakpoints.isEmpty() || crtBreakAllocMayHit(target, from) || dataBreakpoints.anyEnabled())
            && from - target > 1) {
            // Heap breakpoints depend on the state before each step, processor breakpoints on the bytes before and
            // after it: replay (target, from) once, keep the last hit.
            replayTo(target);
            int lastHit = -1;
            int count = 0;
            while (position < from - 1 && !faulted) {
                try {
                    heaplab.engine.Cancellation.check(++count);
                } catch (java.util.concurrent.CancellationException e) {
                    // Cancelled half-way through the replay: back where the run back started (snapshots make it
                    // cheap), so the position and its outcomes agree.
                    replayTo(from);
                    lastRunStop = RunStop.NONE;
                    throw e;
                }
                List<DataBreakpoints.Sample> watched = dataBreakpoints.sample(process.memory());
                advanced(runner.run(steps.get(position), forms.get(position), position, false, false,
                    position == steps.size() - 1));
                DataBreakpoints.Hit d = watched.isEmpty() ? null : dataBreakpoints.changes(watched, process.memory());
                String h = d != null ? null : HeapBreakpointMatcher.hit(heapBreakpoints, steps.get(position), process);
                if (d != null || h != null) {
                    lastHit = position;
                    hit = h;
                    dataHit = d;
                }
            }
            if (lastHit > 0) {
                target = lastHit;
                stop = dataHit != null ? RunStop.DATA_BREAKPOINT : RunStop.HEAP_BREAKPOINT;
            }
        }
        goBack(target);
        lastHeapBreakpoint = hit;
        lastDataHit = dataHit;
        lastRunStop = stop;
        return stop;
    }

    /**
     * Whether _CrtSetBreakAlloc's breakpoint may stop a run between two positions: it is set now, or a step between
     * them sets it (else it was not set there either).
     */
    private boolean crtBreakAllocMayHit(int from, int to) {
        try {
            if (process.crt().globals().breakAlloc() != -1) {
                return true;
            }
        } catch (RuntimeException e) {
            return true; // the CRT's data unreadable: replay, the matcher decides
        }
        for (int i = from; i < to; i++) {
            String text = steps.get(i).text();
            if (text.contains("_CrtSetBreakAlloc") || text.contains("_crtBreakAlloc")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Goes to any position 0..steps().size(), forward or back; stops early at a fault. Forward on an interrupted
     * thread (heaplab.engine.Cancellation), it throws a CancellationException at the position reached.
     *
     * @throws IllegalArgumentException for a position outside 0..steps().size()
     */
    public void jumpTo(int target) {
        if (target < 0 || target > steps.size()) {
            throw new IllegalArgumentException("position " + target + " is outside 0.." + steps.size());
        }
        if (target < position) {
            goBack(target);
        }
        int count = 0;
        while (position < target && !isStopped()) {
            // A cancelled jump (the window's worker) stops between two steps, at a whole position.
            heaplab.engine.Cancellation.check(++count);
            step();
        }
    }

    /** Back to position 0. */
    public void restart() { goBack(0); }

    /**
     * Runs a console line at the current position. Read-only commands just print. Commands that change the
     * process (`.dvalloc`, `gflags +htc`, and statements of the call language) become a new step right after the
     * current one (a changing command whose arguments are wrong only prints its error line),
     * which then runs; steps after it stay and replay on top of it. Returns the text to show, ending with a newline
     * when not empty; a statement that does not parse gives a caret line under the place (after the "0:000> "
     * prompt) and adds no step.
     */
    public String console(String line) {
        String command = line.strip();
        if (command.isEmpty()) {
            return "";
        }
        boolean changesState = Console.changesState(process, command);
        if (!changesState && !ScriptParser.looksLikeStatement(command)) {
            return runner.console().execute(process, line).output();
        }
        Step step = new Step(changesState ? Step.Kind.CMD : Step.Kind.DO, command, "", false, 0, 0);
        Object form;
        try {
            Set<String> names = new HashSet<>(process.variableNames());
            names.addAll(process.structureDeclarations());
            form = StepCompiler.compileAlone(step, names);
        } catch (ScriptSyntaxException e) {
            int indent = "0:000> ".length() + line.indexOf(command) + e.column() - 1;
            return " ".repeat(indent) + "^ " + e.detail() + " in '" + command + "'\n";
        }
        if (faulted) {
            return "The program faulted at step " + position + ": step back or restart before changing it.\n";
        }
        steps.add(position, step);
        forms.add(position, form);
        shiftBreakpoints(position);
        snapshots.dropAfter(position);
        // The line typed prints what it did (q = 0x002405f8), even in a session that makes no step's output
        // (the CLI's without --narrate).
        runNext(true);
        StepOutcome outcome = lastOutcome();
        return outcome.output().isEmpty() ? "" : outcome.output() + "\n";
    }

    private void advanced(StepOutcome.Status status) {
        position++;
        faulted = status == StepOutcome.Status.FAULT;
        if (snapshots.wants(position)) {
            snapshots.put(position, process.snapshot());
        }
    }

    /** Restores the nearest snapshot at or before the target and replays the steps up to it. */
    private void goBack(int target) {
        outcomes.truncate(target);
        replayTo(target);
    }

    /**
     * Restores the nearest snapshot at or before the target and replays up to it, keeping the outcomes (the steps
     * replayed already have theirs).
     */
    private void replayTo(int target) {
        stepDataHit = null;
        Map.Entry<Integer, Process.Snapshot> nearest = snapshots.atOrBefore(target);
        process.restore(nearest.getValue());
        position = nearest.getKey();
        faulted = false;
        while (position < target && !faulted) {
            advanced(runner.run(steps.get(position), forms.get(position), position, false, false,
                position == steps.size() - 1));
        }
    }

    /** A step was inserted at {@code index}: the breakpoints on it and after it move one on with their steps. */
    private void shiftBreakpoints(int index) {
        for (NavigableSet<Integer> set : List.of(userBreakpoints, clearedBreakpoints)) {
            NavigableSet<Integer> moved = new TreeSet<>();
            for (int i : set.tailSet(index, true)) {
                moved.add(i + 1);
            }
            set.tailSet(index, true).clear();
            set.addAll(moved);
        }
    }

    private void checkStepIndex(int index) {
        if (index < 0 || index >= steps.size()) {
            throw new IllegalArgumentException("step index " + index + " is outside 0.." + (steps.size() - 1));
        }
    }
}
