package heaplab.app.steps;

import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapSegmentInfo;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * The timeline's state: the chart over all steps ({@link TimelineModel}, replaced only when the samples or the
 * breakpoints change) and the position, which changes on every step and only moves the marker. A click, a drag or
 * the slider asks the session to go to a position.
 */
public final class TimelineViewModel {
    private final ReadOnlyObjectWrapper<TimelineModel> model = new ReadOnlyObjectWrapper<>(TimelineModel.EMPTY);
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper(0);
    private final IntConsumer jumpTo;

    /** A timeline whose jumps go nowhere (the PNG export). */
    public TimelineViewModel() {
        this(p -> { });
    }

    /** @param jumpTo moves the session to a position (0..steps) */
    public TimelineViewModel(IntConsumer jumpTo) {
        this.jumpTo = jumpTo;
    }

    public ReadOnlyObjectProperty<TimelineModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public TimelineModel getModel() {
        return model.get();
    }

    /** The session's position: where the marker stands. */
    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** The user clicked, dragged or slid to a position; it is clamped to the axis. */
    public void jumpTo(int target) {
        int clamped = Math.max(0, Math.min(target, model.get().stepCount()));
        if (clamped != position.get()) {
            jumpTo.accept(clamped);
        }
    }

    public void setPosition(int value) {
        position.set(value);
    }

    /** A new scenario (or new steps): the axis, the breakpoints, and no samples yet. */
    public void start(int stepCount, List<Integer> breakpoints) {
        model.set(new TimelineModel(stepCount, TimelineSamples.NONE, breakpoints));
    }

    public void setSamples(TimelineSamples samples) {
        model.set(model.get().withSamples(samples));
    }

    public void setBreakpoints(List<Integer> breakpoints) {
        if (!breakpoints.equals(model.get().breakpoints())) {
            model.set(model.get().withBreakpoints(breakpoints));
        }
    }

    /** The totals of a set of heaps at one position. */
    public static TimelinePoint totals(int position, List<HeapInfo> heaps) {
        long busy = 0;
        long free = 0;
        long committed = 0;
        long largest = 0;
        double fragmentation = 0;
        for (HeapInfo heap : heaps) {
            for (HeapSegmentInfo segment : heap.segments()) {
                committed += segment.committedBytes();
            }
            long heapFree = 0;
            long heapLargest = 0;
            for (HeapBlock b : heap.allBlocks()) {
                switch (b.kind()) {
                    case BUSY -> busy += b.size();
                    case VIRTUAL -> {
                        busy += b.size();
                        committed += b.size();
                    }
                    case FREE -> {
                        heapFree += b.size();
                        heapLargest = Math.max(heapLargest, b.size());
                    }
                    case INTERNAL -> { }
                }
            }
            free += heapFree;
            largest = Math.max(largest, heapLargest);
            fragmentation = Math.max(fragmentation, TimelinePoint.fragmentation(heapFree, heapLargest));
        }
        return new TimelinePoint(position, busy, free, committed, largest, fragmentation);
    }
}
