package heaplab.app.steps;

import java.util.List;

/**
 * What sampling a replay of the scenario found so far: the totals at some positions (at most about a thousand,
 * evenly spread), the faults and failed expects of every step replayed, where the heap breakpoints stop a run, and
 * how far the replay got.
 *
 * @param points     in position order
 * @param stops      in step order
 * @param heapBreaks in position order
 * @param reached    the last position replayed
 * @param complete   true once the replay reached the end, or a fault it cannot pass
 */
public record TimelineSamples(List<TimelinePoint> points, List<TimelineStop> stops, List<TimelineHeapBreak> heapBreaks,
                              int reached, boolean complete) {

    public static final TimelineSamples NONE = new TimelineSamples(List.of(), List.of(), 0, false);

    public TimelineSamples {
        points = List.copyOf(points);
        stops = List.copyOf(stops);
        heapBreaks = List.copyOf(heapBreaks);
    }

    /** Without heap breakpoints. */
    public TimelineSamples(List<TimelinePoint> points, List<TimelineStop> stops, int reached, boolean complete) {
        this(points, stops, List.of(), reached, complete);
    }
}
