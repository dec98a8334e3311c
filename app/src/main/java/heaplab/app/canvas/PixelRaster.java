package heaplab.app.canvas;

import javafx.scene.Scene;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Affine;
import javafx.stage.Window;

import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * An ARGB pixel buffer that diagrams paint rectangles, outlines, hatching and triangles into, in their logical
 * coordinates, and that reaches the screen or a PNG tile as one drawImage. Why: a Canvas records every fill and
 * stroke as a command that the pipeline later rasterises one by one (antialiased paths, clips for hatching), so a
 * map of 100,000 blocks cost hundreds of milliseconds; here a block is a few array fills.
 *
 * <p>The buffer covers a rectangle of device pixels ({@link #originX()}, {@link #originY()}, width x height);
 * logical point (x, y) is at device (x * scale + translateX, y * scale + translateY). Device pixels are the
 * screen's: on a HiDPI screen a canvas unit is two of them, and the buffer is made at that resolution. Edges snap to whole device
 * pixels and anything narrower than a pixel still gets one, so a byte stays visible at any zoom, and the pixels
 * depend only on device coordinates: two buffers over different parts of the same picture agree where they meet
 * (the window's culled redraw equals a full one, and PNG tiles join without seams).
 */
public final class PixelRaster {
    private final int originX;
    private final int originY;
    private final int width;
    private final int height;
    private final int[] pixels;
    private final double scale;
    private final double translateX;
    private final double translateY;
    /** Device pixels per canvas unit: the screen's output scale (2 on a HiDPI screen), 1 off screen. */
    private final double outputScale;
    /**
     * True while every pixel is opaque (the raster was filled with an opaque colour and nothing translucent was
     * written over it raw): its ARGB ints are then also premultiplied ARGB, and the image shares them.
     */
    private boolean opaque;
    /** An image over {@link #pixels} itself (premultiplied ARGB, the software pipeline's own format), when shared. */
    private PixelBuffer<IntBuffer> sharedBuffer;
    private WritableImage sharedImage;

    /**
     * @param originX device x of the buffer's first column
     * @param scale   device pixels per logical pixel
     */
    public PixelRaster(int originX, int originY, int width, int height, double scale, double translateX,
                       double translateY) {
        this(originX, originY, width, height, scale, translateX, translateY, (int[]) null, 1);
    }

    /** As the constructor below, then takes over the earlier raster's shared image when it fits this one. */
    private PixelRaster(int originX, int originY, int width, int height, double scale, double translateX,
                        double translateY, PixelRaster previous, double outputScale) {
        this(originX, originY, width, height, scale, translateX, translateY,
            previous == null ? null : previous.pixels, outputScale);
        if (previous != null && previous.pixels == pixels && previous.sharedBuffer != null
            && previous.sharedBuffer.getWidth() == this.width && previous.sharedBuffer.getHeight() == this.height) {
            sharedBuffer = previous.sharedBuffer;
            sharedImage = previous.sharedImage;
        }
    }

    /** As above, painting into {@code buffer} when it is large enough (a redraw reuses the last one's pixels). */
    private PixelRaster(int originX, int originY, int width, int height, double scale, double translateX,
                        double translateY, int[] buffer, double outputScale) {
        this.originX = originX;
        this.originY = originY;
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
        this.pixels = buffer != null && buffer.length >= this.width * this.height ? buffer
            : new int[this.width * this.height];
        this.scale = scale;
        this.translateX = translateX;
        this.translateY = translateY;
        this.outputScale = outputScale;
    }

    /**
     * A raster for what a graphics context shows of a logical rectangle: the part of its canvas (in device pixels)
     * that the rectangle covers under the context's current transform (scale and translation only).
     */
    public static PixelRaster covering(GraphicsContext gc, double x, double y, double w, double h) {
        return covering(gc, x, y, w, h, null);
    }

    /** As above, reusing the pixels of an earlier raster when they are enough (null for none). */
    public static PixelRaster covering(GraphicsContext gc, double x, double y, double w, double h,
                                       PixelRaster previous) {
        Affine t = gc.getTransform();
        double os = outputScale(gc);
        double s = t.getMxx() * os;
        double tx = t.getTx() * os;
        double ty = t.getTy() * os;
        double canvasW = gc.getCanvas().getWidth() * os;
        double canvasH = gc.getCanvas().getHeight() * os;
        int x0 = (int) Math.max(0, Math.floor(x * s + tx));
        int y0 = (int) Math.max(0, Math.floor(y * s + ty));
        int x1 = (int) Math.min(Math.ceil(canvasW), Math.ceil((x + w) * s + tx));
        int y1 = (int) Math.min(Math.ceil(canvasH), Math.ceil((y + h) * s + ty));
        return new PixelRaster(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0), s, tx, ty, previous, os);
    }

    /**
     * The screen's pixels per canvas unit where the canvas shows (a Canvas on a HiDPI screen holds its bitmap at
     * that scale), so the buffer is as sharp as the vector drawing it replaces; 1 for an off-screen canvas.
     */
    private static double outputScale(GraphicsContext gc) {
        Scene scene = gc.getCanvas().getScene();
        Window window = scene == null ? null : scene.getWindow();
        return window == null || window.getOutputScaleX() < 1 ? 1 : window.getOutputScaleX();
    }

    public static int argb(Color c) {
        return (int) Math.round(c.getOpacity() * 255) << 24 | (int) Math.round(c.getRed() * 255) << 16
            | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int originX() {
        return originX;
    }

    public int originY() {
        return originY;
    }

    public double scale() {
        return scale;
    }

    public int[] pixels() {
        return pixels;
    }

    /** The pixel at device coordinates (tests). */
    public int pixelAt(int deviceX, int deviceY) {
        return pixels[(deviceY - originY) * width + deviceX - originX];
    }

    /** The logical rectangle this raster covers. */
    public double logicalMinX() {
        return (originX - translateX) / scale;
    }

    public double logicalMinY() {
        return (originY - translateY) / scale;
    }

    public double logicalMaxX() {
        return (originX + width - translateX) / scale;
    }

    public double logicalMaxY() {
        return (originY + height - translateY) / scale;
    }

    /** True when a logical rectangle reaches into the raster. */
    public boolean touches(double x, double y, double w, double h) {
        return x * scale + translateX < originX + width && (x + w) * scale + translateX > originX - 1
            && y * scale + translateY < originY + height && (y + h) * scale + translateY > originY - 1;
    }

    /** True when logical rows [y, y + h) reach into the raster (with a pixel to spare for rounding). */
    public boolean touchesRows(double y, double h) {
        return y * scale + translateY < originY + height + 1 && (y + h) * scale + translateY > originY - 1;
    }

    public void fill(Color c) {
        int v = argb(c);
        Arrays.fill(pixels, 0, width * height, v);
        opaque = v >>> 24 == 255;
    }

    /** The device column of a logical x (rounded). */
    public int deviceX(double x) {
        return devX(x);
    }

    /** The device x of a logical x, unrounded. */
    public double deviceXExact(double x) {
        return x * scale + translateX;
    }

    /** The device y of a logical y, unrounded. */
    public double deviceYExact(double y) {
        return y * scale + translateY;
    }

    public int deviceY(double y) {
        return devY(y);
    }

    private int devX(double x) {
        return (int) Math.round(x * scale + translateX);
    }

    private int devY(double y) {
        return (int) Math.round(y * scale + translateY);
    }

    /** Fills a logical rectangle; at least one device pixel each way when it is not empty. */
    public void fillRect(double x, double y, double w, double h, int argb) {
        if (w <= 0 || h <= 0) {
            return;
        }
        int x0 = devX(x);
        int x1 = devX(x + w);
        int y0 = devY(y);
        int y1 = devY(y + h);
        fillDevice(x0, y0, Math.max(x1, x0 + 1), Math.max(y1, y0 + 1), argb);
    }

    /** Fills device pixels [x0, x1) x [y0, y1), blending a translucent colour. */
    public void fillDevice(int x0, int y0, int x1, int y1, int argb) {
        int cx0 = Math.max(x0, originX) - originX;
        int cx1 = Math.min(x1, originX + width) - originX;
        int cy0 = Math.max(y0, originY) - originY;
        int cy1 = Math.min(y1, originY + height) - originY;
        if (cx0 >= cx1 || cy0 >= cy1) {
            return;
        }
        int alpha = argb >>> 24;
        for (int row = cy0; row < cy1; row++) {
            int i = row * width;
            if (alpha == 255) {
                Arrays.fill(pixels, i + cx0, i + cx1, argb);
            } else {
                for (int k = i + cx0; k < i + cx1; k++) {
                    pixels[k] = blend(pixels[k], argb, alpha);
                }
            }
        }
    }

    /**
     * Blends a colour through a coverage mask (w x h bytes, 0 to 255) whose top-left corner is at device (x, y),
     * as antialiased text is put down: each pixel takes the colour in proportion to its coverage.
     */
    public void blendMask(int x, int y, int w, int h, byte[] coverage, int argb) {
        int cx0 = Math.max(x, originX);
        int cx1 = Math.min(x + w, originX + width);
        int cy0 = Math.max(y, originY);
        int cy1 = Math.min(y + h, originY + height);
        int colourAlpha = argb >>> 24;
        for (int dy = cy0; dy < cy1; dy++) {
            int src = (dy - y) * w - x;
            int dst = (dy - originY) * width - originX;
            for (int dx = cx0; dx < cx1; dx++) {
                int a = coverage[src + dx] & 0xFF;
                if (a == 0) {
                    continue;
                }
                if (colourAlpha != 255) {
                    a = a * colourAlpha / 255;
                }
                pixels[dst + dx] = a == 255 ? argb | 0xFF000000 : blend(pixels[dst + dx], argb, a);
            }
        }
    }

    private static int blend(int under, int over, int alpha) {
        int inv = 255 - alpha;
        int r = (((over >> 16) & 0xFF) * alpha + ((under >> 16) & 0xFF) * inv) / 255;
        int g = (((over >> 8) & 0xFF) * alpha + ((under >> 8) & 0xFF) * inv) / 255;
        int b = ((over & 0xFF) * alpha + (under & 0xFF) * inv) / 255;
        int a = Math.max(alpha, under >>> 24);
        return a << 24 | r << 16 | g << 8 | b;
    }

    /** The thickness in device pixels of a logical line width: at least one. */
    private int thickness(double lineWidth) {
        return Math.max(1, (int) Math.round(lineWidth * scale));
    }

    /**
     * Strokes the outline of a logical rectangle, the line centred on its edges as a Canvas strokes it; dashed when
     * {@code dash} > 0 (logical lengths of dash and gap), the pattern restarting at each corner.
     */
    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb, double dash,
                           double gap) {
        if (w < 0 || h < 0) {
            return;
        }
        int t = thickness(lineWidth);
        int x0 = band(x * scale + translateX, t);
        int x1 = Math.max(x0, band((x + w) * scale + translateX, t));
        int y0 = band(y * scale + translateY, t);
        int y1 = Math.max(y0, band((y + h) * scale + translateY, t));
        if (dash <= 0) {
            fillDevice(x0, y0, x1 + t, y0 + t, argb);
            fillDevice(x0, y1, x1 + t, y1 + t, argb);
            fillDevice(x0, y0 + t, x0 + t, y1, argb);
            fillDevice(x1, y0 + t, x1 + t, y1, argb);
            return;
        }
        int on = Math.max(1, (int) Math.round(dash * scale));
        int off = Math.max(1, (int) Math.round(gap * scale));
        for (int p = x0; p < x1 + t; p += on + off) {
            int e = Math.min(p + on, x1 + t);
            fillDevice(p, y0, e, y0 + t, argb);
            fillDevice(p, y1, e, y1 + t, argb);
        }
        for (int p = y0 + t; p < y1; p += on + off) {
            int e = Math.min(p + on, y1);
            fillDevice(x0, p, x0 + t, e, argb);
            fillDevice(x1, p, x1 + t, e, argb);
        }
    }

    /**
     * Diagonal lines ("///", and "\\\" too when crossed) over a logical rectangle, every {@code spacing} logical
     * pixels; the lines sit on the device grid, so neighbouring rectangles' hatching meets.
     */
    public void hatch(double x, double y, double w, double h, int argb, double spacing, double lineWidth,
                      boolean crossed) {
        if (w <= 0 || h <= 0) {
            return;
        }
        int x0 = Math.max(devX(x), originX);
        int x1 = Math.min(Math.max(devX(x + w), devX(x) + 1), originX + width);
        int y0 = Math.max(devY(y), originY);
        int y1 = Math.min(Math.max(devY(y + h), devY(y) + 1), originY + height);
        int step = Math.max(3, (int) Math.round(spacing * scale));
        int t = Math.min(step - 1, thickness(lineWidth));
        opaque &= argb >>> 24 == 255; // written as it is, not blended
        for (int dy = y0; dy < y1; dy++) {
            int base = (dy - originY) * width - originX;
            // "/": x + y = k * step; "\": x - y = k * step.
            for (int pass = 0; pass < (crossed ? 2 : 1); pass++) {
                int phase = Math.floorMod(pass == 0 ? x0 + dy : x0 - dy, step);
                for (int dx = x0 - phase; dx < x1; dx += step) {
                    for (int k = Math.max(dx, x0); k < Math.min(dx + t, x1); k++) {
                        pixels[base + k] = argb;
                    }
                }
            }
        }
    }

    /** The first device pixel of a line of thickness t centred on a device coordinate. */
    private static int band(double device, int t) {
        return (int) Math.round(device - t / 2.0);
    }

    /** A vertical line of a logical width from (x, y0) to (x, y1). */
    public void verticalLine(double x, double y0, double y1, double lineWidth, int argb) {
        int t = thickness(lineWidth);
        int dx = band(x * scale + translateX, t);
        fillDevice(dx, devY(y0), dx + t, Math.max(devY(y1), devY(y0) + 1), argb);
    }

    /** Fills a triangle given by its logical corners (scanlines through pixel centres). */
    public void fillTriangle(double[] xs, double[] ys, int argb) {
        double[] dx = new double[3];
        double[] dy = new double[3];
        for (int i = 0; i < 3; i++) {
            dx[i] = xs[i] * scale + translateX;
            dy[i] = ys[i] * scale + translateY;
        }
        int top = (int) Math.floor(Math.min(dy[0], Math.min(dy[1], dy[2])));
        int bottom = (int) Math.ceil(Math.max(dy[0], Math.max(dy[1], dy[2])));
        for (int row = top; row < bottom; row++) {
            double cy = row + 0.5;
            double left = Double.POSITIVE_INFINITY;
            double right = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 3; i++) {
                int j = (i + 1) % 3;
                if ((dy[i] <= cy && dy[j] > cy) || (dy[j] <= cy && dy[i] > cy)) {
                    double cx = dx[i] + (cy - dy[i]) * (dx[j] - dx[i]) / (dy[j] - dy[i]);
                    left = Math.min(left, cx);
                    right = Math.max(right, cx);
                }
            }
            if (left <= right) {
                fillDevice((int) Math.round(left), row, Math.max((int) Math.round(right), (int) Math.round(left) + 1),
                    row + 1, argb);
            }
        }
    }

    /**
     * Draws the buffer onto the graphics context at its device place, as one image; the context's transform is
     * kept. When every pixel is opaque the image is made over the buffer itself (premultiplied ARGB, the software
     * pipeline's texture format), so neither a copy nor a conversion of a million pixels is made on each redraw; else
     * the pixels are copied into {@code image}, reused when it has the buffer's size (pass null to get a new one).
     * Returns the image drawn.
     */
    public WritableImage drawTo(GraphicsContext gc, WritableImage image) {
        if (width == 0 || height == 0) {
            return image;
        }
        WritableImage target;
        if (opaque) {
            if (sharedBuffer == null) {
                sharedBuffer = new PixelBuffer<>(width, height, IntBuffer.wrap(pixels, 0, width * height).slice(),
                    PixelFormat.getIntArgbPreInstance());
                sharedImage = new WritableImage(sharedBuffer);
            } else {
                sharedBuffer.updateBuffer(b -> null); // all of it changed
            }
            target = sharedImage;
        } else {
            target = image != null && image != sharedImage && (int) image.getWidth() == width
                && (int) image.getHeight() == height ? image : new WritableImage(width, height);
            target.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0,
                width);
        }
        gc.save();
        gc.setTransform(new Affine(1 / outputScale, 0, 0, 0, 1 / outputScale, 0));
        gc.setImageSmoothing(false);
        gc.drawImage(target, originX, originY);
        gc.restore();
        return target;
    }
}
