package heaplab.app.main;

import heaplab.app.console.ConsoleView;
import heaplab.app.diff.DiffView;
import heaplab.app.freelists.FreeListsView;
import heaplab.app.heapmap.HeapMapView;
import heaplab.app.inspector.InspectorView;
import heaplab.app.steps.StepsView;
import heaplab.app.steps.TimelineView;
import heaplab.app.theme.Palette;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The main window's content: menu and toolbar on top; steps on the left, the heap map in the middle, free lists
 * over the inspector on the right; the console and the diff in tabs along the bottom. Only binds and lays out.
 */
public final class MainView extends BorderPane {
    /** The tabs along the bottom: Console, Diff. */
    public static final String BOTTOM_TABS_ID = "bottomTabs";
    private final HeapMapView heapMap;
    private final ConsoleView console;
    private final FreeListsView freeLists;
    private final TimelineView timeline;
    private final InspectorView inspector;
    private final MainMenuBar menuBar;

    public MainView(MainViewModel viewModel, Palette palette) {
        HeapViews views = viewModel.heapViews();
        heapMap = new HeapMapView(views.heapMap(), palette);
        console = new ConsoleView(viewModel.console());
        timeline = new TimelineView(viewModel.timeline(), palette);
        StepsView steps = new StepsView(viewModel.steps(), timeline);
        freeLists = new FreeListsView(views.freeLists(), palette);
        inspector = new InspectorView(views.inspector(), palette);

        SplitPane right = new SplitPane(freeLists, inspector);
        right.setOrientation(Orientation.VERTICAL);
        right.setId("rightSplit");
        right.setDividerPositions(0.42);
        SplitPane columns = new SplitPane(steps, heapMap, right);
        columns.setDividerPositions(0.22, 0.6);
        columns.setId("columnsSplit");
        SplitPane.setResizableWithParent(steps, false);
        Tab consoleTab = new Tab("Console", console);
        Tab diffTab = new Tab("Diff", new DiffView(viewModel.diff()));
        // Choosing a base step reads the session: not while a long move has it on the worker.
        diffTab.disableProperty().bind(viewModel.movingProperty());
        TabPane bottom = new TabPane(consoleTab, diffTab);
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottom.setId(BOTTOM_TABS_ID);
        SplitPane rows = new SplitPane(columns, bottom);
        rows.setOrientation(Orientation.VERTICAL);
        rows.setId("rowsSplit");
        rows.setDividerPositions(0.75);
        SplitPane.setResizableWithParent(bottom, false);

        menuBar = new MainMenuBar(viewModel);
        VBox top = new VBox(menuBar, new NavigationToolBar(viewModel));
        if (viewModel.backgroundLoads() != null) {
            top.getChildren().add(new LoadView(viewModel.backgroundLoads()));
        }
        if (viewModel.backgroundMoves() != null) {
            top.getChildren().add(new LoadView(viewModel.backgroundMoves(), LoadView.MOVE_CANCEL_ID));
        }
        setTop(top);
        setCenter(rows);
    }

    public HeapMapView heapMap() {
        return heapMap;
    }

    public ConsoleView console() {
        return console;
    }

    public MainMenuBar menuBar() {
        return menuBar;
    }

    /** Repaints every Canvas diagram in a theme's colours; the stylesheets are the scene's (HeapLabApp). */
    public void setPalette(Palette palette) {
        heapMap.setPalette(palette);
        freeLists.setPalette(palette);
        timeline.setPalette(palette);
        inspector.setPalette(palette);
    }
}
