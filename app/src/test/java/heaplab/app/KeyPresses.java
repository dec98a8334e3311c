package heaplab.app;

import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Presses keys by firing KeyEvents at the scene's focus owner, as TestFX's own {@code write} types text. The event
 * goes through the whole scene dispatch chain (scene filters, menu accelerators, the focused control), which is
 * what the window handles. Monocle's native key injection ({@code FxRobot.press}) is not used: once JavaFX has been
 * started by another test class in the same JVM (HeadlessFx, for the exporter), it drops those key presses.
 */
final class KeyPresses {
    private KeyPresses() {
    }

    static void press(Scene scene, KeyCode code, KeyCode... modifiers) {
        Set<KeyCode> mods = Set.of(modifiers);
        boolean shift = mods.contains(KeyCode.SHIFT);
        boolean control = mods.contains(KeyCode.CONTROL);
        boolean alt = mods.contains(KeyCode.ALT);
        WaitForAsyncUtils.asyncFx(() -> {
            Node target = scene.getFocusOwner() != null ? scene.getFocusOwner() : scene.getRoot();
            Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, control, alt, false));
            Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_RELEASED, "", "", code, shift, control, alt, false));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Gives the window the keyboard focus and waits for it: Monocle sends keys to its focused window, and since
     * JavaFX 20 a stage does not take the focus by itself (a hover tooltip can also hold it).
     */
    static void focus(Stage stage) {
        WaitForAsyncUtils.asyncFx(stage::requestFocus);
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, stage::isFocused);
        } catch (TimeoutException e) {
            throw new AssertionError("the window did not get the keyboard focus", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
