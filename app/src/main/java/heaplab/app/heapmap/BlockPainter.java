package heaplab.app.heapmap;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;
import heaplab.app.theme.Palette;
import heaplab.engine.diff.HeapDiff;
import heaplab.engine.process.HeapAnatomy;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paints the pieces of the heap map. Every state differs in lightness and in line style or pattern, not only in
 * hue, so the map reads in grey scale and for colour-blind students: busy solid, free dashed, LFH chunks dotted
 * (busy) or dashed (free), an LFH UserBlocks heavy, virtual blocks with a double outline, page heap blocks framed
 * with a dashed inner line, uncommitted hatched, guard pages
 * cross-hatched, fills after the data (0xAB tail, page heap suffix) striped, damaged bytes red and cross-hatched
 * with a warning marker that shows at any zoom.
 *
 * <p>The passes, in the order {@link HeapMapDiagram} calls them: {@link #paintTouched} (halo under the block),
 * {@link #paint} (fill, parts, damaged bytes, outline), {@link #paintCaption}, {@link #paintBadges} (marks above
 * the block: damage today; a place for further per-block marks such as changes since an earlier step), then
 * {@link #paintSelected}.
 */
final class BlockPainter {
    private static final double MIN_DAMAGE_WIDTH = 2;
    private final Palette p;
    private final PaintBatch base = new PaintBatch();
    private final PaintBatch parts = new PaintBatch();
    private final PaintBatch stripes = new PaintBatch().lines();
    private final PaintBatch damage = new PaintBatch();
    private final PaintBatch solidOutlines = new PaintBatch();
    private final PaintBatch heavyOutlines = new PaintBatch();
    private final PaintBatch dashedOutlines = new PaintBatch();
    private final PaintBatch dottedOutlines = new PaintBatch();
    private final List<Piece> patterned = new ArrayList<>();
    private final List<double[]> damageHatches = new ArrayList<>();
    private final List<Piece> gaps = new ArrayList<>();
    private final PaintBatch backings = new PaintBatch();
    private final Map<Color, List<Caption>> captionTexts = new LinkedHashMap<>();
    private final Color textBacking;

    BlockPainter(Palette palette) {
        this.p = palette;
        this.textBacking = palette.background().deriveColor(0, 1, 1, 0.85);
    }

    /** Paints one piece at once (the key's swatches). */
    void paint(GraphicsContext gc, Piece piece) {
        add(piece);
        flush(gc);
    }

    /**
     * Queues a piece's fill, parts, damaged bytes and outline; {@link #flush} draws everything queued, layer by
     * layer and one colour at a time. Why: a Canvas records every setFill and setStroke as an object in a buffer
     * that grows 32 entries at a time, so switching colours per block made a redraw of 100,000 blocks quadratic;
     * batched, a redraw sets each colour once per layer. Pieces never overlap, so the picture is the same.
     */
    void add(Piece piece) {
        BlockState state = piece.state();
        base.add(fill(state), piece.x(), piece.y(), piece.w(), piece.h());
        boolean overview = piece.kind() == PieceKind.OVERVIEW;
        if (state == BlockState.UNCOMMITTED || state == BlockState.GUARD) {
            patterned.add(piece);
        } else if (piece.kind() == PieceKind.ROW) {
            addParts(piece);
        }
        if (piece.block() != null && piece.kind() != PieceKind.GAP) {
            addDamage(piece);
        }
        if (overview) {
            return;
        }
        addOutline(piece, state);
        if (piece.kind() == PieceKind.GAP) {
            gaps.add(piece);
        }
    }

    /** Draws what {@link #add} queued and empties the queues. */
    void flush(GraphicsContext gc) {
        base.fill(gc);
        for (Piece piece : patterned) {
            boolean overview = piece.kind() == PieceKind.OVERVIEW;
            if (piece.state() == BlockState.UNCOMMITTED) {
                CanvasPainting.hatch(gc, piece.x(), piece.y(), piece.w(), piece.h(), p.uncommittedHatch(),
                    overview ? 4 : 7);
            } else {
                CanvasPainting.crossHatch(gc, piece.x(), piece.y(), piece.w(), piece.h(), p.guardHatch(),
                    overview ? 4 : 6);
            }
        }
        parts.fill(gc);
        stripes.stroke(gc, 0.6);
        damage.fill(gc);
        for (double[] r : damageHatches) {
            CanvasPainting.crossHatch(gc, r[0], r[1], r[2], r[3], p.damageHatch(), 3);
        }
        solidOutlines.stroke(gc, 0.8);
        heavyOutlines.stroke(gc, 2);
        gc.save();
        gc.setLineDashes(4, 3);
        dashedOutlines.stroke(gc, 1.2);
        gc.setLineDashes(1.5, 1.5);
        dottedOutlines.stroke(gc, 1);
        gc.restore();
        for (Piece piece : gaps) {
            paintGapText(gc, piece);
        }
        patterned.clear();
        damageHatches.clear();
        gaps.clear();
    }

    /** How a state is told apart besides its colour: its outline or pattern. */
    enum Marking { SOLID, HEAVY, DASHED, DOTTED, DOUBLE, FRAMED, HATCHED, CROSS_HATCHED, DASHED_LFH }

    /** The outline or pattern of each state: no two states that look alike in grey share one. */
    static Marking marking(BlockState state) {
        return switch (state) {
            case FREE -> Marking.DASHED;
            case LFH_FREE -> Marking.DASHED_LFH;
            case LFH_BUSY -> Marking.DOTTED;
            case VIRTUAL -> Marking.DOUBLE;
            case PAGE_HEAP -> Marking.FRAMED;
            case UNCOMMITTED -> Marking.HATCHED;
            case GUARD -> Marking.CROSS_HATCHED;
            case LFH_USER_BLOCKS -> Marking.HEAVY; // the frame of the chunks that follow
            case INTERNAL, BUSY -> Marking.SOLID;
        };
    }

    private void addOutline(Piece piece, BlockState state) {
        double x = piece.x();
        double y = piece.y();
        double w = piece.w();
        double h = piece.h();
        switch (marking(state)) {
            case DASHED -> dashedOutlines.add(p.freeBorder(), x + 0.5, y + 0.5, w - 1, h - 1);
            case DASHED_LFH -> dashedOutlines.add(p.lfhHeader(), x + 0.5, y + 0.5, w - 1, h - 1);
            case DOTTED -> dottedOutlines.add(p.blockOutline(), x + 0.5, y + 0.5, w - 1, h - 1);
            case HEAVY -> heavyOutlines.add(p.blockOutline(), x + 1, y + 1, w - 2, h - 2);
            case FRAMED -> {
                // Its own pages: a frame with a dashed line inside.
                solidOutlines.add(p.blockOutline(), x, y, w, h);
                if (w > 6) {
                    dashedOutlines.add(p.blockOutline(), x + 2.5, y + 2.5, w - 5, h - 5);
                }
            }
            case DOUBLE -> {
                solidOutlines.add(p.blockOutline(), x, y, w, h);
                if (w > 6) {
                    // The double outline of blocks on their own VirtualAlloc region.
                    solidOutlines.add(p.blockOutline(), x + 2.5, y + 2.5, w - 5, h - 5);
                }
            }
            default -> solidOutlines.add(p.blockOutline(), x, y, w, h);
        }
    }

    /** Each part of the block in its colour; fills written after the data get stripes as well. */
    private void addParts(Piece piece) {
        MapBlock b = piece.block();
        if (b == null) {
            return;
        }
        if (b.parts().isEmpty() && b.crtData() != 0) {
            addLegacyCrtParts(piece, b);
            return;
        }
        if (b.parts().isEmpty()) {
            // Parts not read (tests, a damaged heap): the header and the unused bytes from the block's fields.
            fillPart(piece, b.entry(), b.user(), header(b.state()));
            if (b.state() == BlockState.BUSY && b.requested() > 0) {
                fillPart(piece, b.user() + b.requested(), b.end(), p.busySlack());
            }
            return;
        }
        for (HeapAnatomy.Part part : b.parts()) {
            if (part.end() <= piece.start() || part.start() >= piece.end()) {
                continue;
            }
            if (part.kind() == HeapAnatomy.PartKind.GUARD_PAGE) {
                continue; // a guard page is a block of its own on the map
            }
            fillPart(piece, part.start(), part.end(), partColour(part.kind(), b.state()));
            if (part.kind() == HeapAnatomy.PartKind.TAIL_FILL || part.kind() == HeapAnatomy.PartKind.SUFFIX) {
                addStripes(piece, part.start(), part.end());
            }
        }
    }

    /** A CRT block given by address only (no parts): its header, no-man's lands and data. */
    private void addLegacyCrtParts(Piece piece, MapBlock b) {
        long gap = 4;
        fillPart(piece, b.entry(), b.user(), header(b.state()));
        fillPart(piece, b.user(), b.crtData() - gap, p.crtHeader());
        fillPart(piece, b.crtData() - gap, b.crtData(), p.noMansLand());
        fillPart(piece, b.crtData() + b.crtSize(), b.crtData() + b.crtSize() + gap, p.noMansLand());
        fillPart(piece, b.crtData() + b.crtSize() + gap, b.end(), p.busySlack());
    }

    /** The colour of a part of a block in a state. */
    Color partColour(HeapAnatomy.PartKind kind, BlockState state) {
        return switch (kind) {
            case HEADER -> header(state);
            case CRT_HEADER -> p.crtHeader();
            case NO_MANS_LAND -> p.noMansLand();
            case USER_DATA -> fill(state);
            case TAIL_FILL -> p.tailFill();
            case UNUSED -> state == BlockState.PAGE_HEAP ? p.pageHeapSlack() : p.busySlack();
            case DPH_INFO -> p.dphInfo();
            case SUFFIX -> p.suffix();
            case GUARD_PAGE -> p.guard();
            case USER_BLOCKS_HEADER -> p.lfhHeader();
            case CHUNK_HEADER -> p.chunkHeader();
        };
    }

    private void fillPart(Piece piece, long from, long to, Color color) {
        long s = Math.max(from, piece.start());
        long e = Math.min(to, piece.end());
        if (e > s) {
            parts.add(color, piece.xOf(s), piece.y(), piece.xOf(e) - piece.xOf(s), piece.h());
        }
    }

    /** Vertical stripes over a fill part, so that a tail fill differs from unused bytes by pattern too. */
    private void addStripes(Piece piece, long from, long to) {
        long s = Math.max(from, piece.start());
        long e = Math.min(to, piece.end());
        double x0 = piece.xOf(s);
        double x1 = piece.xOf(e);
        for (double x = x0 + 1; x < x1; x += 2) {
            stripes.add(p.fillMark(), x, piece.y() + piece.h() * 0.25, x, piece.y() + piece.h() * 0.75);
        }
    }

    /** The damaged bytes: red, cross-hatched, at least two pixels wide so that one byte shows. */
    private void addDamage(Piece piece) {
        for (HeapAnatomy.Damage d : piece.block().damage()) {
            long s = Math.max(d.start(), piece.start());
            long e = Math.min(d.end(), piece.end());
            if (e <= s) {
                continue;
            }
            double x0 = piece.xOf(s);
            double w = Math.max(MIN_DAMAGE_WIDTH, piece.xOf(e) - x0);
            damage.add(p.damage(), x0, piece.y(), w, piece.h());
            if (piece.kind() == PieceKind.ROW) {
                damageHatches.add(new double[] {x0, piece.y(), w, piece.h()});
            }
        }
    }

    /**
     * Marks above a block. Today: a red warning triangle over the first damaged byte in the piece, also on the thin
     * overview strip, so damage is found at any zoom. Further marks go here, beside it.
     */
    /**
     * The Diff view's mark on a piece of a changed block: an outline in the change's colour, and on the block's
     * first piece a badge whose symbol (+ allocated, \u2212 freed, ~ modified) says it without colour.
     */
    void paintChange(GraphicsContext gc, Piece piece, HeapDiff.Kind change) {
        Color c = switch (change) {
            case ALLOCATED -> p.diffAllocated();
            case FREED -> p.diffFreed();
            case MODIFIED -> p.diffModified();
        };
        gc.setStroke(c);
        gc.setLineWidth(2.5);
        gc.strokeRect(piece.x() + 1.25, piece.y() + 1.25, Math.max(0, piece.w() - 2.5), Math.max(0, piece.h() - 2.5));
        MapBlock b = piece.block();
        if (b != null && piece.start() <= b.entry() && piece.w() >= 10) {
            double size = Math.min(14, piece.h());
            gc.setFill(c);
            gc.fillRect(piece.x(), piece.y(), size, size);
            CanvasPainting.centredText(gc, change == HeapDiff.Kind.ALLOCATED ? "+"
                    : change == HeapDiff.Kind.FREED ? "\u2212" : "~", piece.x() + size / 2, piece.y() + size / 2,
                DiagramFonts.LABEL_BOLD, p.background());
        }
    }

    void paintBadges(GraphicsContext gc, Piece piece) {
        MapBlock b = piece.block();
        if (b == null || !b.isDamaged() || piece.kind() == PieceKind.GAP) {
            return;
        }
        for (HeapAnatomy.Damage d : b.damage()) {
            if (d.end() > piece.start() && d.start() < piece.end()) {
                double x = piece.xOf(Math.max(d.start(), piece.start()));
                if (piece.kind() == PieceKind.OVERVIEW) {
                    // Below the strip, pointing up at it: above it is the segment's title.
                    warningMarker(gc, x, piece.y() + piece.h(), -8);
                } else {
                    warningMarker(gc, x, piece.y(), 10);
                }
                return;
            }
        }
    }

    /**
     * A red triangle with its tip at (x, y) and an exclamation mark, outlined for any background: pointing down
     * for a positive size, up for a negative one.
     */
    void warningMarker(GraphicsContext gc, double x, double y, double size) {
        double[] xs = {x - size / 2, x + size / 2, x};
        double[] ys = {y - size, y - size, y};
        gc.setFill(p.damage());
        gc.fillPolygon(xs, ys, 3);
        gc.setStroke(p.damageHatch());
        gc.setLineWidth(1);
        gc.strokePolygon(xs, ys, 3);
        gc.setStroke(Color.WHITE);
        gc.setLineWidth(1.2);
        if (size > 0) {
            gc.strokeLine(x, y - size * 0.85, x, y - size * 0.45);
            gc.strokeLine(x, y - size * 0.33, x, y - size * 0.25);
        } else {
            double s = -size; // upright in the wide lower half
            gc.strokeLine(x, y + s * 0.4, x, y + s * 0.7);
            gc.strokeLine(x, y + s * 0.8, x, y + s * 0.9);
        }
    }

    private void paintGapText(GraphicsContext gc, Piece piece) {
        long bytes = piece.end() - piece.start();
        String name = piece.block() == null ? "" : piece.block().state().displayName();
        String what = piece.block() == null ? "uncommitted" : "of this " + name
            + (name.endsWith("block") || name.endsWith("page") || name.endsWith("chunk") ? "" : " block");
        String text = "\u2248 " + BlockText.hex(bytes) + " more bytes " + what + " (" + bytes
            / HeapMapLayout.BYTES_PER_ROW + " rows) not drawn";
        double w = DiagramFonts.width(text, DiagramFonts.MONO_SMALL) + 12;
        double cx = piece.x() + piece.w() / 2;
        gc.setFill(p.background());
        gc.fillRoundRect(cx - w / 2, piece.y() + 2, w, piece.h() - 4, 6, 6);
        CanvasPainting.centredText(gc, text, cx, piece.y() + piece.h() / 2, DiagramFonts.MONO_SMALL, p.text());
    }

    /** The caption (`a  0x28`) where the block starts, if it fits. */
    void paintCaption(GraphicsContext gc, Piece piece) {
        if (piece.kind() != PieceKind.ROW || piece.openLeft()) {
            return;
        }
        if (piece.block() == null) {
            paintFitting(gc, piece, piece.x() + 4, piece.x() + piece.w(), "uncommitted", p.textMuted(), true);
            return;
        }
        MapBlock b = piece.block();
        double left = Math.max(piece.x() + 3, piece.xOf(Math.min(b.user(), piece.end())) + 3);
        String size = BlockText.hex(b.size());
        String full = b.caption().isEmpty() ? size : b.caption() + "  " + size;
        long dataEnd = dataEnd(b);
        boolean onDark = (b.state() == BlockState.BUSY || b.state() == BlockState.LFH_USER_BLOCKS) && dataEnd > 0;
        double right = onDark ? piece.xOf(Math.min(piece.end(), Math.max(dataEnd, piece.start())))
            : piece.x() + piece.w();
        Color color = textColour(b.state());
        for (String text : new String[] {full, b.caption(), size}) {
            if (!text.isEmpty() && paintFitting(gc, piece, left, right, text, color, false)) {
                return;
            }
        }
        // Too little dark data area for the text: write it on a backing across the whole piece.
        for (String text : new String[] {full, size}) {
            if (paintFitting(gc, piece, left, piece.x() + piece.w(), text, p.text(), true)) {
                return;
            }
        }
    }

    /** Where the block's dark data area ends: its user data's end, or 0 when it has none. */
    private static long dataEnd(MapBlock b) {
        if (b.state() == BlockState.LFH_USER_BLOCKS) {
            return b.end();
        }
        if (b.parts().isEmpty()) {
            return b.requested() > 0 ? b.user() + b.requested() : 0;
        }
        long end = 0;
        for (HeapAnatomy.Part part : b.parts()) {
            if (part.kind() == HeapAnatomy.PartKind.USER_DATA) {
                end = part.end();
            }
        }
        return end;
    }

    private boolean paintFitting(GraphicsContext gc, Piece piece, double left, double right, String text,
                                 Color color, boolean backing) {
        double w = DiagramFonts.width(text, DiagramFonts.MONO);
        if (w + 4 > right - left) {
            return false;
        }
        if (backing) {
            backings.add(textBacking, left - 1, piece.y() + 5, w + 2, piece.h() - 10);
        }
        captionTexts.computeIfAbsent(color, c -> new ArrayList<>()).add(new Caption(text, left, piece.y() + 5));
        return true;
    }

    private record Caption(String text, double x, double y) {
    }

    /** Draws the captions queued by {@link #paintCaption}: one font and alignment, one fill per colour. */
    void flushCaptions(GraphicsContext gc) {
        backings.fill(gc);
        gc.save();
        gc.setFont(DiagramFonts.MONO);
        gc.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        gc.setTextBaseline(javafx.geometry.VPos.TOP);
        for (Map.Entry<Color, List<Caption>> e : captionTexts.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            gc.setFill(e.getKey());
            for (Caption c : e.getValue()) {
                gc.fillText(c.text(), c.x(), c.y());
            }
            e.getValue().clear();
        }
        gc.restore();
    }

    /** The yellow halo of the block the last step touched, drawn under the block. */
    void paintTouched(GraphicsContext gc, Piece piece) {
        gc.setFill(p.touched());
        gc.fillRect(piece.x() - 3, piece.y() - 3, piece.w() + 6, piece.h() + 6);
        gc.setStroke(p.touchedBorder());
        gc.setLineWidth(1);
        gc.strokeRect(piece.x() - 3.5, piece.y() - 3.5, piece.w() + 7, piece.h() + 7);
    }

    /** The thick outline of the selected block, drawn over everything. */
    void paintSelected(GraphicsContext gc, Piece piece) {
        gc.setStroke(p.selected());
        gc.setLineWidth(piece.kind() == PieceKind.OVERVIEW ? 2 : 3);
        gc.strokeRect(piece.x() - 1, piece.y() - 1, piece.w() + 2, piece.h() + 2);
    }

    /** Text on a block: light on the dark fills, the canvas text on the near-background ones, dark on the rest. */
    private Color textColour(BlockState state) {
        return switch (state) {
            case BUSY, LFH_USER_BLOCKS, GUARD -> p.textOnDark();
            case FREE, UNCOMMITTED, LFH_FREE -> p.text();
            case INTERNAL, VIRTUAL, LFH_BUSY, PAGE_HEAP -> p.textOnLight();
        };
    }

    Color fill(BlockState state) {
        return switch (state) {
            case INTERNAL -> p.internal();
            case BUSY -> p.busy();
            case FREE -> p.free();
            case VIRTUAL -> p.virtual();
            case UNCOMMITTED -> p.uncommitted();
            case LFH_USER_BLOCKS -> p.lfhHeader();
            case LFH_BUSY -> p.lfhBusy();
            case LFH_FREE -> p.lfhFree();
            case PAGE_HEAP -> p.pageHeap();
            case GUARD -> p.guard();
        };
    }

    private Color header(BlockState state) {
        return switch (state) {
            case INTERNAL -> p.internalHeader();
            case BUSY -> p.busyHeader();
            case FREE -> p.freeHeader();
            case VIRTUAL -> p.virtualHeader();
            case UNCOMMITTED -> p.uncommitted();
            case LFH_USER_BLOCKS, LFH_BUSY, LFH_FREE -> p.chunkHeader();
            case PAGE_HEAP -> p.dphInfo();
            case GUARD -> p.guard();
        };
    }
}
