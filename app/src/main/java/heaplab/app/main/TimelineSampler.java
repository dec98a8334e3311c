package heaplab.app.main;

import heaplab.app.steps.TimelinePoint;
import heaplab.app.steps.TimelineViewModel;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.scenario.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The busy/free totals of every position up to the current one. A session is deterministic, so a position's
 * totals never change while the steps stay the same: each is read once, either from the live session when the
 * user is there, or by stepping a private replay session forward (the user's session never moves). Long scenarios
 * are sampled every few steps so the chart stays cheap.
 */
public final class TimelineSampler {
    /** About this many points at most, whatever the length of the scenario. */
    static final int MAX_POINTS = 400;

    private final TreeMap<Integer, TimelinePoint> points = new TreeMap<>();
    private List<Step> steps = List.of();
    private LabSession replay;
    private boolean replayFailed;

    /** Records the live session's totals at its position (heaps already read by the caller). */
    public void record(LabSession live, List<HeapInfo> heaps) {
        resetIfChanged(live);
        points.put(live.position(), TimelineViewModel.totals(live.position(), heaps));
    }

    /** The points for positions 0..live.position(), filling gaps from the replay. */
    public List<TimelinePoint> pointsUpTo(LabSession live) {
        resetIfChanged(live);
        int target = live.position();
        int stride = Math.max(1, (live.steps().size() + MAX_POINTS - 1) / MAX_POINTS);
        fill(live, target, stride);
        return new ArrayList<>(points.headMap(target, true).values());
    }

    private void fill(LabSession live, int target, int stride) {
        if (replayFailed) {
            return;
        }
        try {
            if (replay == null) {
                replay = live.replay();
                points.putIfAbsent(0, TimelineViewModel.totals(0, replay.heaps()));
            }
            if (replay.position() > target) {
                return;
            }
            while (replay.position() < target) {
                if (replay.step() == null) {
                    break;
                }
                int p = replay.position();
                if ((p % stride == 0 || p == target) && !points.containsKey(p)) {
                    points.put(p, TimelineViewModel.totals(p, replay.heaps()));
                }
            }
        } catch (RuntimeException e) {
            // Without a replay the chart still has every position the user visited.
            replayFailed = true;
            replay = null;
        }
    }

    private void resetIfChanged(LabSession live) {
        if (!steps.equals(live.steps())) {
            steps = List.copyOf(live.steps());
            points.clear();
            replay = null;
            replayFailed = false;
        }
    }
}
