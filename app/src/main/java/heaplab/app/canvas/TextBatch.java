package heaplab.app.canvas;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;

/**
 * Text to draw over a {@link PixelRaster} once its image is down, in logical coordinates; only text that a reader
 * can make out is kept ({@link #legible}), so a zoomed-out map costs no glyphs.
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

    /** Draws the queued text with the context's transform and empties the queue. */
    public void draw(GraphicsContext gc) {
        gc.save();
        Font font = null;
        Color color = null;
        TextAlignment align = null;
        VPos base = null;
        for (Entry e : entries) {
            if (e.font != font) {
                gc.setFont(font = e.font);
            }
            if (e.color != color) {
                gc.setFill(color = e.color);
            }
            if (e.align != align) {
                gc.setTextAlign(align = e.align);
            }
            if (e.base != base) {
                gc.setTextBaseline(base = e.base);
            }
            gc.fillText(e.text, e.x, e.y);
        }
        gc.restore();
        entries.clear();
    }
}
