package heaplab.app.main;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The debugger keys, as Visual Studio and WinDbg users expect them. Handled by a scene event filter rather than
 * menu accelerators because the menu bar claims F10 for itself on Windows and Linux; the filter sees the key
 * first, wherever the focus is (the console's input line included).
 */
public final class Shortcuts {
    /** Step: run the next step. */
    public static final KeyCombination STEP = new KeyCodeCombination(KeyCode.F10);
    /** Step back: go back one step. */
    public static final KeyCombination BACK = new KeyCodeCombination(KeyCode.F10, KeyCombination.SHIFT_DOWN);
    /** Run: to the next breakpoint, failed expect, fault or the end. */
    public static final KeyCombination RUN = new KeyCodeCombination(KeyCode.F5);
    /** Run back: to the previous breakpoint, failed expect or fault, else the start. */
    public static final KeyCombination RUN_BACK = new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN);
    /** Restart: back to the start. */
    public static final KeyCombination RESTART = new KeyCodeCombination(KeyCode.F5, KeyCombination.SHORTCUT_DOWN,
        KeyCombination.SHIFT_DOWN);
    /** Toggle breakpoint: on the step selected in the steps list, else the current one. */
    public static final KeyCombination TOGGLE_BREAKPOINT = new KeyCodeCombination(KeyCode.F9);
    /** Go to step: ask for a step number and go there. */
    public static final KeyCombination GO_TO_STEP = new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);

    public static final KeyCombination ZOOM_IN = new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_OUT = new KeyCodeCombination(KeyCode.MINUS,
        KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_RESET = new KeyCodeCombination(KeyCode.DIGIT0,
        KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination HELP = new KeyCodeCombination(KeyCode.F1);
    /** Cancel the long move (a far jump, a long run) or the load under way; else Escape does what it does there. */
    public static final KeyCombination CANCEL = new KeyCodeCombination(KeyCode.ESCAPE);

    /**
     * Every key of the window, the one table Help > Keyboard shortcuts shows; the constants above are its keys (a
     * test checks that each one has its row).
     */
    public static final List<Shortcut> TABLE = List.of(
        new Shortcut("Debug", STEP, "Step: run the next step"),
        new Shortcut("Debug", BACK, "Step back one step (exactly: the same bytes)"),
        new Shortcut("Debug", RUN, "Run to the next breakpoint, failed expect, fault or the end"),
        new Shortcut("Debug", RUN_BACK, "Run back to the previous breakpoint, fault or failed expect, else the start"),
        new Shortcut("Debug", RESTART, "Restart: back to the start, no step run"),
        new Shortcut("Debug", TOGGLE_BREAKPOINT, "Toggle a breakpoint on the selected step (or click its dot)"),
        new Shortcut("Debug", GO_TO_STEP, "Go to a step\u2026"),
        new Shortcut("Debug", CANCEL,
            "Cancel a long jump, run or load (while its progress line shows); in the console, clear the line"),
        new Shortcut("File", OPEN, "Open a scenario or a trace\u2026"),
        new Shortcut("File", EXPORT, "Export the heap map as a PNG\u2026"),
        new Shortcut("View", ZOOM_IN, "Zoom in on the heap map (also Ctrl+=, or Ctrl+wheel)"),
        new Shortcut("View", ZOOM_OUT, "Zoom out of the heap map"),
        new Shortcut("View", ZOOM_RESET, "Reset the heap map's zoom: fit its width"),
        new Shortcut("Heap map", new KeyCodeCombination(KeyCode.PAGE_DOWN),
            "The next region of the address space overview: its rows into view"),
        new Shortcut("Heap map", new KeyCodeCombination(KeyCode.PAGE_UP), "The previous region of the overview"),
        new Shortcut("Heap map", new KeyCodeCombination(KeyCode.HOME), "Back to the address space overview"),
        new Shortcut("Console", new KeyCodeCombination(KeyCode.ENTER), "Run the command typed"),
        new Shortcut("Console", new KeyCodeCombination(KeyCode.UP), "The previous command of the history"),
        new Shortcut("Console", new KeyCodeCombination(KeyCode.DOWN), "The next command of the history"),
        new Shortcut("Console", new KeyCodeCombination(KeyCode.TAB), "Complete a command, option, type or variable"),
        new Shortcut("Console", new KeyCodeCombination(KeyCode.TAB, KeyCombination.CONTROL_DOWN),
            "Leave the console for the next pane, where Tab completes (Ctrl+Shift+Tab: the previous one)"),
        new Shortcut("Help", HELP, "Command reference: the console's commands and their options"));

    private Shortcuts() {
    }

    /** Installs the navigation keys of a view model on a scene. */
    public static void install(Scene scene, MainViewModel viewModel) {
        Map<KeyCombination, Command> keys = new LinkedHashMap<>();
        keys.put(BACK, viewModel.backCommand());
        keys.put(STEP, viewModel.stepCommand());
        keys.put(RESTART, viewModel.restartCommand());
        keys.put(RUN_BACK, viewModel.runBackCommand());
        keys.put(RUN, viewModel.runCommand());
        keys.put(TOGGLE_BREAKPOINT, viewModel.toggleBreakpointCommand());
        keys.put(GO_TO_STEP, viewModel.goToStepCommand());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            // Before the console, which clears its line on Escape: with work under way, Escape stops it instead.
            if (CANCEL.match(e) && viewModel.cancelBackgroundWork()) {
                e.consume();
                return;
            }
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
