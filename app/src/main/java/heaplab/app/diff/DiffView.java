package heaplab.app.diff;

import heaplab.app.theme.StyleClasses;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Diff pane: a choice of the step to compare with, the summary, and the changed blocks (Enter or a click
 * selects one everywhere). Only binds and lays out.
 */
public final class DiffView extends VBox {
    public static final String BASE_ID = "diffBase";
    public static final String TYPED_ID = "diffTypedStep";
    public static final String SUMMARY_ID = "diffSummary";
    public static final String CHANGES_ID = "diffChanges";

    public DiffView(DiffViewModel viewModel) {
        getStyleClass().add(StyleClasses.PANE);
        ComboBox<DiffViewModel.Base> base = new ComboBox<>(viewModel.bases());
        base.setId(BASE_ID);
        base.setPromptText("choose an earlier step");
        base.setTooltip(new Tooltip("Compare the current step with this one: what was allocated, freed or modified "
            + "since is marked in the heap map and the free lists"));
        base.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(base, Priority.ALWAYS);
        viewModel.baseProperty().addListener((o, was, now) -> {
            if (base.getValue() != now) {
                base.setValue(now);
            }
        });
        // New choices (a step taken or back) make the box's selection clear its value, after the listeners of the
        // list have run: then it shows the step compared with again.
        viewModel.bases().addListener((javafx.collections.ListChangeListener<DiffViewModel.Base>) change ->
            javafx.application.Platform.runLater(() -> {
                DiffViewModel.Base now = viewModel.baseProperty().get();
                DiffViewModel.Base shown = base.getValue();
                if (now != null && (shown == null || shown.step() != now.step())) {
                    viewModel.bases().stream().filter(b -> b.step() == now.step()).findFirst()
                        .ifPresent(base::setValue);
                }
            }));
        base.setOnAction(e -> {
            DiffViewModel.Base chosen = base.getValue();
            DiffViewModel.Base current = viewModel.baseProperty().get();
            if (chosen != null && (current == null || chosen.step() != current.step())) {
                viewModel.compareWith(chosen.step());
            }
        });
        Button clear = new Button("Clear");
        clear.setTooltip(new Tooltip("Stop comparing"));
        clear.disableProperty().bind(viewModel.baseProperty().isNull());
        clear.setOnAction(e -> viewModel.clear());
        javafx.scene.control.TextField typed = new javafx.scene.control.TextField();
        typed.setId(TYPED_ID);
        typed.setPromptText("or step #");
        typed.setPrefColumnCount(7);
        typed.setTooltip(new Tooltip("Type the number of an earlier step and press Enter"));
        typed.textProperty().addListener((o, was, now) -> typed.getStyleClass().remove(StyleClasses.STATUS_ERROR));
        typed.setOnAction(e -> {
            boolean ok = viewModel.compareWithTyped(typed.getText());
            typed.getStyleClass().remove(StyleClasses.STATUS_ERROR);
            if (ok) {
                typed.clear();
            } else {
                typed.getStyleClass().add(StyleClasses.STATUS_ERROR); // not an earlier step's number
            }
        });
        Label compare = new Label("Compare the current step with");
        HBox bar = new HBox(8, compare, base, typed, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));

        TextArea summary = new TextArea();
        summary.setId(SUMMARY_ID);
        summary.setEditable(false);
        summary.getStyleClass().add(StyleClasses.CONSOLE_OUTPUT);
        summary.textProperty().bind(viewModel.summaryProperty());
        summary.setWrapText(true);

        ListView<DiffViewModel.ChangeRow> changes = new ListView<>(viewModel.changes());
        changes.setId(CHANGES_ID);
        changes.getStyleClass().add(StyleClasses.CONSOLE_OUTPUT);
        changes.setPlaceholder(new Label("No changed blocks."));
        changes.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> viewModel.select(row));

        SplitPane split = new SplitPane(summary, changes);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(bar, split);
    }
}
