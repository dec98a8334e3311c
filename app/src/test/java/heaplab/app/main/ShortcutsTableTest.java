package heaplab.app.main;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shortcuts.TABLE is the one list of keys: every key constant has its row, and the debugger keys are all there. */
class ShortcutsTableTest {
    private static final Set<KeyCombination> KEYS = new HashSet<>(Shortcuts.TABLE.stream().map(Shortcut::key)
        .toList());

    @Test
    void everyKeyConstantHasARowInTheTable() throws IllegalAccessException {
        int constants = 0;
        for (Field field : Shortcuts.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && KeyCombination.class.isAssignableFrom(field.getType())) {
                constants++;
                assertTrue(KEYS.contains((KeyCombination) field.get(null)),
                    "Shortcuts." + field.getName() + " is not in Shortcuts.TABLE, so Help > Keyboard shortcuts "
                        + "would not show it");
            }
        }
        assertTrue(constants >= 9, "the constants were found: " + constants);
    }

    @Test
    void theTableHasTheDebuggerAndFileKeysOnceEach() {
        assertEquals(Shortcuts.TABLE.size(), KEYS.size(), "a key listed twice");
        List<KeyCombination> expected = List.of(
            new KeyCodeCombination(KeyCode.F10),
            new KeyCodeCombination(KeyCode.F10, KeyCombination.SHIFT_DOWN),
            new KeyCodeCombination(KeyCode.F5),
            new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN),
            new KeyCodeCombination(KeyCode.F5, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
            new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
        for (KeyCombination key : expected) {
            assertTrue(KEYS.contains(key), key.getName());
        }
        for (Shortcut shortcut : Shortcuts.TABLE) {
            assertFalse(shortcut.action().isBlank(), shortcut.key().getName());
            assertFalse(shortcut.group().isBlank(), shortcut.key().getName());
        }
    }
}
