package heaplab.app.steps;

import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.List;

/** The busy/free chart's state; the points come from the main view model, which samples each position once. */
public final class TimelineViewModel {
    private final ReadOnlyObjectWrapper<TimelineModel> model = new ReadOnlyObjectWrapper<>(TimelineModel.EMPTY);

    public ReadOnlyObjectProperty<TimelineModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public TimelineModel getModel() {
        return model.get();
    }

    public void update(List<TimelinePoint> points, int position, int stepCount) {
        model.set(new TimelineModel(List.copyOf(points), position, stepCount));
    }

    /** The totals of a set of heaps at one position. */
    public static TimelinePoint totals(int position, List<HeapInfo> heaps) {
        long busy = 0;
        long free = 0;
        for (HeapInfo heap : heaps) {
            for (HeapBlock b : heap.allBlocks()) {
                switch (b.kind()) {
                    case BUSY, VIRTUAL -> busy += b.size();
                    case FREE -> free += b.size();
                    case INTERNAL -> { }
                }
            }
        }
        return new TimelinePoint(position, busy, free);
    }
}
