package heaplab.app.freelists;

import heaplab.app.canvas.DiagramCanvas;
import heaplab.app.theme.Palette;
import heaplab.app.theme.StyleClasses;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The free-lists pane: a title and the zoomable diagram. Binds to a FreeListsViewModel. */
public final class FreeListsView extends VBox {
    private final DiagramCanvas canvas = new DiagramCanvas();
    private final FreeListsViewModel viewModel;
    private Palette palette;

    public FreeListsView(FreeListsViewModel viewModel, Palette palette) {
        this.palette = palette;
        this.viewModel = viewModel;
        getStyleClass().add(StyleClasses.PANE);
        Label title = new Label("Free lists");
        title.getStyleClass().add(StyleClasses.PANE_TITLE);
        canvas.setId("freeListsCanvas");
        canvas.setOnPick(viewModel::select);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        title.setTooltip(new javafx.scene.control.Tooltip("Wheel: zoom, drag: pan, click a free block to inspect it"));
        getChildren().addAll(title, canvas);
        show(viewModel.getModel());
        viewModel.modelProperty().addListener((obs, old, model) -> show(model));
    }

    /** Repaints the diagram in another theme's colours (View > Light / Dark). */
    public void setPalette(Palette palette) {
        this.palette = palette;
        show(viewModel.getModel());
    }

    private void show(FreeListsModel model) {
        canvas.setDiagram(new FreeListsDiagram(model, palette), palette.background());
    }
}
