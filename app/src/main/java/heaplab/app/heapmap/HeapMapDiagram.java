package heaplab.app.heapmap;

import heaplab.app.canvas.DiagramFonts;
import heaplab.app.canvas.PickableDiagram;
import heaplab.app.canvas.PixelRaster;
import heaplab.app.canvas.TextBatch;
import heaplab.app.heapmap.HeapMapLayout.Label;
import heaplab.app.heapmap.HeapMapLayout.OverviewBand;
import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;
import heaplab.app.theme.Palette;
import heaplab.engine.diff.HeapDiff;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;

import java.util.ArrayList;
import java.util.Arrays;
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
    private final AddressSpaceOverview overview;
    private final OverviewPainter overviewPainter;
    private final OverviewHits overviewHits;
    private final List<HeapMapLegend.Item> legendItems;
    /** The last redraw's image, reused by the next one of the same size. */
    private WritableImage image;
    /** The last redraw's raster, whose pixels the next one reuses. */
    private PixelRaster raster;
    /** Halos, badges and labels reach a little past their piece: draw rows this close to the view too. */
    private static final double CULL_MARGIN = 40;
    /** How far above or below its piece a halo or warning marker reaches. */
    private static final double MARK_REACH = 12;

    public HeapMapDiagram(HeapMapModel model, Palette palette) {
        this(model, AddressSpaceOverview.of(model), palette);
    }

    /** The map with the overview its view model worked out (which knows the region the keyboard is on). */
    public HeapMapDiagram(HeapMapModel model, AddressSpaceOverview overview, Palette palette) {
        this(model, overview, palette, HeapMapLayout.of(model, overview));
    }

    private HeapMapDiagram(HeapMapModel model, AddressSpaceOverview overview, Palette palette, HeapMapLayout layout) {
        this.model = model;
        this.palette = palette;
        this.overview = overview;
        this.layout = layout;
        this.painter = new BlockPainter(palette);
        this.overviewPainter = layout.overviewBand() == null ? null
            : new OverviewPainter(overview, layout.overviewBand(), palette, painter);
        this.overviewHits = overviewPainter == null ? null
            : new OverviewHits(overview, layout.overviewBand(), overviewPainter, model);
        this.legendHeight = layout.legendHeight();
        this.legendItems = layout.legendItems();
    }

    /**
     * The same map with the keyboard on another region of the same overview: the layout is kept (only the overview's
     * frame moves), so going from region to region costs a redraw, not a new layout of every block.
     */
    public HeapMapDiagram withOverview(AddressSpaceOverview focused) {
        if (focused.regions() != overview.regions()) {
            return new HeapMapDiagram(model, focused, palette);
        }
        return new HeapMapDiagram(model, focused, palette, layout);
    }

    public HeapMapModel model() {
        return model;
    }

    public HeapMapLayout layout() {
        return layout;
    }

    public AddressSpaceOverview overview() {
        return overview;
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
     * Draws what lies in {@code visible}: shapes into one {@link PixelRaster} over the part of the canvas the
     * rectangle covers, with the text that is legible at this zoom written into it, put down as one image. Only the
     * labels and pieces of the rows in {@code visible} that land on the canvas are painted (found by binary search,
     * as the layout runs top to bottom), so a redraw costs the rows on screen whatever the number of blocks, also
     * when the whole map is asked for.
     */
    @Override
    public void render(GraphicsContext gc, Rectangle2D visible) {
        PixelRaster raster = PixelRaster.covering(gc, Math.max(0, visible.getMinX()), Math.max(0, visible.getMinY()),
            Math.min(width(), visible.getMaxX()) - Math.max(0, visible.getMinX()),
            Math.min(height(), visible.getMaxY()) - Math.max(0, visible.getMinY()), this.raster);
        this.raster = raster;
        if (raster.width() == 0 || raster.height() == 0) {
            return;
        }
        // The rows asked for that land on the canvas: the whole map asked for on a window-sized canvas is the rows
        // the canvas shows, not a walk over every piece and label for the raster to clip away.
        double top = Math.max(visible.getMinY(), raster.logicalMinY()) - CULL_MARGIN;
        double bottom = Math.min(visible.getMaxY(), raster.logicalMaxY()) + CULL_MARGIN;
        raster.fill(palette.background());
        TextBatch texts = new TextBatch(raster.scale());
        painter.begin(raster, texts);
        if (top < legendHeight) {
            new HeapMapLegend(palette, painter).render(texts, legendItems, width());
        }
        OverviewBand band = layout.overviewBand();
        if (band != null && raster.touchesRows(band.titleY(), band.bottom() - band.titleY())) {
            overviewPainter.paint(raster, texts, model);
        }
        List<Label> labels = layout.labels();
        for (int i = layout.firstLabelBelow(top); i < labels.size() && labels.get(i).y() < bottom; i++) {
            queueLabel(texts, labels.get(i), raster);
        }
        List<Piece> pieces = layout.pieces();
        PieceArrays a = layout.arrays();
        int first = layout.firstPieceBelow(top);
        // Every piece of the rows asked for meets the raster's clip once (and gets its halo then, under everything
        // else); the passes then go over those it keeps.
        long touched = model.touched();
        int[] shown = new int[64];
        int count = 0;
        for (int i = first; i < a.size() && a.y[i] < bottom; i++) {
            if (raster.touchesRows(a.y[i] - MARK_REACH, a.h[i] + 2 * MARK_REACH)) {
                if (count == shown.length) {
                    shown = Arrays.copyOf(shown, count * 2);
                }
                shown[count++] = i;
                if (a.holds(i, touched) && !a.has(i, PieceArrays.OVERVIEW)) {
                    painter.paintTouched(pieces.get(i));
                }
            }
        }
        for (int k = 0; k < count; k++) {
            int i = shown[k];
            if (painter.isSpeck(a.w[i], a.h[i])) {
                painter.paintSpeck(a.x[i], a.y[i], a.w[i], a.h[i], a.state[i]);
            } else {
                painter.paintBody(pieces.get(i));
            }
        }
        for (int k = 0; k < count; k++) {
            int i = shown[k];
            if (!painter.isSpeck(a.w[i], a.h[i]) && !a.has(i, PieceArrays.OVERVIEW)) {
                painter.paintOutline(pieces.get(i));
            }
        }
        boolean changes = !model.changes().isEmpty();
        boolean leaks = !model.leaks().isEmpty();
        boolean captions = texts.legible(DiagramFonts.MONO);
        long selectedAddress = model.selected();
        List<Piece> selected = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int i = shown[k];
            boolean overview = a.has(i, PieceArrays.OVERVIEW);
            boolean change = (changes || leaks) && !overview && a.blockStart[i] >= 0;
            if (!(captions && a.has(i, PieceArrays.ROW)) && !a.has(i, PieceArrays.DAMAGED) && !change
                && !a.holds(i, selectedAddress)) {
                continue; // nothing to write or mark on it
            }
            Piece piece = pieces.get(i);
            boolean leak = change && model.isLeak(piece.block());
            painter.paintCaption(piece, leak);
            painter.paintBadges(piece);
            HeapDiff.Kind kind = change && changes ? model.change(piece.block()) : null;
            if (kind != null) {
                painter.paintChange(piece, kind);
            }
            if (leak) {
                painter.paintLeak(piece);
            }
            if (a.holds(i, selectedAddress)) {
                selected.add(piece);
            }
        }
        for (Piece piece : selected) {
            painter.paintSelected(piece);
        }
        int size = model.arch().pointerSize();
        List<Arrow> arrows = arrows();
        for (int i = 0; i < arrows.size(); i++) {
            // Arrows that go round by the right margin take four lanes 3 pixels apart (the fifth shares the first).
            double margin = layout.left() + HeapMapLayout.ROW_WIDTH + 4 + 3 * (i % 4);
            Arrow arrow = arrows.get(i);
            painter.paintPointer(arrow.from(), arrow.pointer().from(), size, arrow.to(), arrow.pointer().to(), margin);
        }
        texts.drawInto(raster);
        image = raster.drawTo(gc, image);
    }

    /** A pointer of the model placed on the rows: the piece holding it and the piece it points into. */
    private record Arrow(HeapMapModel.Pointer pointer, Piece from, Piece to) {
    }

    /** The model's pointers on the rows, placed at the first redraw (the layout does not change). */
    private List<Arrow> arrows;

    private List<Arrow> arrows() {
        if (arrows == null) {
            arrows = new ArrayList<>();
            for (HeapMapModel.Pointer pointer : model.pointers()) {
                Piece from = rowPiece(pointer.from(), null);
                MapBlock target = PointerArrows.blockHolding(model, pointer.to());
                Piece to = target == null ? null : rowPiece(pointer.to(), target);
                if (from != null && to != null) {
                    arrows.add(new Arrow(pointer, from, to));
                }
            }
        }
        return arrows;
    }

    /** The row piece drawing an address; else, for a block, its first row piece (the address is in a gap). */
    private Piece rowPiece(long address, MapBlock block) {
        Piece first = null;
        for (Piece piece : layout.pieces()) {
            if (piece.kind() != PieceKind.ROW || piece.block() == null) {
                continue;
            }
            if (address >= piece.start() && address < piece.end()) {
                return piece;
            }
            if (first == null && block != null && piece.block() == block) {
                first = piece;
            }
        }
        return first;
    }

    private void queueLabel(TextBatch texts, Label label, PixelRaster raster) {
        if (label.y() > raster.logicalMaxY() || label.y() + 20 < raster.logicalMinY()) {
            return;
        }
        switch (label.kind()) {
            case HEAP_TITLE -> texts.text(label.text(), label.x(), label.y(), DiagramFonts.TITLE, palette.text());
            case SEGMENT_TITLE -> texts.text(label.text(), label.x(), label.y(), DiagramFonts.MONO,
                palette.textMuted());
            case ROW_ADDRESS -> texts.rightText(label.text(), label.x(), label.y(), DiagramFonts.MONO,
                palette.textMuted());
            case MESSAGE -> texts.text(label.text(), label.x(), label.y(), DiagramFonts.LABEL, palette.text());
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

    /** The address under a point of the overview's strips (the start of a region's tick), or -1. */
    public long overviewAddressAt(double x, double y) {
        return overviewHits == null ? -1 : overviewHits.addressAt(x, y);
    }

    /** The rows to bring into view for a click on the overview: those of the address under it; else null. */
    @Override
    public Rectangle2D zoomTargetAt(double x, double y) {
        long address = overviewAddressAt(x, y);
        return address < 0 ? null : layout.rowsOf(address);
    }

    /** The rows around the block holding an address (the last step's, to follow it), or null when none is drawn. */
    public Rectangle2D rowsOf(long address) {
        return address == 0 ? null : layout.rowsOf(address);
    }

    /** The rows of the region the keyboard reached, to bring into view, or null. */
    public Rectangle2D focusedRows() {
        int i = overview.focused();
        return i < 0 ? null : layout.rowsOf(overview.regions().get(i).start());
    }

    @Override
    public long addressAt(double x, double y) {
        long inOverview = overviewAddressAt(x, y);
        if (inOverview >= 0) {
            MapBlock b = model.blockAt(inOverview);
            return b == null ? 0 : b.contains(b.user()) ? b.user() : b.entry();
        }
        Piece piece = pieceAt(x, y);
        if (piece == null || piece.block() == null) {
            return 0;
        }
        MapBlock b = piece.block();
        return b.contains(b.user()) ? b.user() : b.entry();
    }

    @Override
    public String tooltipAt(double x, double y) {
        String inOverview = overviewHits == null ? null : overviewHits.tooltipAt(x, y);
        if (inOverview != null) {
            return inOverview;
        }
        Piece piece = pieceAt(x, y);
        if (piece == null) {
            return null;
        }
        return piece.block() == null ? BlockText.describeUncommitted(piece.range(), model.arch())
            : model.describe(piece.block());
    }
}
