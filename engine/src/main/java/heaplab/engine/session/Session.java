package heaplab.engine.session;

import heaplab.engine.process.Process;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;

import java.util.List;

/**
 * A loaded scenario plus a position: how many steps have run (0 = none). Step, step back, run to the next
 * breakpoint or fault, jump to any step, restart. Going back is exact (the same bytes) and fast: the session keeps
 * snapshots every few steps and replays the few steps after the nearest one. Deterministic.
 * (skeleton: being implemented)
 */
public final class Session {

    /** Opens a session on a scenario at position 0 (nothing run; the process heap exists). */
    public static Session open(Scenario scenario) { throw new UnsupportedOperationException(); }

    public Scenario scenario() { throw new UnsupportedOperationException(); }

    /** The steps, including any added from the console after loading. */
    public List<Step> steps() { throw new UnsupportedOperationException(); }

    /** The process at the current position. Views read it; only the session changes it. */
    public Process process() { throw new UnsupportedOperationException(); }

    /** Number of steps that have run (0..steps().size()). */
    public int position() { throw new UnsupportedOperationException(); }

    /** Outcomes of the steps that have run, index 0..position-1. */
    public List<StepOutcome> outcomes() { throw new UnsupportedOperationException(); }

    /** The outcome of the last step run, or null at position 0. */
    public StepOutcome lastOutcome() { throw new UnsupportedOperationException(); }

    /** True when no further step can run: at the end, or after a fault. */
    public boolean isStopped() { throw new UnsupportedOperationException(); }

    /** Runs the next step; returns its outcome, or null when stopped. */
    public StepOutcome step() { throw new UnsupportedOperationException(); }

    /** Goes back one step (no-op at 0). */
    public void stepBack() { throw new UnsupportedOperationException(); }

    /**
     * Runs until the next step has `break: true` (at least one step runs), an expect fails, a fault, or the end.
     * Returns the outcome of the last step run, or null when nothing ran.
     */
    public StepOutcome run() { throw new UnsupportedOperationException(); }

    /** Goes to any position 0..steps().size(), forward or back; stops early at a fault. */
    public void jumpTo(int position) { throw new UnsupportedOperationException(); }

    /** Back to position 0. */
    public void restart() { throw new UnsupportedOperationException(); }

    /**
     * Runs a console line at the current position. Read-only commands just print. Commands that change the
     * process (`.dvalloc`, and statements of the call language) become a new step right after the current one,
     * which then runs; steps after it stay and replay on top of it.
     */
    public String console(String line) { throw new UnsupportedOperationException(); }
}
