package heaplab.app.steps;

import heaplab.app.canvas.DiagramCanvas;
import heaplab.app.theme.Palette;
import javafx.scene.layout.StackPane;

/** The busy/free chart under the steps list: always shown whole, redrawn when the view model changes. */
public final class TimelineView extends StackPane {
    private final DiagramCanvas canvas = new DiagramCanvas();
    private final TimelineViewModel viewModel;
    private Palette palette;

    public TimelineView(TimelineViewModel viewModel, Palette palette) {
        this.viewModel = viewModel;
        this.palette = palette;
        canvas.setAutoFit(true);
        getChildren().add(canvas);
        setPrefHeight(150);
        setMinHeight(110);
        canvas.setDiagram(new TimelineDiagram(viewModel.getModel(), palette), palette.background());
        viewModel.modelProperty().addListener((obs, old, model) ->
            canvas.setDiagram(new TimelineDiagram(model, this.palette), this.palette.background()));
    }

    /** Repaints the chart in another theme's colours (View > Light / Dark). */
    public void setPalette(Palette palette) {
        this.palette = palette;
        canvas.setDiagram(new TimelineDiagram(viewModel.getModel(), palette), palette.background());
    }
}
