package heaplab.app.main;

import heaplab.app.theme.StyleClasses;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

/** Step, Back, Run, Restart with their keys in the tooltips, then the status line (`Step 3 of 12`). */
public final class NavigationToolBar extends ToolBar {
    public static final String STATUS_ID = "status";

    public NavigationToolBar(MainViewModel viewModel) {
        getStyleClass().add(StyleClasses.NAV_TOOLBAR);
        Label status = new Label();
        status.setId(STATUS_ID);
        status.getStyleClass().add(StyleClasses.STATUS);
        status.textProperty().bind(viewModel.statusProperty());
        viewModel.statusErrorProperty().addListener((obs, old, error) -> markError(status, error));
        markError(status, viewModel.statusErrorProperty().get());
        getItems().addAll(
            button("stepButton", "\u25B6 Step", "Run the next step", Shortcuts.STEP, viewModel.stepCommand()),
            button("backButton", "\u25C0 Back", "Go back one step (exactly: the same bytes)", Shortcuts.BACK,
                viewModel.backCommand()),
            button("runButton", "\u25B6\u25B6 Run", "Run to the next breakpoint, failed expect, fault or the end",
                Shortcuts.RUN, viewModel.runCommand()),
            button("restartButton", "\u21BA Restart", "Back to the start: no step run", Shortcuts.RESTART,
                viewModel.restartCommand()),
            new Separator(), status);
    }

    private static Button button(String id, String text, String help, KeyCombination key, Command command) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(help + "  (" + key.getDisplayText() + ")"));
        b.disableProperty().bind(command.executableProperty().not());
        b.setOnAction(e -> command.execute());
        // Buttons would take the keyboard focus from the console's input line on every click.
        b.setFocusTraversable(false);
        return b;
    }

    private static void markError(Label status, boolean error) {
        status.getStyleClass().remove(StyleClasses.STATUS_ERROR);
        if (error) {
            status.getStyleClass().add(StyleClasses.STATUS_ERROR);
        }
    }
}
