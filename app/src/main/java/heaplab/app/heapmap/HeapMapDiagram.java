package heaplab.app.heapmap;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.canvas.PickableDiagram;
import heaplab.app.heapmap.HeapMapLayout.Label;
import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;
import heaplab.app.theme.Palette;
import heaplab.engine.diff.HeapDiff;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;

import java.util.List;

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
    private final double legendHeight;
    /** Halos, badges and labels reach a little past their piece: draw rows this close to the view too. */
    private static final double CULL_MARGIN = 40;

    public HeapMapDiagram(HeapMapModel model, Palette palette) {
        this.model = model;
        this.palette = palette;
        this.layout = HeapMapLayout.of(model);
        this.painter = new BlockPainter(palette);
        this.legendHeight = layout.legendHeight();
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
        render(gc, new Rectangle2D(0, 0, width(), height()));
    }

    /**
     * Draws what lies in {@code visible}: the key when it shows, then only the labels and pieces of the rows in view
     * (found by binary search, as the layout runs top to bottom), so a redraw costs the rows on screen whatever the
     * number of blocks.
     */
    @Override
    public void render(GraphicsContext gc, Rectangle2D visible) {
        double top = visible.getMinY() - CULL_MARGIN;
        double bottom = visible.getMaxY() + CULL_MARGIN;
        gc.save();
        gc.setFill(palette.background());
        gc.fillRect(Math.max(0, visible.getMinX()), Math.max(0, visible.getMinY()),
            Math.min(width(), visible.getWidth()), Math.min(height(), visible.getHeight()));
        if (top < legendHeight) {
            new HeapMapLegend(palette, painter).render(gc, model, width());
        }
        List<Label> labels = layout.labels();
        for (int i = layout.firstLabelBelow(top); i < labels.size() && labels.get(i).y() < bottom; i++) {
            paintLabel(gc, labels.get(i));
        }
        List<Piece> pieces = layout.pieces();
        int first = layout.firstPieceBelow(top);
        int last = first;
        while (last < pieces.size() && pieces.get(last).y() < bottom) {
            last++;
        }
        for (int i = first; i < last; i++) {
            Piece piece = pieces.get(i);
            if (piece.block() != null && piece.kind() != PieceKind.OVERVIEW && model.isTouched(piece.block())) {
                painter.paintTouched(gc, piece);
            }
        }
        for (int i = first; i < last; i++) {
            painter.add(pieces.get(i));
        }
        painter.flush(gc);
        for (int i = first; i < last; i++) {
            painter.paintCaption(gc, pieces.get(i));
        }
        painter.flushCaptions(gc);
        for (int i = first; i < last; i++) {
            painter.paintBadges(gc, pieces.get(i));
            Piece piece = pieces.get(i);
            HeapDiff.Kind change = piece.kind() == PieceKind.OVERVIEW ? null : model.change(piece.block());
            if (change != null) {
                painter.paintChange(gc, piece, change);
            }
        }
        for (int i = first; i < last; i++) {
            Piece piece = pieces.get(i);
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
        List<Piece> pieces = layout.pieces();
        for (int i = layout.firstPieceBelow(y); i < pieces.size() && pieces.get(i).y() <= y; i++) {
            Piece piece = pieces.get(i);
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
            : model.describe(piece.block());
    }
}
