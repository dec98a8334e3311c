package heaplab.app;

import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Saves what a scene shows to target/window-snapshots, so a person can look at what the tests drove. */
final class WindowSnapshots {
    static final Path DIR = Path.of("target", "window-snapshots");

    private WindowSnapshots() {
    }

    static Path save(Scene scene, String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        Files.createDirectories(DIR);
        Path file = DIR.resolve(name);
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }
}
