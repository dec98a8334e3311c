package heaplab.app.main;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A load running off the UI thread (a big trace takes seconds): whether one runs, what it is, and Cancel, which
 * interrupts it (the engine's loops give up, heaplab.engine.Cancellation) and drops its result, so the session that
 * was open stays. One load at a time: a new one cancels the previous.
 */
public final class LoadViewModel implements BackgroundWork {
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ExecutorService executor;
    private final Consumer<Runnable> uiThread;
    private Future<?> running;
    private volatile long generation;

    /**
     * @param executor where loads run
     * @param uiThread how results get back to the UI thread (Platform::runLater; a direct call in tests)
     */
    public LoadViewModel(ExecutorService executor, Consumer<Runnable> uiThread) {
        this.executor = executor;
        this.uiThread = uiThread;
    }

    /** Loads on a daemon thread, results via Platform.runLater. */
    public static LoadViewModel forFx() {
        return new LoadViewModel(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "heaplab-load");
            t.setDaemon(true);
            return t;
        }), javafx.application.Platform::runLater);
    }

    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }

    @Override
    public ReadOnlyBooleanProperty busyProperty() { return loadingProperty(); }

    @Override
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** A load does not know how far it got: always -1. */
    @Override
    public javafx.beans.property.ReadOnlyDoubleProperty progressProperty() { return unknownProgress; }

    private final javafx.beans.property.ReadOnlyDoubleProperty unknownProgress =
        new javafx.beans.property.ReadOnlyDoubleWrapper(-1).getReadOnlyProperty();

    /**
     * Starts a load; exactly one of `done` and `failed` runs later on the UI thread, unless it is cancelled first.
     *
     * @param what what is loading, for the progress line ("Loading trace.rep ...")
     */
    public <T> void load(String what, Callable<T> task, Consumer<T> done, Consumer<Exception> failed) {
        cancel();
        long mine = ++generation;
        message.set(what);
        loading.set(true);
        running = executor.submit(() -> {
            T result;
            try {
                result = task.call();
            } catch (CancellationException e) {
                return;
            } catch (Exception e) {
                uiThread.accept(() -> finish(mine, () -> failed.accept(e)));
                return;
            }
            uiThread.accept(() -> finish(mine, () -> done.accept(result)));
        });
    }

    private void finish(long which, Runnable action) {
        if (which != generation) {
            return; // cancelled, or replaced by a newer load: its result is dropped
        }
        loading.set(false);
        message.set("");
        running = null;
        action.run();
    }

    /** Stops the running load, if any: its thread is interrupted and its result will be ignored. */
    @Override
    public void cancel() {
        // The result is disowned before the thread is interrupted: a load that gives up at once must find it so.
        generation++;
        if (running != null) {
            running.cancel(true);
            running = null;
        }
        loading.set(false);
        message.set("");
    }
}
