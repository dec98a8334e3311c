package heaplab.app.cli;

import heaplab.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: {@code run sample:... --png VIEW=FILE} writes PNGs of the window's diagrams, headless. */
class CliPngTest {
    @TempDir
    Path dir;

    /** TestFX starts JavaFX, so that later window tests in this JVM share it (see PngExporterTest). */
    @BeforeAll
    static void startJavaFx() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    private static String sample() {
        var samples = ScenarioLoader.samples();
        return samples.stream().filter(s -> s.name().equals("coalescing")).findFirst().orElse(samples.get(0)).name();
    }

    @Test
    void writesEachViewAsAPng() throws IOException {
        String[] views = {"heap-map", "free-lists", "inspector", "timeline"};
        String[] args = new String[2 + 2 * views.length];
        args[0] = "run";
        args[1] = "sample:" + sample();
        for (int i = 0; i < views.length; i++) {
            args[2 + 2 * i] = "--png";
            args[3 + 2 * i] = views[i] + "=" + dir.resolve(views[i] + ".png");
        }
        CliRun run = CliRun.of(args);
        assertTrue(run.status() == 0 || run.status() == 1 && !run.err().contains("cannot"), run::toString);
        for (String view : views) {
            BufferedImage image = ImageIO.read(dir.resolve(view + ".png").toFile());
            assertNotNull(image, view);
            assertTrue(image.getWidth() > 10 && image.getHeight() > 10, view);
        }
    }

    @Test
    void scaleMultipliesTheSize() throws IOException {
        Path one = dir.resolve("one.png");
        Path three = dir.resolve("three.png");
        String file = "sample:" + sample();
        CliRun.of("run", file, "--png", "heap-map=" + one, "--scale", "1", "--theme", "dark");
        CliRun run = CliRun.of("run", file, "--png", "heap-map=" + three, "--scale", "3", "--theme", "dark");
        BufferedImage small = ImageIO.read(one.toFile());
        BufferedImage large = ImageIO.read(three.toFile());
        assertNotNull(large, run::toString);
        assertEquals(small.getWidth() * 3, large.getWidth(), 3.0);
        assertEquals(small.getHeight() * 3, large.getHeight(), 3.0);
    }

    @Test
    void aPngInAMissingDirectoryFailsWithExit1() {
        CliRun run = CliRun.of("run", "sample:" + sample(), "--png", "heap-map=" + dir.resolve("no/such/x.png"));
        assertEquals(1, run.status(), run::toString);
        assertTrue(run.err().contains("no such directory"), run::toString);
    }
}
