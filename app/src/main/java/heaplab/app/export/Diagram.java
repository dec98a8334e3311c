package heaplab.app.export;

import javafx.scene.canvas.GraphicsContext;

/**
 * A view drawn on a Canvas: one routine serves the screen and the PNG export. Coordinates are logical pixels in
 * [0, width) x [0, height); the caller sets up scale and translation (tiles for large exports).
 */
public interface Diagram {
    double width();

    double height();

    void render(GraphicsContext gc);
}
