package heaplab.app.main;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/** An action a view can trigger, with whether it can run now (views bind their disable property to it). */
public final class Command {
    private final Runnable action;
    private final ReadOnlyBooleanWrapper executable = new ReadOnlyBooleanWrapper(true);

    public Command(Runnable action) {
        this.action = action;
    }

    /** Runs the action if it is executable. */
    public void execute() {
        if (executable.get()) {
            action.run();
        }
    }

    public ReadOnlyBooleanProperty executableProperty() {
        return executable.getReadOnlyProperty();
    }

    public boolean isExecutable() {
        return executable.get();
    }

    void setExecutable(boolean value) {
        executable.set(value);
    }
}
