package heaplab.app.heapmap;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;
import heaplab.app.theme.Palette;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * Paints the pieces of the heap map. States differ in lightness and in line style, not only in hue, so the map
 * reads in grey scale and for colour-blind students: internal light grey, busy dark blue with a darker header and
 * a light unused tail, free near-white with a dashed border, uncommitted hatched, virtual orange.
 */
final class BlockPainter {
    private final Palette p;

    BlockPainter(Palette palette) {
        this.p = palette;
    }

    void paint(GraphicsContext gc, Piece piece) {
        BlockState state = piece.state();
        gc.setFill(fill(state));
        gc.fillRect(piece.x(), piece.y(), piece.w(), piece.h());
        if (state == BlockState.UNCOMMITTED) {
            CanvasPainting.hatch(gc, piece.x(), piece.y(), piece.w(), piece.h(), p.uncommittedHatch(),
                piece.kind() == PieceKind.OVERVIEW ? 4 : 7);
        } else if (piece.kind() == PieceKind.ROW) {
            paintParts(gc, piece);
        }
        if (piece.kind() == PieceKind.OVERVIEW) {
            return;
        }
        if (state == BlockState.FREE) {
            CanvasPainting.dashedRect(gc, piece.x() + 0.5, piece.y() + 0.5, piece.w() - 1, piece.h() - 1,
                p.freeBorder(), 1.2);
        } else {
            gc.setStroke(p.blockOutline());
            gc.setLineWidth(0.8);
            gc.strokeRect(piece.x(), piece.y(), piece.w(), piece.h());
        }
        if (piece.kind() == PieceKind.GAP) {
            paintGapText(gc, piece);
        }
    }

    /** The header in a darker shade and, for busy blocks, the unused tail in a lighter one. */
    private void paintParts(GraphicsContext gc, Piece piece) {
        MapBlock b = piece.block();
        fillPart(gc, piece, b.entry(), b.user(), header(b.state()));
        if (b.state() == BlockState.BUSY && b.requested() > 0) {
            fillPart(gc, piece, b.user() + b.requested(), b.end(), p.busySlack());
        }
        if (b.crtData() != 0) {
            // A debug CRT block: its _CrtMemBlockHeader in the header shade, the two 4-byte no-man's lands in the
            // accent of virtual blocks (the one warm colour of the map), the data between them as busy data.
            long gap = 4;
            fillPart(gc, piece, b.user(), b.crtData() - gap, header(b.state()));
            fillPart(gc, piece, b.crtData() - gap, b.crtData(), p.virtual());
            fillPart(gc, piece, b.crtData() + b.crtSize(), b.crtData() + b.crtSize() + gap, p.virtual());
        }
    }

    private static void fillPart(GraphicsContext gc, Piece piece, long from, long to, Color color) {
        long s = Math.max(from, piece.start());
        long e = Math.min(to, piece.end());
        if (e > s) {
            gc.setFill(color);
            gc.fillRect(piece.xOf(s), piece.y(), piece.xOf(e) - piece.xOf(s), piece.h());
        }
    }

    private void paintGapText(GraphicsContext gc, Piece piece) {
        long bytes = piece.end() - piece.start();
        String what = piece.block() == null ? "uncommitted" : "of this " + piece.block().state().displayName()
            + " block";
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
        boolean onDark = b.state() == BlockState.BUSY;
        double dataEnd = onDark && b.requested() > 0
            ? piece.xOf(Math.min(piece.end(), b.user() + b.requested())) : piece.x() + piece.w();
        Color color = textColour(b.state());
        for (String text : new String[] {full, b.caption(), size}) {
            if (!text.isEmpty() && paintFitting(gc, piece, left, dataEnd, text, color, false)) {
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

    private boolean paintFitting(GraphicsContext gc, Piece piece, double left, double right, String text,
                                 Color color, boolean backing) {
        double w = DiagramFonts.width(text, DiagramFonts.MONO);
        if (w + 4 > right - left) {
            return false;
        }
        if (backing) {
            gc.setFill(p.background().deriveColor(0, 1, 1, 0.85));
            gc.fillRect(left - 1, piece.y() + 5, w + 2, piece.h() - 10);
        }
        CanvasPainting.text(gc, text, left, piece.y() + 5, DiagramFonts.MONO, color);
        return true;
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

    /** Text on a block: light on busy blue, the canvas text on free (near the background), dark on the rest. */
    private Color textColour(BlockState state) {
        return switch (state) {
            case BUSY -> p.textOnDark();
            case FREE, UNCOMMITTED -> p.text();
            case INTERNAL, VIRTUAL -> p.textOnLight();
        };
    }

    Color fill(BlockState state) {
        return switch (state) {
            case INTERNAL -> p.internal();
            case BUSY -> p.busy();
            case FREE -> p.free();
            case VIRTUAL -> p.virtual();
            case UNCOMMITTED -> p.uncommitted();
        };
    }

    private Color header(BlockState state) {
        return switch (state) {
            case INTERNAL -> p.internalHeader();
            case BUSY -> p.busyHeader();
            case FREE -> p.freeHeader();
            case VIRTUAL -> p.virtualHeader();
            case UNCOMMITTED -> p.uncommitted();
        };
    }
}
