package heaplab.app.heapmap;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.canvas.PickableDiagram;
import heaplab.app.heapmap.HeapMapLayout.Label;
import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;
import heaplab.app.theme.Palette;
import javafx.scene.canvas.GraphicsContext;

/**
 * The heap map: every heap, each segment to scale (see {@link HeapMapLayout}), blocks coloured by state with
 * their headers shaded, the selected block outlined and the block the last step touched haloed. Serves the window
 * and the PNG export.
 */
public final class HeapMapDiagram implements PickableDiagram {
    private final HeapMapModel model;
    private final Palette palette;
    private final HeapMapLayout layout;
    private final BlockPainter painter;

    public HeapMapDiagram(HeapMapModel model, Palette palette) {
        this.model = model;
        this.palette = palette;
        this.layout = HeapMapLayout.of(model);
        this.painter = new BlockPainter(palette);
    }

    public HeapMapModel model() {
        return model;
    }

    public HeapMapLayout layout() {
        return layout;
    }

    @Override
    public double width() {
        return HeapMapLayout.width(model.arch());
    }

    @Override
    public double height() {
        return layout.height();
    }

    @Override
    public void render(GraphicsContext gc) {
        gc.save();
        gc.setFill(palette.background());
        gc.fillRect(0, 0, width(), height());
        new HeapMapLegend(palette, painter).render(gc, width(), model.hasCrtBlocks());
        for (Label label : layout.labels()) {
            paintLabel(gc, label);
        }
        for (Piece piece : layout.pieces()) {
            if (piece.block() != null && piece.kind() != PieceKind.OVERVIEW && model.isTouched(piece.block())) {
                painter.paintTouched(gc, piece);
            }
        }
        for (Piece piece : layout.pieces()) {
            painter.paint(gc, piece);
        }
        for (Piece piece : layout.pieces()) {
            painter.paintCaption(gc, piece);
        }
        for (Piece piece : layout.pieces()) {
            if (piece.block() != null && model.isSelected(piece.block())) {
                painter.paintSelected(gc, piece);
            }
        }
        gc.restore();
    }

    private void paintLabel(GraphicsContext gc, Label label) {
        switch (label.kind()) {
            case HEAP_TITLE -> CanvasPainting.text(gc, label.text(), label.x(), label.y(), DiagramFonts.TITLE,
                palette.text());
            case SEGMENT_TITLE -> CanvasPainting.text(gc, label.text(), label.x(), label.y(), DiagramFonts.MONO,
                palette.textMuted());
            case ROW_ADDRESS -> CanvasPainting.rightText(gc, label.text(), label.x(), label.y(), DiagramFonts.MONO,
                palette.textMuted());
            case MESSAGE -> CanvasPainting.text(gc, label.text(), label.x(), label.y(), DiagramFonts.LABEL,
                palette.text());
        }
    }

    /** The piece under a logical point, preferring rows over the thin overview strips. */
    public Piece pieceAt(double x, double y) {
        Piece found = null;
        for (Piece piece : layout.pieces()) {
            if (piece.contains(x, y)) {
                if (piece.kind() != PieceKind.OVERVIEW) {
                    return piece;
                }
                found = piece;
            }
        }
        return found;
    }

    @Override
    public long addressAt(double x, double y) {
        Piece piece = pieceAt(x, y);
        if (piece == null || piece.block() == null) {
            return 0;
        }
        MapBlock b = piece.block();
        return b.contains(b.user()) ? b.user() : b.entry();
    }

    @Override
    public String tooltipAt(double x, double y) {
        Piece piece = pieceAt(x, y);
        if (piece == null) {
            return null;
        }
        return piece.block() == null ? BlockText.describeUncommitted(piece.range(), model.arch())
            : BlockText.describe(piece.block(), model.arch());
    }
}
