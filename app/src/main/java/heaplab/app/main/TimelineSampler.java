package heaplab.app.main;

import heaplab.app.steps.TimelineHeapBreak;
import heaplab.app.steps.TimelinePoint;
import heaplab.app.steps.TimelineSamples;
import heaplab.app.steps.TimelineStop;
import heaplab.app.steps.TimelineViewModel;
import heaplab.engine.session.StepOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Feeds the timeline. A session is deterministic, so the chart over all steps is computed once per loaded session
 * (and again only when a console line adds a step or changes the heap breakpoints): a private replay session steps
 * from the start to the end, or to a fault, reading the heaps at most {@link #MAX_POINTS} times, evenly spread, and
 * noting every fault and failed expect and every step before which a heap breakpoint ({@code !heap -b}) stops a run.
 * The replay runs on the background executor and hands its progress to the UI executor, so a long trace fills the
 * chart in while the user already steps; the user's session never moves. After that, following the session costs
 * O(1) per move (O(heap breakpoints) with some set): only the position changes.
 */
public final class TimelineSampler {
    /** At most about this many points, whatever the length of the scenario. */
    public static final int MAX_POINTS = 1000;
    /** Progress goes to the chart every this many points. */
    private static final int PUBLISH_EVERY = 100;

    private final TimelineViewModel timeline;
    private final Executor background;
    private final Executor ui;
    private LabSession sampled;
    private int sampledSteps = -1;
    /** The heap breakpoints the samples mark (they are the session's: `!heap -b` in the console changes them). */
    private String sampledHeapBreakpoints = "";
    /** The address watches the samples mark (the session's: `ba` in the console changes them). */
    private String sampledDataBreakpoints = "";
    private AtomicBoolean cancelled = new AtomicBoolean();

    /**
     * @param background where the replay runs (a worker thread in the window; the caller's thread in tests)
     * @param ui         where results are handed to the timeline (the FX thread in the window)
     */
    public TimelineSampler(TimelineViewModel timeline, Executor background, Executor ui) {
        this.timeline = timeline;
        this.background = background;
        this.ui = ui;
    }

    /**
     * Called after every move: moves the marker, and starts sampling when the session or its steps are new.
     * O(1) otherwise (steps are only ever inserted, so the count tells when they changed).
     */
    public void follow(LabSession live) {
        if (live != sampled || live.steps().size() != sampledSteps
            || !live.heapBreakpointListing().equals(sampledHeapBreakpoints)
            || !live.dataBreakpointListing().equals(sampledDataBreakpoints)) {
            restart(live);
        }
        timeline.setPosition(live.position());
    }

    /** The user set or cleared the breakpoint of a step: its marker follows, the samples stay. O(breakpoints). */
    public void breakpointsChanged(LabSession live, int index) {
        List<Integer> marked = new ArrayList<>(timeline.getModel().breakpoints());
        int at = java.util.Collections.binarySearch(marked, index);
        boolean on = live.isBreakpoint(index);
        if (on && at < 0) {
            marked.add(-at - 1, index);
        } else if (!on && at >= 0) {
            marked.remove(at);
        }
        timeline.setBreakpoints(marked);
    }

    /** Stops any sampling under way (the window closes). */
    public void cancel() {
        cancelled.set(true);
    }

    private void restart(LabSession live) {
        cancelled.set(true);
        AtomicBoolean mine = new AtomicBoolean();
        cancelled = mine;
        sampled = live;
        sampledSteps = live.steps().size();
        sampledHeapBreakpoints = live.heapBreakpointListing();
        sampledDataBreakpoints = live.dataBreakpointListing();
        timeline.start(sampledSteps, breakpoints(live));
        // The steps are copied here, on the caller's thread; the replay session is built on the worker.
        java.util.function.Supplier<LabSession> replay;
        try {
            replay = live.replayLater();
        } catch (RuntimeException e) {
            return; // no replay, no chart: the rest of the window works without it
        }
        int total = sampledSteps;
        background.execute(() -> {
            Consumer<TimelineSamples> publish = samples -> ui.execute(() -> {
                if (!mine.get()) {
                    timeline.setSamples(samples);
                }
            });
            LabSession session;
            try {
                session = replay.get();
            } catch (RuntimeException e) {
                return;
            }
            sample(session, total, mine::get, publish);
        });
    }

    /** The step indices with a breakpoint. */
    static List<Integer> breakpoints(LabSession live) {
        List<Integer> indices = new ArrayList<>();
        int count = live.steps().size();
        for (int i = 0; i < count; i++) {
            if (live.isBreakpoint(i)) {
                indices.add(i);
            }
        }
        return indices;
    }

    /**
     * Samples a replay from its position 0 to the end (or a fault it cannot pass) and returns what it found; hands
     * partial results to {@code progress} as it goes, and the final one too. Stops early, incomplete, when cancelled.
     */
    public static TimelineSamples sample(LabSession replay, int stepCount, BooleanSupplier cancelled,
                                         Consumer<TimelineSamples> progress) {
        int stride = Math.max(1, (stepCount + MAX_POINTS - 1) / MAX_POINTS);
        List<TimelinePoint> points = new ArrayList<>();
        List<TimelineStop> stops = new ArrayList<>();
        List<TimelineHeapBreak> heapBreaks = new ArrayList<>();
        TimelineSamples result;
        try {
            addPoint(points, replay);
            while (!cancelled.getAsBoolean()) {
                String hit = replay.isStopped() ? null : replay.heapBreakpointBeforeNextStep();
                if (hit != null) {
                    heapBreaks.add(new TimelineHeapBreak(replay.position(), hit));
                }
                StepOutcome outcome = replay.step();
                if (outcome == null) {
                    break;
                }
                String watch = replay.dataBreakpointOfLastStep();
                if (watch != null && outcome.status() == StepOutcome.Status.OK) {
                    // A run stops after the step that changed a watched byte (a fault or failed expect first).
                    heapBreaks.add(new TimelineHeapBreak(replay.position(), watch, true));
                }
                if (outcome.status() != StepOutcome.Status.OK) {
                    stops.add(new TimelineStop(outcome.index(), outcome.status() == StepOutcome.Status.FAULT));
                }
                int p = replay.position();
                if (p % stride == 0 || replay.isStopped()) {
                    addPoint(points, replay);
                    if (points.size() % PUBLISH_EVERY == 0) {
                        progress.accept(new TimelineSamples(points, stops, heapBreaks, p, false));
                    }
                }
            }
            result = new TimelineSamples(points, stops, heapBreaks, replay.position(), !cancelled.getAsBoolean());
        } catch (RuntimeException e) {
            // A replay that breaks (an engine error) leaves the chart with what it got.
            result = new TimelineSamples(points, stops, heapBreaks, replay.position(), true);
        }
        progress.accept(result);
        return result;
    }

    /** The whole scenario's samples at once, on the caller's thread (the PNG export). */
    public static TimelineSamples sampleAll(LabSession live) {
        return sample(live.replay(), live.steps().size(), () -> false, samples -> { });
    }

    private static void addPoint(List<TimelinePoint> points, LabSession replay) {
        int p = replay.position();
        if (!points.isEmpty() && points.get(points.size() - 1).position() == p) {
            return;
        }
        try {
            points.add(TimelineViewModel.totals(p, replay.heaps()));
        } catch (RuntimeException e) {
            // Heaps damaged past decoding at this position: a gap in the chart, not an error.
        }
    }
}
