package heaplab.app.steps;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.canvas.PickableDiagram;
import heaplab.app.heapmap.BlockText;
import heaplab.app.theme.Palette;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.List;
import java.util.Locale;

/**
 * The heaps over all the scenario's steps: busy, free and committed bytes and the largest free block on the left
 * axis, fragmentation (1 - largest free / free, in the most fragmented heap) on the right one, each series told apart
 * by its dash pattern as well as its colour. Along the top, a dot before each step with a breakpoint, a diamond
 * before each step where a heap breakpoint ({@code !heap -b}) stops a run, and a cross after each fault or failed
 * expect. On the screen the position marker is a separate node that moves without redrawing this chart; the PNG
 * export draws it here (a position of -1 draws none).
 */
public final class TimelineDiagram implements PickableDiagram {
    /** The export's size; the window draws the chart at its pane's size, so that its text stays readable. */
    public static final double WIDTH = 540;
    public static final double HEIGHT = 280;
    /** Smaller than this, the window scales the chart down rather than squeezing it. */
    public static final double MIN_WIDTH = 250;
    public static final double MIN_HEIGHT = 190;
    private static final double LEFT = 64;
    private static final double RIGHT = 46;
    private static final double BOTTOM = 34;
    /** The height an axis label needs to stand clear of the next. */
    private static final double LABEL_HEIGHT = 13;
    /** Narrower than this (a pane under the steps list), the legend and the title use smaller text. */
    private static final double COMPACT_WIDTH = 460;
    private static final Font COMPACT_LABEL = Font.font("System", 10);
    private static final Font COMPACT_TITLE = Font.font("System", javafx.scene.text.FontWeight.BOLD, 11);
    private static final double[] SOLID = {};
    private static final double[] DASHED = {6, 3};
    private static final double[] DOTTED = {1.5, 3};
    private static final double[] DASH_DOT = {8, 3, 2, 3};

    private final TimelineModel model;
    private final int position;
    private final Palette p;
    private final double width;
    private final double height;
    private final Font legendFont;
    private final double legendRow;
    private final List<LegendItem> legend;
    private final double top;
    private final double markerY;

    /** At the export's size. @param position where to draw the position marker, or -1 for none */
    public TimelineDiagram(TimelineModel model, int position, Palette palette) {
        this(model, position, palette, WIDTH, HEIGHT);
    }

    /**
     * @param position where to draw the position marker, or -1 for none (the screen draws its own)
     * @param width    logical width; the legend wraps to it (at least {@link #MIN_WIDTH})
     * @param height   logical height (at least {@link #MIN_HEIGHT})
     */
    public TimelineDiagram(TimelineModel model, int position, Palette palette, double width, double height) {
        this.model = model;
        this.position = position;
        this.p = palette;
        this.width = Math.max(MIN_WIDTH, width);
        this.height = Math.max(MIN_HEIGHT, height);
        boolean compact = this.width < COMPACT_WIDTH;
        this.legendFont = compact ? COMPACT_LABEL : DiagramFonts.LABEL;
        this.legendRow = compact ? 14 : 18;
        this.legend = layOutLegend(this.width, legendFont, legendRow, compact ? 22 : 28);
        double legendBottom = legend.get(legend.size() - 1).y() + legendRow;
        this.markerY = legendBottom + 8;
        this.top = markerY + 9;
    }

    public TimelineModel model() {
        return model;
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public double height() {
        return height;
    }

    /** The x of a position on the axis (logical pixels). */
    public double xOf(int pos) {
        return LEFT + (width - LEFT - RIGHT) * pos / Math.max(1, model.stepCount());
    }

    /** The position nearest to an x (clamped to the axis). */
    public int positionAt(double x) {
        double share = (x - LEFT) / (width - LEFT - RIGHT);
        long pos = Math.round(share * model.stepCount());
        return (int) Math.max(0, Math.min(model.stepCount(), pos));
    }

    /** The top of the marker strip: the position marker runs from here to {@link #plotBottom()}. */
    public double plotTop() {
        return markerY - 6;
    }

    public double plotBottom() {
        return height - BOTTOM;
    }

    @Override
    public void render(GraphicsContext gc) {
        gc.save();
        gc.setFill(p.background());
        gc.fillRect(0, 0, width, height);
        int steps = model.stepCount();
        CanvasPainting.text(gc, "The heaps over all " + steps + " step" + (steps == 1 ? "" : "s"), 10, 6,
            width < COMPACT_WIDTH ? COMPACT_TITLE : DiagramFonts.LABEL_BOLD, p.text());
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

    /** One entry of the legend: a series' line, a marker's symbol, or plain text, with where it is drawn. */
    private record LegendItem(Symbol symbol, Series series, String text, double x, double y) {
    }

    private enum Symbol { LINE, DOT, DIAMOND, CROSS, NOW, NONE }

    /** The legend's entries flowed left to right in rows that fit the width. */
    private static List<LegendItem> layOutLegend(double width, Font font, double row, double firstRow) {
        Object[][] entries = {
            {Symbol.LINE, Series.BUSY, "busy"}, {Symbol.LINE, Series.FREE, "free"},
            {Symbol.LINE, Series.COMMITTED, "committed"}, {Symbol.LINE, Series.LARGEST_FREE, "largest free block"},
            {Symbol.LINE, Series.FRAGMENTATION, "fragmentation"},
            {Symbol.NONE, null, "= 1 \u2212 largest free \u00F7 free, worst heap (right axis)"},
            {Symbol.DOT, null, "breakpoint"}, {Symbol.DIAMOND, null, "heap breakpoint, watch"},
            {Symbol.CROSS, null, "fault / failed expect"},
            {Symbol.NOW, null, "now"}};
        List<LegendItem> items = new java.util.ArrayList<>();
        double x = 10;
        double y = firstRow;
        for (Object[] e : entries) {
            Symbol symbol = (Symbol) e[0];
            String text = (String) e[2];
            double w = (symbol == Symbol.NONE ? 0 : 29) + DiagramFonts.width(text, font);
            if (x > 10 && x + w > width - 10) {
                x = 10;
                y += row;
            }
            items.add(new LegendItem(symbol, (Series) e[1], text, x, y));
            x += w + 14;
        }
        return items;
    }

    private void legend(GraphicsContext gc) {
        for (LegendItem item : legend) {
            double x = item.x();
            double y = item.y();
            switch (item.symbol()) {
                case LINE -> seriesSymbol(gc, item.series(), x, y);
                case DOT -> {
                    gc.setFill(p.brokenLink());
                    gc.fillOval(x + 8, y + 3.5, 7, 7);
                }
                case DIAMOND -> diamond(gc, x + 12, y + 7);
                case CROSS -> cross(gc, x + 12, y + 7);
                case NOW -> {
                    gc.setStroke(p.chartPosition());
                    gc.setLineWidth(2);
                    gc.setLineDashes(3, 2);
                    gc.strokeLine(x + 12, y, x + 12, y + 14);
                    gc.setLineDashes();
                }
                case NONE -> { }
            }
            CanvasPainting.text(gc, item.text(), x + (item.symbol() == Symbol.NONE ? 0 : 29), y, legendFont, p.text());
        }
    }

    private void seriesSymbol(GraphicsContext gc, Series s, double x, double y) {
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
    }

    private void axes(GraphicsContext gc, long max) {
        gc.setStroke(p.grid());
        gc.setLineWidth(1);
        gc.setLineDashes();
        // A label every quarter while they stand apart, else every half, else only the ends (a short chart under a
        // long legend: the labels ran into one another).
        double quarter = (height - top - BOTTOM) / 4;
        int every = quarter >= LABEL_HEIGHT ? 1 : 2 * quarter >= LABEL_HEIGHT ? 2 : 4;
        for (int i = 0; i <= 4; i++) {
            double y = y(max * i / 4, max);
            gc.strokeLine(LEFT, y, width - RIGHT, y);
            if (i % every != 0) {
                continue;
            }
            CanvasPainting.rightText(gc, BlockText.hex(max * i / 4), LEFT - 6, y - 7, DiagramFonts.MONO_SMALL,
                p.textMuted());
            if (i % Math.max(2, every) == 0) {
                CanvasPainting.text(gc, (i * 25) + "%", width - RIGHT + 6, y - 7, DiagramFonts.MONO_SMALL,
                    p.textMuted());
            }
        }
        int steps = Math.max(1, model.stepCount());
        // As many labels as fit side by side, with room between them.
        double labelWidth = DiagramFonts.width(stepLabel(steps), DiagramFonts.MONO_SMALL) + 10;
        int tick = niceTick(steps, Math.max(1, (int) ((width - LEFT - RIGHT) / labelWidth)));
        for (int s = 0; s <= steps; s += tick) {
            CanvasPainting.centredText(gc, stepLabel(s), xOf(s), height - BOTTOM + 10, DiagramFonts.MONO_SMALL,
                p.textMuted());
        }
        CanvasPainting.centredText(gc, "steps run", (LEFT + width - RIGHT) / 2, height - 10, DiagramFonts.LABEL,
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
        double to = width - RIGHT;
        if (to - from < 1) {
            return;
        }
        CanvasPainting.hatch(gc, from, top, to - from, height - BOTTOM - top, p.grid(), 8);
        String text = samples.complete() ? "not reached: the program faulted" : "sampling\u2026";
        CanvasPainting.centredText(gc, text, Math.max(LEFT + 60, (from + to) / 2), top + 14, DiagramFonts.LABEL,
            p.textMuted());
    }

    private void markers(GraphicsContext gc) {
        gc.setFill(p.brokenLink());
        for (int index : model.breakpoints()) {
            gc.fillOval(xOf(index) - 3.5, markerY - 3.5, 7, 7);
        }
        // A long trace may stop at a heap breakpoint every other step: one diamond per pixel column is enough.
        double lastX = Double.NEGATIVE_INFINITY;
        for (TimelineHeapBreak stop : model.heapBreaks()) {
            double x = xOf(stop.position());
            if (x - lastX >= 1) {
                diamond(gc, x, markerY);
                lastX = x;
            }
        }
        for (TimelineStop stop : model.stops()) {
            cross(gc, xOf(stop.position()), markerY);
        }
    }

    /** A heap breakpoint's marker: an outlined diamond, unlike the step breakpoint's dot. */
    private void diamond(GraphicsContext gc, double cx, double cy) {
        double[] xs = {cx, cx + 4.5, cx, cx - 4.5};
        double[] ys = {cy - 4.5, cy, cy + 4.5, cy};
        gc.setFill(p.background());
        gc.fillPolygon(xs, ys, 4);
        gc.setStroke(p.flink());
        gc.setLineWidth(2);
        gc.setLineDashes();
        gc.strokePolygon(xs, ys, 4);
    }

    private void cross(GraphicsContext gc, double cx, double cy) {
        gc.setStroke(p.brokenLink());
        gc.setLineWidth(2);
        gc.setLineDashes();
        gc.strokeLine(cx - 3.5, cy - 3.5, cx + 3.5, cy + 3.5);
        gc.strokeLine(cx - 3.5, cy + 3.5, cx + 3.5, cy - 3.5);
    }

    private double y(long bytes, long max) {
        return height - BOTTOM - (height - top - BOTTOM) * (double) bytes / max;
    }

    private double yShare(double share) {
        return height - BOTTOM - (height - top - BOTTOM) * share;
    }

    /** A round upper bound for the axis in hex: the next power of two, so the four grid lines fall on round values. */
    static long niceCeiling(long value) {
        long v = Long.highestOneBit(value);
        return v == value ? v : v << 1;
    }

    /** Steps between labels on the x axis: 1, 2 or 5 times a power of ten, {@code maxLabels} gaps at most. */
    static int niceTick(int steps, int maxLabels) {
        long tick = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (steps / (tick * m) <= maxLabels) {
                    return (int) Math.min(Integer.MAX_VALUE, tick * m);
                }
            }
            tick *= 10;
        }
    }

    /** A step number for the axis: {@code 20k} for round thousands from 10,000 on. */
    static String stepLabel(int step) {
        return step >= 10_000 && step % 1000 == 0 ? step / 1000 + "k" : Integer.toString(step);
    }

    @Override
    public long addressAt(double x, double y) {
        return 0; // a chart of totals: nothing to select; clicks move the position (TimelineView)
    }

    @Override
    public String tooltipAt(double x, double y) {
        if (x < LEFT - 4 || x > width - RIGHT + 4 || y < plotTop() || y > plotBottom() || model.stepCount() == 0) {
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
        // The heap breakpoint stops under the pointer: those within half a pixel of it on a long trace.
        int reach = (int) (0.5 * model.stepCount() / Math.max(1, width - LEFT - RIGHT));
        List<TimelineHeapBreak> heapBreaks = model.heapBreaksBetween(pos - reach, pos + reach);
        if (!heapBreaks.isEmpty()) {
            TimelineHeapBreak first = heapBreaks.get(0);
            if (first.watch()) {
                text.append("\n").append(first.what()).append(" hit by step ").append(first.position());
            } else {
                text.append("\nheap breakpoint (").append(first.what()).append(") before step ")
                    .append(first.position() + 1);
            }
            if (heapBreaks.size() > 1) {
                text.append(" and ").append(heapBreaks.size() - 1).append(" more here");
            }
        }
        for (TimelineStop stop : model.stops()) {
            if (stop.position() == pos) {
                text.append(stop.fault() ? "\nstep " + pos + " faulted" : "\nthe expect of step " + pos + " failed");
            }
        }
        return text.append("\nClick or drag to go there").toString();
    }
}
