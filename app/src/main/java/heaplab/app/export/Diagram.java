package heaplab.app.export;

import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;

/**
 * A view drawn on a Canvas: one routine serves the screen and the PNG export. Coordinates are logical pixels in
 * [0, width) x [0, height); the caller sets up scale and translation (tiles for large exports).
 */
public interface Diagram {
    double width();

    double height();

    void render(GraphicsContext gc);

    /**
     * Draws at least the part of the diagram inside {@code visible} (logical coordinates); diagrams that can skip
     * what lies outside (the heap map's rows) override this so that a redraw costs what the screen shows.
     */
    default void render(GraphicsContext gc, Rectangle2D visible) {
        render(gc);
    }
}
