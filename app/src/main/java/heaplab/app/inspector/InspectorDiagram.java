package heaplab.app.inspector;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.export.Diagram;
import heaplab.app.theme.Palette;
import heaplab.engine.inspect.ByteKind;
import javafx.scene.canvas.GraphicsContext;

import java.util.List;

/**
 * The inspector drawn for export: the block's title, its fields under one heading per layer (the sheet's
 * categories, in the same order), a legend of the kinds of bytes, then the hex dump drawn by the window's
 * {@link HexLinePainter}, in the heap map's colours with damage marked.
 */
public final class InspectorDiagram implements Diagram {
    /** Lines of bytes in a picture; beyond that a slide is unreadable anyway. */
    static final int MAX_LINES = 48;
    private static final double MARGIN = 16;
    private static final double LINE = 17;
    private static final double HEADING = 22;
    private static final double NAME_COLUMN = 190;
    private static final double LEGEND_ROW = 18;

    private final InspectorModel model;
    private final Palette p;
    private final HexLinePainter painter;
    private final int lines;

    public InspectorDiagram(InspectorModel model, Palette palette) {
        this.model = model;
        this.p = palette;
        this.painter = new HexLinePainter(palette);
        this.lines = Math.min(MAX_LINES + 1, model.hexLines().size());
    }

    @Override
    public double width() {
        // Bold capitals run wider than the estimate's average.
        double widest = DiagramFonts.width(model.title(), DiagramFonts.TITLE) * 1.1;
        for (HexLine line : model.hexLines()) {
            widest = Math.max(widest, line.bytes().isEmpty() ? DiagramFonts.width(line.text(), DiagramFonts.MONO)
                : HexLinePainter.width(line.text().indexOf("  ")));
        }
        for (HeaderField f : model.fields()) {
            widest = Math.max(widest, NAME_COLUMN + DiagramFonts.width(f.value(), DiagramFonts.MONO));
        }
        return Math.max(560, widest + 2 * MARGIN);
    }

    @Override
    public double height() {
        double fields = model.fields().size() * LINE + model.categories().size() * HEADING;
        double bytes = lines > 0 ? 14 + legendRows() * LEGEND_ROW + 6 + lines * LINE : 0;
        return MARGIN + 28 + fields + bytes + MARGIN;
    }

    @Override
    public void render(GraphicsContext gc) {
        gc.save();
        gc.setFill(p.background());
        gc.fillRect(0, 0, width(), height());
        double y = MARGIN;
        CanvasPainting.text(gc, model.title(), MARGIN, y, DiagramFonts.TITLE, p.text());
        y += 28;
        for (String category : model.categories()) {
            y = section(gc, category, y);
        }
        if (lines > 0) {
            y += 14;
            y = legend(gc, y) + 6;
            for (int i = 0; i < lines; i++) {
                HexLine line = i == MAX_LINES ? new HexLine("... " + (model.hexLines().size() - MAX_LINES)
                    + " more lines", HexLine.Kind.NOTE) : model.hexLines().get(i);
                painter.paint(gc, line, MARGIN, y);
                y += LINE;
            }
        }
        gc.restore();
    }

    private double section(GraphicsContext gc, String category, double y) {
        boolean damage = category.equals(InspectorSections.DAMAGE);
        gc.setFill(damage ? p.bitmapMismatch() : p.grid());
        gc.fillRect(MARGIN - 4, y + 2, width() - 2 * MARGIN + 8, HEADING - 4);
        CanvasPainting.text(gc, category, MARGIN, y + 4, DiagramFonts.LABEL_BOLD, damage ? p.textOnDark() : p.text());
        y += HEADING;
        int row = 0;
        for (HeaderField f : model.fields()) {
            if (!f.category().equals(category)) {
                continue;
            }
            if (row++ % 2 == 1) {
                gc.setFill(p.grid().deriveColor(0, 1, 1, 0.4));
                gc.fillRect(MARGIN - 4, y - 1, width() - 2 * MARGIN + 8, LINE);
            }
            CanvasPainting.text(gc, f.name(), MARGIN, y, DiagramFonts.LABEL, p.textMuted());
            CanvasPainting.text(gc, f.value(), MARGIN + NAME_COLUMN, y, damage ? DiagramFonts.MONO_BOLD
                : DiagramFonts.MONO, damage ? p.bitmapMismatch() : p.text());
            y += LINE;
        }
        return y;
    }

    private List<Chip> chips() {
        List<Chip> chips = new java.util.ArrayList<>();
        if (model.damaged()) {
            chips.add(new Chip("damaged", ByteKind.DATA, true));
        }
        for (ByteKind kind : model.legend()) {
            chips.add(new Chip(kind.label(), kind, false));
        }
        return chips;
    }

    private record Chip(String text, ByteKind kind, boolean damaged) {
        double width() {
            // The width estimate is for mixed text; these labels are mostly capitals and underscores.
            return 16 + DiagramFonts.width(text, DiagramFonts.LABEL) * 1.2 + 16;
        }
    }

    private int legendRows() {
        double x = 0;
        int rows = chips().isEmpty() ? 0 : 1;
        double room = width() - 2 * MARGIN;
        for (Chip c : chips()) {
            if (x + c.width() > room && x > 0) {
                rows++;
                x = 0;
            }
            x += c.width();
        }
        return rows;
    }

    private double legend(GraphicsContext gc, double y) {
        ByteColours colours = painter.colours();
        double x = MARGIN;
        List<Chip> chips = chips();
        if (chips.isEmpty()) {
            return y;
        }
        for (Chip c : chips) {
            if (x + c.width() > width() - MARGIN && x > MARGIN) {
                x = MARGIN;
                y += LEGEND_ROW;
            }
            gc.setFill(colours.background(c.kind(), c.damaged()));
            gc.fillRect(x, y + 3, 11, 11);
            gc.setStroke(c.damaged() ? colours.damageBorder() : colours.hatch());
            gc.setLineWidth(1);
            gc.strokeRect(x + 0.5, y + 3.5, 10, 10);
            CanvasPainting.text(gc, c.text(), x + 16, y + 1, DiagramFonts.LABEL, p.text());
            x += c.width();
        }
        return y + LEGEND_ROW;
    }
}
