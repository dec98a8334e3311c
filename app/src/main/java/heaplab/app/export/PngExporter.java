package heaplab.app.export;

import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Affine;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a {@link Diagram} as a PNG file, drawn by the diagram's own render routine (the one the screen uses).
 *
 * <p>The image is drawn in tiles of at most {@value #MAX_TILE} device pixels a side, because the hardware
 * pipelines cap textures at 4096 (the software pipeline does not, so tests alone would not catch it). Each tile is
 * an off-screen Canvas of device-pixel size whose graphics context carries the tile's transform (scale, then the
 * shift to the tile's corner); it is snapshotted on the JavaFX thread and its pixels are copied into one image,
 * which javax.imageio writes. Scaling in the graphics context rather than in the snapshot keeps lines and text
 * sharp: a Canvas holds a bitmap at its own size, and a snapshot transform would only enlarge that bitmap.
 *
 * <p>The file is written beside its destination under a temporary name and then moved into place, so a reader
 * never sees half a PNG and a failed export leaves an existing file as it was.
 */
public final class PngExporter {
    /** The largest tile side in device pixels. */
    public static final int MAX_TILE = 4096;

    /** The largest image written, in pixels (about 400 MB of ARGB while it is assembled). */
    static final long MAX_PIXELS = 100_000_000L;

    private final int maxTile;

    private PngExporter(int maxTile) {
        this.maxTile = maxTile;
    }

    /**
     * Renders the diagram at {@code scale} device pixels per logical pixel and writes it to {@code file} as a PNG.
     * Callable from any thread; the JavaFX platform must be running (see {@link HeadlessFx#start()} without a
     * display). From a thread other than the JavaFX thread, the JavaFX thread is busy only while a tile draws.
     *
     * @param scale 1 to 4
     * @throws IllegalArgumentException for a scale out of range, or an empty or too large image
     * @throws IOException when the file cannot be written; an existing file is then left unchanged
     */
    public static void write(Diagram diagram, Path file, int scale) throws IOException {
        new PngExporter(MAX_TILE).export(diagram, file, scale);
    }

    /**
     * As {@link #write(Diagram, Path, int)} but returns the image instead of writing it, with a given tile size
     * (tests use a small one to exercise the tiling).
     */
    static BufferedImage render(Diagram diagram, int scale, int maxTile) {
        return new PngExporter(maxTile).render(diagram, scale);
    }

    private void export(Diagram diagram, Path file, int scale) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "no such directory");
        }
        BufferedImage image = render(diagram, scale);
        Path temporary = directory.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
            + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            // Not Files.createTempFile: its files are private (0600), and the PNG should get the usual permissions.
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                 ImageOutputStream imageOut = new MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(image, "png", imageOut)) {
                    throw new IOException("no PNG writer in this Java runtime");
                }
            }
            moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private BufferedImage render(Diagram diagram, int scale) {
        if (scale < 1 || scale > 4) {
            throw new IllegalArgumentException("scale " + scale + " is not between 1 and 4");
        }
        long width = (long) Math.ceil(diagram.width() * scale);
        long height = (long) Math.ceil(diagram.height() * scale);
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("the diagram is empty (" + diagram.width() + " x " + diagram.height()
                + ")");
        }
        if (width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("the image would be " + width + " x " + height
                + " pixels, more than " + MAX_PIXELS + "; use a smaller scale");
        }
        BufferedImage image = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_ARGB);
        // TYPE_INT_ARGB stores non-premultiplied ARGB ints, row after row: the tiles' pixels go straight in.
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y += maxTile) {
            for (int x = 0; x < width; x += maxTile) {
                Tile tile = new Tile(x, y, (int) Math.min(maxTile, width - x), (int) Math.min(maxTile, height - y));
                HeadlessFx.call(() -> {
                    drawTile(diagram, scale, tile, pixels, image.getWidth());
                    return null;
                });
            }
        }
        return image;
    }

    /** Draws one tile and copies its pixels into its place in the image's pixels. JavaFX thread only. */
    private static void drawTile(Diagram diagram, int scale, Tile tile, int[] pixels, int imageWidth) {
        Canvas canvas = new Canvas(tile.width, tile.height);
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setTransform(new Affine(scale, 0, -tile.x, 0, scale, -tile.y));
        gc.save();
        diagram.render(gc, new Rectangle2D((double) tile.x / scale, (double) tile.y / scale,
            (double) tile.width / scale, (double) tile.height / scale));
        gc.restore();
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(Color.TRANSPARENT);
        parameters.setViewport(new Rectangle2D(0, 0, tile.width, tile.height));
        WritableImage snapshot = canvas.snapshot(parameters, new WritableImage(tile.width, tile.height));
        snapshot.getPixelReader().getPixels(0, 0, tile.width, tile.height, PixelFormat.getIntArgbInstance(),
            pixels, tile.y * imageWidth + tile.x, imageWidth);
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A tile's place and size in device pixels. */
    private record Tile(int x, int y, int width, int height) {
    }
}
