package heaplab.app.cli;

import heaplab.app.export.Diagram;
import heaplab.app.export.DiagramFactory;
import heaplab.app.export.HeadlessFx;
import heaplab.app.export.PngExporter;
import heaplab.engine.session.Session;

import java.io.IOException;
import java.util.List;

/**
 * Writes the {@code --png} files. The only part of the command line that touches JavaFX: the run command calls it
 * only when PNGs are asked for, so a plain run never loads a JavaFX class.
 */
final class PngViews {
    private PngViews() {
    }

    /**
     * Starts JavaFX headless (once) and writes each requested view of the session at its current position.
     *
     * @param selected the selected block's address, or 0
     * @param diffFrom the {@code --diff} step, or Diagrams.NO_DIFF
     * @throws RunFailure when a view cannot be drawn or its file cannot be written
     */
    static void write(List<PngRequest> requests, Session session, long selected, String theme, int scale,
                      int diffFrom) throws RunFailure {
        HeadlessFx.start();
        for (PngRequest request : requests) {
            Diagram diagram;
            try {
                diagram = HeadlessFx.call(() -> DiagramFactory.create(request.view(), session, selected, theme,
                    diffFrom));
            } catch (RuntimeException e) {
                throw new RunFailure("cannot draw " + request.view() + ": " + describe(e));
            }
            try {
                PngExporter.write(diagram, request.file(), scale);
            } catch (IOException | RuntimeException e) {
                throw new RunFailure(request.file() + ": cannot write the " + request.view() + " PNG: " + describe(e));
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
