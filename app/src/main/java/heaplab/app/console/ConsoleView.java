package heaplab.app.console;

import heaplab.app.theme.StyleClasses;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.stream.Collectors;

/**
 * The console pane: the log (virtualised, one line per cell, addresses drawn as links, Ctrl+C or the context menu
 * copies the selected lines) and the input line after a `0:000>` prompt; Enter runs, Up and Down walk the history,
 * Tab completes (Shift+Tab goes back through the candidates), Escape clears. The candidates of a Tab show in a row
 * under the input line.
 */
public final class ConsoleView extends VBox {
    public static final String INPUT_ID = "consoleInput";
    public static final String OUTPUT_ID = "consoleOutput";
    public static final String COMPLETIONS_ID = "consoleCompletions";
    public static final String HINT_ID = "consoleHint";
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final TextField input = new TextField();
    private final ListView<ConsoleLine> output;

    public ConsoleView(ConsoleViewModel viewModel) {
        getStyleClass().add(StyleClasses.PANE);
        Label title = new Label("Console   (!heap -a, !heap -x p, dt _HEAP h, db p L40, "
            + "q = HeapAlloc(h, 0, 0x10);  F1 lists the commands, Tab completes, a click on an address selects its "
            + "block)");
        title.getStyleClass().add(StyleClasses.PANE_TITLE);

        output = new ListView<>(viewModel.lines());
        output.setId(OUTPUT_ID);
        output.getStyleClass().add(StyleClasses.CONSOLE_OUTPUT);
        output.setCellFactory(list -> new ConsoleLineCell(address -> {
            viewModel.openLink(address);
            input.requestFocus(); // a link is a jump, not a change of what is being typed
        }));
        output.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        output.setPlaceholder(new Label("Type a command below and press Enter."));
        output.setContextMenu(contextMenu(viewModel));
        output.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copy(selectedText());
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
        input.setPromptText("!heap -a    db a L40    ? a + 0n16    b = HeapAlloc(h, 0, 0x18)    (Tab completes)");
        input.textProperty().bindBidirectional(viewModel.inputProperty());
        input.setOnAction(e -> viewModel.submit());
        // A filter: Tab must not move the focus, and the field must not see Escape or Up and Down first.
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown() || (e.isShiftDown() && e.getCode() != KeyCode.TAB)) {
                return;
            }
            switch (e.getCode()) {
                case TAB -> input.positionCaret(viewModel.complete(input.getCaretPosition(), e.isShiftDown()));
                case ESCAPE -> viewModel.escape();
                case UP -> {
                    viewModel.historyUp();
                    input.end();
                }
                case DOWN -> {
                    viewModel.historyDown();
                    input.end();
                }
                default -> {
                    return;
                }
            }
            e.consume();
        });
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox inputRow = new HBox(prompt, input);
        inputRow.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, output, inputRow, completionRow(viewModel));
        sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                scene.addEventHandler(KeyEvent.KEY_TYPED, this::typeIntoInput);
            }
        });
    }

    /**
     * Typing while the focus is elsewhere (the log, the heap map after a click, a button) goes to the input line, as
     * in a debugger's command window: a handler, so it only gets what no control took (text fields keep theirs).
     * Blanks are left alone, since Space presses a focused button.
     */
    private void typeIntoInput(KeyEvent e) {
        String c = e.getCharacter();
        if (input.isFocused() || e.isShortcutDown() || e.isAltDown() || c.length() != 1 || c.charAt(0) <= ' '
            || c.charAt(0) == 127 || e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        input.requestFocus();
        input.appendText(c);
        input.end();
        e.consume();
    }

    public TextField input() {
        return input;
    }

    public ListView<ConsoleLine> output() {
        return output;
    }

    /** The candidates of the last Tab, the one on the line marked, and what the word does. */
    private static VBox completionRow(ConsoleViewModel viewModel) {
        FlowPane candidates = new FlowPane();
        candidates.setId(COMPLETIONS_ID);
        candidates.getStyleClass().add(StyleClasses.CONSOLE_COMPLETIONS);
        Label hint = new Label();
        hint.setId(HINT_ID);
        hint.getStyleClass().add(StyleClasses.CONSOLE_HINT);
        hint.textProperty().bind(viewModel.completionHintProperty());
        Runnable fill = () -> {
            candidates.getChildren().clear();
            int current = viewModel.completionIndexProperty().get();
            for (int i = 0; i < viewModel.completions().size(); i++) {
                Label word = new Label(viewModel.completions().get(i));
                word.getStyleClass().add(StyleClasses.CONSOLE_CANDIDATE);
                if (i == current) {
                    word.getStyleClass().add(StyleClasses.CONSOLE_CANDIDATE_CURRENT);
                }
                candidates.getChildren().add(word);
            }
        };
        viewModel.completions().addListener((ListChangeListener<String>) c -> fill.run());
        viewModel.completionIndexProperty().addListener((o, old, now) -> fill.run());
        VBox row = new VBox(candidates, hint);
        row.getStyleClass().add(StyleClasses.CONSOLE_COMPLETION_ROW);
        row.visibleProperty().bind(viewModel.completionHintProperty().isNotEmpty());
        row.managedProperty().bind(row.visibleProperty());
        candidates.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.completions()));
        candidates.managedProperty().bind(candidates.visibleProperty());
        return row;
    }

    private ContextMenu contextMenu(ConsoleViewModel viewModel) {
        MenuItem copy = new MenuItem("Copy");
        copy.setAccelerator(COPY);
        copy.setOnAction(e -> copy(selectedText()));
        copy.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(
            output.getSelectionModel().getSelectedItems()));
        MenuItem copyAll = new MenuItem("Copy All");
        copyAll.setOnAction(e -> copy(viewModel.allText()));
        MenuItem selectAll = new MenuItem("Select All");
        selectAll.setOnAction(e -> output.getSelectionModel().selectAll());
        MenuItem clear = new MenuItem("Clear");
        clear.setOnAction(e -> viewModel.clear());
        return new ContextMenu(copy, copyAll, selectAll, new SeparatorMenuItem(), clear);
    }

    private String selectedText() {
        return output.getSelectionModel().getSelectedItems().stream().map(ConsoleLine::text)
            .collect(Collectors.joining("\n"));
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
