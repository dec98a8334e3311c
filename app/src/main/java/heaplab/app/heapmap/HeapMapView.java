package heaplab.app.heapmap;

import heaplab.app.canvas.DiagramCanvas;
import heaplab.app.theme.Palette;
import heaplab.app.theme.StyleClasses;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The heap map pane: a title, zoom buttons with a hint, and the zoomable map. Binds to a HeapMapViewModel. */
public final class HeapMapView extends VBox {
    public static final String CANVAS_ID = "heapMapCanvas";
    /** The factor of one zoom step (the buttons, the View menu's Zoom in and Zoom out). */
    public static final double ZOOM_STEP = 1.25;
    private final DiagramCanvas canvas = new DiagramCanvas();
    private final HeapMapViewModel viewModel;
    private Palette palette;

    public HeapMapView(HeapMapViewModel viewModel, Palette palette) {
        this.palette = palette;
        this.viewModel = viewModel;
        getStyleClass().add(StyleClasses.PANE);
        Label title = new Label("Heap map");
        title.getStyleClass().add(StyleClasses.PANE_TITLE);
        canvas.setId(CANVAS_ID);
        canvas.setOnPick(viewModel::select);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        getChildren().addAll(title, toolbar(), canvas);
        show(viewModel.getModel());
        viewModel.modelProperty().addListener((obs, old, model) -> show(model));
        viewModel.overviewProperty().addListener((obs, old, overview) -> {
            if (old.regions() == overview.regions()) {
                // Only the keyboard's region moved: the same layout, brought to that region's rows.
                HeapMapDiagram shown = ((HeapMapDiagram) canvas.getDiagram()).withOverview(overview);
                canvas.setDiagram(shown, palette.background());
                canvas.showRegion(shown.focusedRows());
            }
        });
        canvas.setFocusTraversable(true);
        // On the pane, so the keys work whether the canvas or the pane has the focus.
        setOnKeyPressed(this::onKey);
    }

    /**
     * The map's own keys, when it has the focus: Page Down and Page Up go from region to region of the address
     * space overview (the map brings the region's rows into view), Home goes back to the overview at the top.
     */
    private void onKey(KeyEvent e) {
        if (e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
            return;
        }
        if (e.getCode() == KeyCode.PAGE_DOWN) {
            viewModel.focusNextRegion();
        } else if (e.getCode() == KeyCode.PAGE_UP) {
            viewModel.focusPreviousRegion();
        } else if (e.getCode() == KeyCode.HOME) {
            viewModel.clearRegionFocus();
            canvas.scrollToTop();
        } else {
            return;
        }
        e.consume();
    }

    public DiagramCanvas canvas() {
        return canvas;
    }

    /** Repaints the map in another theme's colours (View > Light / Dark). */
    public void setPalette(Palette palette) {
        this.palette = palette;
        show(viewModel.getModel());
    }

    public Palette palette() {
        return palette;
    }

    public void zoomIn() {
        canvas.zoomBy(ZOOM_STEP);
    }

    public void zoomOut() {
        canvas.zoomBy(1 / ZOOM_STEP);
    }

    /** Back to the zoom the map opens with: its width fitted into the pane. */
    public void resetZoom() {
        canvas.fitWidth();
    }

    /** The block the last step touched, as last shown: the map follows a step's block only when it changes. */
    private long shownTouched;

    private void show(HeapMapModel model) {
        HeapMapDiagram diagram = new HeapMapDiagram(model, viewModel.getOverview(), palette);
        canvas.setDiagram(diagram, palette.background());
        if (model.touched() != shownTouched && canvas.getHeight() > 0) {
            // A step changed a block out of view (below the rows shown): its rows scroll in, the zoom stays. (A map
            // not shown, of no height, follows when it is shown and the next step moves.)
            canvas.scrollIntoView(diagram.rowsOf(model.touched()));
            shownTouched = model.touched();
        }
    }

    private HBox toolbar() {
        Button zoomOut = button("\u2212", "Zoom out (Ctrl+mouse wheel down)", this::zoomOut);
        Button fit = button("Fit", "Fit the width of the map into the pane", this::resetZoom);
        Button zoomIn = button("+", "Zoom in (Ctrl+mouse wheel up) to see headers and small blocks",
            this::zoomIn);
        Label hint = new Label("wheel: scroll  Ctrl+wheel: zoom  drag: pan  hover: details  click: inspect, or go "
            + "to a region  PgDn/PgUp: regions  Home: overview");
        hint.setTooltip(new Tooltip("Click a block to inspect it; click a region of the address space overview, or "
            + "press Page Down / Page Up, to bring its rows into view; Home goes back to the overview"));
        hint.getStyleClass().add(StyleClasses.HINT);
        HBox bar = new HBox(zoomOut, fit, zoomIn, hint);
        bar.getStyleClass().add(StyleClasses.DIAGRAM_TOOLBAR);
        return bar;
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the hint shrinks first: "Fit" read "..."
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }
}
