package heaplab.app.inspector;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.export.Diagram;
import heaplab.app.theme.Palette;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** The inspector drawn for export: the block's title, its decoded fields as a table, then its hex dump. */
public final class InspectorDiagram implements Diagram {
    /** Lines of bytes in a picture; beyond that a slide is unreadable anyway. */
    static final int MAX_LINES = 48;
    private static final double MARGIN = 16;
    private static final double LINE = 17;
    private static final double NAME_COLUMN = 150;

    private final InspectorModel model;
    private final Palette p;
    private final int lines;

    public InspectorDiagram(InspectorModel model, Palette palette) {
        this.model = model;
        this.p = palette;
        this.lines = Math.min(MAX_LINES + 1, model.hexLines().size());
    }

    @Override
    public double width() {
        double widest = DiagramFonts.width(model.title(), DiagramFonts.TITLE);
        for (HexLine line : model.hexLines()) {
            widest = Math.max(widest, DiagramFonts.width(line.text(), DiagramFonts.MONO));
        }
        for (HeaderField f : model.fields()) {
            widest = Math.max(widest, NAME_COLUMN + DiagramFonts.width(f.value(), DiagramFonts.MONO));
        }
        return Math.max(480, widest + 2 * MARGIN);
    }

    @Override
    public double height() {
        return MARGIN + 28 + model.fields().size() * LINE + (lines > 0 ? 20 + lines * LINE : 0) + MARGIN;
    }

    @Override
    public void render(GraphicsContext gc) {
        gc.save();
        gc.setFill(p.background());
        gc.fillRect(0, 0, width(), height());
        double y = MARGIN;
        CanvasPainting.text(gc, model.title(), MARGIN, y, DiagramFonts.TITLE, p.text());
        y += 28;
        for (int i = 0; i < model.fields().size(); i++) {
            HeaderField f = model.fields().get(i);
            if (i % 2 == 1) {
                gc.setFill(p.grid().deriveColor(0, 1, 1, 0.5));
                gc.fillRect(MARGIN - 4, y - 1, width() - 2 * MARGIN + 8, LINE);
            }
            CanvasPainting.text(gc, f.name(), MARGIN, y, DiagramFonts.LABEL, p.textMuted());
            CanvasPainting.text(gc, f.value(), MARGIN + NAME_COLUMN, y, DiagramFonts.MONO, p.text());
            y += LINE;
        }
        if (lines > 0) {
            y += 20;
            for (int i = 0; i < lines; i++) {
                HexLine line = model.hexLines().get(i);
                String text = i == MAX_LINES ? "... " + (model.hexLines().size() - MAX_LINES) + " more lines"
                    : line.text();
                CanvasPainting.text(gc, text, MARGIN, y, line.kind() == HexLine.Kind.HEADER
                    ? DiagramFonts.MONO_BOLD : DiagramFonts.MONO, colour(line.kind()));
                y += LINE;
            }
        }
        gc.restore();
    }

    private Color colour(HexLine.Kind kind) {
        return switch (kind) {
            case HEADER -> p.busyHeader();
            case DATA -> p.text();
            case UNREADABLE, NOTE -> p.textMuted();
        };
    }
}
