package heaplab.app;

import heaplab.app.main.HelpDialogs;
import heaplab.app.main.MainViewModel;
import heaplab.app.testing.FxWindowTest;
import heaplab.app.testing.RecordingDialogs;
import heaplab.app.main.WindowMenus;
import heaplab.app.prefs.AppPreferences;
import heaplab.app.prefs.MemoryPreferenceStore;
import heaplab.app.samples.SamplesDialog;
import heaplab.app.theme.Palette;
import heaplab.app.theme.Themes;
import heaplab.engine.console.CommandReference;
import heaplab.engine.scenario.ScenarioLoader;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window around the session, driven as a user does: the sample browser, the theme switched live, zoom keys,
 * the Help windows, Open Recent, and the preferences that bring the window back as it was.
 */
@FxWindowTest
class TeachingWindowFxTest {
    @TempDir
    static Path dir;

    private final MemoryPreferenceStore store = new MemoryPreferenceStore();
    private HeapLabApp app;
    private Stage stage;

    private final RecordingDialogs dialogs = RecordingDialogs.recording(dir);

    @Start
    void start(Stage stage) {
        this.stage = stage;
        AppPreferences prefs = new AppPreferences(store);
        prefs.setWindowBounds(new AppPreferences.WindowBounds(20, 30, 1100, 760, false));
        prefs.setDividers("columnsSplit", new double[] {0.3, 0.62});
        app = new HeapLabApp();
        app.show(stage, null, dialogs, store);
    }

    @Test
    void aSampleOpensFromTheBrowserByKeyboard(FxRobot robot) throws Exception {
        MainViewModel vm = app.viewModel();
        fire(menuItem(WindowMenus.SAMPLES_ID));
        SamplesDialog browser = WaitForAsyncUtils.asyncFx(() -> app.chrome().showSamples()).get(5, TimeUnit.SECONDS);
        assertTrue(browser.isShowing());
        assertEquals("first-fit", browser.tree().getSelectionModel().getSelectedItem().getValue() instanceof
            heaplab.engine.scenario.SampleInfo s ? s.name() : "", "the open sample is selected");
        List<String> topics = browser.tree().getRoot().getChildren().stream().map(t -> (String) t.getValue())
            .toList();
        assertEquals(List.of("NT heap basics", "Finding bugs with gflags", "Page heap", "CRT debug heap",
            "Low Fragmentation Heap"), topics);
        Scene scene = browser.getDialogPane().getScene();
        WindowSnapshots.save(scene, "samples-browser.png");

        // Type a filter (the letters typed in the list go to it), go down into the list, open with Enter.
        TextField filter = (TextField) scene.lookup("#" + SamplesDialog.FILTER_ID);
        WaitForAsyncUtils.asyncFx(() -> {
            browser.tree().requestFocus();
            for (String c : new String[] {"l", "e"}) {
                browser.tree().fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_TYPED, c, "",
                    KeyCode.UNDEFINED, false, false, false, false));
            }
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("le", filter.getText(), "letters typed in the list filter it");
        WaitForAsyncUtils.asyncFx(() -> filter.setText("leak"));
        WaitForAsyncUtils.waitForFxEvents();
        KeyPresses.press(scene, KeyCode.DOWN);
        var selected = browser.tree().getSelectionModel().getSelectedItem();
        assertTrue(selected.getValue() instanceof heaplab.engine.scenario.SampleInfo, String.valueOf(selected));
        String name = ((heaplab.engine.scenario.SampleInfo) selected.getValue()).name();
        assertTrue(name.contains("leak"), name);
        KeyPresses.press(scene, KeyCode.ENTER);

        assertFalse(browser.isShowing(), "the browser closes once the sample is open");
        assertEquals("sample:" + name, vm.session().scenario().source());
        assertEquals(ScenarioLoader.loadSample(name).title(), stage.getTitle().substring("HeapLab \u2014 ".length()));
        assertEquals(0, vm.positionProperty().get());
        assertEquals(List.of(), dialogs.errors());
    }

    @Test
    void aDoubleClickOnASampleOpensIt() throws Exception {
        SamplesDialog browser = WaitForAsyncUtils.asyncFx(() -> app.chrome().showSamples()).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        javafx.scene.control.TreeCell<Object> cell = browser.getDialogPane().lookupAll(".tree-cell").stream()
            .map(n -> (javafx.scene.control.TreeCell<Object>) n)
            .filter(c -> c.getItem() instanceof heaplab.engine.scenario.SampleInfo s && s.name().equals("coalescing"))
            .findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> {
            browser.tree().getSelectionModel().select(cell.getTreeItem());
            javafx.event.Event.fireEvent(cell, new javafx.scene.input.MouseEvent(
                javafx.scene.input.MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, javafx.scene.input.MouseButton.PRIMARY, 2,
                false, false, false, false, false, false, false, true, false, true, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(browser.isShowing());
        assertEquals("sample:coalescing", app.viewModel().session().scenario().source());
    }

    @Test
    void theThemeSwitchesTheLiveWindowAndExportsFollow(FxRobot robot) throws Exception {
        Scene scene = stage.getScene();
        assertEquals(Themes.stylesheets(Themes.LIGHT), scene.getStylesheets());
        Color light = Palette.of(Themes.LIGHT).background();
        Color dark = Palette.of(Themes.DARK).background();
        assertNotEquals(light, dark);
        assertEquals(light, cornerPixel(app.view().heapMap().canvas()));

        fire(menuItem("darkTheme"));
        assertEquals(Themes.stylesheets(Themes.DARK), scene.getStylesheets());
        assertEquals(Palette.of(Themes.DARK), app.view().heapMap().palette());
        assertEquals(dark, cornerPixel(app.view().heapMap().canvas()), "the heap map is repainted dark");
        assertEquals(dark, cornerPixel(robot.lookup("#freeListsCanvas").query()), "so are the free lists");
        assertEquals("dark", store.get("theme"), "remembered for the next run");
        WindowSnapshots.save(scene, "main-window-dark.png");

        // Export still works, in the window's colours.
        focusWindow();
        KeyPresses.press(scene, KeyCode.E, KeyCode.CONTROL);
        assertEquals(List.of(), dialogs.errors());
        BufferedImage png = ImageIO.read(dir.resolve("heap-map-step0.png").toFile());
        assertEquals(awt(dark), png.getRGB(1, 1) & 0xffffff, "the PNG is drawn in the dark palette");

        fire(menuItem("lightTheme"));
        assertEquals(Themes.stylesheets(Themes.LIGHT), scene.getStylesheets());
        assertEquals(light, cornerPixel(app.view().heapMap().canvas()));
    }

    @Test
    void zoomKeysZoomTheHeapMap() {
        var canvas = app.view().heapMap().canvas();
        double start = canvas.getZoom();
        Scene scene = stage.getScene();
        focusWindow();
        KeyPresses.press(scene, KeyCode.PLUS, KeyCode.CONTROL);
        assertEquals(start * 1.25, canvas.getZoom(), 1e-9, "Ctrl+Plus");
        KeyPresses.press(scene, KeyCode.EQUALS, KeyCode.CONTROL);
        assertEquals(start * 1.25 * 1.25, canvas.getZoom(), 1e-9, "Ctrl+= (the + key without Shift)");
        KeyPresses.press(scene, KeyCode.MINUS, KeyCode.CONTROL);
        assertEquals(start * 1.25, canvas.getZoom(), 1e-9, "Ctrl+Minus");
        KeyPresses.press(scene, KeyCode.DIGIT0, KeyCode.CONTROL);
        double fitWidth = Math.min(1, (canvas.getWidth() - 8) / canvas.getDiagram().width());
        assertEquals(fitWidth, canvas.getZoom(), 1e-9, "Ctrl+0 fits the map's width into the pane, as it opened");
    }

    @Test
    void helpShowsTheEnginesCommandsTheShortcutsAndAbout(FxRobot robot) throws Exception {
        fire(menuItem("commandReference"));
        Dialog<ButtonType> reference = WaitForAsyncUtils.asyncFx(() -> app.chrome().help().showCommandReference())
            .get(5, TimeUnit.SECONDS);
        assertTrue(reference.isShowing());
        Scene scene = reference.getDialogPane().getScene();
        ListView<?> commands = (ListView<?>) scene.lookup("#" + HelpDialogs.COMMANDS_ID);
        assertEquals(CommandReference.entries(), commands.getItems());
        TextArea help = (TextArea) scene.lookup("#" + HelpDialogs.COMMAND_HELP_ID);
        assertEquals(CommandReference.entries().get(0).help(), help.getText());
        assertTrue(help.getText().contains("!heap -triage [Handle | Address]"));
        WindowSnapshots.save(scene, "command-reference.png");
        WaitForAsyncUtils.asyncFx(() -> commands.fireEvent(new javafx.scene.input.KeyEvent(
            javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", javafx.scene.input.KeyCode.ESCAPE, false, false, false,
            false))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(reference.isShowing(), "Escape closes it, the focus in its list");

        fire(menuItem("keyboardShortcuts"));
        Dialog<ButtonType> keys = WaitForAsyncUtils.asyncFx(() -> app.chrome().help().showKeyboardShortcuts())
            .get(5, TimeUnit.SECONDS);
        assertTrue(keys.isShowing());
        List<String> texts = keys.getDialogPane().lookupAll(".label").stream().map(n -> ((Label) n).getText())
            .toList();
        for (String key : new String[] {"F10", "Shift+F10", "F5", "Shift+F5", "Ctrl+Shift+F5", "Ctrl+G", "Ctrl+O",
            "Ctrl+E", "Ctrl+Plus", "Ctrl+Minus", "Ctrl+0"}) {
            assertTrue(texts.contains(key), key + " in " + texts);
        }
        WindowSnapshots.save(keys.getDialogPane().getScene(), "keyboard-shortcuts.png");
        WaitForAsyncUtils.asyncFx(keys::close);

        Dialog<ButtonType> about = WaitForAsyncUtils.asyncFx(() -> app.chrome().help().showAbout())
            .get(5, TimeUnit.SECONDS);
        Label name = (Label) about.getDialogPane().lookup("#aboutName");
        assertTrue(name.getText().startsWith("HeapLab "), name.getText());
        assertTrue(about.getDialogPane().lookupAll(".label").stream()
            .anyMatch(n -> HelpDialogs.WHAT_IT_IS.equals(((Label) n).getText())));
        WaitForAsyncUtils.asyncFx(about::close);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void openRecentListsOpenedFilesAndDropsMissingOnes() throws Exception {
        Path scenario = dir.resolve("my first-fit_copy.json");
        try (var in = getClass().getResourceAsStream("/heaplab/samples/first-fit.json")) {
            Files.write(scenario, in.readAllBytes());
        }
        Path second = dir.resolve("second.json");
        Files.copy(scenario, second);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ \"title\": \"Bad\", \"steps\": [ { \"do\": \"p = HeapAloc(0)\" } ] }");
        MainViewModel vm = app.viewModel();
        WaitForAsyncUtils.asyncFx(() -> app.window().openDropped(List.of(scenario))).get(5, TimeUnit.SECONDS);
        assertEquals(scenario.toString(), vm.session().scenario().source());

        var session = vm.session();
        WaitForAsyncUtils.asyncFx(() -> app.window().openDropped(List.of(bad))).get(5, TimeUnit.SECONDS);
        assertEquals(1, dialogs.errors().size());
        assertTrue(dialogs.errors().get(0).contains("bad.json:1:"), dialogs.errors().get(0));
        assertTrue(session == vm.session(), "a failing drop keeps the open session");

        WaitForAsyncUtils.asyncFx(() -> vm.openFile(second)).get(5, TimeUnit.SECONDS);
        Menu recent = (Menu) menuItem(WindowMenus.OPEN_RECENT_ID);
        List<String> items = recent.getItems().stream().map(MenuItem::getText).filter(t -> t != null).toList();
        assertTrue(items.get(0).startsWith("1  second.json"), items.toString());
        assertTrue(items.get(1).startsWith("2  my first-fit_copy.json"), items.toString());
        assertEquals(3, items.size(), "two files and Clear recent: the broken file is not listed");
        assertFalse(recent.getItems().get(1).isMnemonicParsing(), "the underscore stays in the name");

        Files.delete(second);
        fire(recent.getItems().get(0));
        assertTrue(dialogs.errors().get(1).contains("no longer there"), dialogs.errors().get(1));
        assertTrue(recent.getItems().get(0).getText().startsWith("1  my first-fit_copy.json"));
        fire(menuItem(WindowMenus.CLEAR_RECENT_ID));
        assertEquals("No recent files", recent.getItems().get(0).getText());
        assertTrue(recent.getItems().get(0).isDisable());
    }

    @Test
    void theWindowComesBackWhereItWas() {
        assertEquals(20, stage.getX(), 0.5);
        assertEquals(30, stage.getY(), 0.5);
        assertEquals(1100, stage.getWidth(), 0.5);
        assertEquals(760, stage.getHeight(), 0.5);
        SplitPane columns = (SplitPane) stage.getScene().lookup("#columnsSplit");
        assertEquals(0.3, columns.getDividerPositions()[0], 0.02);

        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1000);
            columns.setDividerPositions(0.25, 0.6);
            app.chrome().save();
        });
        WaitForAsyncUtils.waitForFxEvents();
        AppPreferences prefs = new AppPreferences(store);
        assertEquals(1000, prefs.windowBounds().orElseThrow().width(), 0.5);
        assertEquals(0.25, prefs.dividers("columnsSplit", 2).orElseThrow()[0], 0.02);
        assertTrue(prefs.dividers("rowsSplit", 1).isPresent());
        assertTrue(prefs.dividers("rightSplit", 1).isPresent());
    }

    private MenuItem menuItem(String id) {
        for (Menu menu : app.view().menuBar().getMenus()) {
            MenuItem found = find(menu, id);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no menu item #" + id);
    }

    private static MenuItem find(Menu menu, String id) {
        for (MenuItem item : menu.getItems()) {
            if (id.equals(item.getId())) {
                return item;
            }
            if (item instanceof Menu sub && find(sub, id) != null) {
                return find(sub, id);
            }
        }
        return null;
    }

    private static void fire(MenuItem item) {
        WaitForAsyncUtils.asyncFx(item::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The colour of the bottom-right corner of a canvas pane: its background, away from the diagram. */
    private static Color cornerPixel(Node node) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get(10, TimeUnit.SECONDS);
        Color c = image.getPixelReader().getColor((int) image.getWidth() - 3, (int) image.getHeight() - 3);
        return Color.color(round(c.getRed()), round(c.getGreen()), round(c.getBlue()));
    }

    private static double round(double channel) {
        return Math.round(channel * 255) / 255.0;
    }

    private static int awt(Color c) {
        return (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
            | (int) Math.round(c.getBlue() * 255);
    }

    private void focusWindow() {
        KeyPresses.focus(stage);
    }
}
