package heaplab.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line must start fast and need no display: without {@code --png} it loads no JavaFX class. Checked in
 * a fresh JVM, since this one may already have loaded JavaFX for other tests.
 */
class CliStartupTest {
    @TempDir
    Path dir;

    private List<String> loadedClasses(String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
            "heaplab.app.Launcher"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command line did not finish");
        assertEquals(0, process.exitValue(), () -> read(dir.resolve("out.txt")));
        return Files.readAllLines(log);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void assertNoJavaFx(List<String> classes) {
        for (String line : classes) {
            assertTrue(!line.contains(" javafx.") && !line.contains(" com.sun.javafx.")
                && !line.contains(" com.sun.glass.") && !line.contains(" com.sun.prism."), line);
        }
    }

    @Test
    void versionLoadsNoJavaFx() throws Exception {
        assertNoJavaFx(loadedClasses("--version"));
    }

    @Test
    void runWithoutPngLoadsNoJavaFx() throws Exception {
        Path file = dir.resolve("lab.json");
        Files.writeString(file, """
            { "heaplab": 1, "title": "t", "steps": [
              { "do": "h = HeapCreate(HEAP_GROWABLE, 0, 0)" },
              { "do": "a = HeapAlloc(h, 0, 0x20)" },
              { "cmd": "!heap -a h" },
              { "do": "HeapFree(h, 0, a)" } ] }
            """);
        assertNoJavaFx(loadedClasses("run", file.toString(), "-c", "!heap -s", "--narrate", "--select", "a"));
    }
}
