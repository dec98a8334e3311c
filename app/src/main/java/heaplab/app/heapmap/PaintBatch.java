package heaplab.app.heapmap;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rectangles (or lines) by colour, in the order they came, drawn with one setFill or setStroke per colour: a Canvas
 * keeps each paint it is given in a buffer that grows 32 entries at a time, so a paint per block is quadratic.
 */
final class PaintBatch {
    private final Map<Color, double[]> byColour = new LinkedHashMap<>();
    private final Map<Color, Integer> counts = new LinkedHashMap<>();

    void add(Color colour, double a, double b, double c, double d) {
        double[] values = byColour.get(colour);
        int n = counts.getOrDefault(colour, 0);
        if (values == null || values.length < n + 4) {
            values = values == null ? new double[64] : Arrays.copyOf(values, values.length * 2);
            byColour.put(colour, values);
        }
        values[n] = a;
        values[n + 1] = b;
        values[n + 2] = c;
        values[n + 3] = d;
        counts.put(colour, n + 4);
    }

    void fill(GraphicsContext gc) {
        for (Map.Entry<Color, double[]> e : byColour.entrySet()) {
            int n = counts.get(e.getKey());
            if (n == 0) {
                continue;
            }
            gc.setFill(e.getKey());
            double[] v = e.getValue();
            for (int i = 0; i < n; i += 4) {
                gc.fillRect(v[i], v[i + 1], v[i + 2], v[i + 3]);
            }
        }
        clear();
    }

    /** Strokes rectangles (x, y, w, h). */
    void stroke(GraphicsContext gc, double lineWidth) {
        gc.setLineWidth(lineWidth);
        for (Map.Entry<Color, double[]> e : byColour.entrySet()) {
            int n = counts.get(e.getKey());
            if (n == 0) {
                continue;
            }
            gc.setStroke(e.getKey());
            double[] v = e.getValue();
            for (int i = 0; i < n; i += 4) {
                if (this.lines) {
                    gc.strokeLine(v[i], v[i + 1], v[i + 2], v[i + 3]);
                } else {
                    gc.strokeRect(v[i], v[i + 1], v[i + 2], v[i + 3]);
                }
            }
        }
        clear();
    }

    private boolean lines;

    PaintBatch lines() {
        lines = true;
        return this;
    }

    private void clear() {
        counts.replaceAll((k, v) -> 0);
    }
}
