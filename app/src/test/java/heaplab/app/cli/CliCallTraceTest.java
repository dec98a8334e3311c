package heaplab.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run} of a valgrind log and of ltrace output: imported by content, run to the end. */
class CliCallTraceTest {
    @TempDir
    Path dir;

    @Test
    void runOfAValgrindLogPrintsEachStep() throws IOException {
        Path log = dir.resolve("demo.log");
        Files.writeString(log, """
            ==4242== Memcheck, a memory error detector
            --4242-- malloc(1024) = 0x4A9B040
            hello from demo
            --4242-- calloc(4,16) = 0x4A9B480
            --4242-- free(0x4A9B040)
            ==4242== HEAP SUMMARY:
            """, StandardCharsets.ISO_8859_1);
        CliRun run = CliRun.of("run", log.toString(), "--narrate");
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err(), run::toString);
        assertEquals(List.of(
                "[1] h = HeapCreate(0, 0, 0)",
                "[2] b0 = HeapAlloc(h, 0, 1024)",
                "[3] b1 = HeapAlloc(h, HEAP_ZERO_MEMORY, 64)",
                "[4] HeapFree(h, 0, b0)"),
            run.out().lines().filter(line -> line.startsWith("[")).toList(), run::toString);
        assertTrue(run.out().contains("\n    b1 = 0x"), run::toString);
        assertTrue(run.out().contains("\n    HeapFree returned 0x00000001\n"), "x86: 32-bit values; " + run);
        assertTrue(run.out().endsWith("Stopped after step 4 of 4 (end).\n"), run::toString);
    }

    @Test
    void runOfLtraceOutputPrintsEachStep() throws IOException {
        Path calls = dir.resolve("calls.txt");
        Files.writeString(calls, """
            malloc(32)                                       = 0x55d0c3a012a0
            realloc(0x55d0c3a012a0, 64)                      = 0x55d0c3a01320
            free(0x55d0c3a01320)                             = <void>
            +++ exited (status 0) +++
            """, StandardCharsets.ISO_8859_1);
        CliRun run = CliRun.of("run", calls.toString(), "--narrate");
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err(), run::toString);
        assertEquals(List.of(
                "[1] h = HeapCreate(0, 0, 0)",
                "[2] b0 = HeapAlloc(h, 0, 32)",
                "[3] b0 = HeapReAlloc(h, 0, b0, 64)",
                "[4] HeapFree(h, 0, b0)"),
            run.out().lines().filter(line -> line.startsWith("[")).toList(), run::toString);
        assertTrue(run.out().contains("\n    b0 = 0x"), run::toString);
        assertTrue(run.out().contains("\n    HeapFree returned 0x0000000000000001\n"), "x64: 64-bit values; " + run);
        assertTrue(run.out().endsWith("Stopped after step 4 of 4 (end).\n"), run::toString);
    }

    @Test
    void runOfADamagedCallExitsWith1AndSaysWhere() throws IOException {
        Path calls = dir.resolve("bad.txt");
        Files.writeString(calls, "malloc(32) = 0x55d0c3a012a0\ncalloc(4, x) = 0x55d0c3a012d0\n",
            StandardCharsets.ISO_8859_1);
        CliRun run = CliRun.of("run", calls.toString());
        assertEquals(1, run.status(), run::toString);
        assertEquals(calls + ":2:11: calloc's size must be a number, not 'x'\n", run.err());
    }
}
