package heaplab.app.steps;

import java.util.List;

/** The chart of busy and free bytes over the positions run so far; position marks where the session stands. */
public record TimelineModel(List<TimelinePoint> points, int position, int stepCount) {

    public static final TimelineModel EMPTY = new TimelineModel(List.of(), 0, 0);

    public long maxBytes() {
        long max = 0;
        for (TimelinePoint p : points) {
            max = Math.max(max, Math.max(p.busyBytes(), p.freeBytes()));
        }
        return max;
    }
}
