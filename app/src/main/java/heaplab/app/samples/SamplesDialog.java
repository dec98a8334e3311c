package heaplab.app.samples;

import heaplab.app.theme.DialogStyleClasses;
import heaplab.engine.scenario.SampleInfo;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * File > Samples: the built-in samples by topic in a tree, the selected one's title and summary beside it. A
 * double-click or Enter on a sample opens it (Enter on a topic folds it); arrows move, typing (in the list too)
 * filters it and Down goes from the filter into the list. Binds to a {@link SamplesViewModel}.
 */
public final class SamplesDialog extends Dialog<ButtonType> {
    public static final String TREE_ID = "samplesTree";
    public static final String FILTER_ID = "samplesFilter";
    public static final ButtonType OPEN = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);

    private final SamplesViewModel viewModel;
    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("samples"));

    public SamplesDialog(SamplesViewModel viewModel, Window owner) {
        this.viewModel = viewModel;
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        DialogStyleClasses.themeLike(this, owner);
        setTitle("Samples");
        setHeaderText("The built-in samples, by topic. Double-click a sample or press Enter to open it.");
        setResizable(true);

        TextField filter = new TextField();
        filter.setId(FILTER_ID);
        filter.setPromptText("Filter: words of a title or summary");
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        filter.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN) {
                tree.requestFocus();
                selectFirstSampleIfNone();
                e.consume();
            }
        });

        tree.setId(TREE_ID);
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new SampleCell());
        tree.setPrefSize(440, 460);
        tree.setMinWidth(300);
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) ->
            viewModel.selectedProperty().set(item != null && item.getValue() instanceof SampleInfo s ? s : null));
        tree.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                TreeItem<Object> item = tree.getSelectionModel().getSelectedItem();
                if (item != null && item.getValue() instanceof SampleInfo) {
                    openButton().fire();
                } else if (item != null) {
                    item.setExpanded(!item.isExpanded());
                }
                e.consume();
            }
        });

        // Typing while the list has the focus filters: the letters go to the filter, which takes the focus.
        tree.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            String typed = e.getCharacter();
            if (!typed.isEmpty() && !Character.isISOControl(typed.charAt(0)) && !e.isControlDown() && !e.isAltDown()
                && !e.isMetaDown()) {
                filter.requestFocus();
                filter.appendText(typed);
                filter.end();
                e.consume();
            }
        });

        VBox details = details();
        HBox.setHgrow(details, Priority.ALWAYS);
        HBox browser = new HBox(10, tree, details);
        VBox.setVgrow(browser, Priority.ALWAYS);
        VBox content = new VBox(8, filter, browser);
        content.setPadding(new Insets(4, 0, 0, 0));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(OPEN, ButtonType.CANCEL);
        openButton().disableProperty().bind(viewModel.canOpenProperty().not());
        // Open closes the browser only when the sample opened; a failure has shown its message and the user may
        // pick another one.
        openButton().addEventFilter(ActionEvent.ACTION, e -> {
            if (!viewModel.openSelected()) {
                e.consume();
            }
        });

        rebuild();
        viewModel.groups().addListener((ListChangeListener<SamplesViewModel.SampleGroup>) c -> rebuild());
        setOnShown(e -> tree.requestFocus());
    }

    public TreeView<Object> tree() {
        return tree;
    }

    public Button openButton() {
        return (Button) getDialogPane().lookupButton(OPEN);
    }

    private VBox details() {
        Label title = new Label();
        title.getStyleClass().add(DialogStyleClasses.HEADING);
        title.setWrapText(true);
        Label name = new Label();
        name.getStyleClass().add(DialogStyleClasses.SUBHEADING);
        Label summary = new Label();
        summary.getStyleClass().add(DialogStyleClasses.BODY);
        summary.setWrapText(true);
        VBox box = new VBox(6, title, name, summary);
        box.setPrefWidth(340);
        box.setMinWidth(220);
        box.setPadding(new Insets(4, 4, 4, 4));
        java.util.function.Consumer<SampleInfo> show = sample -> {
            title.setText(sample == null ? "Choose a sample" : sample.title());
            name.setText(sample == null ? "" : "sample:" + sample.name()
                + (sample.topic().isBlank() ? "" : "   \u2014 " + sample.topic()));
            summary.setText(sample == null ? "Each topic lists its samples from the first steps to the finer "
                + "points." : sample.summary().isBlank() ? "(no summary)" : sample.summary());
        };
        viewModel.selectedProperty().addListener((obs, old, sample) -> show.accept(sample));
        show.accept(viewModel.selectedProperty().get());
        return box;
    }

    /** Rebuilds the tree from the groups, keeping the selected sample when it is still shown. */
    private void rebuild() {
        SampleInfo selected = viewModel.selectedProperty().get();
        TreeItem<Object> root = tree.getRoot();
        root.getChildren().clear();
        TreeItem<Object> toSelect = null;
        for (SamplesViewModel.SampleGroup group : viewModel.groups()) {
            TreeItem<Object> topic = new TreeItem<>(group.topic());
            topic.setExpanded(true);
            for (SampleInfo sample : group.samples()) {
                TreeItem<Object> leaf = new TreeItem<>(sample);
                topic.getChildren().add(leaf);
                if (sample.equals(selected)) {
                    toSelect = leaf;
                }
            }
            root.getChildren().add(topic);
        }
        if (toSelect != null) {
            tree.getSelectionModel().select(toSelect);
            int row = tree.getRow(toSelect);
            tree.scrollTo(Math.max(0, row - 3));
        } else {
            tree.getSelectionModel().clearSelection();
            selectFirstSampleIfNone();
        }
    }

    private void selectFirstSampleIfNone() {
        if (tree.getSelectionModel().getSelectedItem() == null && !tree.getRoot().getChildren().isEmpty()) {
            TreeItem<Object> topic = tree.getRoot().getChildren().get(0);
            tree.getSelectionModel().select(topic.getChildren().isEmpty() ? topic : topic.getChildren().get(0));
        }
    }

    /** A topic in bold; a sample by its title, its name in the tooltip-free grey of a hint. */
    private final class SampleCell extends TreeCell<Object> {
        SampleCell() {
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !isEmpty()
                    && getItem() instanceof SampleInfo) {
                    openButton().fire();
                }
            });
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove(DialogStyleClasses.TOPIC);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
            } else if (item instanceof SampleInfo sample) {
                setText(sample.title());
                setGraphic(null);
            } else {
                setText(item.toString());
                setGraphic((Node) null);
                getStyleClass().add(DialogStyleClasses.TOPIC);
            }
        }
    }
}
