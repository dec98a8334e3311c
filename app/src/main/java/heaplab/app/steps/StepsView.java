package heaplab.app.steps;

import heaplab.app.theme.StyleClasses;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The steps pane: the scenario's title and summary, then each step with its narration under it; the current step
 * is highlighted and kept in view, breakpoints carry a red dot. Clicking a step goes there.
 */
public final class StepsView extends VBox {
    public static final String LIST_ID = "stepsList";
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass(StyleClasses.PSEUDO_CURRENT);
    private static final PseudoClass PENDING = PseudoClass.getPseudoClass(StyleClasses.PSEUDO_PENDING);

    public StepsView(StepsViewModel viewModel, Node chart) {
        getStyleClass().add(StyleClasses.PANE);
        Label paneTitle = new Label("Steps   (click a step to go there)");
        paneTitle.getStyleClass().add(StyleClasses.PANE_TITLE);
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

        ListView<StepRow> list = new ListView<>(viewModel.rows());
        list.setId(LIST_ID);
        list.getStyleClass().add(StyleClasses.STEPS_LIST);
        list.setCellFactory(l -> new StepCell(viewModel, l));
        list.setPlaceholder(new Label("This scenario has no steps."));
        viewModel.currentIndexProperty().addListener((obs, old, index) -> {
            if (index.intValue() >= 0) {
                list.scrollTo(Math.max(0, index.intValue() - 2));
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(paneTitle, title, summary, list, chart);
    }

    /** A step: number, marker (breakpoint dot, failure cross), statement, narration, output when current. */
    private static final class StepCell extends ListCell<StepRow> {
        private final Label number = new Label();
        private final Label marker = new Label();
        private final Label text = new Label();
        private final Label say = new Label();
        private final Label output = new Label();
        private final HBox box;

        StepCell(StepsViewModel viewModel, ListView<StepRow> list) {
            number.getStyleClass().add(StyleClasses.STEP_NUMBER);
            marker.getStyleClass().add(StyleClasses.STEP_MARKER);
            text.getStyleClass().add(StyleClasses.STEP_TEXT);
            say.getStyleClass().add(StyleClasses.STEP_SAY);
            output.getStyleClass().add(StyleClasses.STEP_OUTPUT);
            for (Label l : new Label[] {text, say, output}) {
                l.setWrapText(true);
                l.managedProperty().bind(l.visibleProperty());
            }
            VBox lines = new VBox(2, text, say, output);
            lines.prefWidthProperty().bind(list.widthProperty().subtract(96));
            lines.setMinWidth(0);
            box = new HBox(4, number, marker, lines);
            box.setAlignment(Pos.TOP_LEFT);
            setOnMouseClicked(e -> {
                if (!isEmpty() && getItem() != null) {
                    viewModel.jumpToStep(getItem().index());
                }
            });
        }

        @Override
        protected void updateItem(StepRow row, boolean empty) {
            super.updateItem(row, empty);
            pseudoClassStateChanged(CURRENT, !empty && row != null && row.isCurrent());
            pseudoClassStateChanged(PENDING, !empty && row != null && row.status() == StepRow.Status.PENDING);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            number.setText(row.number());
            boolean failed = row.status() == StepRow.Status.FAILED;
            marker.setText(failed ? "\u2717" : row.breakpoint() ? "\u25CF" : "");
            marker.getStyleClass().removeAll(StyleClasses.STEP_BREAKPOINT, StyleClasses.STEP_FAILED);
            marker.getStyleClass().add(failed ? StyleClasses.STEP_FAILED : StyleClasses.STEP_BREAKPOINT);
            text.setText(row.text());
            say.setText(row.say());
            say.setVisible(!row.say().isEmpty());
            output.setText(row.output());
            output.setVisible(!row.output().isEmpty());
            output.getStyleClass().remove(StyleClasses.STEP_FAILED);
            if (failed) {
                output.getStyleClass().add(StyleClasses.STEP_FAILED);
            }
            setTooltip(row.breakpoint() ? new Tooltip("Breakpoint: Run (F5) stops before this step") : null);
            setGraphic(box);
        }
    }
}
