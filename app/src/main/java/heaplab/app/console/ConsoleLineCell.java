package heaplab.app.console;

import heaplab.app.theme.StyleClasses;
import javafx.scene.Cursor;
import javafx.scene.control.ListCell;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.function.LongConsumer;

/**
 * One console line: its text, with each address the view model found ({@link ConsoleLine#links()}) as a link that
 * is underlined under the pointer and selects its block when clicked. Only the visible cells exist (the ListView
 * reuses them), so a long log costs no more than a short one.
 */
final class ConsoleLineCell extends ListCell<ConsoleLine> {
    private final LongConsumer open;
    private final TextFlow flow = new TextFlow();

    ConsoleLineCell(LongConsumer open) {
        this.open = open;
        flow.getStyleClass().add(StyleClasses.CONSOLE_LINE);
        // One handler per cell, not one per link Text (cells are reused, Texts are made per line): it asks which
        // Text is under the pointer and opens the address that Text carries.
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()
                && e.getPickResult().getIntersectedNode() instanceof Text t
                && t.getUserData() instanceof Long address) {
                open.accept(address);
                e.consume();
            }
        });
    }

    @Override
    protected void updateItem(ConsoleLine line, boolean empty) {
        super.updateItem(line, empty);
        getStyleClass().removeAll(StyleClasses.CONSOLE_ECHO, StyleClasses.CONSOLE_ERROR, StyleClasses.CONSOLE_NOTE);
        setText(null);
        if (empty || line == null) {
            setGraphic(null);
            return;
        }
        switch (line.kind()) {
            case ECHO -> getStyleClass().add(StyleClasses.CONSOLE_ECHO);
            case ERROR -> getStyleClass().add(StyleClasses.CONSOLE_ERROR);
            case NOTE -> getStyleClass().add(StyleClasses.CONSOLE_NOTE);
            case OUTPUT -> { }
        }
        flow.getChildren().clear();
        String text = line.text();
        int at = 0;
        for (AddressLink link : line.links()) {
            if (link.start() > at) {
                flow.getChildren().add(plain(text.substring(at, link.start())));
            }
            flow.getChildren().add(link(text.substring(link.start(), link.end()), link.address()));
            at = link.end();
        }
        if (at < text.length() || text.isEmpty()) {
            flow.getChildren().add(plain(text.substring(at)));
        }
        setGraphic(flow);
    }

    private static Text plain(String text) {
        Text t = new Text(text);
        t.getStyleClass().add(StyleClasses.CONSOLE_TEXT);
        return t;
    }

    private Text link(String text, long address) {
        Text t = new Text(text);
        t.getStyleClass().addAll(StyleClasses.CONSOLE_TEXT, StyleClasses.CONSOLE_LINK);
        t.setCursor(Cursor.HAND);
        t.setUserData(address);
        return t;
    }
}
