package heaplab.app.export;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.logging.Logger;

/**
 * Starts JavaFX without a display, on the Monocle headless platform with the software renderer, for exports from
 * the command line and for tests. Monocle comes from {@code org.testfx:openjfx-monocle}, which the app ships.
 *
 * <p>The platform is chosen by system properties that JavaFX reads once, when its first class initialises, so
 * {@link #start()} must run before anything touches JavaFX. Properties already set (on the command line, or by
 * Surefire) are left alone. This class itself refers to JavaFX only inside methods that run after that.
 *
 * <p>In a JVM that also runs TestFX tests, let TestFX start the toolkit first
 * ({@code FxToolkit.registerPrimaryStage()}): when TestFX starts, it installs its own Monocle platform object, and a
 * toolkit already started here would not use it, so the robot's keys and clicks would go nowhere. {@link #start()}
 * then finds the toolkit running and uses it.
 */
public final class HeadlessFx {
    private static final String[][] PROPERTIES = {
        {"glass.platform", "Monocle"},
        {"monocle.platform", "Headless"},
        {"prism.order", "sw"},
        {"prism.text", "t2k"},
        {"java.awt.headless", "true"},
    };

    private static final String CLASS_PATH_WARNING = "Unsupported JavaFX configuration";

    // Held so that the filter set below is not lost when the logger is garbage collected.
    private static Logger javafxLogger;
    private static boolean started;

    private HeadlessFx() {
    }

    /**
     * Starts the JavaFX platform headless, once; later calls, or a platform that something else already started
     * (a TestFX test), return at once.
     */
    public static synchronized void start() {
        if (started) {
            return;
        }
        for (String[] property : PROPERTIES) {
            if (System.getProperty(property[0]) == null) {
                System.setProperty(property[0], property[1]);
            }
        }
        hideClassPathWarning();
        CountDownLatch ready = new CountDownLatch(1);
        try {
            javafx.application.Platform.startup(ready::countDown);
            awaitUninterruptibly(ready);
            // No window ever opens here, so none closing should end the platform.
            javafx.application.Platform.setImplicitExit(false);
        } catch (IllegalStateException alreadyRunning) {
            // Started elsewhere (by TestFX, or by the window): use it as it is.
        }
        started = true;
    }

    /**
     * Runs a task on the JavaFX application thread and waits for its result; runs it directly when called on that
     * thread. The platform must have been started.
     *
     * @throws RuntimeException the task's own unchecked exception, or a wrapper around a checked one
     */
    public static <T> T call(Callable<T> task) {
        if (javafx.application.Platform.isFxApplicationThread()) {
            try {
                return task.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        FutureTask<T> future = new FutureTask<>(task);
        javafx.application.Platform.runLater(future);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the JavaFX thread", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    /**
     * Hides the one warning JavaFX logs at start-up when it runs from the class path ("Unsupported JavaFX
     * configuration: classes were loaded from 'unnamed module'"). The runnable jar is a class-path application by
     * design (see the engineering guide), so the warning is noise on every start. Other JavaFX messages, CSS
     * warnings included, still show. Call before the platform starts.
     */
    public static synchronized void hideClassPathWarning() {
        if (javafxLogger == null) {
            javafxLogger = Logger.getLogger("javafx");
            javafxLogger.setFilter(record -> record.getMessage() == null
                || !record.getMessage().startsWith(CLASS_PATH_WARNING));
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
