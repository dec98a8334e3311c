package heaplab.app.heapmap;

import heaplab.app.theme.Palette;
import heaplab.app.theme.Themes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Block states read without hue: by lightness, or else by their outline or pattern. */
class BlockPainterTest {

    @Test
    void statesThatLookAlikeInGreyDifferInOutlineOrPattern() {
        for (String theme : Themes.NAMES) {
            BlockPainter painter = new BlockPainter(Palette.of(theme));
            for (BlockState a : BlockState.values()) {
                for (BlockState b : BlockState.values()) {
                    if (a.ordinal() >= b.ordinal()) {
                        continue;
                    }
                    double grey = Math.abs(luminance(painter.fill(a)) - luminance(painter.fill(b)));
                    boolean marked = BlockPainter.marking(a) != BlockPainter.marking(b);
                    assertTrue(grey > 0.15 || marked, theme + ": " + a + " and " + b + " differ by hue alone");
                }
            }
        }
    }

    @Test
    void theTailFillIsNotTheColourOfUnusedBytes() {
        for (String theme : Themes.NAMES) {
            Palette p = Palette.of(theme);
            assertNotEquals(p.tailFill(), p.busySlack(), theme);
            assertTrue(Math.abs(p.tailFill().getHue() - p.busySlack().getHue()) > 60, theme);
        }
    }

    @Test
    void aBlockStartingNearARowsEndIsCaptionedOnItsNextRow() {
        MapBlock late = new MapBlock(0, 0x1f8, 0x200, 0x48, 0, 1, 0, 0x40, 0, BlockState.BUSY, "p1");
        HeapMapLayout.Piece first = piece(late, 0x1f8, 0x200, false);
        HeapMapLayout.Piece second = piece(late, 0x200, 0x240, true);
        assertFalse(BlockPainter.carries(first, 30), "8 pixels cannot hold it");
        assertTrue(BlockPainter.carries(second, 30));
        MapBlock early = new MapBlock(0, 0x100, 0x108, 0x148, 0, 1, 0, 0x140, 0, BlockState.BUSY, "p2");
        assertTrue(BlockPainter.carries(piece(early, 0x100, 0x200, false), 30));
        assertFalse(BlockPainter.carries(piece(early, 0x200, 0x248, true), 30), "one caption per block");
    }

    @Test
    void aSmallBlockShowsItsNewestName() {
        assertEquals("d", BlockPainter.newestName("b, d"), "d took b's freed block: d is the block's now");
        assertEquals("c", BlockPainter.newestName("c"));
        assertEquals("segment", BlockPainter.newestName(HeapMapViewModel.SEGMENT_CAPTION));
        assertEquals("", BlockPainter.newestName(""));
    }

    private static HeapMapLayout.Piece piece(MapBlock b, long start, long end, boolean openLeft) {
        return new HeapMapLayout.Piece(start - 0x1f8 + 100, 0, end - start, 20, start, end, b, null,
            HeapMapLayout.PieceKind.ROW, openLeft, end < b.end());
    }

    /** The grey a colour turns into (Rec. 709 weights on the stored channels; enough to rank fills). */
    private static double luminance(javafx.scene.paint.Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }
}
