package heaplab.app.canvas;

import heaplab.app.export.Diagram;
import javafx.geometry.Rectangle2D;

/** A diagram whose parts stand for heap blocks: the screen asks what is under the pointer for tooltips and clicks. */
public interface PickableDiagram extends Diagram {

    /** The address to select for a click at a logical point (any address inside the block), or 0 for none. */
    long addressAt(double x, double y);

    /** The tooltip text for a logical point, or null when nothing is there. */
    String tooltipAt(double x, double y);

    /**
     * Where a click at a logical point should take the view (a logical rectangle to bring into view: an overview's
     * region), or null for none; the click then also picks {@link #addressAt}.
     */
    default Rectangle2D zoomTargetAt(double x, double y) {
        return null;
    }
}
