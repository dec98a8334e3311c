package heaplab.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the command line in-process and keeps what it printed. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int status = new Cli().run(args, outStream, errStream);
            return new CliRun(status, out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"),
                err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
        }
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
    }

    /** A usage error: exit 2, nothing on standard output, one `heaplab: ...` line and the pointer to --help. */
    void assertUsageError() {
        assertEquals(2, status(), this::toString);
        assertEquals("", out(), this::toString);
        String[] lines = err().split("\n");
        assertEquals(2, lines.length, this::toString);
        assertTrue(lines[0].startsWith("heaplab: "), this::toString);
        assertEquals("Try 'heaplab --help'.", lines[1]);
    }
}
