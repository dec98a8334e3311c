package heaplab.app;

import heaplab.app.export.PngExporter;
import heaplab.app.heapmap.AddressSpaceOverview.Region;
import heaplab.app.heapmap.HeapMapDiagram;
import heaplab.app.heapmap.HeapMapView;
import heaplab.app.heapmap.HeapMapViewModel;
import heaplab.app.heapmap.HeapMapLayout.OverviewBand;
import heaplab.app.main.EngineLabSession;
import heaplab.app.main.HeapViews;
import heaplab.app.theme.Palette;
import heaplab.app.theme.Themes;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import heaplab.app.testing.FxWindowTest;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The address space overview as a user meets it: in the exported picture, under the mouse and from the keyboard. */
@FxWindowTest
class HeapMapOverviewFxTest {
    @TempDir
    static Path dir;
    private HeapMapViewModel viewModel;
    private HeapMapView view;

    /** lfh-auto at its end: two heaps, the second with LFH subsegments. */
    private static HeapViews views() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample("lfh-auto")));
        lab.jumpTo(38);
        HeapViews views = new HeapViews(a -> { });
        views.update(lab, 0);
        return views;
    }

    @Start
    void start(Stage stage) throws Exception {
        HeapViews views = views();
        viewModel = views.heapMap();
        view = new HeapMapView(viewModel, Palette.light());
        stage.setScene(new Scene(view, 700, 500));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void theExportedPictureShowsTheOverviewInBothThemes() throws Exception {
        HeapViews views = views();
        for (String theme : Themes.NAMES) {
            Palette p = Palette.of(theme);
            HeapMapDiagram d = new HeapMapDiagram(views.heapMap().getModel(), views.heapMap().getOverview(), p);
            Path file = dir.resolve("map-" + theme + ".png");
            PngExporter.write(d, file, 2);
            BufferedImage image = ImageIO.read(file.toFile());
            OverviewBand band = d.layout().overviewBand();
            assertNotNull(band);
            Set<Integer> detail = colours(image, band, band.detailY() + OverviewBand.DETAIL_HEIGHT / 2);
            assertTrue(detail.contains(rgb(p.uncommitted())), theme + ": uncommitted ranges " + detail);
            assertTrue(detail.contains(rgb(p.uncommittedHatch())), theme + ": hatched");
            assertTrue(detail.contains(rgb(p.lfhBusy())) || detail.contains(rgb(p.lfhFree())) || detail.contains(
                rgb(p.busy())) || detail.contains(rgb(p.internal())), theme + ": committed blocks " + detail);
            Set<Integer> space = colours(image, band, band.spaceY() + OverviewBand.SPACE_HEIGHT / 2);
            assertTrue(space.contains(rgb(p.busy())), theme + ": the segments' ticks in the whole space");
            assertTrue(space.contains(rgb(p.grid())), theme + ": the free address space");
        }
    }

    private static Set<Integer> colours(BufferedImage image, OverviewBand band, double y) {
        Set<Integer> out = new HashSet<>();
        for (int x = (int) (band.x() * 2) + 2; x < (band.x() + band.w()) * 2 - 2; x++) {
            out.add(image.getRGB(x, (int) (y * 2)) & 0xFFFFFF);
        }
        return out;
    }

    private static int rgb(javafx.scene.paint.Color c) {
        return heaplab.app.canvas.PixelRaster.argb(c) & 0xFFFFFF;
    }

    @Test
    void aClickOnARegionGoesToItsRowsAndPicksTheBlockThere() {
        HeapMapDiagram d = (HeapMapDiagram) view.canvas().getDiagram();
        OverviewBand band = d.layout().overviewBand();
        Region second = d.overview().regions().stream().filter(r -> r.name().equals("H2 seg 0")).findFirst()
            .orElseThrow();
        double x = band.x() + d.overview().fractionOf(second.start() + 0x100) * band.w() + 0.5;
        double y = band.detailY() + OverviewBand.DETAIL_HEIGHT / 2;
        long address = d.overviewAddressAt(x, y);
        assertTrue(second.contains(address), Long.toHexString(address));
        assertTrue(d.tooltipAt(x, y).contains("segment"), d.tooltipAt(x, y));
        Rectangle2D rows = d.zoomTargetAt(x, y);
        assertNotNull(rows);
        assertTrue(rows.getMinY() > band.bottom(), "below the overview");
        MouseClicks.click(view.canvas(), view.canvas().toPane(x, y));
        double top = view.canvas().toPane(0, rows.getMinY()).getY();
        assertTrue(top >= 0 && top < view.canvas().getHeight(), "the rows are in view: " + top);
        assertTrue(second.contains(viewModel.getModel().selected()) || viewModel.getModel().selected() == 0,
            "the click picks a block there");
    }

    @Test
    void pageDownGoesFromRegionToRegionAndHomeBackToTheOverview() {
        WaitForAsyncUtils.asyncFx(() -> view.canvas().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = view.getScene();
        KeyPresses.press(scene, KeyCode.PAGE_DOWN);
        assertEquals(0, viewModel.getOverview().focused());
        KeyPresses.press(scene, KeyCode.PAGE_DOWN);
        assertEquals(1, viewModel.getOverview().focused());
        HeapMapDiagram d = (HeapMapDiagram) view.canvas().getDiagram();
        Rectangle2D rows = d.focusedRows();
        assertNotNull(rows);
        double top = view.canvas().toPane(0, rows.getMinY()).getY();
        assertTrue(top >= 0 && top < view.canvas().getHeight(), "the region's rows are in view: " + top);
        KeyPresses.press(scene, KeyCode.PAGE_UP);
        assertEquals(0, viewModel.getOverview().focused());
        KeyPresses.press(scene, KeyCode.HOME);
        assertEquals(-1, viewModel.getOverview().focused());
        assertEquals(0, view.canvas().toPane(0, 0).getY(), 1e-9, "back at the top, where the overview is");
    }
}
