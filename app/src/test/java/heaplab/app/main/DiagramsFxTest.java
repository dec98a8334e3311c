package heaplab.app.main;

import heaplab.app.export.DiagramFactory;
import heaplab.app.export.HeadlessFx;
import heaplab.app.export.PngExporter;
import heaplab.app.export.Diagram;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every exportable view of the default sample renders through DiagramFactory into a PNG of the diagram's size.
 * The pictures stay in target/diagram-snapshots for a person to look at.
 */
class DiagramsFxTest {
    private static final Path OUT = Path.of("target", "diagram-snapshots");

    @BeforeAll
    static void startJavaFx() throws Exception {
        HeadlessFx.start();
        Files.createDirectories(OUT);
    }

    @Test
    void everyViewOfTheDefaultSampleExportsAtItsSize() throws Exception {
        Session session = Session.open(ScenarioLoader.loadSample("first-fit"));
        session.jumpTo(8);
        long b = session.process().readVariable("b");
        for (String theme : new String[] {"light", "dark"}) {
            for (String view : DiagramFactory.VIEWS) {
                Diagram diagram = HeadlessFx.call(() -> DiagramFactory.create(view, session, b, theme));
                Path file = OUT.resolve(view + "-" + theme + ".png");
                PngExporter.write(diagram, file, 1);
                BufferedImage image = ImageIO.read(file.toFile());
                assertEquals(Math.ceil(diagram.width()), image.getWidth(), view);
                assertEquals(Math.ceil(diagram.height()), image.getHeight(), view);
                assertTrue(image.getHeight() > 100, view + " is drawn");
            }
        }
    }

    @Test
    void anX64ScenarioDrawsItsWideAddressesInsideTheMargin() throws Exception {
        String json = "{\"heaplab\": 1, \"title\": \"x64\", \"arch\": \"x64\", \"steps\": ["
            + "{\"do\": \"h = HeapCreate(0, 0, 0)\"}, {\"do\": \"a = HeapAlloc(h, 0, 0x30)\"},"
            + "{\"do\": \"b = HeapAlloc(h, 0, 0x100000)\"}, {\"do\": \"HeapFree(h, 0, a)\"}]}";
        Session session = Session.open(ScenarioLoader.load("x64.json", json));
        session.jumpTo(4);
        long a = session.process().readVariable("a");
        for (String view : new String[] {"heap-map", "free-lists", "inspector"}) {
            Diagram diagram = HeadlessFx.call(() -> DiagramFactory.create(view, session, a, "light"));
            PngExporter.write(diagram, OUT.resolve(view + "-x64.png"), 1);
        }
        LabSession lab = new EngineLabSession(session);
        var model = ((heaplab.app.heapmap.HeapMapDiagram) Diagrams.create("heap-map", lab, a,
            heaplab.app.theme.Palette.light())).layout();
        assertTrue(model.left() >= 16 * 6.8, "16 hex digits fit left of the rows");
    }

    @Test
    void theFreeListsShowTheLfhChunksAndAClickOnOneSelectsIt() throws Exception {
        Session session = Session.open(ScenarioLoader.loadSample("lfh-auto"));
        session.run();
        long chunk = session.process().readVariable("p20");
        LabSession lab = new EngineLabSession(session);
        heaplab.app.canvas.PickableDiagram diagram = HeadlessFx.call(() -> (heaplab.app.canvas.PickableDiagram)
            Diagrams.create("free-lists", lab, 0, heaplab.app.theme.Palette.light()));
        String tooltip = null;
        for (double y = 0; y < diagram.height() && tooltip == null; y += 3) {
            for (double x = 0; x < diagram.width(); x += 3) {
                if (diagram.addressAt(x, y) == chunk) {
                    tooltip = diagram.tooltipAt(x, y);
                    break;
                }
            }
        }
        assertEquals("Busy LFH chunk 1\nheader " + String.format("%08x", chunk - 8) + ", data "
            + String.format("%08x", chunk) + "\nclick to inspect", tooltip);
    }

    @Test
    void anUnknownViewIsRefused() {
        Session session = Session.open(ScenarioLoader.loadSample("first-fit"));
        assertThrows(IllegalArgumentException.class, () -> DiagramFactory.create("map", session, 0, "light"));
        assertThrows(IllegalArgumentException.class, () -> DiagramFactory.create("heap-map", session, 0, "blue"));
    }
}
