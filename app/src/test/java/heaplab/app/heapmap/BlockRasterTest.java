package heaplab.app.heapmap;

import heaplab.app.canvas.PixelRaster;
import heaplab.app.canvas.TextBatch;
import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;
import heaplab.app.theme.Palette;
import heaplab.app.theme.Themes;
import heaplab.engine.diff.HeapDiff;
import heaplab.engine.process.HeapAnatomy;
import heaplab.engine.process.HeapAnatomy.PartKind;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the painter puts in the pixels, in both themes: each state's fill from the theme's tokens, and the outline or
 * pattern that tells it apart without colour; damaged bytes and their marker; the Diff view's outline and badge.
 */
class BlockRasterTest {
    private static final int SCALE = 2;

    private static MapBlock block(BlockState state, List<HeapAnatomy.Part> parts, List<HeapAnatomy.Damage> damage) {
        return new MapBlock(0, 0x1000, 0x1008, 0x40, 0, 1, 0, 0x20, 0, state, "", 0, 0,
            new HeapAnatomy.Anatomy(parts, damage));
    }

    private static Piece piece(MapBlock b) {
        return new Piece(10, 20, 0x40, 24, 0x1000, 0x1040, b, b == null ? new MapSegment.MapRange(0x1000, 0x40) : null,
            PieceKind.ROW, false, false);
    }

    /** Paints a piece on the background at scale 2; the raster covers (0, 0) to (100, 60) logical. */
    private static PixelRaster paint(Palette p, Piece piece, HeapDiff.Kind change, TextBatch texts) {
        PixelRaster r = new PixelRaster(0, 0, 100 * SCALE, 60 * SCALE, SCALE, 0, 0);
        r.fill(p.background());
        BlockPainter painter = new BlockPainter(p);
        painter.begin(r, texts);
        painter.paint(piece);
        painter.paintBadges(piece);
        if (change != null) {
            painter.paintChange(piece, change);
        }
        return r;
    }

    private static int at(PixelRaster r, double x, double y) {
        return r.pixelAt((int) (x * SCALE), (int) (y * SCALE));
    }

    private static int argb(Color c) {
        return PixelRaster.argb(c);
    }

    /** How many pixels of a colour along the piece's top edge (its first device row), corners left out. */
    private static int onTopEdge(PixelRaster r, int colour) {
        int n = 0;
        for (int x = 12 * SCALE; x < (10 + 0x40 - 2) * SCALE; x++) {
            n += r.pixelAt(x, 20 * SCALE) == colour || r.pixelAt(x, 20 * SCALE + 1) == colour ? 1 : 0;
        }
        return n;
    }

    @Test
    void eachStateIsItsThemesFillWithItsOwnOutlineOrPattern() {
        for (String theme : Themes.NAMES) {
            Palette p = Palette.of(theme);
            BlockPainter colours = new BlockPainter(p);
            int edge = (0x40 - 4) * SCALE;
            for (BlockState state : BlockState.values()) {
                Piece piece = piece(state == BlockState.UNCOMMITTED ? null : block(state, List.of(), List.of()));
                PixelRaster r = paint(p, piece, null, new TextBatch(SCALE));
                String what = theme + " " + state;
                int fill = argb(colours.fill(state));
                boolean fillInside = false;
                for (double x = 30; x < 60; x += 0.5) {
                    fillInside |= at(r, x, 32) == fill;
                }
                assertTrue(fillInside, what + ": its fill");
                switch (BlockPainter.marking(state)) {
                    case SOLID, DOUBLE, FRAMED -> assertEquals(edge, onTopEdge(r, argb(p.blockOutline())), what);
                    case HEAVY -> assertEquals(argb(p.blockOutline()), at(r, 40, 21.5), what + ": two pixels deep");
                    case DASHED -> {
                        int n = onTopEdge(r, argb(p.freeBorder()));
                        assertTrue(n > edge / 3 && n < edge, what + ": dashes and gaps " + n);
                    }
                    case DASHED_LFH -> {
                        int n = onTopEdge(r, argb(p.lfhHeader()));
                        assertTrue(n > edge / 3 && n < edge, what + ": dashes and gaps " + n);
                    }
                    case DOTTED -> {
                        int n = onTopEdge(r, argb(p.blockOutline()));
                        assertTrue(n > edge / 4 && n < edge, what + ": dots " + n);
                    }
                    case HATCHED, CROSS_HATCHED -> {
                        int hatch = argb(state == BlockState.GUARD ? p.guardHatch() : p.uncommittedHatch());
                        int n = 0;
                        for (double x = 20; x < 60; x += 0.5) {
                            n += at(r, x, 30) == hatch ? 1 : 0;
                        }
                        assertTrue(n > 5, what + ": hatched " + n);
                    }
                }
                if (BlockPainter.marking(state) == BlockPainter.Marking.DOUBLE) {
                    assertEquals(argb(p.blockOutline()), at(r, 40, 22.5), what + ": the inner line");
                }
            }
        }
    }

    @Test
    void partsDamageAndItsMarkerAndTheDiffBadge() {
        for (String theme : Themes.NAMES) {
            Palette p = Palette.of(theme);
            MapBlock b = block(BlockState.BUSY, List.of(new HeapAnatomy.Part(PartKind.HEADER, 0x1000, 0x1008),
                new HeapAnatomy.Part(PartKind.USER_DATA, 0x1008, 0x1028), new HeapAnatomy.Part(PartKind.TAIL_FILL,
                    0x1028, 0x1038), new HeapAnatomy.Part(PartKind.UNUSED, 0x1038, 0x1040)),
                List.of(new HeapAnatomy.Damage(0x1010, 0x1014, "overrun")));
            TextBatch texts = new TextBatch(SCALE);
            PixelRaster r = paint(p, piece(b), HeapDiff.Kind.ALLOCATED, texts);
            assertEquals(argb(p.busyHeader()), at(r, 14, 40), theme + ": the header (below the badge)");
            assertEquals(argb(p.busy()), at(r, 40, 32), theme + ": the data");
            boolean striped = false;
            boolean tail = false;
            for (double x = 10 + 0x28; x < 10 + 0x38; x += 0.5) {
                striped |= at(r, x, 32) == argb(p.fillMark());
                tail |= at(r, x, 32) == argb(p.tailFill());
            }
            assertTrue(striped && tail, theme + ": the tail fill, striped");
            boolean damaged = false;
            boolean hatched = false;
            for (double x = 10 + 0x10; x < 10 + 0x14; x += 0.5) {
                for (double y = 25; y < 40; y += 0.5) {
                    damaged |= at(r, x, y) == argb(p.damage());
                    hatched |= at(r, x, y) == argb(p.damageHatch());
                }
            }
            assertTrue(damaged && hatched, theme + ": damaged bytes red and cross-hatched");
            assertEquals(argb(p.damage()), at(r, 10 + 0x10 + 2, 20 - 6), theme + ": the warning marker above them");
            assertEquals(argb(p.diffAllocated()), at(r, 10 + 0x40 - 1.5, 30), theme + ": the Diff outline");
            assertEquals(argb(p.diffAllocated()), at(r, 10 + 1, 20 + 12), theme + ": the badge");
            assertEquals(1, texts.size(), theme + ": its + (only the badge's text: no caption was asked for)");
        }
    }

    @Test
    void aPointerFramesItsWordAndItsArrowRunsAlongTheGapIntoTheBlockBelow() {
        for (String theme : Themes.NAMES) {
            Palette p = Palette.of(theme);
            MapBlock source = block(BlockState.BUSY, List.of(), List.of());
            Piece from = piece(source);
            MapBlock target = new MapBlock(0, 0x1040, 0x1048, 0x40, 0, 1, 0, 0x20, 0, BlockState.BUSY, "");
            Piece to = new Piece(10, 20 + HeapMapLayout.ROW_HEIGHT + HeapMapLayout.ROW_SPACING, 0x40, 24, 0x1040,
                0x1080, target, null, PieceKind.ROW, false, false);
            PixelRaster r = new PixelRaster(0, 0, 100 * SCALE, 90 * SCALE, SCALE, 0, 0);
            r.fill(p.background());
            BlockPainter painter = new BlockPainter(p);
            painter.begin(r, new TextBatch(SCALE));
            painter.paint(from);
            painter.paint(to);
            painter.paintPointer(from, 0x1010, 4, to, 0x1070, 95);
            int ink = argb(p.pointer());
            assertEquals(ink, at(r, 10 + 0x10, 20 + 12), theme + ": the word's frame, left edge");
            double gap = 20 + HeapMapLayout.ROW_HEIGHT + HeapMapLayout.ROW_SPACING / 2.0;
            for (double x = 10 + 0x12 + 2; x < 10 + 0x30 - 2; x += 1) {
                assertEquals(ink, at(r, x, gap), theme + ": the line in the gap at x " + x);
            }
            assertEquals(ink, at(r, 10 + 0x30, to.y() + 0.5), theme + ": the head touches the block below");
            assertTrue(at(r, 95, gap) != ink, theme + ": the next row: no way round by the margin");
        }
    }
}
