package heaplab.app.main;

import java.nio.file.Path;

/** Opens sessions on files and built-in samples; the engine's loader behind an interface for tests. */
public interface SessionLoader {
    /**
     * @throws Exception with the message to show: `file:line:column: what` for a bad scenario, the I/O reason
     *                   for an unreadable file
     */
    LabSession open(Path file) throws Exception;

    LabSession openSample(String name) throws Exception;
}
