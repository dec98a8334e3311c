package heaplab.app.heapmap;

import heaplab.app.canvas.DiagramFonts;
import heaplab.app.canvas.PixelRaster;
import heaplab.app.canvas.TextBatch;
import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;
import heaplab.app.theme.Palette;
import heaplab.engine.diff.HeapDiff;
import heaplab.engine.process.HeapAnatomy;
import javafx.scene.paint.Color;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Paints the pieces of the heap map into a {@link PixelRaster}, their text into a {@link TextBatch}. Every state
 * differs in lightness and in line style or pattern, not only in hue, so the map reads in grey scale and for
 * colour-blind students: busy solid, free dashed, LFH chunks dotted (busy) or dashed (free), an LFH UserBlocks
 * heavy, virtual blocks with a double outline, page heap blocks framed with a dashed inner line, uncommitted
 * hatched, guard pages cross-hatched, fills after the data (0xAB tail, page heap suffix) striped, damaged bytes red
 * and cross-hatched with a warning marker that shows at any zoom.
 *
 * <p>The passes, in the order {@link HeapMapDiagram} calls them over the pieces in view: {@link #paintTouched} (halo
 * under the block), {@link #paintBody} (fill, pattern, parts, damaged bytes), {@link #paintOutline} (after every
 * body, as an outline reaches a pixel into its neighbour), {@link #paintCaption}, {@link #paintBadges} (marks above
 * the block), {@link #paintChange} (the Diff view's marks), then {@link #paintSelected}.
 */
final class BlockPainter {
    private static final double MIN_DAMAGE_WIDTH = 2;
    /**
     * Device pixels below which a piece is drawn as its state's fill alone: its outline, parts and patterns would
     * cover the same pixel or two (a map zoomed out to show thousands of rows).
     */
    private static final double MIN_DETAIL_PIXELS = 2;
    private final int[] fillArgb = new int[BlockState.values().length];
    private final Palette p;
    private final Color textBacking;
    /** ARGB of the palette's colours, by identity: the palette hands out the same Color objects. */
    private final Map<Color, Integer> argb = new IdentityHashMap<>();
    private PixelRaster r;
    private TextBatch texts;

    BlockPainter(Palette palette) {
        this.p = palette;
        this.textBacking = palette.background().deriveColor(0, 1, 1, 0.85);
        for (BlockState state : BlockState.values()) {
            fillArgb[state.ordinal()] = PixelRaster.argb(fill(state));
        }
    }

    /** Where the next calls paint. */
    void begin(PixelRaster raster, TextBatch textBatch) {
        this.r = raster;
        this.texts = textBatch;
    }

    private int c(Color color) {
        Integer v = argb.get(color);
        if (v == null) {
            v = PixelRaster.argb(color);
            argb.put(color, v);
        }
        return v;
    }

    /** Paints one piece whole (the key's swatches). */
    void paint(Piece piece) {
        paintBody(piece);
        paintOutline(piece);
    }

    /** True for a piece too small at this zoom for more than its fill (see {@link #MIN_DETAIL_PIXELS}). */
    boolean isSpeck(double w, double h) {
        return w * r.scale() < MIN_DETAIL_PIXELS && h * r.scale() < 2 * MIN_DETAIL_PIXELS;
    }

    /** A speck: the fill of its state (by ordinal). */
    void paintSpeck(double x, double y, double w, double h, int state) {
        r.fillRect(x, y, w, h, fillArgb[state]);
    }

    /** The piece's fill, its pattern or parts, and its damaged bytes. */
    void paintBody(Piece piece) {
        BlockState state = piece.state();
        boolean overview = piece.kind() == PieceKind.OVERVIEW;
        r.fillRect(piece.x(), piece.y(), piece.w(), piece.h(), fillArgb[state.ordinal()]);
        if (isSpeck(piece.w(), piece.h())) {
            return; // a speck at this zoom: parts, patterns and damage would all fall on the one pixel
        }
        if (state == BlockState.UNCOMMITTED) {
            r.hatch(piece.x(), piece.y(), piece.w(), piece.h(), c(p.uncommittedHatch()), overview ? 4 : 7, 1, false);
        } else if (state == BlockState.GUARD) {
            r.hatch(piece.x(), piece.y(), piece.w(), piece.h(), c(p.guardHatch()), overview ? 4 : 6, 0.8, true);
        } else if (piece.kind() == PieceKind.ROW) {
            addParts(piece);
        }
        if (piece.block() != null && piece.kind() != PieceKind.GAP) {
            addDamage(piece);
        }
    }

    /** The outline that tells the state apart besides its colour; a gap's text. */
    void paintOutline(Piece piece) {
        if (piece.kind() == PieceKind.OVERVIEW || isSpeck(piece.w(), piece.h())) {
            return;
        }
        addOutline(piece, piece.state());
        if (piece.kind() == PieceKind.GAP) {
            paintGapText(piece);
        }
    }

    /** How a state is told apart besides its colour: its outline or pattern. */
    enum Marking {
        SOLID, HEAVY, DASHED, DOTTED, DOUBLE, FRAMED, HATCHED, CROSS_HATCHED, DASHED_LFH, FRAMED_PAGES, BROKEN
    }

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
            case PAGES -> Marking.FRAMED_PAGES;
            case DAMAGED -> Marking.BROKEN;
            case INTERNAL, BUSY -> Marking.SOLID;
        };
    }

    private void addOutline(Piece piece, BlockState state) {
        double x = piece.x();
        double y = piece.y();
        double w = piece.w();
        double h = piece.h();
        int outline = c(p.blockOutline());
        switch (marking(state)) {
            case DASHED -> r.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1, 1.2, c(p.freeBorder()), 4, 3);
            case DASHED_LFH -> r.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1, 1.2, c(p.lfhHeader()), 4, 3);
            // Bytes no block holds, after a header the walk stops at: a heavy dashed outline in the damage red.
            case BROKEN -> r.strokeRect(x + 1, y + 1, w - 2, h - 2, 2, c(p.damage()), 6, 3);
            case DOTTED -> r.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1, 1, outline, 1.5, 1.5);
            case HEAVY -> r.strokeRect(x + 1, y + 1, w - 2, h - 2, 2, outline, 0, 0);
            case FRAMED -> {
                // Its own pages: a frame with a dashed line inside.
                r.strokeRect(x, y, w, h, 0.8, outline, 0, 0);
                if (w > 6) {
                    r.strokeRect(x + 2.5, y + 2.5, w - 5, h - 5, 1.2, outline, 4, 3);
                }
            }
            case DOUBLE -> {
                r.strokeRect(x, y, w, h, 0.8, outline, 0, 0);
                if (w > 6) {
                    // The double outline of blocks on their own VirtualAlloc region.
                    r.strokeRect(x + 2.5, y + 2.5, w - 5, h - 5, 0.8, outline, 0, 0);
                }
            }
            case FRAMED_PAGES -> {
                // Pages of the program's own VirtualAlloc region: a frame with a dotted line inside.
                r.strokeRect(x, y, w, h, 0.8, outline, 0, 0);
                if (w > 6) {
                    r.strokeRect(x + 2.5, y + 2.5, w - 5, h - 5, 1, outline, 1.5, 1.5);
                }
            }
            default -> r.strokeRect(x, y, w, h, 0.8, outline, 0, 0);
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
            // A page heap block's data in the busy blue the legend gives user data: against its pink slack and
            // stamps, where the data ends (at the guard page) shows.
            case USER_DATA -> state == BlockState.PAGE_HEAP ? p.busy() : fill(state);
            case TAIL_FILL -> p.tailFill();
            case UNUSED -> state == BlockState.PAGE_HEAP ? p.pageHeapSlack() : p.busySlack();
            case ENTRY_EXTRA -> p.internalHeader();
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
            r.fillRect(piece.xOf(s), piece.y(), piece.xOf(e) - piece.xOf(s), piece.h(), c(color));
        }
    }

    /** Vertical stripes over a fill part, so that a tail fill differs from unused bytes by pattern too. */
    private void addStripes(Piece piece, long from, long to) {
        long s = Math.max(from, piece.start());
        long e = Math.min(to, piece.end());
        double x0 = piece.xOf(s);
        double x1 = piece.xOf(e);
        int mark = c(p.fillMark());
        if ((x1 - x0) * r.scale() < 2) {
            return; // no room for a stripe at this zoom
        }
        for (double x = x0 + 1; x < x1; x += 2) {
            r.verticalLine(x, piece.y() + piece.h() * 0.25, piece.y() + piece.h() * 0.75, 0.6, mark);
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
            r.fillRect(x0, piece.y(), w, piece.h(), c(p.damage()));
            if (piece.kind() == PieceKind.ROW) {
                r.hatch(x0, piece.y(), w, piece.h(), c(p.damageHatch()), 3, 0.8, true);
            }
        }
    }

    /**
     * The Diff view's mark on a piece of a changed block: an outline in the change's colour, and on the block's
     * first piece a badge whose symbol (+ allocated, \u2212 freed, ~ modified) says it without colour.
     */
    void paintChange(Piece piece, HeapDiff.Kind change) {
        Color colour = switch (change) {
            case ALLOCATED -> p.diffAllocated();
            case FREED -> p.diffFreed();
            case MODIFIED -> p.diffModified();
        };
        r.strokeRect(piece.x() + 1.25, piece.y() + 1.25, Math.max(0, piece.w() - 2.5), Math.max(0, piece.h() - 2.5),
            2.5, c(colour), 0, 0);
        MapBlock b = piece.block();
        if (b != null && piece.start() <= b.start() && piece.w() >= 10) {
            double size = Math.min(14, piece.h());
            r.fillRect(piece.x(), piece.y(), size, size, c(colour));
            texts.centredText(change == HeapDiff.Kind.ALLOCATED ? "+" : change == HeapDiff.Kind.FREED ? "\u2212" : "~",
                piece.x() + size / 2, piece.y() + size / 2, DiagramFonts.LABEL_BOLD, p.background());
        }
    }

    private static final double LEAK_TAB_WIDTH = DiagramFonts.width("leak", DiagramFonts.LABEL_BOLD) + 6;

    /**
     * The mark of a block the step's {@code !heap -l} reported as leaked: a dashed frame in the leak colour and, on
     * the piece that carries its caption, a tab reading "leak".
     */
    void paintLeak(Piece piece) {
        int colour = c(p.leak());
        r.strokeRect(piece.x() + 1.25, piece.y() + 1.25, Math.max(0, piece.w() - 2.5), Math.max(0, piece.h() - 2.5),
            2.5, colour, 5, 3);
        MapBlock b = piece.block();
        double w = LEAK_TAB_WIDTH;
        if (b != null && piece.kind() == PieceKind.ROW && carries(piece, w) && piece.w() >= w) {
            double h = Math.min(14, piece.h());
            double x = piece.x() + piece.w() - w;
            r.fillRect(x, piece.y(), w, h, colour);
            texts.centredText("leak", x + w / 2, piece.y() + h / 2, DiagramFonts.LABEL_BOLD, p.background());
        }
    }

    /**
     * Marks above a block: a red warning triangle over the first damaged byte in the piece, also on the thin overview
     * strips, so damage is found at any zoom.
     */
    void paintBadges(Piece piece) {
        MapBlock b = piece.block();
        if (b == null || !b.isDamaged() || piece.kind() == PieceKind.GAP) {
            return;
        }
        for (HeapAnatomy.Damage d : b.damage()) {
            if (d.end() > piece.start() && d.start() < piece.end()) {
                double x = piece.xOf(Math.max(d.start(), piece.start()));
                if (piece.kind() == PieceKind.OVERVIEW) {
                    // Below the strip, pointing up at it: above it is the segment's title.
                    warningMarker(x, piece.y() + piece.h(), -8);
                } else {
                    warningMarker(x, piece.y(), 10);
                }
                return;
            }
        }
    }

    /**
     * A red triangle with its tip at (x, y) and an exclamation mark, outlined for any background: pointing down
     * for a positive size, up for a negative one. The outline is the triangle one pixel larger beneath it.
     */
    void warningMarker(double x, double y, double size) {
        double grow = Math.signum(size) / r.scale();
        r.fillTriangle(new double[] {x - size / 2 - grow, x + size / 2 + grow, x},
            new double[] {y - size - grow * 0.6, y - size - grow * 0.6, y + grow}, c(p.damageHatch()));
        r.fillTriangle(new double[] {x - size / 2, x + size / 2, x}, new double[] {y - size, y - size, y},
            c(p.damage()));
        int white = c(Color.WHITE);
        if (size > 0) {
            r.verticalLine(x, y - size * 0.85, y - size * 0.45, 1.2, white);
            r.verticalLine(x, y - size * 0.33, y - size * 0.22, 1.2, white);
        } else {
            double s = -size; // upright in the wide lower half
            r.verticalLine(x, y + s * 0.3, y + s * 0.6, 1.2, white);
            r.verticalLine(x, y + s * 0.72, y + s * 0.85, 1.2, white);
        }
    }

    private void paintGapText(Piece piece) {
        if (!texts.legible(DiagramFonts.MONO_SMALL)) {
            return;
        }
        long bytes = piece.end() - piece.start();
        String name = piece.block() == null ? "" : piece.block().state().displayName();
        String what = piece.block() == null ? "uncommitted" : "of this " + name
            + (name.endsWith("block") || name.endsWith("page") || name.endsWith("chunk") ? "" : " block");
        String text = "\u2248 " + BlockText.hex(bytes) + " more bytes " + what + " (" + bytes
            / HeapMapLayout.BYTES_PER_ROW + " rows) not drawn";
        double w = DiagramFonts.width(text, DiagramFonts.MONO_SMALL) + 12;
        double cx = piece.x() + piece.w() / 2;
        r.fillRect(cx - w / 2, piece.y() + 2, w, piece.h() - 4, c(p.background()));
        texts.centredText(text, cx, piece.y() + piece.h() / 2, DiagramFonts.MONO_SMALL, p.text());
    }

    /** The caption (`a  0x28`) where the block starts, if it fits and can be read at this zoom. */
    void paintCaption(Piece piece) {
        paintCaption(piece, false);
    }

    /** As {@link #paintCaption(Piece)}, leaving room at the right for the leak tab ({@link #paintLeak}) if asked. */
    void paintCaption(Piece piece, boolean leakTab) {
        if (piece.kind() != PieceKind.ROW || !texts.legible(DiagramFonts.MONO)) {
            return;
        }
        if (piece.block() == null) {
            if (!piece.openLeft()) {
                paintFitting(piece, piece.x() + 4, piece.x() + piece.w(), "uncommitted", p.textMuted(), true);
            }
            return;
        }
        MapBlock b = piece.block();
        String size = BlockText.hex(b.size());
        // The piece that carries the caption is the one the shortest text fits: a small block's name ("d") fits
        // where its size does not.
        double shortest = DiagramFonts.width(size, DiagramFonts.MONO);
        String newest = newestName(b.caption());
        if (!newest.isEmpty()) {
            shortest = Math.min(shortest, DiagramFonts.width(newest, DiagramFonts.MONO));
        }
        if (!carries(piece, shortest + 7)) {
            return;
        }
        double left = Math.max(piece.x() + 3, piece.xOf(Math.min(b.user(), piece.end())) + 3);
        String full = b.caption().isEmpty() ? size : b.caption() + "  " + size;
        long dataEnd = dataEnd(b);
        boolean onDark = (b.state() == BlockState.BUSY || b.state() == BlockState.LFH_USER_BLOCKS) && dataEnd > 0;
        double tab = leakTab && carries(piece, LEAK_TAB_WIDTH) ? LEAK_TAB_WIDTH : 0;
        double end = piece.x() + piece.w() - tab;
        double right = Math.min(end, onDark ? piece.xOf(Math.min(piece.end(), Math.max(dataEnd, piece.start())))
            : piece.x() + piece.w());
        Color color = textColour(b.state());
        // A guard page's dense cross-hatch leaves no text readable without a backing.
        for (String text : b.state() == BlockState.GUARD ? new String[0]
            : new String[] {full, b.caption(), shortCaption(b.caption()), newest, size}) {
            if (!text.isEmpty() && paintFitting(piece, left, right, text, color, false)) {
                return;
            }
        }
        // Too little dark data area for the text: write it on a backing across the whole piece, and a small block's
        // name over its header too.
        for (String text : new String[] {full, b.caption(), newest, size}) {
            if (!text.isEmpty() && paintFitting(piece, left, end, text, p.text(), true)) {
                return;
            }
        }
        if (!newest.isEmpty() && b.state() != BlockState.GUARD) {
            paintFitting(piece, piece.x() + 2, end, newest, p.text(), true);
        }
    }

    /**
     * The name of a caption's newest variable, for a block too small for all of them ({@code b, d} after d took
     * b's freed block: {@code d}); a caption that names no variables as it is, or its short form.
     */
    static String newestName(String caption) {
        String shortForm = shortCaption(caption);
        if (!shortForm.isEmpty()) {
            return shortForm;
        }
        int comma = caption.lastIndexOf(", ");
        return comma < 0 ? caption : caption.substring(comma + 2);
    }

    /** A shorter name for a caption too long for its block ("" when it has none): the tooltip gives the whole one. */
    private static String shortCaption(String caption) {
        return switch (caption) {
            case HeapMapViewModel.SEGMENT_CAPTION -> "segment";
            case HeapMapViewModel.LFH_STRUCTURE -> "LFH";
            default -> "";
        };
    }

    /**
     * Whether a piece carries its block's caption (or leak tab) of `width` pixels: the block's first piece, unless it
     * is too narrow for it and the block goes on in the next row (a block that starts near a row's end): then that
     * row's piece.
     */
    static boolean carries(Piece piece, double width) {
        MapBlock b = piece.block();
        double perByte = piece.w() / Math.max(1, piece.end() - piece.start());
        long row = HeapMapLayout.BYTES_PER_ROW;
        long firstRowEnd = b.start() - Math.floorMod(b.start(), row) + row;
        boolean firstTooNarrow = b.end() > firstRowEnd && (firstRowEnd - b.start()) * perByte < width;
        if (!piece.openLeft()) {
            return !firstTooNarrow;
        }
        return firstTooNarrow && piece.start() == firstRowEnd;
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

    private boolean paintFitting(Piece piece, double left, double right, String text, Color color,
                                 boolean backing) {
        double w = DiagramFonts.width(text, DiagramFonts.MONO);
        if (w + 4 > right - left) {
            return false;
        }
        if (backing) {
            r.fillRect(left - 1, piece.y() + 5, w + 2, piece.h() - 10, c(textBacking));
        }
        texts.text(text, left, piece.y() + 5, DiagramFonts.MONO, color);
        return true;
    }

    /** The yellow halo of the block the last step touched, drawn under the block. */
    void paintTouched(Piece piece) {
        r.fillRect(piece.x() - 3, piece.y() - 3, piece.w() + 6, piece.h() + 6, c(p.touched()));
        r.strokeRect(piece.x() - 3.5, piece.y() - 3.5, piece.w() + 7, piece.h() + 7, 1, c(p.touchedBorder()), 0, 0);
    }

    /** The thick outline of the selected block, drawn over everything. */
    void paintSelected(Piece piece) {
        r.strokeRect(piece.x() - 1, piece.y() - 1, piece.w() + 2, piece.h() + 2,
            piece.kind() == PieceKind.OVERVIEW ? 2 : 3, c(p.selected()), 0, 0);
    }

    private static final double ARROW_LINE = 2;
    private static final double ARROW_HEAD = 8;
    /** Where an arrow runs in the gap between two rows (they are ROW_SPACING apart). */
    private static final double GAP_MIDDLE = HeapMapLayout.ROW_SPACING / 2;

    /**
     * An arrow for a pointer held in a block: the word that holds it framed, then a line along the gaps between rows
     * (and down or up the right margin, at `margin`, when rows lie between the two) to the byte it points at, which
     * the arrow's head touches from above (a row below) or below (the same row, or a row above).
     */
    void paintPointer(Piece from, long fromAddress, int size, Piece to, long toAddress, double margin) {
        int ink = c(p.pointer());
        double wordX = from.xOf(fromAddress);
        double wordW = Math.max(3, from.xOf(fromAddress + size) - wordX);
        r.strokeRect(wordX, from.y() + 2, wordW, from.h() - 4, ARROW_LINE, ink, 0, 0);
        double sx = wordX + wordW / 2;
        double tx = Math.max(to.x() + 2, Math.min(to.x() + to.w() - 2, to.xOf(toAddress)));
        boolean below = to.y() > from.y() + 1;
        boolean sameRow = Math.abs(to.y() - from.y()) <= 1;
        double startY = below || sameRow ? from.y() + from.h() - 2 : from.y() + 2;
        double sourceGap = below || sameRow ? from.y() + from.h() + GAP_MIDDLE : from.y() - GAP_MIDDLE;
        double targetGap = below ? to.y() - GAP_MIDDLE : to.y() + to.h() + GAP_MIDDLE;
        double tipY = below ? to.y() + 1 : to.y() + to.h() - 1;
        r.verticalLine(sx, Math.min(startY, sourceGap), Math.max(startY, sourceGap), ARROW_LINE, ink);
        if (sameRow || Math.abs(targetGap - sourceGap) < 1) {
            horizontalLine(sx, tx, sourceGap, ink);
        } else {
            horizontalLine(sx, margin, sourceGap, ink);
            r.verticalLine(margin, Math.min(sourceGap, targetGap), Math.max(sourceGap, targetGap), ARROW_LINE, ink);
            horizontalLine(margin, tx, targetGap, ink);
        }
        double headBase = below ? tipY - ARROW_HEAD : tipY + ARROW_HEAD;
        r.verticalLine(tx, Math.min(targetGap, headBase), Math.max(targetGap, headBase), ARROW_LINE, ink);
        r.fillTriangle(new double[] {tx - ARROW_HEAD / 2, tx + ARROW_HEAD / 2, tx},
            new double[] {headBase, headBase, tipY}, ink);
    }

    /** The key's picture of a pointer arrow in a w x h cell: a framed word, a line to the right, a head. */
    void paintPointerKey(double x, double y, double w, double h) {
        int ink = c(p.pointer());
        r.strokeRect(x + 1, y + 2, 8, h - 4, ARROW_LINE, ink, 0, 0);
        horizontalLine(x + 9, x + w - ARROW_HEAD, y + h / 2, ink);
        r.fillTriangle(new double[] {x + w - ARROW_HEAD, x + w - ARROW_HEAD, x + w},
            new double[] {y + h / 2 - ARROW_HEAD / 2, y + h / 2 + ARROW_HEAD / 2, y + h / 2}, ink);
    }

    private void horizontalLine(double x0, double x1, double y, int argb) {
        double from = Math.min(x0, x1) - ARROW_LINE / 2;
        r.fillRect(from, y - ARROW_LINE / 2, Math.abs(x1 - x0) + ARROW_LINE, ARROW_LINE, argb);
    }

    /** Text on a block: light on the dark fills, the canvas text on the near-background ones, dark on the rest. */
    private Color textColour(BlockState state) {
        return switch (state) {
            case BUSY, LFH_USER_BLOCKS, GUARD -> p.textOnDark();
            case FREE, UNCOMMITTED, LFH_FREE, DAMAGED -> p.text();
            case INTERNAL, VIRTUAL, LFH_BUSY, PAGE_HEAP, PAGES -> p.textOnLight();
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
            case PAGES -> p.pages();
            case DAMAGED -> p.background();
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
            case PAGES -> p.pages();
            case DAMAGED -> p.busyHeader();
        };
    }
}
