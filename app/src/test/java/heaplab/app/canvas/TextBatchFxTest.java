package heaplab.app.canvas;

import heaplab.app.export.HeadlessFx;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text written into the raster from the glyph atlas looks as the Canvas draws it with fillText: the same pixels at
 * scale 1, and within a shade of antialiasing at scale 2 (where the Canvas places glyphs at any fraction of a
 * pixel and the atlas keeps eight).
 */
class TextBatchFxTest {
    private static final int W = 260;
    private static final int H = 70;
    private static final Color DARK = Color.web("#1b1f24");
    private static final Color BLUE = Color.web("#0072b2");

    @BeforeAll
    static void startJavaFx() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        HeadlessFx.start();
    }

    /** The same lines of text, queued in a batch and drawn on a Canvas. */
    private interface Lines {
        void text(String text, double x, double y, Font font, Color color, TextAlignment align, VPos base);
    }

    private static void lines(Lines out) {
        out.text("00140600  0x9e8 a", 8, 4, DiagramFonts.MONO, DARK, TextAlignment.LEFT, VPos.TOP);
        out.text("Heap 00140000", 12.3, 20.5, DiagramFonts.TITLE, DARK, TextAlignment.LEFT, VPos.TOP);
        out.text("to scale", 120.7, 22, DiagramFonts.MONO, BLUE, TextAlignment.RIGHT, VPos.TOP);
        out.text("\u2248 0x600 more bytes (3 rows)", 130, 52, DiagramFonts.MONO_SMALL, DARK, TextAlignment.CENTER,
            VPos.CENTER);
        out.text("\u2212", 240.5, 50, DiagramFonts.LABEL_BOLD, BLUE, TextAlignment.CENTER, VPos.CENTER);
    }

    private static int[] canvas(int scale) {
        return HeadlessFx.call(() -> {
            Canvas canvas = new Canvas(W * scale, H * scale);
            GraphicsContext gc = canvas.getGraphicsContext2D();
            gc.setFill(Color.WHITE);
            gc.fillRect(0, 0, W * scale, H * scale);
            gc.scale(scale, scale);
            lines((text, x, y, font, color, align, base) -> {
                gc.setFont(font);
                gc.setFill(color);
                gc.setTextAlign(align);
                gc.setTextBaseline(base);
                gc.fillText(text, x, y);
            });
            WritableImage image = canvas.snapshot(new SnapshotParameters(), null);
            int[] out = new int[W * scale * H * scale];
            image.getPixelReader().getPixels(0, 0, W * scale, H * scale, PixelFormat.getIntArgbInstance(), out, 0,
                W * scale);
            return out;
        });
    }

    private static int[] raster(int scale) {
        return HeadlessFx.call(() -> written(new PixelRaster(0, 0, W * scale, H * scale, scale, 0, 0)));
    }

    @Test
    void atScaleOneTheTextIsTheCanvasTextPixelForPixel() {
        int[] expected = canvas(1);
        int[] actual = raster(1);
        assertTrue(inked(expected) > 200, "the canvas drew text");
        assertArrayEquals(expected, actual);
    }

    @Test
    void atScaleTwoTheTextDiffersFromTheCanvasTextOnlyInAShadeOfItsEdges() {
        int[] expected = canvas(2);
        int[] actual = raster(2);
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                worst = Math.max(worst, Math.abs((expected[i] >> shift & 0xFF) - (actual[i] >> shift & 0xFF)));
            }
        }
        assertTrue(inked(actual) > inked(expected) * 9 / 10 && inked(actual) < inked(expected) * 11 / 10,
            "as much ink: " + inked(actual) + " and " + inked(expected));
        assertTrue(worst <= 40, "the largest difference in a channel is " + worst);
    }

    @Test
    void textAcrossTheEdgeOfTwoTilesJoinsAsInOneRaster() {
        int scale = 2;
        int w = W * scale;
        int h = H * scale;
        int[] whole = HeadlessFx.call(() -> written(new PixelRaster(0, 0, w, h, scale, 0, 0)));
        for (int edge : new int[] {11, 47, 100}) {
            int[] top = HeadlessFx.call(() -> written(new PixelRaster(0, 0, w, edge, scale, 0, 0)));
            int[] bottom = HeadlessFx.call(() -> written(new PixelRaster(0, edge, w, h - edge, scale, 0, 0)));
            int[] joined = new int[w * h];
            System.arraycopy(top, 0, joined, 0, w * edge);
            System.arraycopy(bottom, 0, joined, w * edge, w * (h - edge));
            assertArrayEquals(whole, joined, "tiles meeting at device row " + edge);
        }
    }

    /** The lines written into a raster over white; its pixels. */
    private static int[] written(PixelRaster r) {
        r.fill(Color.WHITE);
        TextBatch batch = new TextBatch(r.scale());
        lines((text, x, y, font, color, align, base) -> {
            if (align == TextAlignment.LEFT) {
                batch.text(text, x, y, font, color);
            } else if (align == TextAlignment.RIGHT) {
                batch.rightText(text, x, y, font, color);
            } else {
                batch.centredText(text, x, y, font, color);
            }
        });
        batch.drawInto(r);
        return java.util.Arrays.copyOf(r.pixels(), r.width() * r.height());
    }

    private static int inked(int[] pixels) {
        int n = 0;
        for (int p : pixels) {
            n += p != 0xFFFFFFFF ? 1 : 0;
        }
        return n;
    }
}
