package heaplab.app.inspector;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.theme.Palette;
import heaplab.engine.inspect.ByteKind;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;

/**
 * Draws one hex dump line: the address, sixteen byte cells coloured by what they are, then the ASCII column in the
 * same colours. The list in the window and the PNG export both draw through here.
 */
public final class HexLinePainter {
    public static final double HEIGHT = 16;
    private static final Font FONT = DiagramFonts.MONO;
    private static final Font BOLD = DiagramFonts.MONO_BOLD;
    private static final double CHAR = FONT.getSize() * 0.61;
    /** A byte's cell: two digits and a thin gap (a little tighter than `db`'s three characters, to fit the pane). */
    private static final double CELL = 2.75 * CHAR;
    /** Characters between the address, the bytes and the ASCII column. */
    private static final double GAP = 1.5;
    private final Palette p;
    private final ByteColours colours;

    public HexLinePainter(Palette palette) {
        this.p = palette;
        this.colours = new ByteColours(palette);
    }

    public ByteColours colours() {
        return colours;
    }

    /** The width of a line of `addressChars` address characters. */
    public static double width(int addressChars) {
        return (addressChars + GAP) * CHAR + HexDump.BYTES_PER_LINE * CELL + CHAR * 0.5 + CHAR * GAP
            + HexDump.BYTES_PER_LINE * CHAR + 2;
    }

    /** Paints a line with its top-left corner at (x, y). */
    public void paint(GraphicsContext gc, HexLine line, double x, double y) {
        if (line.bytes().isEmpty()) {
            CanvasPainting.text(gc, line.text(), x, y + 1, FONT, p.textMuted());
            return;
        }
        String address = line.text().substring(0, line.text().indexOf("  "));
        CanvasPainting.text(gc, address, x, y + 1, FONT, p.textMuted());
        double hexX = x + (address.length() + GAP) * CHAR;
        double asciiX = hexX + HexDump.BYTES_PER_LINE * CELL + CHAR * 0.5 + CHAR * GAP;
        for (int i = 0; i < line.bytes().size(); i++) {
            HexLine.HexByte b = line.bytes().get(i);
            double cx = hexX + i * CELL + (i >= 8 ? CHAR * 0.5 : 0);
            cell(gc, b, cx - CHAR * 0.3, y, CELL - CHAR * 0.15, String.valueOf(b.hex()), cx);
            cell(gc, b, asciiX + i * CHAR, y, CHAR, String.valueOf(b.ascii()), asciiX + i * CHAR);
        }
    }

    private void cell(GraphicsContext gc, HexLine.HexByte b, double x, double y, double w, String text, double tx) {
        gc.setFill(colours.background(b.kind(), b.damaged()));
        gc.fillRect(x, y, w, HEIGHT - 1);
        if (b.kind() == ByteKind.UNREADABLE) {
            CanvasPainting.hatch(gc, x, y, w, HEIGHT - 1, colours.hatch(), 5);
        }
        if (b.damaged()) {
            gc.setStroke(colours.damageBorder());
            gc.setLineWidth(1.5);
            gc.strokeRect(x + 0.75, y + 0.75, w - 1.5, HEIGHT - 2.5);
        }
        CanvasPainting.text(gc, text, tx, y + 1, b.damaged() ? BOLD : FONT, colours.text(b.kind(), b.damaged()));
    }
}
