package heaplab.app.inspector;

import heaplab.app.canvas.DiagramFonts;
import heaplab.app.theme.Palette;
import heaplab.app.theme.StyleClasses;
import heaplab.engine.inspect.ByteKind;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The block inspector pane: a jump field, which block is selected, its headers in a ControlsFX PropertySheet with one
 * category per layer (in the layers' order, after the damage found if any), and its bytes in a virtualised list
 * drawn by {@link HexLinePainter} in the heap map's colours, with a legend of the kinds shown.
 */
public final class InspectorView extends VBox {
    public static final String TITLE_ID = "inspectorTitle";
    public static final String HEX_ID = "hexDump";
    public static final String JUMP_ID = "inspectorJump";
    public static final String JUMP_MESSAGE_ID = "inspectorJumpMessage";
    public static final String DAMAGE_ID = "inspectorDamage";

    private final PropertySheet sheet = new PropertySheet();
    private final List<String> categoryOrder = new ArrayList<>();
    private HexLinePainter painter;
    private final InspectorViewModel viewModel;
    private ListView<HexLine> hexList;
    private FlowPane legendPane;

    public InspectorView(InspectorViewModel viewModel, Palette palette) {
        this.viewModel = viewModel;
        this.painter = new HexLinePainter(palette);
        getStyleClass().add(StyleClasses.PANE);
        Label paneTitle = new Label("Block inspector");
        paneTitle.getStyleClass().add(StyleClasses.PANE_TITLE);
        Label title = new Label();
        title.setId(TITLE_ID);
        title.setWrapText(true);
        title.getStyleClass().add(StyleClasses.INSPECTOR_TITLE);
        title.textProperty().bind(viewModel.titleProperty());

        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setPropertyEditorFactory(ReadOnlyEditor::new);
        // The sheet sorts categories; the view model's order is the layers' order (outermost header first).
        sheet.setCategoryComparator((a, b) -> Integer.compare(rank(a), rank(b)));
        showFields(viewModel.fields());
        viewModel.fields().addListener((ListChangeListener<HeaderField>) c -> showFields(viewModel.fields()));

        ListView<HexLine> hex = new ListView<>(viewModel.hexLines());
        hex.setId(HEX_ID);
        hex.getStyleClass().add(StyleClasses.HEX_DUMP);
        hex.setCellFactory(list -> new HexCell(() -> painter));
        hexList = hex;
        hex.setFixedCellSize(HexLinePainter.HEIGHT + 2);
        hex.setPlaceholder(new Label("The selected block's bytes appear here."));

        FlowPane legend = new FlowPane();
        legend.getStyleClass().add(StyleClasses.INSPECTOR_LEGEND);
        // Wrap at the pane's width (FlowPane's default is a fixed 400 px, which would hide a second row).
        legend.prefWrapLengthProperty().bind(widthProperty().subtract(20));
        showLegend(legend, viewModel);
        viewModel.legend().addListener((ListChangeListener<ByteKind>) c -> showLegend(legend, viewModel));
        legendPane = legend;

        VBox bytes = new VBox(legend, hex);
        VBox.setVgrow(hex, Priority.ALWAYS);
        SplitPane split = new SplitPane(sheet, bytes);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        Label damage = new Label();
        damage.setId(DAMAGE_ID);
        damage.setWrapText(true);
        damage.getStyleClass().add(StyleClasses.INSPECTOR_DAMAGE);
        damage.textProperty().bind(viewModel.damageProperty());
        damage.managedProperty().bind(damage.textProperty().isNotEmpty());
        damage.visibleProperty().bind(damage.managedProperty());
        getChildren().addAll(paneTitle, jumpRow(viewModel), jumpMessage(viewModel), title, damage, split);
    }

    private static Node jumpRow(InspectorViewModel viewModel) {
        TextField field = new TextField();
        field.setId(JUMP_ID);
        field.setPromptText("Go to: address, variable or expression (p+8)");
        field.getStyleClass().add(StyleClasses.MONOSPACE);
        field.textProperty().bindBidirectional(viewModel.jumpTextProperty());
        field.setOnAction(e -> viewModel.jump());
        Button go = new Button("Go");
        go.setOnAction(e -> viewModel.jump());
        HBox row = new HBox(field, go);
        HBox.setHgrow(field, Priority.ALWAYS);
        row.getStyleClass().add(StyleClasses.INSPECTOR_JUMP);
        return row;
    }

    private static Node jumpMessage(InspectorViewModel viewModel) {
        Label message = new Label();
        message.setId(JUMP_MESSAGE_ID);
        message.setWrapText(true);
        message.getStyleClass().add(StyleClasses.INSPECTOR_JUMP_MESSAGE);
        message.textProperty().bind(viewModel.jumpMessageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        viewModel.jumpErrorProperty().addListener((o, was, error) -> {
            message.getStyleClass().remove(StyleClasses.INSPECTOR_JUMP_ERROR);
            if (error) {
                message.getStyleClass().add(StyleClasses.INSPECTOR_JUMP_ERROR);
            }
        });
        return message;
    }

    private int rank(String category) {
        int i = categoryOrder.indexOf(category);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private void showFields(List<HeaderField> fields) {
        categoryOrder.clear();
        fields.stream().map(HeaderField::category).distinct().forEach(categoryOrder::add);
        sheet.getItems().setAll(fields.stream().map(FieldItem::new).toList());
        // The sheet shows one category at a time (an accordion) and opens the first: the view model puts the
        // damage found first when there is some, then the layers from the outermost header.
    }

    /** Repaints the hex dump and its key in another theme's colours (View > Light / Dark). */
    public void setPalette(Palette palette) {
        painter = new HexLinePainter(palette);
        showLegend(legendPane, viewModel);
        hexList.refresh();
    }

    private void showLegend(FlowPane legend, InspectorViewModel viewModel) {
        legend.getChildren().clear();
        ByteColours colours = painter.colours();
        if (viewModel.getModel().damaged()) {
            legend.getChildren().add(chip("damaged", colours, ByteKind.DATA, true));
        }
        for (ByteKind kind : viewModel.legend()) {
            legend.getChildren().add(chip(kind.label(), colours, kind, false));
        }
    }

    private static Label chip(String text, ByteColours colours, ByteKind kind, boolean damaged) {
        Rectangle swatch = new Rectangle(10, 10, colours.background(kind, damaged));
        swatch.setStroke(damaged ? colours.damageBorder() : colours.hatch());
        Label label = new Label(text, swatch);
        label.setGraphicTextGap(4);
        return label;
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

    /** A line of bytes drawn on a canvas by the painter the export uses; the text stays for accessibility. */
    private static final class HexCell extends ListCell<HexLine> {
        private final java.util.function.Supplier<HexLinePainter> painter;
        private final Canvas canvas = new Canvas(HexLinePainter.width(17), HexLinePainter.HEIGHT);

        HexCell(java.util.function.Supplier<HexLinePainter> painter) {
            this.painter = painter;
        }

        @Override
        protected void updateItem(HexLine line, boolean empty) {
            super.updateItem(line, empty);
            setText(null);
            if (empty || line == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            // As wide as the line needs: x86 addresses are 8 digits, x64 ones 17 characters with the tick.
            int addressChars = line.bytes().isEmpty() ? 17 : line.text().indexOf("  ");
            canvas.setWidth(line.bytes().isEmpty() ? DiagramFonts.width(line.text(), DiagramFonts.MONO)
                : HexLinePainter.width(addressChars));
            GraphicsContext gc = canvas.getGraphicsContext2D();
            gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            painter.get().paint(gc, line, 0, 0);
            setGraphic(canvas);
            setAccessibleText(line.text());
        }
    }
}
