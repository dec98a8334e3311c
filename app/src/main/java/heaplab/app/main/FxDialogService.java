package heaplab.app.main;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The real dialogs: JavaFX file choosers and alerts, owned by the main window. */
public final class FxDialogService implements DialogService {
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
