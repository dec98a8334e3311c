package heaplab.app.main;

import heaplab.app.export.PngExporter;
import heaplab.app.theme.Palette;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** File > Export PNG: the view's diagram, drawn by the window's own renderers, through the shared PngExporter. */
public final class DiagramPngExport implements PngExport {
    /** Twice the screen's logical pixels: crisp on slides (engineering guide, "PNG export"). */
    public static final int SCALE = 2;
    private final Supplier<Palette> palette;

    public DiagramPngExport(Palette palette) {
        this(() -> palette);
    }

    /** Draws in the palette of the moment: an export looks like the window, in its current theme. */
    public DiagramPngExport(Supplier<Palette> palette) {
        this.palette = palette;
    }

    @Override
    public void write(String view, LabSession session, long selectedAddress, Path file) throws IOException {
        write(view, session, selectedAddress, Diagrams.NO_DIFF, file);
    }

    @Override
    public void write(String view, LabSession session, long selectedAddress, int diffFrom, Path file)
            throws IOException {
        PngExporter.write(Diagrams.create(view, session, selectedAddress, palette.get(), diffFrom), file, SCALE);
    }

    @Override
    public void writeTimeline(heaplab.app.steps.TimelineModel model, int position, Path file) throws IOException {
        PngExporter.write(Diagrams.timeline(model, position, palette.get()), file, SCALE);
    }
}
