package heaplab.app.main;

import heaplab.app.theme.Themes;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

import java.nio.file.Path;
import java.util.Map;

/**
 * The menus of the window around the session, added to {@link MainMenuBar}: File > Open Recent and Samples, View
 * (theme, heap map zoom) and Help. A separate class so that the debugger menus and these grow apart.
 */
public final class WindowMenus {
    public static final String OPEN_RECENT_ID = "openRecentMenu";
    public static final String CLEAR_RECENT_ID = "clearRecent";
    public static final String SAMPLES_ID = "samplesItem";
    public static final String VIEW_MENU_ID = "viewMenu";
    public static final String HELP_MENU_ID = "helpMenu";
    private static final Map<String, String> THEME_NAMES = Map.of(Themes.LIGHT, "Light theme", Themes.DARK,
        "Dark theme");

    private final WindowViewModel viewModel;
    private final Menu openRecent = new Menu("Open Recent");

    /**
     * @param showSamples opens the sample browser
     * @param help        the Help menu's windows
     */
    public WindowMenus(MenuBar menuBar, WindowViewModel viewModel, MainView view, Runnable showSamples,
                       HelpDialogs help) {
        this.viewModel = viewModel;
        openRecent.setId(OPEN_RECENT_ID);
        MenuItem samples = action("Samples\u2026", showSamples);
        samples.setId(SAMPLES_ID);
        Menu file = menuBar.getMenus().stream().filter(m -> "fileMenu".equals(m.getId())).findFirst()
            .orElseGet(() -> menuBar.getMenus().get(0));
        // After Open, where every editor has them.
        file.getItems().addAll(Math.min(1, file.getItems().size()), java.util.List.of(openRecent, samples));
        viewModel.recentFiles().files().addListener((ListChangeListener<Path>) c -> fillOpenRecent());
        fillOpenRecent();

        menuBar.getMenus().addAll(viewMenu(view), helpMenu(help));
    }

    private void fillOpenRecent() {
        openRecent.getItems().clear();
        int number = 1;
        for (Path file : viewModel.recentFiles().files()) {
            Path parent = file.getParent();
            MenuItem item = action(number + "  " + file.getFileName() + (parent == null ? "" : "   " + parent),
                () -> viewModel.openRecent(file));
            // File names hold underscores, which would otherwise turn into mnemonics and vanish.
            item.setMnemonicParsing(false);
            openRecent.getItems().add(item);
            number++;
        }
        if (openRecent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recent files");
            none.setDisable(true);
            openRecent.getItems().add(none);
        }
        MenuItem clear = action("Clear recent", viewModel::clearRecent);
        clear.setId(CLEAR_RECENT_ID);
        clear.disableProperty().bind(viewModel.recentFiles().emptyProperty());
        openRecent.getItems().addAll(new SeparatorMenuItem(), clear);
    }

    private Menu viewMenu(MainView view) {
        Menu menu = new Menu("View");
        menu.setId(VIEW_MENU_ID);
        ToggleGroup themes = new ToggleGroup();
        for (String theme : Themes.NAMES) {
            RadioMenuItem item = new RadioMenuItem(THEME_NAMES.getOrDefault(theme, theme));
            item.setId(theme + "Theme");
            item.setToggleGroup(themes);
            item.setSelected(theme.equals(viewModel.themeProperty().get()));
            item.setOnAction(e -> viewModel.setTheme(theme));
            viewModel.themeProperty().addListener((obs, old, now) -> item.setSelected(theme.equals(now)));
            menu.getItems().add(item);
        }
        menu.getItems().addAll(new SeparatorMenuItem(),
            accelerated(action("Zoom in", () -> view.heapMap().zoomIn()), Shortcuts.ZOOM_IN, "zoomIn"),
            accelerated(action("Zoom out", () -> view.heapMap().zoomOut()), Shortcuts.ZOOM_OUT, "zoomOut"),
            accelerated(action("Reset zoom", () -> view.heapMap().resetZoom()), Shortcuts.ZOOM_RESET,
                "resetZoom"));
        return menu;
    }

    private static Menu helpMenu(HelpDialogs help) {
        Menu menu = new Menu("Help");
        menu.setId(HELP_MENU_ID);
        MenuItem reference = accelerated(action("Command reference", help::showCommandReference), Shortcuts.HELP,
            "commandReference");
        MenuItem keys = action("Keyboard shortcuts", help::showKeyboardShortcuts);
        keys.setId("keyboardShortcuts");
        MenuItem about = action("About " + MainViewModel.APP_NAME, help::showAbout);
        about.setId("about");
        menu.getItems().addAll(reference, keys, new SeparatorMenuItem(), about);
        return menu;
    }

    private static MenuItem accelerated(MenuItem item, KeyCombination key, String id) {
        item.setAccelerator(key);
        item.setId(id);
        return item;
    }

    private static MenuItem action(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        return item;
    }
}
