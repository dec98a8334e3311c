package heaplab.app.main;

import javafx.scene.input.KeyCombination;

/**
 * One row of the window's keyboard shortcuts ({@link Shortcuts#TABLE}).
 *
 * @param group  where the command lives (Debug, File, View, Console)
 * @param key    the key; its display text is what Help > Keyboard shortcuts shows
 * @param action what it does, in the words of the menus and tooltips
 */
public record Shortcut(String group, KeyCombination key, String action) {
}
