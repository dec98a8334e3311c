package heaplab.app.steps;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.export.Diagram;
import heaplab.app.heapmap.BlockText;
import heaplab.app.theme.Palette;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import java.util.List;

/**
 * Busy and free bytes over the steps run so far, as two step lines: busy solid with round markers, free dashed
 * with square markers (told apart without colour). A vertical line marks the current position.
 */
public final class TimelineDiagram implements Diagram {
    // Small enough to read whole under the steps list; the export doubles it.
    private static final double WIDTH = 420;
    private static final double HEIGHT = 180;
    private static final double LEFT = 62;
    private static final double RIGHT = 20;
    private static final double TOP = 40;
    private static final double BOTTOM = 34;

    private final TimelineModel model;
    private final Palette p;

    public TimelineDiagram(TimelineModel model, Palette palette) {
        this.model = model;
        this.p = palette;
    }

    @Override
    public double width() {
        return WIDTH;
    }

    @Override
    public double height() {
        return HEIGHT;
    }

    @Override
    public void render(GraphicsContext gc) {
        gc.save();
        gc.setFill(p.background());
        gc.fillRect(0, 0, WIDTH, HEIGHT);
        CanvasPainting.text(gc, "Bytes in blocks, by step", 10, 8, DiagramFonts.LABEL_BOLD, p.text());
        legend(gc);
        List<TimelinePoint> points = model.points();
        int lastStep = Math.max(1, Math.max(model.stepCount(), model.position()));
        long max = niceCeiling(Math.max(1, model.maxBytes()));
        axes(gc, lastStep, max);
        if (!points.isEmpty()) {
            series(gc, points, lastStep, max, true);
            series(gc, points, lastStep, max, false);
        }
        double px = x(model.position(), lastStep);
        gc.setStroke(p.chartPosition());
        gc.setLineWidth(1.5);
        gc.setLineDashes(2, 2);
        gc.strokeLine(px, TOP, px, HEIGHT - BOTTOM);
        gc.restore();
    }

    private void legend(GraphicsContext gc) {
        double x = WIDTH - 228;
        gc.setStroke(p.chartBusy());
        gc.setLineWidth(2);
        gc.strokeLine(x, 15, x + 24, 15);
        gc.setFill(p.chartBusy());
        gc.fillOval(x + 9, 12, 6, 6);
        CanvasPainting.text(gc, "busy", x + 30, 8, DiagramFonts.LABEL, p.text());
        x += 74;
        gc.setStroke(p.chartFree());
        gc.setLineDashes(5, 3);
        gc.strokeLine(x, 15, x + 24, 15);
        gc.setLineDashes();
        gc.setFill(p.chartFree());
        gc.fillRect(x + 9, 12, 6, 6);
        CanvasPainting.text(gc, "free", x + 30, 8, DiagramFonts.LABEL, p.text());
        x += 68;
        gc.setStroke(p.chartPosition());
        gc.setLineDashes(2, 2);
        gc.strokeLine(x, 8, x, 22);
        gc.setLineDashes();
        CanvasPainting.text(gc, "now", x + 6, 8, DiagramFonts.LABEL, p.text());
    }

    private void axes(GraphicsContext gc, int lastStep, long max) {
        gc.setStroke(p.grid());
        gc.setLineWidth(1);
        for (int i = 0; i <= 4; i++) {
            double y = y(max * i / 4, max);
            gc.strokeLine(LEFT, y, WIDTH - RIGHT, y);
            CanvasPainting.rightText(gc, BlockText.hex(max * i / 4), LEFT - 6, y - 7, DiagramFonts.MONO_SMALL,
                p.textMuted());
        }
        int tick = Math.max(1, (int) Math.ceil(lastStep / 10.0));
        for (int s = 0; s <= lastStep; s += tick) {
            CanvasPainting.centredText(gc, Integer.toString(s), x(s, lastStep), HEIGHT - BOTTOM + 10,
                DiagramFonts.MONO_SMALL, p.textMuted());
        }
        CanvasPainting.centredText(gc, "step", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 10, DiagramFonts.LABEL,
            p.textMuted());
    }

    private void series(GraphicsContext gc, List<TimelinePoint> points, int lastStep, long max, boolean busy) {
        Color color = busy ? p.chartBusy() : p.chartFree();
        gc.setStroke(color);
        gc.setFill(color);
        gc.setLineWidth(2);
        gc.setLineDashes(busy ? new double[0] : new double[] {5, 3});
        gc.beginPath();
        for (int i = 0; i < points.size(); i++) {
            TimelinePoint pt = points.get(i);
            double px = x(pt.position(), lastStep);
            double py = y(busy ? pt.busyBytes() : pt.freeBytes(), max);
            if (i == 0) {
                gc.moveTo(px, py);
            } else {
                gc.lineTo(px, py);
            }
        }
        gc.stroke();
        gc.setLineDashes();
        if (points.size() <= 80) {
            for (TimelinePoint pt : points) {
                double px = x(pt.position(), lastStep);
                double py = y(busy ? pt.busyBytes() : pt.freeBytes(), max);
                if (busy) {
                    gc.fillOval(px - 3, py - 3, 6, 6);
                } else {
                    gc.fillRect(px - 3, py - 3, 6, 6);
                }
            }
        }
    }

    private static double x(int position, int lastStep) {
        return LEFT + (WIDTH - LEFT - RIGHT) * position / lastStep;
    }

    private static double y(long bytes, long max) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (double) bytes / max;
    }

    /** A round upper bound for the axis in hex: the next power of two, so the four grid lines fall on round values. */
    static long niceCeiling(long value) {
        long v = Long.highestOneBit(value);
        return v == value ? v : v << 1;
    }
}
