package heaplab.app.heapmap;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;
import heaplab.app.theme.Palette;
import javafx.scene.canvas.GraphicsContext;

/** The key at the top of the heap map, drawn with the same painter as the map so it always matches. */
final class HeapMapLegend {
    private static final double SWATCH_W = 40;
    private static final double SWATCH_H = 16;
    private final Palette palette;
    private final BlockPainter painter;

    HeapMapLegend(Palette palette, BlockPainter painter) {
        this.palette = palette;
        this.painter = painter;
    }

    private static final double LINE = HeapMapLayout.LEGEND_LINE;
    private double x;
    private double y;
    private double width;

    /**
     * Draws the key in lines that fit the width (two at the map's width), then one line of explanation; with
     * {@code crt} (the map shows debug CRT blocks) their key too.
     */
    void render(GraphicsContext gc, double width, boolean crt) {
        this.width = width;
        x = 12;
        y = 8;
        // A 40-byte busy block asked for 24 bytes: 8 header, 24 data, 8 unused, so the swatch shows all three.
        item(gc, swatch(BlockState.BUSY, 24), "busy: header | data | unused", false, false);
        item(gc, swatch(BlockState.FREE, 0), "free", false, false);
        item(gc, swatch(BlockState.INTERNAL, 0), "_HEAP / segment header", false, false);
        item(gc, swatch(BlockState.VIRTUAL, 32), "virtual alloc", false, false);
        item(gc, swatch(BlockState.UNCOMMITTED, 0), "uncommitted", false, false);
        item(gc, swatch(BlockState.BUSY, 32), "selected", true, false);
        item(gc, swatch(BlockState.BUSY, 32), "last step", false, true);
        if (crt) {
            // A 40-byte block holding a 4-byte CRT block in 32 bytes: 8 NT header, 8 CRT header, gap, data, gap.
            MapBlock block = new MapBlock(0, 0, 8, 40, 0, 1, 8, 32, 0, BlockState.BUSY, "", 20, 4);
            x = 12;
            y += LINE;
            item(gc, new Piece(0, 0, SWATCH_W, SWATCH_H, 0, 40, block, null, PieceKind.ROW, false, false),
                "debug CRT block: _CrtMemBlockHeader | no-man's land | data | no-man's land", false, false);
        }
        CanvasPainting.text(gc, "1 pixel = 1 byte; each row is " + BlockText.hex(HeapMapLayout.BYTES_PER_ROW)
            + " bytes from the address on its left", 12, y + LINE, DiagramFonts.LABEL, palette.textMuted());
    }

    private void item(GraphicsContext gc, Piece piece, String text, boolean selected, boolean touched) {
        double itemWidth = SWATCH_W + 6 + DiagramFonts.width(text, DiagramFonts.LABEL) + 18;
        if (x > 12 && x + itemWidth > width) {
            x = 12;
            y += LINE;
        }
        Piece placed = new Piece(x, y, piece.w(), piece.h(), piece.start(), piece.end(), piece.block(),
            piece.range(), PieceKind.ROW, false, false);
        if (touched) {
            painter.paintTouched(gc, placed);
        }
        painter.paint(gc, placed);
        if (selected) {
            painter.paintSelected(gc, placed);
        }
        CanvasPainting.text(gc, text, x + SWATCH_W + 6, y, DiagramFonts.LABEL, palette.text());
        x += itemWidth;
    }

    private static Piece swatch(BlockState state, long requested) {
        if (state == BlockState.UNCOMMITTED) {
            return new Piece(0, 0, SWATCH_W, SWATCH_H, 0, 40, null, new MapSegment.MapRange(0, 40), PieceKind.ROW,
                false, false);
        }
        MapBlock block = new MapBlock(0, 0, 8, 40, 0, 1, 16, requested, 0, state, "");
        return new Piece(0, 0, SWATCH_W, SWATCH_H, 0, 40, block, null, PieceKind.ROW, false, false);
    }
}
