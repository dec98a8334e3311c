package heaplab.app.main;

import heaplab.app.theme.StyleClasses;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;

/**
 * Step, Back, Run, Run back, Restart, Go to step with their keys in the tooltips, then the status line
 * (`Step 3 of 12`). The buttons are reachable with Tab and fire with Space or Enter; a mouse click leaves the
 * keyboard focus where it was (the console's input line, usually).
 */
public final class NavigationToolBar extends ToolBar {
    public static final String STATUS_ID = "status";

    private Node focusBeforeClick;
    private final Label status = new Label();

    public NavigationToolBar(MainViewModel viewModel) {
        getStyleClass().add(StyleClasses.NAV_TOOLBAR);
        status.setId(STATUS_ID);
        // The whole line in a tooltip: in a narrow window the line ends in "..." rather than leave for the overflow.
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(viewModel.statusProperty());
        status.setTooltip(whole);
        status.setMinWidth(0);
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
            button("runBackButton", "\u25C0\u25C0 Run back",
                "Run back to the previous breakpoint, failed expect or fault, else to the start", Shortcuts.RUN_BACK,
                viewModel.runBackCommand()),
            button("restartButton", "\u21BA Restart", "Back to the start: no step run", Shortcuts.RESTART,
                viewModel.restartCommand()),
            button("goToStepButton", "Go to\u2026", "Go to a step by its number", Shortcuts.GO_TO_STEP,
                viewModel.goToStepCommand()),
            new Separator(), status);
    }

    /**
     * The status line takes the width the buttons leave, so that a long line (a fault's message) is cut short with an
     * ellipsis instead of moving into the toolbar's overflow menu, where nobody sees it.
     */
    @Override
    protected void layoutChildren() {
        double used = snappedLeftInset() + snappedRightInset() + OVERFLOW_ROOM;
        for (Node item : getItems()) {
            if (item != status) {
                used += item.prefWidth(-1) + ITEM_GAP;
            }
        }
        status.setPrefWidth(USE_COMPUTED_SIZE);
        double natural = status.prefWidth(-1);
        status.setPrefWidth(Math.min(natural, Math.max(MIN_STATUS, getWidth() - used)));
        super.layoutChildren();
    }

    /** Room kept for the gaps between items and the overflow button's place. */
    private static final double ITEM_GAP = 16;
    private static final double OVERFLOW_ROOM = 48;
    private static final double MIN_STATUS = 80;

    private Button button(String id, String text, String help, KeyCombination key, Command command) {
        Button b = new Button(text);
        b.setId(id);
        String described = help + "  (" + key.getDisplayText() + ")";
        b.setTooltip(new Tooltip(described));
        b.setAccessibleHelp(described);
        b.disableProperty().bind(command.executableProperty().not());
        b.setOnAction(e -> command.execute());
        // Enter fires a focused button too, not only Space (JavaFX keeps Enter for the default button).
        b.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && !e.isAltDown()) {
                b.fire();
                e.consume();
            }
        });
        // A click would take the keyboard focus from the console's input line: give it back after the action.
        b.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> focusBeforeClick = getScene() == null ? null
            : getScene().getFocusOwner());
        b.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            Node previous = focusBeforeClick;
            focusBeforeClick = null;
            if (previous != null && previous != b && previous.getScene() == getScene()) {
                previous.requestFocus();
            }
        });
        return b;
    }

    private static void markError(Label status, boolean error) {
        status.getStyleClass().remove(StyleClasses.STATUS_ERROR);
        if (error) {
            status.getStyleClass().add(StyleClasses.STATUS_ERROR);
        }
    }
}
