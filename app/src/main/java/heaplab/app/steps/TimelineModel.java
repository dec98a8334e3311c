package heaplab.app.steps;

import java.util.List;

/**
 * The timeline chart over all the scenario's steps: the sampled totals, the steps with a breakpoint (a run stops
 * before step i, at position i), where runs stop by themselves (faults, failed expects) and where the heap
 * breakpoints stop them. The position is not
 * part of it: moving costs only the marker ({@link TimelineViewModel#positionProperty()}).
 *
 * @param stepCount   the scenario's steps: the x axis runs from position 0 to stepCount
 * @param breakpoints step indices with a breakpoint, in order
 */
public record TimelineModel(int stepCount, TimelineSamples samples, List<Integer> breakpoints) {

    public static final TimelineModel EMPTY = new TimelineModel(0, TimelineSamples.NONE, List.of());

    public TimelineModel {
        breakpoints = List.copyOf(breakpoints);
    }

    public List<TimelinePoint> points() {
        return samples.points();
    }

    public List<TimelineStop> stops() {
        return samples.stops();
    }

    public List<TimelineHeapBreak> heapBreaks() {
        return samples.heapBreaks();
    }

    /** The heap breakpoint stops at positions from..to (inclusive), in order. */
    public List<TimelineHeapBreak> heapBreaksBetween(int from, int to) {
        List<TimelineHeapBreak> all = samples.heapBreaks();
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).position() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < all.size() && all.get(end).position() <= to) {
            end++;
        }
        return all.subList(lo, end);
    }

    /** The largest byte count of any series: the top of the bytes axis. */
    public long maxBytes() {
        long max = 0;
        for (TimelinePoint p : samples.points()) {
            max = Math.max(max, Math.max(Math.max(p.busyBytes(), p.freeBytes()), p.committedBytes()));
        }
        return max;
    }

    /** The sampled point at or before a position (the one the chart shows there), or null before any. */
    public TimelinePoint pointAt(int position) {
        List<TimelinePoint> points = samples.points();
        int lo = 0;
        int hi = points.size() - 1;
        TimelinePoint found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).position() <= position) {
                found = points.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    public TimelineModel withSamples(TimelineSamples newSamples) {
        return new TimelineModel(stepCount, newSamples, breakpoints);
    }

    public TimelineModel withBreakpoints(List<Integer> newBreakpoints) {
        return new TimelineModel(stepCount, samples, newBreakpoints);
    }
}
