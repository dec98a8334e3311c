package heaplab.app.main;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The real dialogs: JavaFX file choosers and alerts, owned by the main window. */
public final class FxDialogService implements DialogService {
    /** The Go to step dialog's text field and its problem line (tests find them by these). */
    public static final String GO_TO_STEP_FIELD_ID = "goToStepField";
    public static final String GO_TO_STEP_PROBLEM_ID = "goToStepProblem";
    private final Supplier<Window> owner;
    private File lastDirectory;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> chooseScenarioFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a scenario or a trace");
        chooser.getExtensionFilters().addAll(
            new FileChooser.ExtensionFilter("Scenarios (*.json)", "*.json"),
            new FileChooser.ExtensionFilter("Traces (*.rep, *.log, *.txt)", "*.rep", "*.log", "*.txt"),
            new FileChooser.ExtensionFilter("All files", "*.*"));
        startIn(chooser);
        return remember(chooser.showOpenDialog(owner.get()));
    }

    @Override
    public Optional<Path> chooseExportFile(String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export PNG");
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG images (*.png)", "*.png"));
        startIn(chooser);
        return remember(chooser.showSaveDialog(owner.get()));
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner.get());
        heaplab.app.theme.DialogStyleClasses.themeLike(alert, owner.get());
        alert.setTitle(MainViewModel.APP_NAME);
        alert.setHeaderText(title);
        // A TextArea so that a long `file:line:column: ...` message can be read whole and copied.
        TextArea text = new TextArea(message);
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(4);
        alert.getDialogPane().setContent(text);
        alert.showAndWait();
    }

    /** A small dialog: the OK button stays disabled, and a line says why, until the text is a step number. */
    @Override
    public Optional<Integer> askStepNumber(int current, int stepCount) {
        TextInputDialog dialog = new TextInputDialog(Integer.toString(current));
        dialog.initOwner(owner.get());
        dialog.setTitle(MainViewModel.APP_NAME);
        dialog.setHeaderText("Go to step");
        dialog.getEditor().setId(GO_TO_STEP_FIELD_ID);
        Label prompt = new Label(StepNumberInput.prompt(current, stepCount));
        Label problem = new Label();
        problem.setId(GO_TO_STEP_PROBLEM_ID);
        problem.getStyleClass().add(heaplab.app.theme.StyleClasses.STATUS_ERROR);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.setWrapText(true); // the whole reason, on two lines if need be, never "0 to ..."
        prompt.setWrapText(true);
        VBox content = new VBox(6, prompt, dialog.getEditor(), problem);
        content.setPrefWidth(380);
        dialog.getDialogPane().setContent(content);
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        dialog.getEditor().textProperty().addListener((obs, old, text) -> {
            String why = StepNumberInput.problem(text, stepCount);
            problem.setText(why == null ? "" : why);
            ok.setDisable(why != null);
            if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
                dialog.getDialogPane().getScene().getWindow().sizeToScene(); // room for the line that came or went
            }
        });
        dialog.setOnShown(e -> {
            dialog.getEditor().requestFocus();
            dialog.getEditor().selectAll();
        });
        return dialog.showAndWait().flatMap(text -> {
            var position = StepNumberInput.parse(text, stepCount);
            return position.isPresent() ? Optional.of(position.getAsInt()) : Optional.empty();
        });
    }

    private void startIn(FileChooser chooser) {
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            chooser.setInitialDirectory(lastDirectory);
        }
    }

    private Optional<Path> remember(File file) {
        if (file == null) {
            return Optional.empty();
        }
        lastDirectory = file.getParentFile();
        return Optional.of(file.toPath());
    }
}
