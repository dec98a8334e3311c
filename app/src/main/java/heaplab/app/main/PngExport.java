package heaplab.app.main;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a view of a session as a PNG (File > Export PNG). */
public interface PngExport {
    /** @param view one of heaplab.app.export.DiagramFactory.VIEWS */
    void write(String view, LabSession session, long selectedAddress, Path file) throws IOException;
}
