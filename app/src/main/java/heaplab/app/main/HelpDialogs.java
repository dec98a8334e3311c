package heaplab.app.main;

import heaplab.app.cli.Version;
import heaplab.app.theme.DialogStyleClasses;
import heaplab.engine.console.CommandReference;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Supplier;

/**
 * The Help menu's windows: the command reference (the engine's own help texts, {@link CommandReference}), the
 * keyboard shortcuts ({@link Shortcuts#TABLE}) and About. The reference and the shortcuts stay open beside the
 * window (not modal), so a student can read while typing in the console; asking again brings the open one to the
 * front instead of stacking copies.
 */
public final class HelpDialogs {
    public static final String COMMANDS_ID = "commandList";
    public static final String COMMAND_HELP_ID = "commandHelp";
    public static final String SHORTCUTS_ID = "shortcutsGrid";
    /** One line of what HeapLab is, for About. */
    public static final String WHAT_IT_IS = "A desktop lab for Windows heap internals: step through a scenario and "
        + "watch the NT heap, the LFH, the page heap and the CRT debug heap change block by block.";

    private final Supplier<Window> owner;
    private Dialog<ButtonType> commandReference;
    private Dialog<ButtonType> shortcuts;

    public HelpDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    /** Help > Command reference: the commands on the left, the selected one's help as the console prints it. */
    public Dialog<ButtonType> showCommandReference() {
        if (commandReference == null) {
            commandReference = commandReference();
        }
        return present(commandReference);
    }

    /** Help > Keyboard shortcuts, by group, from the one table. */
    public Dialog<ButtonType> showKeyboardShortcuts() {
        if (shortcuts == null) {
            shortcuts = keyboardShortcuts();
        }
        return present(shortcuts);
    }

    /** Help > About HeapLab: name, version, what it is. Modal, as About boxes are. */
    public Dialog<ButtonType> showAbout() {
        Dialog<ButtonType> about = dialog("About " + MainViewModel.APP_NAME, Modality.WINDOW_MODAL);
        Label name = new Label(MainViewModel.APP_NAME + " " + Version.get());
        name.setId("aboutName");
        name.getStyleClass().add(DialogStyleClasses.HEADING);
        Label what = new Label(WHAT_IT_IS);
        what.getStyleClass().add(DialogStyleClasses.BODY);
        what.setWrapText(true);
        Label runtime = new Label("Java " + System.getProperty("java.version") + ", JavaFX "
            + System.getProperty("javafx.runtime.version", "?"));
        runtime.getStyleClass().add(DialogStyleClasses.SUBHEADING);
        VBox box = new VBox(10, name, what, runtime);
        box.setPrefWidth(460);
        box.setPadding(new Insets(8));
        about.getDialogPane().setContent(box);
        about.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        about.show();
        return about;
    }

    /** How a key reads in the shortcuts list: "Ctrl+Plus" rather than the bare "Ctrl++". */
    static String keyText(KeyCombination key) {
        if (key instanceof KeyCodeCombination code && code.getShift() == KeyCombination.ModifierValue.UP
            && code.getShortcut() == KeyCombination.ModifierValue.UP && (code.getCode() == KeyCode.ENTER || code.getCode() == KeyCode.UP || code.getCode() == KeyCode.DOWN)) {
            // Their display texts are arrows and a return symbol: spell them out.
            return code.getCode().getName();
        }
        if (key instanceof KeyCodeCombination code && (code.getCode() == KeyCode.PLUS
            || code.getCode() == KeyCode.MINUS)) {
            String text = key.getDisplayText();
            return text.substring(0, text.length() - 1) + (code.getCode() == KeyCode.PLUS ? "Plus" : "Minus");
        }
        return key.getDisplayText();
    }

    private Dialog<ButtonType> commandReference() {
        Dialog<ButtonType> dialog = dialog("Command reference", Modality.NONE);
        dialog.setHeaderText("The console's commands. Type them in the console at any step; "
            + "!heap -? prints the same help there.");
        List<CommandReference.Entry> entries = CommandReference.entries();
        ListView<CommandReference.Entry> list = new ListView<>();
        list.setId(COMMANDS_ID);
        list.getItems().setAll(entries);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(CommandReference.Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                if (empty || entry == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label command = new Label(entry.command());
                command.getStyleClass().add(DialogStyleClasses.SHORTCUT_KEY);
                Label summary = new Label(entry.summary());
                summary.setWrapText(true);
                // Wrapped to the list's width, so a long summary never needs a horizontal scroll bar.
                summary.maxWidthProperty().bind(list.widthProperty().subtract(36));
                setText(null);
                setGraphic(new VBox(2, command, summary));
            }
        });
        TextArea help = new TextArea();
        help.setId(COMMAND_HELP_ID);
        help.setEditable(false);
        help.getStyleClass().add(DialogStyleClasses.TEXT);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) ->
            help.setText(entry == null ? "" : entry.help()));
        list.getSelectionModel().selectFirst();
        list.setMinWidth(240);
        list.setPrefWidth(310);
        list.setMaxWidth(380);
        SplitPane split = new SplitPane(list, help);
        split.setDividerPositions(0.29);
        split.setPrefSize(1080, 580);
        dialog.getDialogPane().setContent(split);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setOnShown(e -> list.requestFocus());
        return dialog;
    }

    private Dialog<ButtonType> keyboardShortcuts() {
        Dialog<ButtonType> dialog = dialog("Keyboard shortcuts", Modality.NONE);
        dialog.setHeaderText("The debugger keys work wherever the focus is, the console's input line included.");
        GridPane grid = new GridPane();
        grid.setId(SHORTCUTS_ID);
        grid.setHgap(24);
        grid.setVgap(4);
        grid.setPadding(new Insets(4, 8, 4, 8));
        int row = 0;
        String group = null;
        for (Shortcut shortcut : Shortcuts.TABLE) {
            if (!shortcut.group().equals(group)) {
                group = shortcut.group();
                Label heading = new Label(group);
                heading.getStyleClass().add(DialogStyleClasses.TOPIC);
                GridPane.setMargin(heading, new Insets(row == 0 ? 0 : 10, 0, 2, 0));
                grid.add(heading, 0, row++, 2, 1);
            }
            Label key = new Label(keyText(shortcut.key()));
            key.getStyleClass().add(DialogStyleClasses.SHORTCUT_KEY);
            key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "Ctrl+Shift+F5" whole, never "Ctrl+Shif..."
            Label action = new Label(shortcut.action());
            action.getStyleClass().add(DialogStyleClasses.BODY);
            action.setWrapText(true); // a long action wraps to the dialog's width instead of ending in "..."
            GridPane.setValignment(key, VPos.TOP);
            grid.add(key, 0, row);
            grid.add(action, 1, row++);
        }
        javafx.scene.layout.ColumnConstraints actions = new javafx.scene.layout.ColumnConstraints();
        actions.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        actions.setMinWidth(120);
        grid.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(), actions);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefSize(620, 560);
        dialog.getDialogPane().setContent(scroll);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        return dialog;
    }

    private Dialog<ButtonType> dialog(String title, Modality modality) {
        Dialog<ButtonType> dialog = new Dialog<>();
        Window window = owner.get();
        dialog.initOwner(window);
        dialog.initModality(modality);
        dialog.setTitle(title + " \u2014 " + MainViewModel.APP_NAME);
        dialog.setResizable(true);
        DialogStyleClasses.themeLike(dialog, window);
        // Escape closes it wherever the focus is: a list or a text area would take the key for itself.
        dialog.getDialogPane().addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                dialog.close();
            }
        });
        return dialog;
    }

    private Dialog<ButtonType> present(Dialog<ButtonType> dialog) {
        // The theme may have changed since the dialog was built.
        DialogStyleClasses.themeLike(dialog, owner.get());
        if (dialog.isShowing()) {
            ((javafx.stage.Stage) dialog.getDialogPane().getScene().getWindow()).toFront();
        } else {
            dialog.show();
        }
        return dialog;
    }
}
