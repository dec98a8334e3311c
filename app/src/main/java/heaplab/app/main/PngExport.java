package heaplab.app.main;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a view of a session as a PNG (File > Export PNG). */
public interface PngExport {
    /** @param view one of heaplab.app.export.DiagramFactory.VIEWS */
    void write(String view, LabSession session, long selectedAddress, Path file) throws IOException;

    /** As above, the views marking what changed since step `diffFrom` (Diagrams.NO_DIFF for none). */
    default void write(String view, LabSession session, long selectedAddress, int diffFrom, Path file)
            throws IOException {
        write(view, session, selectedAddress, file);
    }

    /**
     * The timeline as the window samples it (TimelineSampler, off the FX thread), without sampling it again.
     *
     * @param position where the marker stands
     */
    default void writeTimeline(heaplab.app.steps.TimelineModel model, int position, Path file) throws IOException {
        throw new UnsupportedOperationException("this export draws no timeline");
    }
}
