package heaplab.app.canvas;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The heap map's raster: pixel snapping, thin things kept visible, and tiles that meet without seams. */
class PixelRasterTest {
    private static final int RED = 0xFFFF0000;
    private static final int BLUE = 0xFF0000FF;

    @Test
    void rectanglesSnapToPixelsAndAnythingThinnerThanAPixelStillGetsOne() {
        PixelRaster r = new PixelRaster(0, 0, 10, 4, 1, 0, 0);
        r.fillRect(2.2, 0, 0.3, 1, RED);
        assertEquals(RED, r.pixelAt(2, 0));
        assertEquals(0, r.pixelAt(3, 0));
        r.fillRect(4, 1, 3, 2, BLUE);
        for (int x = 0; x < 10; x++) {
            assertEquals(x >= 4 && x < 7 ? BLUE : 0, r.pixelAt(x, 1), "x " + x);
        }
        assertEquals(0, r.pixelAt(4, 3));
    }

    @Test
    void theTransformScalesAndShiftsAndTheBufferClips() {
        PixelRaster r = new PixelRaster(10, 20, 8, 8, 2, -4, 6);
        r.fillRect(7, 7, 2, 2, RED); // device (10..14) x (20..24)
        assertEquals(RED, r.pixelAt(10, 20));
        assertEquals(RED, r.pixelAt(13, 23));
        assertEquals(0, r.pixelAt(14, 24));
        r.fillRect(-100, -100, 1000, 1000, BLUE); // clipped, no exception
        assertEquals(BLUE, r.pixelAt(17, 27));
    }

    @Test
    void translucentColoursBlend() {
        PixelRaster r = new PixelRaster(0, 0, 2, 1, 1, 0, 0);
        r.fill(Color.BLACK);
        r.fillRect(0, 0, 1, 1, PixelRaster.argb(Color.rgb(255, 255, 255, 0.5)));
        int grey = r.pixelAt(0, 0) & 0xFF;
        assertEquals(0xFF, r.pixelAt(0, 0) >>> 24);
        assertEquals(128, grey, 1);
        assertEquals(0xFF000000, r.pixelAt(1, 0));
    }

    @Test
    void anOutlineLiesOnItsEdgesAndADashedOneLeavesGaps() {
        PixelRaster r = new PixelRaster(0, 0, 20, 10, 1, 0, 0);
        r.strokeRect(2, 2, 10, 5, 0.8, RED, 0, 0);
        assertEquals(RED, r.pixelAt(2, 2));
        assertEquals(RED, r.pixelAt(12, 7));
        assertEquals(0, r.pixelAt(6, 4), "inside stays");
        PixelRaster d = new PixelRaster(0, 0, 20, 10, 1, 0, 0);
        d.strokeRect(0.5, 0.5, 19, 9, 1.2, RED, 4, 3);
        int on = 0;
        for (int x = 0; x < 20; x++) {
            on += d.pixelAt(x, 0) == RED ? 1 : 0;
        }
        assertEquals(12, on, "4 on, 3 off along the top edge");
    }

    /** What the window's culled redraw and the PNG export's tiles rely on. */
    @Test
    void twoRastersOverHalvesOfAPictureEqualOneOverTheWhole() {
        Consumer<PixelRaster> picture = r -> {
            r.fillRect(1, 1, 37, 20, BLUE);
            r.hatch(3, 2, 30, 17, RED, 7, 1, false);
            r.hatch(20, 5, 15, 9, 0xFF00FF00, 3, 0.8, true);
            r.strokeRect(1, 1, 37, 20, 1.2, RED, 4, 3);
            r.fillTriangle(new double[] {10, 20, 15}, new double[] {3, 3, 13}, 0xFF123456);
            r.verticalLine(30.3, 2, 18, 0.6, 0xFF654321);
        };
        for (double scale : new double[] {1, 2, 3}) {
            int w = (int) (40 * scale);
            int h = (int) (24 * scale);
            PixelRaster whole = new PixelRaster(0, 0, w, h, scale, 0, 0);
            PixelRaster left = new PixelRaster(0, 0, w / 2 - 1, h, scale, 0, 0);
            PixelRaster right = new PixelRaster(w / 2 - 1, 0, w - w / 2 + 1, h, scale, 0, 0);
            picture.accept(whole);
            picture.accept(left);
            picture.accept(right);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    PixelRaster part = x < w / 2 - 1 ? left : right;
                    assertEquals(whole.pixelAt(x, y), part.pixelAt(x, y), "scale " + scale + " at " + x + ", " + y);
                }
            }
        }
    }

    @Test
    void textIsKeptOnlyWhereItCanBeRead() {
        TextBatch small = new TextBatch(0.3);
        small.text("a", 0, 0, DiagramFonts.MONO, Color.BLACK);
        assertEquals(0, small.size(), "11 px text at 30 % is 3.3 device pixels");
        TextBatch normal = new TextBatch(1);
        normal.text("a", 0, 0, DiagramFonts.MONO, Color.BLACK);
        normal.text("", 0, 0, DiagramFonts.MONO, Color.BLACK);
        assertEquals(1, normal.size());
    }
}
