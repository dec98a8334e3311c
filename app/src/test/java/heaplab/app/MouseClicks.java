package heaplab.app;

import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clicks a node by firing press, release and click events at it, for the same reason as {@link KeyPresses}:
 * Monocle's native mouse injection is dropped once another test class started JavaFX in the same JVM. The events
 * carry scene coordinates, so every handler on the way sees its own local ones.
 */
final class MouseClicks {
    private MouseClicks() {
    }

    static void click(Node node, Point2D local) {
        WaitForAsyncUtils.asyncFx(() -> {
            Point2D scene = node.localToScene(local);
            Point2D screen = node.localToScreen(local);
            for (var type : new javafx.event.EventType[] {MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED,
                MouseEvent.MOUSE_CLICKED}) {
                @SuppressWarnings("unchecked")
                MouseEvent e = new MouseEvent((javafx.event.EventType<MouseEvent>) type, scene.getX(), scene.getY(),
                    screen.getX(), screen.getY(), MouseButton.PRIMARY, 1, false, false, false, false,
                    type != MouseEvent.MOUSE_RELEASED && type != MouseEvent.MOUSE_CLICKED, false, false, true,
                    false, true, new PickResult(node, scene.getX(), scene.getY()));
                Event.fireEvent(node, e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
