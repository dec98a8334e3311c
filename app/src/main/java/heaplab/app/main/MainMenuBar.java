package heaplab.app.main;

import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

/** File (Open, Export PNG of each view, Exit) and Debug (the navigation commands, with their keys shown). */
public final class MainMenuBar extends MenuBar {

    public MainMenuBar(MainViewModel viewModel) {
        MenuItem open = item("Open\u2026", viewModel.openCommand());
        open.setAccelerator(Shortcuts.OPEN);
        Menu export = new Menu("Export PNG");
        export.setId("exportMenu");
        MenuItem heapMap = action("Heap map\u2026", () -> viewModel.exportPng("heap-map"));
        heapMap.setId("exportHeapMap");
        heapMap.setAccelerator(Shortcuts.EXPORT);
        export.getItems().addAll(heapMap,
            action("Free lists\u2026", () -> viewModel.exportPng("free-lists")),
            action("Block inspector\u2026", () -> viewModel.exportPng("inspector")),
            action("Timeline\u2026", () -> viewModel.exportPng("timeline")));
        MenuItem exit = action("Exit", Platform::exit);
        Menu file = new Menu("File", null, open, export, new SeparatorMenuItem(), exit);
        file.setId("fileMenu");

        Menu debug = new Menu("Debug", null,
            shown(item("Step", viewModel.stepCommand()), Shortcuts.STEP),
            shown(item("Step back", viewModel.backCommand()), Shortcuts.BACK),
            shown(item("Run", viewModel.runCommand()), Shortcuts.RUN),
            shown(item("Run back", viewModel.runBackCommand()), Shortcuts.RUN_BACK),
            shown(item("Restart", viewModel.restartCommand()), Shortcuts.RESTART),
            new SeparatorMenuItem(),
            shown(item("Toggle breakpoint", viewModel.toggleBreakpointCommand()), Shortcuts.TOGGLE_BREAKPOINT),
            shown(item("Go to step\u2026", viewModel.goToStepCommand()), Shortcuts.GO_TO_STEP));
        getMenus().addAll(file, debug);
    }

    private static MenuItem item(String text, Command command) {
        MenuItem item = action(text, command::execute);
        item.disableProperty().bind(command.executableProperty().not());
        return item;
    }

    private static MenuItem action(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        return item;
    }

    /**
     * Shows a key in the menu's key column without making it the item's accelerator: {@link Shortcuts} handles these
     * keys, and a real accelerator would run the command twice or lose F10 to the menu bar. (A tab in the text, as
     * before, ran the key into the label: "Step backShift+F10".)
     */
    private static MenuItem shown(MenuItem item, KeyCombination key) {
        item.setAccelerator(new ShownKey(key));
        return item;
    }

    /** A key that a menu displays but that never matches a key press. */
    static final class ShownKey extends KeyCombination {
        private final KeyCombination key;

        ShownKey(KeyCombination key) {
            this.key = key;
        }

        @Override
        public boolean match(javafx.scene.input.KeyEvent event) {
            return false;
        }

        @Override
        public String getDisplayText() {
            return key.getDisplayText();
        }

        @Override
        public String getName() {
            return key.getName();
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
