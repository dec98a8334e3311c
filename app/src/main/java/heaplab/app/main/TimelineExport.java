package heaplab.app.main;

import heaplab.app.console.ConsoleViewModel;
import heaplab.app.steps.TimelineModel;
import heaplab.app.steps.TimelineViewModel;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * File > Export > Timeline in the window: drawn from the samples the window's TimelineSampler takes off the FX
 * thread, at once when they cover the whole scenario, else as soon as they do. Nothing is replayed on the FX thread
 * (the CLI, which has no window, samples through Diagrams).
 */
final class TimelineExport {
    private final TimelineViewModel timeline;
    private final PngExport png;
    private final ConsoleViewModel console;
    private final DialogService dialogs;

    TimelineExport(TimelineViewModel timeline, PngExport png, ConsoleViewModel console, DialogService dialogs) {
        this.timeline = timeline;
        this.png = png;
        this.console = console;
        this.dialogs = dialogs;
    }

    /**
     * @param exported the session shown now; its position is the marker's
     * @param current  the window's session later (File > Open may replace it before the samples are done)
     */
    void export(LabSession exported, Supplier<LabSession> current, Path file) {
        int at = exported.position();
        int stepCount = exported.steps().size();
        if (done(timeline.getModel(), stepCount)) {
            write(timeline.getModel(), at, file);
            return;
        }
        console.note("The timeline is still being sampled: it will be saved as " + file + " when it is done.");
        timeline.modelProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends TimelineModel> o, TimelineModel was, TimelineModel now) {
                if (current.get() != exported || current.get().steps().size() != stepCount) {
                    timeline.modelProperty().removeListener(this);
                    console.note("The timeline was not saved as " + file + ": the scenario changed before it was "
                        + "sampled.");
                } else if (done(now, stepCount)) {
                    timeline.modelProperty().removeListener(this);
                    write(now, at, file);
                }
            }
        });
    }

    /** True when the samples cover the whole scenario (to its end, or to a fault it cannot pass). */
    private static boolean done(TimelineModel model, int stepCount) {
        return model.samples().complete() && model.stepCount() == stepCount;
    }

    private void write(TimelineModel model, int at, Path file) {
        try {
            png.writeTimeline(model, at, file);
            console.note("Saved the timeline as " + file);
        } catch (Exception e) {
            dialogs.showError("Could not export the timeline", file + ": " + e.getMessage());
        }
    }
}
