package heaplab.app.cli;

import heaplab.app.export.HeadlessFx;
import heaplab.app.heapmap.AddressSpaceOverview;
import heaplab.app.heapmap.BlockNotesLookup;
import heaplab.app.heapmap.HeapMapDiagram;
import heaplab.app.heapmap.HeapMapModel;
import heaplab.app.heapmap.HeapMapViewModel;
import heaplab.app.theme.Palette;
import heaplab.engine.Arch;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.process.HeapAnatomy;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench render}: the cost of drawing a heap map of {@value #BLOCKS} blocks on the software pipeline (the
 * one headless runs and tests use), each figure the median of timed runs (21 redraws, 5 model builds) after untimed
 * warm-up ones:
 * <ul>
 *   <li>{@code bench render-heapmap-100k T ms}: one full redraw, the whole map asked for (the diagram paints the
 *       rows that land on the canvas) into a window-sized Canvas and snapshotted, which makes the pipeline
 *       rasterise it; the top of the map shows, with the key and the address space overview;</li>
 *   <li>{@code bench render-heapmap-100k-visible T ms}: the redraw the window does when stepping, only the rows in
 *       a window-sized viewport in the middle of the map;</li>
 *   <li>{@code bench render-heapmap-100k-model T ms}: reading the heaps, their anatomy, the view model and the
 *       layout, which the window does once per step before drawing;</li>
 *   <li>{@code bench render-heapmap-100k-cold T ms}: the full redraw of a diagram drawn for the first time (as after
 *       a step), nothing cached: the overview's 100,000 blocks are binned into its columns;</li>
 *   <li>{@code bench render-heapmap-100k-fit T ms}: the whole map scaled into the window, so that every one of its
 *       200,000 pieces lands on pixels (at least one each).</li>
 * </ul>
 * Wall-clock figures for a person to read; never asserted by a test.
 */
final class RenderBench {
    static final int BLOCKS = 100_000;
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    /** Set by tests that check the output's shape: the same 100,000 blocks, one warm-up and one timed run. */
    static final String QUICK_PROPERTY = "heaplab.bench.quick";
    private static final int WARMUP = 3;
    /** Model builds (about half a second each). */
    private static final int RUNS = 5;
    /**
     * Timed redraws: a median of five on a shared two-core machine moved with the neighbours' load by several
     * milliseconds from one run of the bench to the next; of 21 it holds.
     */
    private static final int REDRAW_RUNS = 21;
    private static final long WARMUP_NANOS = 3_000_000_000L;
    private static final int MAX_WARMUP = 30;
    private final int warmup;
    private final int runs;
    private final int redrawRuns;
    private final long warmupNanos;

    private RenderBench(boolean quick) {
        warmup = quick ? 1 : WARMUP;
        runs = quick ? 1 : RUNS;
        redrawRuns = quick ? 1 : REDRAW_RUNS;
        warmupNanos = quick ? 0 : WARMUP_NANOS;
    }

    static void execute(PrintStream out) {
        new RenderBench(Boolean.getBoolean(QUICK_PROPERTY)).run(out);
    }

    private void run(PrintStream out) {
        Process process = workload();
        long[] model = new long[runs];
        HeapMapModel map = null;
        HeapMapDiagram diagram = null;
        for (int i = -warmup; i < runs; i++) {
            long start = System.nanoTime();
            HeapMapViewModel vm = viewModelOf(process);
            map = vm.getModel();
            diagram = new HeapMapDiagram(map, vm.getOverview(), Palette.light());
            if (i >= 0) {
                model[i] = System.nanoTime() - start;
            }
        }
        HeadlessFx.start();
        HeapMapDiagram shown = diagram;
        HeapMapModel built = map;
        long full = median(HeadlessFx.call(() -> time(() -> shown, null, 1, true)));
        Rectangle2D middle = new Rectangle2D(0, shown.height() / 2, WIDTH, HEIGHT);
        long visible = median(HeadlessFx.call(() -> time(() -> shown, middle, 1, true)));
        // A new diagram for each redraw, built untimed: nothing cached (the overview's columns are worked out).
        AddressSpaceOverview overview = AddressSpaceOverview.of(built);
        long cold = median(HeadlessFx.call(() -> time(() -> new HeapMapDiagram(built, overview, Palette.light()), null,
            1, false)));
        double fit = HEIGHT / shown.height();
        long whole = median(HeadlessFx.call(() -> time(() -> shown, null, fit, true)));
        out.println("bench render-heapmap-100k " + millis(full) + " ms");
        out.println("bench render-heapmap-100k-visible " + millis(visible) + " ms");
        out.println("bench render-heapmap-100k-model " + millis(median(model)) + " ms");
        out.println("bench render-heapmap-100k-cold " + millis(cold) + " ms");
        out.println("bench render-heapmap-100k-fit " + millis(whole) + " ms");
    }

    /**
     * A private heap of {@value #BLOCKS} blocks: small requests of varied sizes side by side, every fourth freed
     * (its neighbours stay busy, so nothing coalesces): three quarters busy, a quarter free.
     */
    static Process workload() {
        Process p = new Process(new ProcessConfig(Arch.X86, 0, "bench.exe", "off", "off"));
        long heap = p.heapCreate(0, 0, 0);
        List<Long> blocks = new ArrayList<>(BLOCKS);
        for (int i = 0; i < BLOCKS; i++) {
            blocks.add(p.heapAlloc(heap, 0, 8 + (i * 37L) % 57));
        }
        for (int i = 0; i < BLOCKS; i += 4) {
            p.heapFree(heap, 0, blocks.get(i));
        }
        return p;
    }

    static HeapMapModel modelOf(Process p) {
        return viewModelOf(p).getModel();
    }

    /** The view model after one update, as the window's after a step: the map's model and its overview. */
    static HeapMapViewModel viewModelOf(Process p) {
        List<HeapInfo> heaps = new ArrayList<>();
        for (long handle : p.heaps().heapHandles()) {
            heaps.add(p.heaps().read(handle));
        }
        HeapMapViewModel vm = new HeapMapViewModel(a -> { });
        vm.update(p.arch(), heaps, Map.of(), 0, 0, Map.of(), Map.of(), HeapAnatomy.of(p, heaps, Map.of()),
            BlockNotesLookup.NONE);
        return vm;
    }

    /**
     * Times redraws into a window-sized Canvas: the whole map when {@code visible} is null, at {@code scale}. Untimed
     * redraws first, at least {@value #WARMUP} and, when {@code longWarmup}, for about three seconds, so that the
     * timed ones run compiled code. Each redraw gets its diagram from {@code diagrams}, untimed. FX thread.
     */
    private long[] time(Supplier<HeapMapDiagram> diagrams, Rectangle2D visible, double scale, boolean longWarmup) {
        Canvas canvas = new Canvas(WIDTH, HEIGHT);
        WritableImage image = new WritableImage(WIDTH, HEIGHT);
        long warmupEnd = System.nanoTime() + (longWarmup ? warmupNanos : 0);
        for (int w = 0; w < warmup || System.nanoTime() < warmupEnd && w < MAX_WARMUP; w++) {
            redraw(canvas, image, diagrams.get(), visible, scale);
        }
        long[] times = new long[redrawRuns];
        for (int i = 0; i < redrawRuns; i++) {
            HeapMapDiagram diagram = diagrams.get();
            long start = System.nanoTime();
            redraw(canvas, image, diagram, visible, scale);
            times[i] = System.nanoTime() - start;
        }
        return times;
    }

    /** One redraw, then a snapshot: the software pipeline rasterises what the Canvas recorded. */
    private static void redraw(Canvas canvas, WritableImage image, HeapMapDiagram diagram, Rectangle2D visible,
                               double scale) {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.save();
        gc.setFill(javafx.scene.paint.Color.WHITE);
        gc.fillRect(0, 0, WIDTH, HEIGHT);
        gc.scale(scale, scale);
        if (visible == null) {
            diagram.render(gc);
        } else {
            gc.translate(-visible.getMinX(), -visible.getMinY());
            diagram.render(gc, visible);
        }
        gc.restore();
        canvas.snapshot(new SnapshotParameters(), image);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
