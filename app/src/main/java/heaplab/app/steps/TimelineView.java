package heaplab.app.steps;

import heaplab.app.canvas.DiagramCanvas;
import heaplab.app.theme.Palette;
import heaplab.app.theme.StyleClasses;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

/**
 * The timeline under the steps list: the chart over all steps, always shown whole, a position marker laid over it,
 * and a slider over all steps. The chart is redrawn only when its model changes (new samples, a breakpoint); a
 * step only moves the marker and the slider. Clicking or dragging on the chart, or moving the slider (mouse or
 * arrow keys), goes to that position.
 */
public final class TimelineView extends VBox {
    public static final String CHART_ID = "timelineChart";
    public static final String SLIDER_ID = "timelineSlider";
    public static final String MARKER_ID = "timelinePosition";

    private final TimelineViewModel viewModel;
    private Palette palette;
    private final DiagramCanvas canvas = new DiagramCanvas();
    private final Line marker = new Line();
    private final Slider slider = new Slider(0, 0, 0);
    private boolean followingPosition;

    public TimelineView(TimelineViewModel viewModel, Palette palette) {
        this.viewModel = viewModel;
        this.palette = palette;
        canvas.setId(CHART_ID);
        canvas.setAutoFit(true);
        canvas.setCursor(Cursor.HAND);
        canvas.setOnRedraw(this::placeMarker);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::jumpToPointer);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::jumpToPointer);
        marker.setId(MARKER_ID);
        marker.setStroke(palette.chartPosition());
        marker.setStrokeWidth(2);
        marker.getStrokeDashArray().setAll(3.0, 2.0);
        marker.setMouseTransparent(true);
        marker.setManaged(false);
        Pane overlay = new Pane(marker);
        overlay.setMouseTransparent(true);
        StackPane chart = new StackPane(canvas, overlay);
        // When the window is short, the chart and the steps list above it give way in turn, down to their minimums
        // (below MIN_HEIGHT the chart is scaled down whole).
        chart.setPrefHeight(TimelineDiagram.MIN_HEIGHT + 40);
        chart.setMinHeight(150);
        // Drawn at the pane's size (text stays readable); redrawn on a resize, never on a step.
        canvas.widthProperty().addListener((obs, old, w) -> resized());
        canvas.heightProperty().addListener((obs, old, h) -> resized());
        VBox.setVgrow(chart, Priority.ALWAYS);

        slider.setId(SLIDER_ID);
        slider.getStyleClass().add(StyleClasses.TIMELINE_SLIDER);
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setAccessibleText("Position in the scenario: steps run");
        slider.setTooltip(new Tooltip("Slide, or use the arrow keys, to go to any step"));
        slider.valueProperty().addListener((obs, old, value) -> {
            if (!followingPosition) {
                viewModel.jumpTo((int) Math.round(value.doubleValue()));
            }
        });
        getChildren().addAll(chart, slider);

        show(viewModel.getModel());
        viewModel.modelProperty().addListener((obs, old, model) -> show(model));
        viewModel.positionProperty().addListener((obs, old, pos) -> follow(pos.intValue()));
        follow(viewModel.positionProperty().get());
    }

    public DiagramCanvas canvas() {
        return canvas;
    }

    /** Repaints the chart in another theme's colours (View > Light / Dark). */
    public void setPalette(Palette palette) {
        this.palette = palette;
        marker.setStroke(palette.chartPosition());
        show(viewModel.getModel());
    }

    public Slider slider() {
        return slider;
    }

    private void resized() {
        if (canvas.getDiagram() instanceof TimelineDiagram shown
            && (Math.abs(shown.width() - Math.max(TimelineDiagram.MIN_WIDTH, canvas.getWidth())) > 0.5
            || Math.abs(shown.height() - Math.max(TimelineDiagram.MIN_HEIGHT, canvas.getHeight())) > 0.5)) {
            show(viewModel.getModel());
        }
    }

    private void show(TimelineModel model) {
        double w = canvas.getWidth() > 0 ? canvas.getWidth() : TimelineDiagram.WIDTH;
        double h = canvas.getHeight() > 0 ? canvas.getHeight() : TimelineDiagram.HEIGHT;
        canvas.setDiagram(new TimelineDiagram(model, -1, palette, w, h), palette.background());
        followingPosition = true;
        try {
            slider.setMax(model.stepCount());
            slider.setDisable(model.stepCount() == 0);
        } finally {
            followingPosition = false;
        }
    }

    /** O(1): the marker and the slider move; the chart stays as drawn. */
    private void follow(int position) {
        followingPosition = true;
        try {
            slider.setValue(position);
        } finally {
            followingPosition = false;
        }
        placeMarker();
    }

    private void placeMarker() {
        if (!(canvas.getDiagram() instanceof TimelineDiagram diagram)) {
            return;
        }
        double x = diagram.xOf(viewModel.positionProperty().get());
        Point2D top = canvas.toPane(x, diagram.plotTop());
        Point2D bottom = canvas.toPane(x, diagram.plotBottom());
        marker.setStartX(top.getX());
        marker.setStartY(top.getY());
        marker.setEndX(bottom.getX());
        marker.setEndY(bottom.getY());
        alignSlider(diagram);
    }

    /** The slider's track under the chart's x axis, so its thumb stands under the marker. */
    private void alignSlider(TimelineDiagram diagram) {
        double thumb = 8;
        double left = canvas.toPane(diagram.xOf(0), 0).getX() - thumb;
        double right = canvas.getWidth() - canvas.toPane(diagram.xOf(diagram.model().stepCount()), 0).getX() - thumb;
        Insets padding = new Insets(2, Math.max(0, right), 4, Math.max(0, left));
        if (!padding.equals(slider.getPadding())) {
            slider.setPadding(padding);
        }
    }

    private void jumpToPointer(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !(canvas.getDiagram() instanceof TimelineDiagram diagram)) {
            return;
        }
        Point2D p = canvas.toDiagram(e.getX(), e.getY());
        viewModel.jumpTo(diagram.positionAt(p.getX()));
    }
}
