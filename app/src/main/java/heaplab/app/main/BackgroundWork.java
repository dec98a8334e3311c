package heaplab.app.main;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** Work running off the UI thread, as the progress line ({@link LoadView}) shows it: what, how far, and Cancel. */
public interface BackgroundWork {
    /** True while the work runs. */
    ReadOnlyBooleanProperty busyProperty();

    /** What runs ("Loading trace.rep ...", "Going to step 50000 ..."). */
    ReadOnlyStringProperty messageProperty();

    /** How far it got, 0 to 1, or -1 when that is not known (an indeterminate bar). */
    ReadOnlyDoubleProperty progressProperty();

    void cancel();
}
