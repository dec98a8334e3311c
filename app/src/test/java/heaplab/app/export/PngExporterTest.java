package heaplab.app.export;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PngExporterTest {
    private static final int WHITE = 0xFFFFFFFF;
    private static final int RED = 0xFFFF0000;
    private static final int GREEN = 0xFF008000;
    private static final int BLUE = 0xFF0000FF;
    private static final int BLACK = 0xFF000000;

    /**
     * Starts JavaFX the way TestFX does. TestFX, when it starts later in the same JVM, installs its own Monocle
     * headless platform object; had the toolkit been started by {@link HeadlessFx#start()}, the window tests'
     * robot would then send keys to a platform the toolkit does not use. Started by TestFX, the toolkit is shared,
     * and {@code HeadlessFx.start()} (which this class's code calls) finds it running.
     */
    @BeforeAll
    static void startJavaFx() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        HeadlessFx.start();
    }

    /** White, with coloured bars at the left edge, across the first tile seam (4096) and at the right edge. */
    private static final class StripesDiagram implements Diagram {
        private final double width;
        private final double height;

        StripesDiagram(double width, double height) {
            this.width = width;
            this.height = height;
        }

        @Override
        public double width() {
            return width;
        }

        @Override
        public double height() {
            return height;
        }

        @Override
        public void render(GraphicsContext gc) {
            gc.setFill(Color.WHITE);
            gc.fillRect(0, 0, width, height);
            gc.setFill(Color.GREEN);
            gc.fillRect(0, 0, 10, height);
            gc.setFill(Color.RED);
            gc.fillRect(4090, 0, 12, height);
            gc.setFill(Color.BLUE);
            gc.fillRect(width - 10, 0, 10, height);
            gc.setFill(Color.BLACK);
            gc.fillRect(100, 20, 1, 1);
        }
    }

    @Test
    void wideDiagramIsWrittenInTilesThatMeetExactly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wide.png");
        PngExporter.write(new StripesDiagram(5000, 40), file, 1);

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(5000, image.getWidth());
        assertEquals(40, image.getHeight());
        assertEquals(GREEN, image.getRGB(0, 0));
        assertEquals(GREEN, image.getRGB(9, 39));
        assertEquals(WHITE, image.getRGB(10, 0));
        assertEquals(WHITE, image.getRGB(4089, 10));
        assertEquals(RED, image.getRGB(4090, 10));
        assertEquals(RED, image.getRGB(4095, 10), "last column of the first tile");
        assertEquals(RED, image.getRGB(4096, 10), "first column of the second tile");
        assertEquals(RED, image.getRGB(4101, 10));
        assertEquals(WHITE, image.getRGB(4102, 10));
        assertEquals(BLUE, image.getRGB(4999, 39));
        assertEquals(BLACK, image.getRGB(100, 20));
    }

    @Test
    void scaleDrawsEachLogicalPixelAsASharpBlock() {
        BufferedImage image = PngExporter.render(new StripesDiagram(5000, 40), 2, 64);

        assertEquals(10000, image.getWidth());
        assertEquals(80, image.getHeight());
        // The 1x1 black dot at (100, 20) is exactly 2x2 device pixels, not a blurred, enlarged bitmap.
        assertEquals(BLACK, image.getRGB(200, 40));
        assertEquals(BLACK, image.getRGB(201, 41));
        assertEquals(WHITE, image.getRGB(199, 40));
        assertEquals(WHITE, image.getRGB(202, 41));
        assertEquals(WHITE, image.getRGB(200, 42));
        assertEquals(RED, image.getRGB(8180, 0));
        assertEquals(RED, image.getRGB(8203, 79));
        assertEquals(WHITE, image.getRGB(8204, 79));
        assertEquals(BLUE, image.getRGB(9999, 79));
    }

    @Test
    void smallTilesGiveTheSameImageAsOneTile() {
        StripesDiagram diagram = new StripesDiagram(300, 70);
        BufferedImage whole = PngExporter.render(diagram, 3, 4096);
        BufferedImage tiled = PngExporter.render(diagram, 3, 50);
        int[] expected = whole.getRGB(0, 0, 900, 210, null, 0, 900);
        int[] actual = tiled.getRGB(0, 0, 900, 210, null, 0, 900);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], "pixel " + (i % 900) + "," + (i / 900));
        }
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("view.png");
        Files.writeString(file, "old");
        PngExporter.write(new StripesDiagram(20, 10), file, 2);

        assertEquals(40, ImageIO.read(file.toFile()).getWidth());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void rejectsAScaleOutOfRangeAndAMissingDirectory(@TempDir Path dir) {
        Diagram diagram = new StripesDiagram(20, 10);
        assertThrows(IllegalArgumentException.class, () -> PngExporter.write(diagram, dir.resolve("a.png"), 5));
        assertThrows(IllegalArgumentException.class, () -> PngExporter.write(diagram, dir.resolve("a.png"), 0));
        assertThrows(IOException.class, () -> PngExporter.write(diagram, dir.resolve("no/such/dir/a.png"), 1));
    }
}
