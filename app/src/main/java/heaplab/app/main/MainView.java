package heaplab.app.main;

import heaplab.app.console.ConsoleView;
import heaplab.app.freelists.FreeListsView;
import heaplab.app.heapmap.HeapMapView;
import heaplab.app.inspector.InspectorView;
import heaplab.app.steps.StepsView;
import heaplab.app.steps.TimelineView;
import heaplab.app.theme.Palette;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The main window's content: menu and toolbar on top; steps on the left, the heap map in the middle, free lists
 * over the inspector on the right; the console along the bottom. Only binds and lays out.
 */
public final class MainView extends BorderPane {
    private final HeapMapView heapMap;
    private final ConsoleView console;

    public MainView(MainViewModel viewModel, Palette palette) {
        HeapViews views = viewModel.heapViews();
        heapMap = new HeapMapView(views.heapMap(), palette);
        console = new ConsoleView(viewModel.console());
        StepsView steps = new StepsView(viewModel.steps(), new TimelineView(viewModel.timeline(), palette));
        FreeListsView freeLists = new FreeListsView(views.freeLists(), palette);
        InspectorView inspector = new InspectorView(views.inspector(), palette);

        SplitPane right = new SplitPane(freeLists, inspector);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.42);
        SplitPane columns = new SplitPane(steps, heapMap, right);
        columns.setDividerPositions(0.22, 0.6);
        SplitPane.setResizableWithParent(steps, false);
        SplitPane rows = new SplitPane(columns, console);
        rows.setOrientation(Orientation.VERTICAL);
        rows.setDividerPositions(0.75);
        SplitPane.setResizableWithParent(console, false);

        setTop(new VBox(new MainMenuBar(viewModel), new NavigationToolBar(viewModel)));
        setCenter(rows);
    }

    public HeapMapView heapMap() {
        return heapMap;
    }

    public ConsoleView console() {
        return console;
    }
}
