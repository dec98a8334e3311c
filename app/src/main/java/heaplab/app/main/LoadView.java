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
 * The line that shows a load in progress (after a short delay, so quick loads do not flicker): what loads, a
 * progress bar, and Cancel (Escape). Only binds.
 */
public final class LoadView extends HBox {
    public static final String CANCEL_ID = "loadCancel";

    public LoadView(LoadViewModel viewModel) {
        super(10);
        getStyleClass().add(StyleClasses.PANE);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        Label what = new Label();
        what.textProperty().bind(viewModel.messageProperty());
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.setPrefWidth(160);
        Button cancel = new Button("Cancel");
        cancel.setId(CANCEL_ID);
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> viewModel.cancel());
        getChildren().addAll(bar, what, cancel);
        setVisible(false);
        managedProperty().bind(visibleProperty());
        PauseTransition delay = new PauseTransition(Duration.millis(300));
        delay.setOnFinished(e -> setVisible(viewModel.loadingProperty().get()));
        viewModel.loadingProperty().addListener((o, was, now) -> {
            if (now) {
                delay.playFromStart();
            } else {
                delay.stop();
                setVisible(false);
            }
        });
    }
}
