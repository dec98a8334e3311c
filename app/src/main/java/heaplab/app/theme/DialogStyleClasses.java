package heaplab.app.theme;

import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** Style classes of styles/components/dialogs.css, and the window's theme carried over to its dialogs. */
public final class DialogStyleClasses {
    public static final String TOPIC = "hl-dialog-topic";
    public static final String HEADING = "hl-dialog-heading";
    public static final String SUBHEADING = "hl-dialog-subheading";
    public static final String BODY = "hl-dialog-body";
    public static final String TEXT = "hl-dialog-text";
    public static final String SHORTCUT_KEY = "hl-shortcut-key";

    private DialogStyleClasses() {
    }

    /** Gives a dialog its owner's stylesheets, so that a dialog opened in the dark theme is dark too. */
    public static void themeLike(Dialog<?> dialog, Window owner) {
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }
}
