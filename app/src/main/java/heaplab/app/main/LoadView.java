package heaplab.app.main;

import heaplab.app.theme.StyleClasses;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * The line that shows a load or a long move in progress (after a short delay, so quick ones do not flicker): what
 * runs, a progress bar, and Cancel (Escape while it shows). Only binds.
 */
public final class LoadView extends HBox {
    public static final String CANCEL_ID = "loadCancel";
    /** The Cancel button of the long moves' line. */
    public static final String MOVE_CANCEL_ID = "moveCancel";

    public LoadView(LoadViewModel viewModel) {
        this(viewModel, CANCEL_ID);
    }

    /** @param cancelId the id of its Cancel button */
    public LoadView(BackgroundWork viewModel, String cancelId) {
        super(10);
        getStyleClass().add(StyleClasses.PANE);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        Label what = new Label();
        what.textProperty().bind(viewModel.messageProperty());
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.progressProperty().bind(viewModel.progressProperty());
        bar.setPrefWidth(160);
        Button cancel = new Button("Cancel");
        cancel.setId(cancelId);
        // Only the line that shows takes Escape: the window has two of them (loads, long moves).
        cancel.cancelButtonProperty().bind(visibleProperty());
        cancel.setOnAction(e -> viewModel.cancel());
        getChildren().addAll(bar, what, cancel);
        setVisible(false);
        managedProperty().bind(visibleProperty());
        PauseTransition delay = new PauseTransition(Duration.millis(300));
        delay.setOnFinished(e -> setVisible(viewModel.busyProperty().get()));
        viewModel.busyProperty().addListener((o, was, now) -> {
            if (now) {
                delay.playFromStart();
            } else {
                delay.stop();
                setVisible(false);
            }
        });
    }
}
