package heaplab.app.heapmap;

import heaplab.app.export.HeadlessFx;
import heaplab.app.main.EngineLabSession;
import heaplab.app.main.HeapViews;
import heaplab.app.theme.Palette;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window redraws only the rows in view; what it shows must be exactly what a full redraw shows there. */
class HeapMapCullingFxTest {
    private static final int W = 700;
    private static final int H = 250;

    @BeforeAll
    static void startJavaFx() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        HeadlessFx.start();
    }

    private static HeapMapDiagram diagram(String sample, int position) throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample(sample)));
        lab.jumpTo(position);
        HeapViews views = new HeapViews(a -> { });
        views.update(lab, 0);
        return new HeapMapDiagram(views.heapMap().getModel(), Palette.light());
    }

    private static int[] pixels(BiConsumer<GraphicsContext, Rectangle2D> draw, Rectangle2D view) {
        return HeadlessFx.call(() -> {
            Canvas canvas = new Canvas(W, H);
            GraphicsContext gc = canvas.getGraphicsContext2D();
            gc.translate(-view.getMinX(), -view.getMinY());
            draw.accept(gc, view);
            WritableImage image = canvas.snapshot(null, null);
            int[] out = new int[W * H];
            image.getPixelReader().getPixels(0, 0, W, H, PixelFormat.getIntArgbInstance(), out, 0, W);
            return out;
        });
    }

    @Test
    void aCulledRedrawShowsWhatAFullRedrawShows() throws Exception {
        String[] samples = {"lfh-auto", "page-heap-full", "tail-check"};
        int[] positions = {38, 3, 4};
        for (int i = 0; i < samples.length; i++) {
            String sample = samples[i];
            HeapMapDiagram d = diagram(sample, positions[i]);
            assertTrue(d.height() > 2 * H, sample + " is taller than two views");
            for (double top : new double[] {0, d.height() / 3, d.height() - H}) {
                Rectangle2D view = new Rectangle2D(0, top, W, H);
                assertArrayEquals(pixels((gc, v) -> d.render(gc), view), pixels(d::render, view),
                    sample + " at y " + top);
            }
        }
    }
}
