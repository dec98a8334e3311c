package heaplab.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run DUMP.txt}: a WinDbg {@code !heap -a} dump is recognised by its content and runs as a scenario. */
class CliHeapDumpTest {
    @TempDir
    Path dir;

    private static final String DUMP = """
        0:000> !heap -a 00250000
        Index   Address  Name      Debugging options enabled
          1:   00250000
            Segment at 00250000 to 00350000 (00056000 bytes committed)
            Flags:               50000062
            ForceFlags:          40000060
            Granularity:         8 bytes
            PsuedoTag Entries:   00250548
            Segment00 at 00250b90:
        First Entry:     00250bc8
        Last Entry:      00350000

            Heap entries for Segment00 in Heap 250000
        Address   Size    Size  flags       (Bytes used)    (Tag name)
        00250000: 00000 . 00b90 [01] - busy (b90)
        00250b90: 00b90 . 00038 [01] - busy (38)
        00250bc8: 00038 . 00040 [07] - busy (24), tail fill (NTDLL!LDR Database)
        00250c08: 00040 . 00060 [07] - busy (48), tail fill (NTDLL!LDR Database)
        00250c68: 00060 . 00020 [04] free fill
        00250c88: 00020 . 00028 [07] - busy (10), tail fill (Objects=  40)
        00250cb0: 00028 . 05350 [14] free fill
        00256000:      000fa000      - uncommitted bytes.
        """;

    @Test
    void runsADumpAndShowsTheRebuiltHeap() throws IOException {
        Path file = dir.resolve("DUMP.txt");
        Files.writeString(file, DUMP);
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err(), run::toString);
        assertTrue(run.out().startsWith("0:000> !heap -a h\n"), run::toString);
        assertTrue(run.out().contains(": 00040 . 00060 [07] - busy (48), tail fill"), run::toString);
        assertTrue(run.out().contains(": 00060 . 00020 [04] free fill"), run::toString);
        assertTrue(run.out().endsWith("Stopped after step 7 of 7 (end).\n"), run::toString);
    }
}
