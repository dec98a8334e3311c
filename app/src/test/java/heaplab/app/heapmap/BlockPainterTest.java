package heaplab.app.heapmap;

import heaplab.app.theme.Palette;
import heaplab.app.theme.Themes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    /** The grey a colour turns into (Rec. 709 weights on the stored channels; enough to rank fills). */
    private static double luminance(javafx.scene.paint.Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }
}
