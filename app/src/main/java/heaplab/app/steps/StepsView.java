package heaplab.app.steps;

import heaplab.app.theme.StyleClasses;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The steps pane: the scenario's title and summary, then each step with its narration and, once it ran, its output
 * (the first line; click it, or press Right, to open the rest); the current step is highlighted, its output open,
 * and it is always scrolled into view. The gutter left of a step holds its breakpoint dot: click it to set or clear
 * the breakpoint. Clicking a step (or Enter on the selected one) goes there.
 */
public final class StepsView extends VBox {
    public static final String LIST_ID = "stepsList";
    /** Style class of the gutter (breakpoint) label of every step cell, for tests to find it. */
    public static final String GUTTER_CLASS = StyleClasses.STEP_MARKER;
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass(StyleClasses.PSEUDO_CURRENT);
    private static final PseudoClass PENDING = PseudoClass.getPseudoClass(StyleClasses.PSEUDO_PENDING);

    private final ListView<StepRow> list;
    private boolean selectingFromModel;

    public StepsView(StepsViewModel viewModel, Node chart) {
        getStyleClass().add(StyleClasses.PANE);
        Label paneTitle = new Label("Steps   (click a step to go there)");
        paneTitle.getStyleClass().add(StyleClasses.PANE_TITLE);
        paneTitle.setTooltip(new Tooltip("Click a step to go there (Enter on the selected one).\n"
            + "Click the left edge of a step, or press F9, to set or clear its breakpoint.\n"
            + "Click a step's output, or press Right / Left, to open or close it."));
        Label title = new Label();
        title.getStyleClass().add(StyleClasses.SCENARIO_TITLE);
        title.setWrapText(true);
        title.textProperty().bind(viewModel.titleProperty());
        Label summary = new Label();
        summary.getStyleClass().add(StyleClasses.SCENARIO_SUMMARY);
        summary.setWrapText(true);
        summary.textProperty().bind(viewModel.summaryProperty());
        summary.managedProperty().bind(summary.textProperty().isNotEmpty());
        // Wrapped labels in a VBox otherwise get one line's height and an ellipsis.
        title.setMinHeight(Region.USE_PREF_SIZE);
        summary.setMinHeight(Region.USE_PREF_SIZE);

        list = new ListView<>(viewModel.rows());
        list.setId(LIST_ID);
        list.getStyleClass().add(StyleClasses.STEPS_LIST);
        list.setCellFactory(l -> new StepCell(viewModel, l));
        list.setPlaceholder(new Label("This scenario has no steps."));
        // The selection follows the current step; arrow keys move it to pick the step F9 acts on.
        list.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            if (!selectingFromModel) {
                viewModel.selectedIndexProperty().set(index.intValue());
            }
        });
        viewModel.selectedIndexProperty().addListener((obs, old, index) -> select(index.intValue()));
        select(viewModel.selectedIndexProperty().get());
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            int selected = list.getSelectionModel().getSelectedIndex();
            if (selected < 0 || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            if (e.getCode() == KeyCode.ENTER) {
                viewModel.jumpToStep(selected);
            } else if (e.getCode() == KeyCode.RIGHT) {
                viewModel.setOutputOpen(selected, true);
            } else if (e.getCode() == KeyCode.LEFT) {
                viewModel.setOutputOpen(selected, false);
            } else {
                return;
            }
            e.consume();
        });
        viewModel.currentIndexProperty().addListener((obs, old, index) -> keepInView(index.intValue()));
        VBox.setVgrow(list, Priority.ALWAYS);
        // A few steps stay in sight however long the summary and however short the window.
        list.setMinHeight(150);
        getChildren().addAll(paneTitle, title, summary, list, chart);
    }

    public ListView<StepRow> list() {
        return list;
    }

    private void select(int index) {
        selectingFromModel = true;
        try {
            if (index < 0 || index >= list.getItems().size()) {
                list.getSelectionModel().clearSelection();
            } else {
                list.getSelectionModel().select(index);
            }
        } finally {
            selectingFromModel = false;
        }
    }

    /**
     * Scrolls as little as needed for the step, and one step either side, to be fully visible; after the cells are
     * laid out with their new contents (an open output makes a row taller).
     */
    private void keepInView(int index) {
        if (index < 0) {
            return;
        }
        Platform.runLater(() -> {
            if (index >= list.getItems().size()) {
                return;
            }
            if (!(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
                list.scrollTo(Math.max(0, index - 1));
                return;
            }
            list.layout();
            flow.scrollTo(Math.min(list.getItems().size() - 1, index + 1));
            flow.scrollTo(Math.max(0, index - 1));
            flow.scrollTo(index);
        });
    }

    /** True when the row at the index is drawn whole in the list (tests check the current step is in view). */
    public boolean isFullyVisible(int index) {
        if (!(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return false;
        }
        IndexedCell<?> cell = flow.getVisibleCell(index);
        if (cell == null) {
            return false;
        }
        var bounds = cell.localToScene(cell.getBoundsInLocal());
        var view = flow.localToScene(flow.getBoundsInLocal());
        return bounds.getMinY() >= view.getMinY() - 0.5 && bounds.getMaxY() <= view.getMaxY() + 0.5;
    }

    /**
     * A step: number, gutter (breakpoint dot, failure cross; a faint ring under the pointer), statement, narration,
     * output.
     */
    private static final class StepCell extends ListCell<StepRow> {
        private static final String DOT = "\u25CF";
        private static final String RING = "\u25CB";
        private final Label number = new Label();
        private final Label marker = new Label();
        private final Label text = new Label();
        private final Label say = new Label();
        private final Label expander = new Label();
        private final Label output = new Label();
        private final HBox outputLine = new HBox(2, expander, output);
        private final Tooltip markerTip = new Tooltip();
        private final HBox box;

        StepCell(StepsViewModel viewModel, ListView<StepRow> list) {
            number.getStyleClass().add(StyleClasses.STEP_NUMBER);
            marker.getStyleClass().add(StyleClasses.STEP_MARKER);
            marker.setPickOnBounds(true);
            marker.setMaxHeight(Double.MAX_VALUE);
            marker.setCursor(Cursor.HAND);
            marker.setTooltip(markerTip);
            text.getStyleClass().add(StyleClasses.STEP_TEXT);
            say.getStyleClass().add(StyleClasses.STEP_SAY);
            output.getStyleClass().add(StyleClasses.STEP_OUTPUT);
            expander.getStyleClass().add(StyleClasses.STEP_EXPANDER);
            for (Label l : new Label[] {text, say, output}) {
                l.setWrapText(true);
                l.setMinHeight(Region.USE_PREF_SIZE);
            }
            for (Node n : new Node[] {text, say, outputLine, expander}) {
                n.managedProperty().bind(n.visibleProperty());
            }
            HBox.setHgrow(output, Priority.ALWAYS);
            VBox lines = new VBox(2, text, say, outputLine);
            lines.prefWidthProperty().bind(list.widthProperty().subtract(96));
            lines.setMinWidth(0);
            box = new HBox(4, number, marker, lines);
            box.setAlignment(Pos.TOP_LEFT);
            // The gutter sets and clears the breakpoint; the click goes no further (it does not move the session).
            marker.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                if (e.getButton() == MouseButton.PRIMARY && getItem() != null) {
                    viewModel.toggleBreakpoint(getItem().index());
                }
                e.consume();
            });
            outputLine.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                if (e.getButton() == MouseButton.PRIMARY && getItem() != null && expander.isVisible()) {
                    viewModel.toggleOutput(getItem().index());
                    e.consume();
                }
            });
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !isEmpty() && getItem() != null) {
                    viewModel.jumpToStep(getItem().index());
                }
            });
            hoverProperty().addListener((obs, old, hover) -> showMarker(getItem()));
        }

        @Override
        protected void updateItem(StepRow row, boolean empty) {
            super.updateItem(row, empty);
            pseudoClassStateChanged(CURRENT, !empty && row != null && row.isCurrent());
            pseudoClassStateChanged(PENDING, !empty && row != null && row.status() == StepRow.Status.PENDING);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            number.setText(row.number());
            showMarker(row);
            text.setText(row.text());
            say.setText(row.say());
            say.setVisible(!row.say().isEmpty());
            String preview = row.outputPreview();
            output.setText(preview);
            // Closed: one line, cut with an ellipsis; open: messages wrapped in full, a table's lines (!heap -a, db:
            // aligned by runs of spaces) cut at the edge instead, so that its columns stay as the debugger set them.
            output.setWrapText(row.expanded() && !isTable(preview));
            outputLine.setVisible(!preview.isEmpty());
            // The current step's output is always open; others open and close with a click.
            expander.setVisible(!row.isCurrent() && row.canExpand());
            expander.setText(row.expanded() ? "\u25BE" : "\u25B8");
            outputLine.setCursor(expander.isVisible() ? Cursor.HAND : Cursor.DEFAULT);
            output.getStyleClass().remove(StyleClasses.STEP_FAILED);
            if (row.status() == StepRow.Status.FAILED) {
                output.getStyleClass().add(StyleClasses.STEP_FAILED);
            }
            setGraphic(box);
        }

        static boolean isTable(String text) {
            return text.lines().filter(line -> line.strip().contains("  ")).count() >= 2;
        }

        private void showMarker(StepRow row) {
            if (row == null || isEmpty()) {
                return;
            }
            boolean failed = row.status() == StepRow.Status.FAILED;
            boolean hint = !failed && !row.breakpoint() && isHover();
            marker.setText(failed ? "\u2717" : row.breakpoint() ? DOT : hint ? RING : "");
            marker.getStyleClass().removeAll(StyleClasses.STEP_BREAKPOINT, StyleClasses.STEP_FAILED,
                StyleClasses.STEP_BREAKPOINT_HINT);
            marker.getStyleClass().add(failed ? StyleClasses.STEP_FAILED : hint ? StyleClasses.STEP_BREAKPOINT_HINT
                : StyleClasses.STEP_BREAKPOINT);
            markerTip.setText(row.breakpoint()
                ? "Breakpoint: Run (F5) stops before step " + row.number() + ". Click to clear it (F9)."
                : "Click to set a breakpoint: Run (F5) will stop before step " + row.number() + " (F9).");
        }
    }
}
