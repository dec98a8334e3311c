package heaplab.app.heapmap;

import heaplab.app.canvas.DiagramCanvas;
import heaplab.app.export.HeadlessFx;
import heaplab.app.main.EngineLabSession;
import heaplab.app.main.HeapViews;
import heaplab.app.theme.Palette;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.ScrollEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap map follows the block a step changes when it lies out of view, and its wheel scrolls like a document's
 * (Ctrl+wheel zooms).
 */
class HeapMapFollowFxTest {
    private static final int W = 700;
    private static final int H = 300;

    @BeforeAll
    static void startJavaFx() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        HeadlessFx.start();
    }

    private static ScrollEvent wheel(double deltaY, boolean control) {
        return new ScrollEvent(ScrollEvent.SCROLL, W / 2.0, H / 2.0, W / 2.0, H / 2.0, false, control, false, false,
            false, false, 0, deltaY, 0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
            ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }

    /** A wider pane fits the map's width again while its zoom is the fitted one; a zoom of the user's stays. */
    @Test
    void aResizedPaneRefitsTheWidthUntilTheUserZooms() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample("growth")));
        HeapViews views = new HeapViews(a -> { });
        HeadlessFx.call(() -> {
            views.update(lab, 0);
            HeapMapView view = new HeapMapView(views.heapMap(), Palette.light());
            javafx.scene.layout.Pane root = new javafx.scene.layout.Pane(view);
            new Scene(root, 1000, H);
            view.resize(360, H);
            view.applyCss();
            view.layout();
            DiagramCanvas canvas = view.canvas();
            canvas.fitWidth();
            double narrow = canvas.getZoom();
            assertTrue(narrow < 1, "fitted to a narrow pane: " + narrow);
            view.resize(900, H);
            view.layout();
            assertTrue(canvas.getZoom() > narrow, "fitted again to the wider pane: " + canvas.getZoom());
            canvas.fireEvent(wheel(120, true));
            double chosen = canvas.getZoom();
            view.resize(500, H);
            view.layout();
            assertEquals(chosen, canvas.getZoom(), "the user's zoom stays");
            return null;
        });
    }

    @Test
    void theMapScrollsToTheBlockAStepChangedAndTheWheelScrolls() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample("growth")));
        HeapViews views = new HeapViews(a -> { });
        HeadlessFx.call(() -> {
            views.update(lab, 0);
            HeapMapView view = new HeapMapView(views.heapMap(), Palette.light());
            new Scene(view, W, H);
            view.applyCss();
            view.layout();
            DiagramCanvas canvas = view.canvas();
            canvas.fitWidth();
            double zoom = canvas.getZoom();

            lab.jumpTo(5); // b: a new segment, below the first heaps' rows
            views.update(lab, 0);
            long touched = views.heapMap().getModel().touched();
            Rectangle2D rows = ((HeapMapDiagram) canvas.getDiagram()).rowsOf(touched);
            double top = canvas.toPane(0, rows.getMinY()).getY();
            assertTrue(top >= 0 && canvas.toPane(0, rows.getMaxY()).getY() <= H, "the step's block in view: " + top);
            assertEquals(zoom, canvas.getZoom(), "following a step keeps the zoom");

            double y = canvas.toPane(0, 0).getY();
            canvas.fireEvent(wheel(-120, false));
            assertTrue(canvas.toPane(0, 0).getY() < y, "the wheel scrolls down");
            assertEquals(zoom, canvas.getZoom(), "the wheel alone does not zoom");
            canvas.fireEvent(wheel(120, true));
            assertTrue(canvas.getZoom() > zoom, "Ctrl+wheel zooms in");
            for (int i = 0; i < 200; i++) {
                canvas.fireEvent(wheel(120, false));
            }
            assertTrue(canvas.toPane(0, 0).getY() <= 8, "no further than the top");
            return null;
        });
    }
}
