package heaplab.app.canvas;

import heaplab.app.export.Diagram;
import heaplab.app.theme.StyleClasses;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.util.Duration;

import java.util.function.LongConsumer;

/**
 * Shows a {@link Diagram} on a Canvas the size of the pane, with mouse-wheel zoom around the pointer, drag to pan,
 * a tooltip for what is under the pointer and click to pick (for {@link PickableDiagram}s). The Canvas never grows
 * past the pane: the diagram is redrawn through a transform, so a long heap costs no giant texture.
 */
public final class DiagramCanvas extends Region {
    public static final double MIN_ZOOM = 0.1;
    public static final double MAX_ZOOM = 16;
    private static final double DRAG_THRESHOLD = 4;

    private final Canvas canvas = new Canvas();
    private final Tooltip tooltip = new Tooltip();
    private Diagram diagram;
    private Color background = Color.WHITE;
    private double zoom = 1;
    private double panX;
    private double panY;
    private boolean fitPending = true;
    /** Whether the zoom is still the one fitWidth chose: a resize of the pane fits the width again. */
    private boolean widthFitted;
    private double fittedWidth;
    private boolean autoFit;
    private LongConsumer onPick = address -> { };
    private Runnable onRedraw = () -> { };
    private double pressX;
    private double pressY;
    private double pressPanX;
    private double pressPanY;
    private boolean dragged;

    public DiagramCanvas() {
        getStyleClass().add(StyleClasses.DIAGRAM_CANVAS);
        getChildren().add(canvas);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.getStyleClass().add(StyleClasses.MONOSPACE);
        setOnScroll(this::onScroll);
        setOnMousePressed(this::onPressed);
        setOnMouseDragged(this::onDragged);
        setOnMouseReleased(this::onReleased);
        setOnMouseMoved(this::onMoved);
        setOnMouseExited(e -> tooltip.hide());
        setMinSize(0, 0);
    }

    /** Shows a diagram; zoom and pan stay, so stepping through a scenario does not move the picture. */
    public void setDiagram(Diagram diagram, Color background) {
        this.diagram = diagram;
        this.background = background;
        if (autoFit) {
            fitWhole();
        }
        redraw();
    }

    public Diagram getDiagram() {
        return diagram;
    }

    /** Refits the whole diagram into the pane on every layout (small charts that should always show whole). */
    public void setAutoFit(boolean autoFit) {
        this.autoFit = autoFit;
        requestLayout();
    }

    /** Called with the picked address when the user clicks a block of a {@link PickableDiagram}. */
    public void setOnPick(LongConsumer onPick) {
        this.onPick = onPick;
    }

    /**
     * Called after every redraw, when zoom, pan or the diagram may have changed: nodes laid over the canvas (the
     * timeline's position marker) place themselves again with {@link #toPane}.
     */
    public void setOnRedraw(Runnable onRedraw) {
        this.onRedraw = onRedraw;
    }

    public double getZoom() {
        return zoom;
    }

    /** Zooms by a factor around the centre of the pane. */
    public void zoomBy(double factor) {
        zoomAround(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Fits the diagram's width into the pane (never enlarging past 100 %) and scrolls to its top. */
    public void fitWidth() {
        if (diagram == null || getWidth() <= 0) {
            fitPending = true;
            return;
        }
        zoom = clamp(Math.min(1, (getWidth() - 8) / diagram.width()));
        panX = Math.max(0, (getWidth() - diagram.width() * zoom) / 2);
        panY = 0;
        fitPending = false;
        widthFitted = true;
        fittedWidth = getWidth();
        redraw();
    }

    /**
     * Brings a logical rectangle into view: zoomed in to fit its width if the view is wider (never out), its top a
     * little below the pane's top (or lower, when the diagram ends before the pane does).
     */
    public void showRegion(Rectangle2D region) {
        if (diagram == null || region == null || getWidth() <= 0) {
            return;
        }
        double fitted = zoom;
        zoom = clamp(Math.max(zoom, Math.min(MAX_ZOOM, (getWidth() - 8) / region.getWidth())));
        widthFitted &= zoom == fitted;
        panX = region.getWidth() * zoom <= getWidth() ? (getWidth() - region.getWidth() * zoom) / 2
            - region.getMinX() * zoom : -region.getMinX() * zoom;
        // The region's top near the pane's top, but no further than the diagram's end at the pane's bottom.
        double lowest = Math.min(0, getHeight() - diagram.height() * zoom - 8);
        panY = Math.max(lowest, 8 - region.getMinY() * zoom);
        redraw();
    }

    /**
     * Scrolls, zoom and sideways pan unchanged, so that a logical rectangle's rows are in view, its top a little below
     * the pane's top; nothing moves when they are in view already.
     */
    public void scrollIntoView(Rectangle2D region) {
        if (diagram == null || region == null || getHeight() <= 0) {
            return;
        }
        double top = region.getMinY() * zoom + panY;
        double bottom = region.getMaxY() * zoom + panY;
        if (top >= 0 && bottom <= getHeight()) {
            return;
        }
        double lowest = Math.min(0, getHeight() - diagram.height() * zoom - 8);
        panY = Math.min(0, Math.max(lowest, 8 - region.getMinY() * zoom));
        redraw();
    }

    /** Scrolls back to the diagram's top (where the heap map's overview is), zoom unchanged. */
    public void scrollToTop() {
        panY = 0;
        redraw();
    }

    /** Converts a point of the pane to the diagram's logical coordinates. */
    public Point2D toDiagram(double x, double y) {
        return new Point2D((x - panX) / zoom, (y - panY) / zoom);
    }

    /** Converts a logical point of the diagram to the pane's coordinates (tests click blocks with it). */
    public Point2D toPane(double x, double y) {
        return new Point2D(x * zoom + panX, y * zoom + panY);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.max(1, getWidth()));
        canvas.setHeight(Math.max(1, getHeight()));
        if (autoFit) {
            fitWhole();
        } else if (fitPending) {
            fitWidth();
        } else if (widthFitted && diagram != null && getWidth() > 0 && getWidth() != fittedWidth) {
            // A wider or narrower pane, the zoom untouched since the fit: fitted again, the same rows at the top.
            double newZoom = clamp(Math.min(1, (getWidth() - 8) / diagram.width()));
            panY = panY * newZoom / zoom;
            zoom = newZoom;
            panX = Math.max(0, (getWidth() - diagram.width() * zoom) / 2);
            fittedWidth = getWidth();
        }
        redraw();
    }

    private void fitWhole() {
        if (diagram == null || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        zoom = clamp(Math.min(getWidth() / diagram.width(), getHeight() / diagram.height()));
        panX = (getWidth() - diagram.width() * zoom) / 2;
        panY = (getHeight() - diagram.height() * zoom) / 2;
    }

    private void redraw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.save();
        gc.setFill(background);
        gc.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (diagram != null) {
            gc.translate(panX, panY);
            gc.scale(zoom, zoom);
            // Only what the pane shows: a long heap map costs its visible rows, not all of them.
            diagram.render(gc, new Rectangle2D(-panX / zoom, -panY / zoom, canvas.getWidth() / zoom,
                canvas.getHeight() / zoom));
        }
        gc.restore();
        onRedraw.run();
    }

    private void zoomAround(double factor, double x, double y) {
        widthFitted = false;
        double newZoom = clamp(zoom * factor);
        // Keep the diagram point under (x, y) where it is.
        panX = x - (x - panX) * newZoom / zoom;
        panY = y - (y - panY) * newZoom / zoom;
        zoom = newZoom;
        redraw();
    }

    /**
     * The wheel scrolls, as in a document (the heap map is rows of addresses); Shift+wheel or a sideways wheel
     * scrolls sideways; Ctrl+wheel zooms around the pointer.
     */
    private void onScroll(ScrollEvent e) {
        if (autoFit || e.getDeltaX() == 0 && e.getDeltaY() == 0) {
            return;
        }
        if (e.isControlDown() || e.isShortcutDown()) {
            if (e.getDeltaY() != 0) {
                zoomAround(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY());
            }
        } else if (e.isShiftDown()) {
            scrollBy(e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY(), 0);
        } else {
            scrollBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    /** Moves the picture by (dx, dy) pane pixels, no further than its edges (8 px of margin). */
    void scrollBy(double dx, double dy) {
        if (diagram == null) {
            return;
        }
        panX = towards(panX, dx, Math.min(0, getWidth() - diagram.width() * zoom - 8));
        panY = towards(panY, dy, Math.min(0, getHeight() - diagram.height() * zoom - 8));
        redraw();
    }

    /** `pan` moved by `delta`, stopped at the edge it moves to (never pulled back if already past it). */
    private static double towards(double pan, double delta, double lowest) {
        if (delta > 0) {
            return Math.max(pan, Math.min(pan + delta, 8));
        }
        if (delta < 0) {
            return Math.min(pan, Math.max(pan + delta, lowest));
        }
        return pan;
    }

    private void onPressed(MouseEvent e) {
        if (isFocusTraversable()) {
            requestFocus(); // a click on the map gives it the keys (the heap map's Page Down / Page Up)
        }
        pressX = e.getX();
        pressY = e.getY();
        pressPanX = panX;
        pressPanY = panY;
        dragged = false;
        tooltip.hide();
    }

    private void onDragged(MouseEvent e) {
        if (autoFit) {
            return;
        }
        if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > DRAG_THRESHOLD) {
            dragged = true;
        }
        if (dragged) {
            panX = pressPanX + e.getX() - pressX;
            panY = pressPanY + e.getY() - pressY;
            redraw();
        }
    }

    private void onReleased(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY || !(diagram instanceof PickableDiagram pickable)) {
            return;
        }
        Point2D p = toDiagram(e.getX(), e.getY());
        Rectangle2D target = pickable.zoomTargetAt(p.getX(), p.getY());
        long address = pickable.addressAt(p.getX(), p.getY());
        if (target != null) {
            showRegion(target);
        }
        if (address != 0) {
            onPick.accept(address);
        }
    }

    private void onMoved(MouseEvent e) {
        if (!(diagram instanceof PickableDiagram pickable)) {
            return;
        }
        Point2D p = toDiagram(e.getX(), e.getY());
        String text = pickable.tooltipAt(p.getX(), p.getY());
        if (text == null) {
            tooltip.hide();
            return;
        }
        tooltip.setText(text);
        if (getScene() != null && getScene().getWindow() != null) {
            tooltip.show(this, e.getScreenX() + 14, e.getScreenY() + 14);
        }
    }

    private static double clamp(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }
}
