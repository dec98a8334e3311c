package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceImportTest {
    @TempDir
    Path dir;

    @Test
    void aTraceIsRecognisedByItsContentWhateverItsName() throws IOException, ScenarioException {
        Path file = dir.resolve("lab.json");
        Files.copy(TraceFiles.resource("short1-bal"), file);
        Scenario scenario = TraceImport.loadAny(file);
        assertEquals(13, scenario.steps().size());
        assertEquals(Arch.X86, scenario.arch());
        assertEquals("lab.json", scenario.title());
        assertEquals(file.toString(), scenario.source());
    }

    @Test
    void aScenarioGoesToTheScenarioLoaderWhateverItsName() throws IOException, ScenarioException {
        Path file = dir.resolve("trace.rep");
        Files.writeString(file, "{ \"heaplab\": 1, \"title\": \"T\", \"steps\": [ { \"do\":"
            + " \"p = HeapAlloc(GetProcessHeap(), 0, 8)\" } ] }", StandardCharsets.UTF_8);
        Scenario scenario = TraceImport.loadAny(file);
        assertEquals("T", scenario.title());
        assertEquals(1, scenario.steps().size());
    }

    @Test
    void aBadTraceSaysWhereInTheFile() throws IOException {
        Path file = dir.resolve("bad.rep");
        Files.writeString(file, "1\r\n2\r\n2\r\n1\r\na 0 16\r\nz 1 8\r\n", StandardCharsets.ISO_8859_1);
        ScenarioException e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertEquals(file + ":6:1: unknown operation 'z' (a ID SIZE, f ID, r ID SIZE)", e.getMessage());
    }

    @Test
    void aMissingFileIsALoadError() {
        ScenarioException e = assertThrows(ScenarioException.class,
            () -> TraceImport.loadAny(dir.resolve("none.rep")));
        assertTrue(e.getMessage().contains("none.rep:1:1: cannot read the file"), e.getMessage());
    }
}
