package heaplab.app.inspector;

import heaplab.app.theme.StyleClasses;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;

import java.util.List;
import java.util.Optional;

/**
 * The block inspector pane: which block is selected, its decoded header in a ControlsFX PropertySheet (read-only,
 * in the order of the structure) and its bytes in a virtualised list, a `db` line per row.
 */
public final class InspectorView extends VBox {
    public static final String TITLE_ID = "inspectorTitle";
    public static final String HEX_ID = "hexDump";

    private final PropertySheet sheet = new PropertySheet();

    public InspectorView(InspectorViewModel viewModel) {
        getStyleClass().add(StyleClasses.PANE);
        Label paneTitle = new Label("Block inspector");
        paneTitle.getStyleClass().add(StyleClasses.PANE_TITLE);
        Label title = new Label();
        title.setId(TITLE_ID);
        title.setWrapText(true);
        title.getStyleClass().add(StyleClasses.INSPECTOR_TITLE);
        title.textProperty().bind(viewModel.titleProperty());

        // NAME mode keeps the fields in the view model's order; CATEGORY mode would fold groups in an accordion.
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setPropertyEditorFactory(ReadOnlyEditor::new);
        showFields(viewModel.fields());
        viewModel.fields().addListener((ListChangeListener<HeaderField>) c -> showFields(viewModel.fields()));

        ListView<HexLine> hex = new ListView<>(viewModel.hexLines());
        hex.setId(HEX_ID);
        hex.getStyleClass().add(StyleClasses.HEX_DUMP);
        hex.setCellFactory(list -> new HexCell());
        hex.setPlaceholder(new Label("The selected block's bytes appear here."));

        SplitPane split = new SplitPane(sheet, hex);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.56);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(paneTitle, title, split);
    }

    private void showFields(List<HeaderField> fields) {
        sheet.getItems().setAll(fields.stream().map(FieldItem::new).toList());
    }

    /** A header field as a read-only PropertySheet item. */
    private record FieldItem(HeaderField field) implements PropertySheet.Item {
        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public String getCategory() {
            return field.category();
        }

        @Override
        public String getName() {
            return field.name();
        }

        @Override
        public String getDescription() {
            return field.description();
        }

        @Override
        public Object getValue() {
            return field.value();
        }

        @Override
        public void setValue(Object value) {
            // Read-only: the inspector shows memory, it does not edit it.
        }

        @Override
        public Optional<ObservableValue<?>> getObservableValue() {
            return Optional.empty();
        }

        /**
         * True only so that the PropertySheet does not disable (grey out) the editor; the editor itself is a
         * non-editable text field, which keeps the value readable and copyable.
         */
        @Override
        public boolean isEditable() {
            return true;
        }
    }

    /** A selectable, non-editable monospace field: students copy addresses into the console. */
    private static final class ReadOnlyEditor extends AbstractPropertyEditor<String, TextField> {
        ReadOnlyEditor(PropertySheet.Item item) {
            super(item, new TextField(String.valueOf(item.getValue())), true);
            getEditor().setEditable(false);
            getEditor().getStyleClass().add(StyleClasses.MONOSPACE);
        }

        @Override
        protected ObservableValue<String> getObservableValue() {
            return getEditor().textProperty();
        }

        @Override
        public void setValue(String value) {
            getEditor().setText(value);
        }
    }

    private static final class HexCell extends ListCell<HexLine> {
        @Override
        protected void updateItem(HexLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(StyleClasses.HEX_HEADER, StyleClasses.HEX_UNREADABLE, StyleClasses.HEX_NOTE);
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line.text());
            switch (line.kind()) {
                case HEADER -> getStyleClass().add(StyleClasses.HEX_HEADER);
                case UNREADABLE -> getStyleClass().add(StyleClasses.HEX_UNREADABLE);
                case NOTE -> getStyleClass().add(StyleClasses.HEX_NOTE);
                case DATA -> { }
            }
        }
    }
}
