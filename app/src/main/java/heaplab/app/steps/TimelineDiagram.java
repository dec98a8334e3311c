package heaplab.app.steps;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.canvas.PickableDiagram;
import heaplab.app.heapmap.BlockText;
import heaplab.app.theme.Palette;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import java.util.List;
import java.util.Locale;

/**
 * The heaps over all the scenario's steps: busy, free and committed bytes and the largest free block on the left
 * axis, fragmentation (1 - largest free / free) on the right one, each series told apart by its dash pattern as well
 * as its colour. Along the top, a dot before each step with a breakpoint and a cross after each fault or failed
 * expect. On the screen the position marker is a separate node that moves without redrawing this chart; the PNG
 * export draws it here (a position of -1 draws none).
 */
public final class TimelineDiagram implements PickableDiagram {
    // Readable whole under the steps list when fitted; the export doubles it.
    private static final double WIDTH = 540;
    private static final double HEIGHT = 280;
    private static final double LEFT = 64;
    private static final double RIGHT = 46;
    private static final double TOP = 100;
    private static final double BOTTOM = 34;
    private static final double MARKER_Y = TOP - 9;
    private static final double[] SOLID = {};
    private static final double[] DASHED = {6, 3};
    private static final double[] DOTTED = {1.5, 3};
    private static final double[] DASH_DOT = {8, 3, 2, 3};

    private final TimelineModel model;
    private final int position;
    private final Palette p;

    /** @param position where to draw the position marker, or -1 for none (the screen draws its own) */
    public TimelineDiagram(TimelineModel model, int position, Palette palette) {
        this.model = model;
        this.position = position;
        this.p = palette;
    }

    public TimelineModel model() {
        return model;
    }

    @Override
    public double width() {
        return WIDTH;
    }

    @Override
    public double height() {
        return HEIGHT;
    }

    /** The x of a position on the axis (logical pixels). */
    public double xOf(int pos) {
        return LEFT + (WIDTH - LEFT - RIGHT) * pos / Math.max(1, model.stepCount());
    }

    /** The position nearest to an x (clamped to the axis). */
    public int positionAt(double x) {
        double share = (x - LEFT) / (WIDTH - LEFT - RIGHT);
        long pos = Math.round(share * model.stepCount());
        return (int) Math.max(0, Math.min(model.stepCount(), pos));
    }

    /** The top of the marker strip: the position marker runs from here to {@link #plotBottom()}. */
    public double plotTop() {
        return MARKER_Y - 6;
    }

    public double plotBottom() {
        return HEIGHT - BOTTOM;
    }

    @Override
    public void render(GraphicsContext gc) {
        gc.save();
        gc.setFill(p.background());
        gc.fillRect(0, 0, WIDTH, HEIGHT);
        int steps = model.stepCount();
        CanvasPainting.text(gc, "The heaps over all " + steps + " step" + (steps == 1 ? "" : "s"), 10, 6,
            DiagramFonts.LABEL_BOLD, p.text());
        legend(gc);
        long max = niceCeiling(Math.max(1, model.maxBytes()));
        axes(gc, max);
        List<TimelinePoint> points = model.points();
        if (!points.isEmpty()) {
            series(gc, points, max, Series.COMMITTED);
            series(gc, points, max, Series.FREE);
            series(gc, points, max, Series.LARGEST_FREE);
            series(gc, points, max, Series.BUSY);
            series(gc, points, max, Series.FRAGMENTATION);
        }
        unreached(gc);
        markers(gc);
        if (position >= 0) {
            double px = xOf(position);
            gc.setStroke(p.chartPosition());
            gc.setLineWidth(2);
            gc.setLineDashes(3, 2);
            gc.strokeLine(px, plotTop(), px, plotBottom());
            gc.setLineDashes();
        }
        gc.restore();
    }

    private enum Series { BUSY, FREE, COMMITTED, LARGEST_FREE, FRAGMENTATION }

    private Color color(Series s) {
        return switch (s) {
            case BUSY -> p.chartBusy();
            case FREE -> p.chartFree();
            case COMMITTED -> p.textMuted();
            case LARGEST_FREE -> p.blink();
            case FRAGMENTATION -> p.virtual();
        };
    }

    private static double[] dashes(Series s) {
        return switch (s) {
            case BUSY, COMMITTED -> SOLID;
            case FREE -> DASHED;
            case LARGEST_FREE -> DOTTED;
            case FRAGMENTATION -> DASH_DOT;
        };
    }

    private static double lineWidth(Series s) {
        return s == Series.COMMITTED ? 1.2 : 2;
    }

    private void legend(GraphicsContext gc) {
        double x = 10;
        x = legendItem(gc, Series.BUSY, "busy", x, 28);
        x = legendItem(gc, Series.FREE, "free", x, 28);
        x = legendItem(gc, Series.COMMITTED, "committed", x, 28);
        legendItem(gc, Series.LARGEST_FREE, "largest free block", x, 28);
        legendItem(gc, Series.FRAGMENTATION, "fragmentation = 1 \u2212 largest free \u00F7 free (right axis)", 10, 46);
        x = 10;
        gc.setFill(p.brokenLink());
        gc.fillOval(x + 8, 67, 7, 7);
        CanvasPainting.text(gc, "breakpoint", x + 29, 64, DiagramFonts.LABEL, p.text());
        x += 29 + DiagramFonts.width("breakpoint", DiagramFonts.LABEL) + 14;
        cross(gc, x + 12, 70.5);
        CanvasPainting.text(gc, "fault / failed expect", x + 29, 64, DiagramFonts.LABEL, p.text());
        x += 29 + DiagramFonts.width("fault / failed expect", DiagramFonts.LABEL) + 14;
        gc.setStroke(p.chartPosition());
        gc.setLineWidth(2);
        gc.setLineDashes(3, 2);
        gc.strokeLine(x + 12, 63, x + 12, 78);
        gc.setLineDashes();
        CanvasPainting.text(gc, "now", x + 29, 64, DiagramFonts.LABEL, p.text());
    }

    private double legendItem(GraphicsContext gc, Series s, String text, double x, double y) {
        gc.setStroke(color(s));
        gc.setLineWidth(lineWidth(s));
        gc.setLineDashes(dashes(s));
        gc.strokeLine(x, y + 7, x + 24, y + 7);
        gc.setLineDashes();
        if (s == Series.BUSY) {
            gc.setFill(color(s));
            gc.fillOval(x + 9, y + 4, 6, 6);
        } else if (s == Series.FREE) {
            gc.setFill(color(s));
            gc.fillRect(x + 9, y + 4, 6, 6);
        }
        CanvasPainting.text(gc, text, x + 29, y, DiagramFonts.LABEL, p.text());
        return x + 29 + DiagramFonts.width(text, DiagramFonts.LABEL) + 14;
    }

    private void axes(GraphicsContext gc, long max) {
        gc.setStroke(p.grid());
        gc.setLineWidth(1);
        gc.setLineDashes();
        for (int i = 0; i <= 4; i++) {
            double y = y(max * i / 4, max);
            gc.strokeLine(LEFT, y, WIDTH - RIGHT, y);
            CanvasPainting.rightText(gc, BlockText.hex(max * i / 4), LEFT - 6, y - 7, DiagramFonts.MONO_SMALL,
                p.textMuted());
            if (i % 2 == 0) {
                CanvasPainting.text(gc, (i * 25) + "%", WIDTH - RIGHT + 6, y - 7, DiagramFonts.MONO_SMALL,
                    p.textMuted());
            }
        }
        int steps = Math.max(1, model.stepCount());
        int tick = niceTick(steps);
        for (int s = 0; s <= steps; s += tick) {
            CanvasPainting.centredText(gc, Integer.toString(s), xOf(s), HEIGHT - BOTTOM + 10,
                DiagramFonts.MONO_SMALL, p.textMuted());
        }
        CanvasPainting.centredText(gc, "steps run", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 10, DiagramFonts.LABEL,
            p.textMuted());
    }

    private void series(GraphicsContext gc, List<TimelinePoint> points, long max, Series s) {
        Color color = color(s);
        gc.setStroke(color);
        gc.setFill(color);
        gc.setLineWidth(lineWidth(s));
        gc.setLineDashes(dashes(s));
        gc.beginPath();
        for (int i = 0; i < points.size(); i++) {
            TimelinePoint pt = points.get(i);
            double px = xOf(pt.position());
            double py = s == Series.FRAGMENTATION ? yShare(pt.fragmentation()) : y(value(pt, s), max);
            if (i == 0) {
                gc.moveTo(px, py);
            } else {
                gc.lineTo(px, py);
            }
        }
        gc.stroke();
        gc.setLineDashes();
        if (points.size() <= 80 && (s == Series.BUSY || s == Series.FREE)) {
            for (TimelinePoint pt : points) {
                double px = xOf(pt.position());
                double py = y(value(pt, s), max);
                if (s == Series.BUSY) {
                    gc.fillOval(px - 3, py - 3, 6, 6);
                } else {
                    gc.fillRect(px - 3, py - 3, 6, 6);
                }
            }
        }
    }

    private static long value(TimelinePoint pt, Series s) {
        return switch (s) {
            case BUSY -> pt.busyBytes();
            case FREE -> pt.freeBytes();
            case COMMITTED -> pt.committedBytes();
            case LARGEST_FREE -> pt.largestFreeBytes();
            case FRAGMENTATION -> 0;
        };
    }

    /** Past the replay: still sampling, or steps that cannot run after a fault. */
    private void unreached(GraphicsContext gc) {
        TimelineSamples samples = model.samples();
        if (model.stepCount() == 0 || samples.reached() >= model.stepCount() && samples.complete()) {
            return;
        }
        double from = xOf(samples.reached());
        double to = WIDTH - RIGHT;
        if (to - from < 1) {
            return;
        }
        CanvasPainting.hatch(gc, from, TOP, to - from, HEIGHT - BOTTOM - TOP, p.grid(), 8);
        String text = samples.complete() ? "not reached: the program faulted" : "sampling\u2026";
        CanvasPainting.centredText(gc, text, Math.max(LEFT + 60, (from + to) / 2), TOP + 14, DiagramFonts.LABEL,
            p.textMuted());
    }

    private void markers(GraphicsContext gc) {
        gc.setFill(p.brokenLink());
        for (int index : model.breakpoints()) {
            gc.fillOval(xOf(index) - 3.5, MARKER_Y - 3.5, 7, 7);
        }
        for (TimelineStop stop : model.stops()) {
            cross(gc, xOf(stop.position()), MARKER_Y);
        }
    }

    private void cross(GraphicsContext gc, double cx, double cy) {
        gc.setStroke(p.brokenLink());
        gc.setLineWidth(2);
        gc.setLineDashes();
        gc.strokeLine(cx - 3.5, cy - 3.5, cx + 3.5, cy + 3.5);
        gc.strokeLine(cx - 3.5, cy + 3.5, cx + 3.5, cy - 3.5);
    }

    private static double y(long bytes, long max) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (double) bytes / max;
    }

    private static double yShare(double share) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * share;
    }

    /** A round upper bound for the axis in hex: the next power of two, so the four grid lines fall on round values. */
    static long niceCeiling(long value) {
        long v = Long.highestOneBit(value);
        return v == value ? v : v << 1;
    }

    /** Steps between labels on the x axis: 1, 2 or 5 times a power of ten, ten labels at most. */
    static int niceTick(int steps) {
        int tick = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (steps / (tick * m) <= 10) {
                    return tick * m;
                }
            }
            tick *= 10;
        }
    }

    @Override
    public long addressAt(double x, double y) {
        return 0; // a chart of totals: nothing to select; clicks move the position (TimelineView)
    }

    @Override
    public String tooltipAt(double x, double y) {
        if (x < LEFT - 4 || x > WIDTH - RIGHT + 4 || y < plotTop() || y > plotBottom() || model.stepCount() == 0) {
            return null;
        }
        int pos = positionAt(x);
        StringBuilder text = new StringBuilder(pos == 0 ? "Start (no step run)" : "After step " + pos);
        TimelinePoint pt = model.pointAt(pos);
        if (pt != null) {
            if (pt.position() != pos) {
                text.append("  (sample after step ").append(pt.position()).append(')');
            }
            text.append(String.format(Locale.ROOT, "%nbusy          %s%nfree          %s%ncommitted     %s"
                    + "%nlargest free  %s%nfragmentation %.0f%%", BlockText.size(pt.busyBytes()),
                BlockText.size(pt.freeBytes()), BlockText.size(pt.committedBytes()),
                BlockText.size(pt.largestFreeBytes()), 100 * pt.fragmentation()));
        }
        if (model.breakpoints().contains(pos)) {
            text.append("\nbreakpoint before step ").append(pos + 1);
        }
        for (TimelineStop stop : model.stops()) {
            if (stop.position() == pos) {
                text.append(stop.fault() ? "\nstep " + pos + " faulted" : "\nthe expect of step " + pos + " failed");
            }
        }
        return text.append("\nClick or drag to go there").toString();
    }
}
