package heaplab.app.canvas;

import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text to write into a {@link PixelRaster} once its shapes are painted, in logical coordinates, with the glyphs
 * JavaFX draws ({@link GlyphAtlas}), so that the raster reaches the canvas with its text as one image; only text
 * that a reader can make out is kept ({@link #legible}), so a zoomed-out map costs no glyphs.
 */
public final class TextBatch {
    /** Device pixels below which a font's glyphs are a smudge. */
    public static final double MIN_LEGIBLE_PIXELS = 5;
    private final List<Entry> entries = new ArrayList<>();
    private final double scale;

    private record Entry(String text, double x, double y, Font font, Color color, TextAlignment align, VPos base) {
    }

    /** @param scale device pixels per logical pixel */
    public TextBatch(double scale) {
        this.scale = scale;
    }

    public boolean legible(Font font) {
        return font.getSize() * scale >= MIN_LEGIBLE_PIXELS;
    }

    /** Text with its top-left corner at (x, y). */
    public void text(String text, double x, double y, Font font, Color color) {
        add(text, x, y, font, color, TextAlignment.LEFT, VPos.TOP);
    }

    /** Text with its top-right corner at (x, y). */
    public void rightText(String text, double x, double y, Font font, Color color) {
        add(text, x, y, font, color, TextAlignment.RIGHT, VPos.TOP);
    }

    /** Text centred on (x, y). */
    public void centredText(String text, double x, double y, Font font, Color color) {
        add(text, x, y, font, color, TextAlignment.CENTER, VPos.CENTER);
    }

    private void add(String text, double x, double y, Font font, Color color, TextAlignment align, VPos base) {
        if (!text.isEmpty() && legible(font)) {
            entries.add(new Entry(text, x, y, font, color, align, base));
        }
    }

    public int size() {
        return entries.size();
    }

    /**
     * Writes the queued text into the raster (over everything painted so far, as text drawn after the image would
     * be) with the glyphs of {@link GlyphAtlas}, and empties the queue. JavaFX application thread.
     */
    public void drawInto(PixelRaster raster) {
        if (entries.isEmpty()) {
            return;
        }
        Map<GlyphAtlas.FaceKey, GlyphAtlas.Face> faces = GlyphAtlas.faces(raster.scale());
        Map<GlyphAtlas.FaceKey, Set<Character>> missing = null;
        for (Entry e : entries) {
            GlyphAtlas.Face face = faces.get(new GlyphAtlas.FaceKey(e.font, e.base));
            for (int i = 0; i < e.text.length(); i++) {
                char c = e.text.charAt(i);
                if (face == null || !face.has(c)) {
                    if (missing == null) {
                        missing = new HashMap<>();
                    }
                    missing.computeIfAbsent(new GlyphAtlas.FaceKey(e.font, e.base), k -> new HashSet<>()).add(c);
                }
            }
        }
        if (missing != null) {
            GlyphAtlas.add(raster.scale(), missing);
        }
        GlyphAtlas.FaceKey lastKey = null;
        GlyphAtlas.Face face = null;
        Color lastColour = null;
        int argb = 0;
        for (Entry e : entries) {
            if (lastKey == null || lastKey.font() != e.font || lastKey.base() != e.base) {
                lastKey = new GlyphAtlas.FaceKey(e.font, e.base);
                face = faces.get(lastKey);
            }
            if (e.color != lastColour) {
                lastColour = e.color;
                argb = PixelRaster.argb(e.color);
            }
            draw(raster, face, e, argb);
        }
        entries.clear();
    }

    private static void draw(PixelRaster raster, GlyphAtlas.Face face, Entry e, int argb) {
        String text = e.text;
        double width = 0;
        for (int i = 0; i < text.length(); i++) {
            width += face.advance(text.charAt(i));
        }
        double pen = e.align == TextAlignment.LEFT ? e.x : e.align == TextAlignment.CENTER ? e.x - width / 2
            : e.x - width;
        double size = e.font.getSize();
        // Glyphs reach a little past the advances and the line (accents, descenders, italics): a margin of an em.
        if (!raster.touches(pen - size, e.y - 2 * size, width + 2 * size, 4 * size)) {
            return;
        }
        int y = (int) Math.round(raster.deviceYExact(e.y + face.baseline) - face.baselineFraction);
        int phases = face.phases;
        for (int i = 0; i < text.length(); i++) {
            // The pen in device pixels, as a whole pixel and the nearest kept phase past it.
            long steps = Math.round(raster.deviceXExact(pen) * phases);
            int x = (int) Math.floorDiv(steps, phases);
            GlyphAtlas.Glyph g = face.glyph(text.charAt(i), (int) Math.floorMod(steps, phases));
            if (g.w > 0) {
                raster.blendMask(x + g.dx, y + g.dy, g.w, g.h, g.alpha, argb);
            }
            pen += g.advance;
        }
    }
}
