package heaplab.app.console;

import heaplab.app.theme.StyleClasses;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.stream.Collectors;

/**
 * The console pane: the log (virtualised, one line per cell, Ctrl+C copies the selected lines) and the input line
 * after a `0:000>` prompt; Enter runs, Up and Down walk the history.
 */
public final class ConsoleView extends VBox {
    public static final String INPUT_ID = "consoleInput";
    public static final String OUTPUT_ID = "consoleOutput";

    private final TextField input = new TextField();

    public ConsoleView(ConsoleViewModel viewModel) {
        getStyleClass().add(StyleClasses.PANE);
        Label title = new Label("Console   (WinDbg commands such as !heap -a, !heap -x p, !heap -l, "
            + "dt _HEAP_ENTRY p, db p L40; "
            + "or statements such as q = HeapAlloc(h, 0, 0x10))");
        title.getStyleClass().add(StyleClasses.PANE_TITLE);

        ListView<ConsoleLine> output = new ListView<>(viewModel.lines());
        output.setId(OUTPUT_ID);
        output.getStyleClass().add(StyleClasses.CONSOLE_OUTPUT);
        output.setCellFactory(list -> new LineCell());
        output.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        output.setPlaceholder(new Label("Type a command below and press Enter."));
        output.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copy(output);
                e.consume();
            }
        });
        viewModel.lines().addListener((ListChangeListener<ConsoleLine>) c -> {
            if (!viewModel.lines().isEmpty()) {
                output.scrollTo(viewModel.lines().size() - 1);
            }
        });
        VBox.setVgrow(output, Priority.ALWAYS);

        Label prompt = new Label(ConsoleViewModel.PROMPT);
        prompt.getStyleClass().add(StyleClasses.CONSOLE_PROMPT);
        input.setId(INPUT_ID);
        input.getStyleClass().add(StyleClasses.CONSOLE_INPUT);
        input.setPromptText("!heap -a    db a L40    ? a + 0n16    b = HeapAlloc(h, 0, 0x18)");
        input.textProperty().bindBidirectional(viewModel.inputProperty());
        input.setOnAction(e -> viewModel.submit());
        input.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.UP) {
                viewModel.historyUp();
                input.end();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                viewModel.historyDown();
                input.end();
                e.consume();
            }
        });
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox inputRow = new HBox(prompt, input);
        inputRow.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, output, inputRow);
    }

    public TextField input() {
        return input;
    }

    private static void copy(ListView<ConsoleLine> output) {
        String text = output.getSelectionModel().getSelectedItems().stream().map(ConsoleLine::text)
            .collect(Collectors.joining("\n"));
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static final class LineCell extends ListCell<ConsoleLine> {
        @Override
        protected void updateItem(ConsoleLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(StyleClasses.CONSOLE_ECHO, StyleClasses.CONSOLE_ERROR,
                StyleClasses.CONSOLE_NOTE);
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line.text());
            switch (line.kind()) {
                case ECHO -> getStyleClass().add(StyleClasses.CONSOLE_ECHO);
                case ERROR -> getStyleClass().add(StyleClasses.CONSOLE_ERROR);
                case NOTE -> getStyleClass().add(StyleClasses.CONSOLE_NOTE);
                case OUTPUT -> { }
            }
        }
    }
}
