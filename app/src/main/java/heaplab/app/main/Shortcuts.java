package heaplab.app.main;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The debugger keys, as Visual Studio and WinDbg users expect them. Handled by a scene event filter rather than
 * menu accelerators because the menu bar claims F10 for itself on Windows and Linux; the filter sees the key
 * first, wherever the focus is (the console's input line included).
 */
public final class Shortcuts {
    public static final KeyCombination STEP = new KeyCodeCombination(KeyCode.F10);
    public static final KeyCombination BACK = new KeyCodeCombination(KeyCode.F10, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination RUN = new KeyCodeCombination(KeyCode.F5);
    public static final KeyCombination RESTART = new KeyCodeCombination(KeyCode.F5, KeyCombination.SHORTCUT_DOWN,
        KeyCombination.SHIFT_DOWN);
    public static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);

    private Shortcuts() {
    }

    /** Installs the navigation keys of a view model on a scene. */
    public static void install(Scene scene, MainViewModel viewModel) {
        Map<KeyCombination, Command> keys = new LinkedHashMap<>();
        keys.put(BACK, viewModel.backCommand());
        keys.put(STEP, viewModel.stepCommand());
        keys.put(RESTART, viewModel.restartCommand());
        keys.put(RUN, viewModel.runCommand());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            for (Map.Entry<KeyCombination, Command> key : keys.entrySet()) {
                if (key.getKey().match(e)) {
                    key.getValue().execute();
                    e.consume();
                    return;
                }
            }
        });
    }
}
