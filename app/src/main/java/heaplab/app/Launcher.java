package heaplab.app;

import heaplab.app.cli.Cli;
import heaplab.app.export.HeadlessFx;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The main class of the runnable jar. No arguments, or one FILE, open the window; anything else is the command
 * line ({@link Cli}). A plain class rather than the {@code Application} itself, so that JavaFX runs from the class
 * path, and so that the command line loads no JavaFX class unless it exports a PNG.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // Numbers print the same on every machine (scenario-format.md): an Arabic or Hindi default locale would give
        // String.format's %d other digits. The display locale (dialogs) stays the user's.
        java.util.Locale.setDefault(java.util.Locale.Category.FORMAT, java.util.Locale.ROOT);
        if (Cli.opensWindow(args)) {
            openWindow(args);
            return;
        }
        // Buffered: a narrated run of a long scenario prints a line per step.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false);
        int status = new Cli().run(args, out, System.err);
        out.flush();
        // Also ends the JavaFX threads that a PNG export started.
        System.exit(status);
    }

    private static void openWindow(String[] args) {
        if (noDisplay()) {
            System.err.println("heaplab: no display to open the window on (DISPLAY is not set). "
                + "'heaplab run FILE' runs a scenario without one; see 'heaplab --help'.");
            System.exit(Cli.FAILED);
        }
        HeadlessFx.hideClassPathWarning();
        javafx.application.Application.launch(HeapLabApp.class, args);
    }

    /**
     * True on Linux and other X11/Wayland systems when there is no display and no other glass platform was chosen
     * ({@code -Dglass.platform=Monocle} runs the window headless, for screenshots). JavaFX would otherwise fail
     * with a stack trace.
     */
    private static boolean noDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || System.getProperty("glass.platform") != null) {
            return false;
        }
        return isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
