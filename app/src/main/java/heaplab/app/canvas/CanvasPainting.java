package heaplab.app.canvas;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.geometry.VPos;

/** Drawing routines the diagrams share: hatching, dashed outlines, arrows, text. All leave the context as found. */
public final class CanvasPainting {
    private CanvasPainting() {
    }

    /** Fills a rectangle with diagonal lines ("///"), clipped to it. */
    public static void hatch(GraphicsContext gc, double x, double y, double w, double h, Color line, double spacing) {
        hatch(gc, x, y, w, h, line, spacing, 1, false);
    }

    /** Fills a rectangle with crossed diagonal lines ("XXX"), clipped to it: a guard page, damaged bytes. */
    public static void crossHatch(GraphicsContext gc, double x, double y, double w, double h, Color line,
                                  double spacing) {
        hatch(gc, x, y, w, h, line, spacing, 0.8, true);
    }

    private static void hatch(GraphicsContext gc, double x, double y, double w, double h, Color line, double spacing,
                              double lineWidth, boolean crossed) {
        if (w <= 0 || h <= 0) {
            return;
        }
        gc.save();
        gc.beginPath();
        gc.rect(x, y, w, h);
        gc.clip();
        gc.setStroke(line);
        gc.setLineWidth(lineWidth);
        // Start far enough left that the lines also cover the rectangle's left part.
        double start = x - h - (x % spacing);
        for (double sx = start; sx < x + w; sx += spacing) {
            gc.strokeLine(sx, y + h, sx + h, y);
            if (crossed) {
                gc.strokeLine(sx, y, sx + h, y + h);
            }
        }
        gc.restore();
    }

    /** Strokes a rectangle with a dashed line. */
    public static void dashedRect(GraphicsContext gc, double x, double y, double w, double h, Color color,
                                  double lineWidth) {
        gc.save();
        gc.setStroke(color);
        gc.setLineWidth(lineWidth);
        gc.setLineDashes(4, 3);
        gc.strokeRect(x, y, w, h);
        gc.restore();
    }

    /** A straight arrow from (x1, y1) to (x2, y2) with a filled head at the end. */
    public static void arrow(GraphicsContext gc, double x1, double y1, double x2, double y2, Color color,
                             double lineWidth, boolean dashed) {
        gc.save();
        gc.setStroke(color);
        gc.setFill(color);
        gc.setLineWidth(lineWidth);
        gc.setLineCap(StrokeLineCap.BUTT);
        if (dashed) {
            gc.setLineDashes(5, 3);
        }
        double angle = Math.atan2(y2 - y1, x2 - x1);
        double head = 7;
        double bx = x2 - head * Math.cos(angle);
        double by = y2 - head * Math.sin(angle);
        gc.strokeLine(x1, y1, bx, by);
        gc.setLineDashes();
        gc.fillPolygon(
            new double[] {x2, bx + 3.5 * Math.sin(angle), bx - 3.5 * Math.sin(angle)},
            new double[] {y2, by - 3.5 * Math.cos(angle), by + 3.5 * Math.cos(angle)}, 3);
        gc.restore();
    }

    /** Text with its top-left corner at (x, y). */
    public static void text(GraphicsContext gc, String text, double x, double y, Font font, Color color) {
        drawText(gc, text, x, y, font, color, TextAlignment.LEFT, VPos.TOP);
    }

    /** Text centred on (cx, cy). */
    public static void centredText(GraphicsContext gc, String text, double cx, double cy, Font font, Color color) {
        drawText(gc, text, cx, cy, font, color, TextAlignment.CENTER, VPos.CENTER);
    }

    /** Text with its top-right corner at (x, y). */
    public static void rightText(GraphicsContext gc, String text, double x, double y, Font font, Color color) {
        drawText(gc, text, x, y, font, color, TextAlignment.RIGHT, VPos.TOP);
    }

    private static void drawText(GraphicsContext gc, String text, double x, double y, Font font, Color color,
                                 TextAlignment align, VPos baseline) {
        gc.save();
        gc.setFont(font);
        gc.setFill(color);
        gc.setTextAlign(align);
        gc.setTextBaseline(baseline);
        gc.fillText(text, x, y);
        gc.restore();
    }
}
