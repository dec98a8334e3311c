package heaplab.app.main;

import heaplab.app.prefs.AppPreferences;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts the window where the user left it (size, position, maximized) with the split panes' dividers, and writes
 * them back when the window closes. A position on a screen that is no longer attached is dropped, so the window
 * never opens out of sight.
 */
public final class WindowPlacement {
    private final Stage stage;
    private final AppPreferences preferences;
    private final List<SplitPane> splitPanes;
    private double normalX;
    private double normalY;
    private double normalWidth;
    private double normalHeight;

    /** @param content the window's content; its split panes with an id are remembered by that id */
    public WindowPlacement(Stage stage, AppPreferences preferences, Node content) {
        this.stage = stage;
        this.preferences = preferences;
        this.splitPanes = new ArrayList<>();
        collectSplitPanes(content);
    }

    /** Through the split panes' items: before the window shows they have no skin, so no children to look up. */
    private void collectSplitPanes(Node node) {
        if (node instanceof SplitPane pane) {
            if (pane.getId() != null) {
                splitPanes.add(pane);
            }
            pane.getItems().forEach(this::collectSplitPanes);
        } else if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(this::collectSplitPanes);
        }
    }

    /** Before the stage shows: the stored size and position, then the dividers. */
    public void restore(double defaultWidth, double defaultHeight) {
        normalWidth = defaultWidth;
        normalHeight = defaultHeight;
        preferences.windowBounds().ifPresent(bounds -> {
            double width = Math.max(stage.getMinWidth(), bounds.width());
            double height = Math.max(stage.getMinHeight(), bounds.height());
            Rectangle2D rect = new Rectangle2D(bounds.x(), bounds.y(), width, height);
            // At least a corner of the title bar must be on a screen, or the user could not move it back.
            Rectangle2D titleBar = new Rectangle2D(bounds.x(), bounds.y(), Math.min(width, 200), 30);
            if (!Screen.getScreensForRectangle(titleBar).isEmpty()) {
                stage.setX(rect.getMinX());
                stage.setY(rect.getMinY());
                normalX = rect.getMinX();
                normalY = rect.getMinY();
            }
            stage.setWidth(width);
            stage.setHeight(height);
            normalWidth = width;
            normalHeight = height;
            stage.setMaximized(bounds.maximized());
        });
        restoreDividers();
        // Again once shown: a pane kept at its width while the window resizes (the steps) moves its divider.
        // (the scene is laid out at its first size, then at the window's), so after that layout.
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> Platform.runLater(this::restoreDividers));
        track();
    }

    private void restoreDividers() {
        for (SplitPane pane : splitPanes) {
            preferences.dividers(pane.getId(), pane.getDividers().size()).ifPresent(pane::setDividerPositions);
        }
    }

    /** Writes the window's normal bounds, whether it is maximized, and the dividers. */
    public void save() {
        if (!stage.isMaximized() && !stage.isIconified() && stage.isShowing()) {
            remember();
        }
        if (normalWidth > 0 && normalHeight > 0) {
            preferences.setWindowBounds(new AppPreferences.WindowBounds(normalX, normalY, normalWidth, normalHeight,
                stage.isMaximized()));
        }
        for (SplitPane pane : splitPanes) {
            preferences.setDividers(pane.getId(), pane.getDividerPositions());
        }
    }

    /** Keeps the bounds of the window while it is neither maximized nor iconified: those are the ones to restore. */
    private void track() {
        stage.xProperty().addListener((obs, old, now) -> rememberIfNormal());
        stage.yProperty().addListener((obs, old, now) -> rememberIfNormal());
        stage.widthProperty().addListener((obs, old, now) -> rememberIfNormal());
        stage.heightProperty().addListener((obs, old, now) -> rememberIfNormal());
    }

    private void rememberIfNormal() {
        if (stage.isShowing() && !stage.isMaximized() && !stage.isIconified() && !stage.isFullScreen()) {
            remember();
        }
    }

    private void remember() {
        if (Double.isFinite(stage.getX()) && Double.isFinite(stage.getWidth()) && stage.getWidth() > 0) {
            normalX = stage.getX();
            normalY = stage.getY();
            normalWidth = stage.getWidth();
            normalHeight = stage.getHeight();
        }
    }
}
