package heaplab.app.main;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Long moves of the session (a jump far ahead, a run over many steps) off the UI thread. While one runs the session
 * belongs to the worker: the window reads none of it until the result is back on the UI thread. Cancel interrupts the
 * worker; the engine's loops stop between two steps (heaplab.engine.Cancellation), so the session is left at a whole
 * position: the one it reached, or (a run back) the one it started from. The work is told apart from a load (which
 * drops its result on Cancel) because a cancelled move still has a result: where the session now stands.
 */
public final class BackgroundMoves implements BackgroundWork {
    /** Moves that may cover more steps than this go to the worker; shorter ones stay on the UI thread. */
    public static final int LONG_MOVE_STEPS = 1000;

    /** A move's work, run on the worker; it may report how far it got (0 to 1), from the worker. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DoubleConsumer progress) throws Exception;
    }

    /**
     * How a move ended, handed to the UI thread.
     *
     * @param value     what the work returned (null when cancelled or failed)
     * @param cancelled true when Cancel stopped it
     * @param error     what went wrong, or null
     */
    public record Result<T>(T value, boolean cancelled, Exception error) {
    }

    /** One move: its cancel request and the thread that runs it, both guarded by the job itself. */
    private static final class Job {
        private boolean cancelRequested;
        private Thread worker;

        synchronized void cancel() {
            cancelRequested = true;
            if (worker != null) {
                worker.interrupt();
            }
        }

        /** Binds the job to the current thread; false when it was cancelled before it started. */
        synchronized boolean begin() {
            if (cancelRequested) {
                return false;
            }
            worker = Thread.currentThread();
            return true;
        }

        /** Unbinds the thread, clearing an interrupt meant for this job only. */
        synchronized void end() {
            worker = null;
            Thread.interrupted();
        }
    }

    private final Executor executor;
    private final Executor ui;
    private final int longMoveSteps;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private Job current;

    /**
     * @param executor      where moves run (one worker thread in the window; tests run them when they choose)
     * @param ui            how results get back to the UI thread (Platform::runLater; a direct call in tests)
     * @param longMoveSteps moves that may cover more steps than this are long
     */
    public BackgroundMoves(Executor executor, Executor ui, int longMoveSteps) {
        this.executor = executor;
        this.ui = ui;
        this.longMoveSteps = longMoveSteps;
    }

    /** Moves on a daemon thread, results via Platform.runLater. */
    public static BackgroundMoves forFx() {
        return new BackgroundMoves(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "heaplab-move");
            t.setDaemon(true);
            return t;
        }), javafx.application.Platform::runLater, LONG_MOVE_STEPS);
    }

    /** True for a move that may cover this many steps: it goes to the worker. */
    public boolean isLong(int steps) {
        return steps > longMoveSteps;
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    @Override
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    @Override
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    /**
     * Starts a move (a running one is cancelled first); `done` runs on the UI thread when it ends, whether it
     * finished, was cancelled or failed.
     *
     * @param what what moves, for the progress line
     */
    public <T> void start(String what, Work<T> work, Consumer<Result<T>> done) {
        if (current != null) {
            current.cancel();
        }
        Job job = new Job();
        current = job;
        message.set(what);
        progress.set(-1);
        busy.set(true);
        executor.execute(() -> {
            Result<T> result;
            if (!job.begin()) {
                result = new Result<>(null, true, null);
            } else {
                try {
                    result = new Result<>(work.run(share -> ui.execute(() -> {
                        if (current == job) {
                            progress.set(share);
                        }
                    })), false, null);
                } catch (CancellationException e) {
                    result = new Result<>(null, true, null);
                } catch (Exception e) {
                    result = new Result<>(null, false, e);
                } finally {
                    job.end();
                }
            }
            Result<T> ended = result;
            ui.execute(() -> {
                if (current == job) {
                    current = null;
                    busy.set(false);
                    message.set("");
                    progress.set(-1);
                }
                done.accept(ended);
            });
        });
    }

    /** Cancel: the worker stops between two steps; the result comes back as cancelled. */
    @Override
    public void cancel() {
        if (current != null) {
            current.cancel();
            message.set(message.get().replace(" \u2026", "") + ": cancelling \u2026");
        }
    }
}
