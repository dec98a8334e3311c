package heaplab.app.canvas;

import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Affine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Glyphs as JavaFX itself rasterises them, kept as coverage masks so that a {@link TextBatch} writes text straight
 * into a {@link PixelRaster} instead of handing the pipeline hundreds of fillText calls per redraw (each laid out
 * and rasterised again on every frame). Each mask is cut from an off-screen Canvas on which the glyphs were drawn
 * with fillText, black on white, at the device size, so the text keeps the font, hinting and antialiasing the Canvas
 * gives it. A character's glyphs are made when it is first asked for at a scale, those of a redraw together (a
 * snapshot per font size).
 *
 * <p>JavaFX application thread only (it snapshots); masks are shared by every diagram, a few device scales kept.
 */
final class GlyphAtlas {
    /** The device scales whose glyphs are kept (a zoom, each theme's exports at 1 to 4). */
    private static final int SCALES_KEPT = 12;
    /**
     * Pen positions per device pixel at which glyphs are kept under a scale other than 1: with eight, text differs
     * from the Canvas's by at most 15/255 in a channel on glyph edges at scale 2 (with four, twice that).
     */
    static final int PHASES = 8;
    /** The atlas canvases' largest side: under any pipeline's texture size. */
    private static final int MAX_SIDE = 4096;
    private static final Map<Double, Map<FaceKey, Face>> FACES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Double, Map<FaceKey, Face>> eldest) {
            return size() > SCALES_KEPT;
        }
    };

    private GlyphAtlas() {
    }

    /** A font at a baseline setting: the glyphs' place relative to the anchor point depends on both. */
    record FaceKey(Font font, VPos base) {
    }

    /** One glyph: its mask, placed at (dx, dy) device pixels from the anchor, and its advance in logical units. */
    static final class Glyph {
        final int dx;
        final int dy;
        final int w;
        final int h;
        final byte[] alpha;
        final double advance;

        Glyph(int dx, int dy, int w, int h, byte[] alpha, double advance) {
            this.dx = dx;
            this.dy = dy;
            this.w = w;
            this.h = h;
            this.alpha = alpha;
            this.advance = advance;
        }
    }

    /**
     * The glyphs of a font at a device scale and baseline setting. Under a scale other than 1 JavaFX draws a glyph
     * from its outline wherever its pen falls, so its pixels depend on the pen's fraction of a device pixel: each
     * glyph is kept at {@link #phases} pen positions a fraction of a pixel apart. At scale 1 a glyph's pixels are
     * the same at any pen position, which is rounded to a whole pixel.
     */
    static final class Face {
        final int phases;
        /** From the anchor point down to the baseline, in logical units (as the Canvas works it out). */
        final double baseline;
        /**
         * The fraction of a device pixel below a whole pixel at which the glyphs' baseline was drawn: that of the
         * baseline under an anchor on a whole device pixel (as text in the map mostly is), 0 at scale 1.
         */
        final double baselineFraction;
        private final Map<Character, Glyph[]> glyphs = new HashMap<>();

        Face(int phases, double baseline, double scale) {
            this.phases = phases;
            this.baseline = baseline;
            this.baselineFraction = scale == 1 ? 0 : baseline * scale - Math.floor(baseline * scale);
        }

        /** The glyph of a character with its pen at a phase (0 to phases - 1) past a whole device pixel. */
        Glyph glyph(char c, int phase) {
            Glyph[] g = glyphs.get(c);
            return g == null ? null : g[phase];
        }

        /** The advance of a character, in logical units. */
        double advance(char c) {
            return glyphs.get(c)[0].advance;
        }

        boolean has(char c) {
            return glyphs.containsKey(c);
        }

        private void put(char c, int phase, Glyph g) {
            glyphs.computeIfAbsent(c, k -> new Glyph[phases])[phase] = g;
        }
    }

    /** The faces kept for a device scale (filled by {@link #add}). */
    static Map<FaceKey, Face> faces(double scale) {
        return FACES.computeIfAbsent(scale, s -> new HashMap<>());
    }

    /** Makes the glyphs of characters that faces of a device scale do not have yet. */
    static void add(double scale, Map<FaceKey, Set<Character>> wanted) {
        Map<FaceKey, Face> faces = faces(scale);
        int phases = scale == 1 ? 1 : PHASES;
        Map<Double, List<Cell>> bySize = new HashMap<>();
        for (Map.Entry<FaceKey, Set<Character>> e : wanted.entrySet()) {
            Face face = faces.computeIfAbsent(e.getKey(), k -> new Face(phases, baseline(k), scale));
            for (char c : e.getValue()) {
                if (!face.has(c)) {
                    for (int phase = 0; phase < phases; phase++) {
                        bySize.computeIfAbsent(e.getKey().font().getSize(), k -> new ArrayList<>())
                            .add(new Cell(e.getKey(), c, phase));
                    }
                }
            }
        }
        for (List<Cell> cells : bySize.values()) {
            rasterise(scale, phases, cells, faces);
        }
    }

    /**
     * How far below the point text is anchored at its baseline lies, for the Canvas's baseline settings: the line's
     * ascent below its top, half way between ascent and descent below its centre.
     */
    private static double baseline(FaceKey key) {
        Text text = new Text("Hg");
        text.setFont(key.font());
        text.setTextOrigin(VPos.TOP);
        double ascent = text.getBaselineOffset();
        double height = text.getLayoutBounds().getHeight();
        return switch (key.base()) {
            case TOP -> ascent;
            case CENTER -> ascent - height / 2;
            case BOTTOM -> ascent - height;
            default -> 0;
        };
    }

    /** A glyph to draw on the atlas canvas. */
    private record Cell(FaceKey key, char c, int phase) {
    }

    /** Draws the glyphs on canvases of at most 4096 pixels a side, snapshots them, cuts each glyph out of its cell. */
    private static void rasterise(double scale, int phases, List<Cell> cells, Map<FaceKey, Face> faces) {
        int em = (int) Math.ceil(cells.get(0).key().font().getSize() * scale);
        int cellW = 2 * em + 4;
        int cellH = 3 * em + 4;
        int anchorX = em / 2 + 2;
        int anchorY = em + 2;
        int columns = Math.max(1, Math.min(cells.size(), MAX_SIDE / cellW));
        int rowsPerCanvas = Math.max(1, MAX_SIDE / cellH);
        int perCanvas = columns * rowsPerCanvas;
        Text measure = new Text();
        for (int from = 0; from < cells.size(); from += perCanvas) {
            List<Cell> page = cells.subList(from, Math.min(cells.size(), from + perCanvas));
            int n = page.size();
            int rows = (n + columns - 1) / columns;
            int width = Math.min(n, columns) * cellW;
            int height = rows * cellH;
            Canvas canvas = new Canvas(width, height);
            GraphicsContext gc = canvas.getGraphicsContext2D();
            gc.setFill(Color.WHITE);
            gc.fillRect(0, 0, width, height);
            gc.setFill(Color.BLACK);
            gc.setTextAlign(TextAlignment.LEFT);
            for (int i = 0; i < n; i++) {
                Cell cell = page.get(i);
                gc.setFont(cell.key().font());
                gc.setTextBaseline(VPos.BASELINE);
                gc.setTransform(new Affine(scale, 0, (i % columns) * cellW + anchorX + (double) cell.phase() / phases,
                    0, scale, (i / columns) * cellH + anchorY + faces.get(cell.key()).baselineFraction));
                gc.fillText(String.valueOf(cell.c()), 0, 0);
            }
            SnapshotParameters parameters = new SnapshotParameters();
            parameters.setFill(Color.WHITE);
            WritableImage image = canvas.snapshot(parameters, new WritableImage(width, height));
            int[] pixels = new int[width * height];
            image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
            for (int i = 0; i < n; i++) {
                Cell cell = page.get(i);
                measure.setFont(cell.key().font());
                measure.setText(String.valueOf(cell.c()));
                double advance = measure.getLayoutBounds().getWidth();
                faces.get(cell.key()).put(cell.c(), cell.phase(), cut(pixels, width, (i % columns) * cellW,
                    (i / columns) * cellH, cellW, cellH, anchorX, anchorY, advance));
            }
        }
    }

    /** The glyph in a cell: coverage is how much darker than white a pixel is, over the inked bounds. */
    private static Glyph cut(int[] pixels, int width, int x0, int y0, int cellW, int cellH, int anchorX, int anchorY,
                             double advance) {
        int minX = cellW;
        int minY = cellH;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < cellH; y++) {
            for (int x = 0; x < cellW; x++) {
                if (coverage(pixels[(y0 + y) * width + x0 + x]) > 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            return new Glyph(0, 0, 0, 0, new byte[0], advance); // a space
        }
        int w = maxX - minX + 1;
        int h = maxY - minY + 1;
        byte[] alpha = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                alpha[y * w + x] = (byte) coverage(pixels[(y0 + minY + y) * width + x0 + minX + x]);
            }
        }
        return new Glyph(minX - anchorX, minY - anchorY, w, h, alpha, advance);
    }

    private static int coverage(int argb) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        return 255 - Math.min(r, Math.min(g, b));
    }
}
