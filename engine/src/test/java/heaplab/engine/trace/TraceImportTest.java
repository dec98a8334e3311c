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
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** A file that is neither a trace nor a JSON object says so at its first character, not as a JSON parser would. */
    @Test
    void aFileThatIsNoTraceAndNoScenarioSaysWhatItShouldBe() throws IOException {
        Path words = dir.resolve("notes.txt");
        Files.writeString(words, "\n  hello world\n", StandardCharsets.UTF_8);
        ScenarioException e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(words));
        assertEquals(words + ":2:3: neither a scenario (a JSON object) nor a trace HeapLab recognises (a malloc-lab"
            + " trace, a valgrind --trace-malloc=yes log, ltrace -e malloc+free+realloc+calloc output, a WinDbg"
            + " !heap -a dump)", e.getMessage());
        Path binary = dir.resolve("image.bin");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d});
        e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(binary));
        assertTrue(e.getMessage().startsWith(binary + ":1:1: neither a scenario"), e.getMessage());
    }

    /** A scenario with a byte that is not UTF-8 gives that byte's place, not the decoder's "Input length". */
    @Test
    void aScenarioThatIsNotUtf8SaysWhere() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{ \"heaplab\": 1,\n  \"title\": \"caf\u00e9\" }".getBytes(StandardCharsets.ISO_8859_1));
        ScenarioException e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertEquals(file + ":2:16: not UTF-8 text (byte 0xe9): a scenario is JSON text, and a trace to import is"
            + " text too", e.getMessage());
    }

    @Test
    void aMissingFileIsALoadError() {
        ScenarioException e = assertThrows(ScenarioException.class,
            () -> TraceImport.loadAny(dir.resolve("none.rep")));
        assertTrue(e.getMessage().contains("none.rep:1:1: cannot read the file"), e.getMessage());
    }

    @Test
    void valgrindAndLtraceTracesAreRecognisedByTheirContent() throws IOException, ScenarioException {
        Path valgrind = dir.resolve("run.json");
        Files.copy(TraceFiles.file("demo-valgrind.log"), valgrind);
        Scenario scenario = TraceImport.loadAny(valgrind);
        assertEquals("run.json", scenario.title());
        assertEquals(13, scenario.steps().size());
        assertTrue(scenario.summary().startsWith("Imported from a valgrind"), scenario.summary());
        Path ltrace = dir.resolve("calls.rep");
        Files.copy(TraceFiles.file("demo-ltrace.txt"), ltrace);
        scenario = TraceImport.loadAny(ltrace);
        assertEquals(Arch.X64, scenario.arch());
        assertTrue(scenario.summary().startsWith("Imported from ltrace output"), scenario.summary());
        assertFalse(TraceImport.isTrace(ltrace), "bench replays malloc-lab traces only");
    }

    @Test
    void aScenarioThatCallsMallocIsStillAScenario() throws IOException, ScenarioException {
        Path file = dir.resolve("crt.txt");
        Files.writeString(file, "{ \"heaplab\": 1, \"title\": \"CRT\", \"steps\": [\n"
            + "malloc(32) = 0x10\n ] }", StandardCharsets.UTF_8);
        ScenarioException e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertTrue(e.getMessage().startsWith(file + ":2:"), "the JSON loader's error: " + e.getMessage());
        Files.writeString(file, "{ \"heaplab\": 1, \"title\": \"CRT\", \"steps\": [ { \"do\": \"p = malloc(32)\" } ] }",
            StandardCharsets.UTF_8);
        assertEquals("CRT", TraceImport.loadAny(file).title());
        // The same, saved by Notepad with a byte order mark: still a scenario, not ltrace output.
        Files.writeString(file, "\uFEFF{ \"heaplab\": 1, \"title\": \"CRT\", \"steps\": [\n"
            + "malloc(32) = 0x10\n ] }", StandardCharsets.UTF_8);
        e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertTrue(e.getMessage().startsWith(file + ":2:"), "the JSON loader's error: " + e.getMessage());
    }

    @Test
    void aDamagedCallSaysWhereInTheFile() throws IOException {
        Path file = dir.resolve("calls.txt");
        Files.writeString(file, "malloc(32) = 0x55d0c3a012a0\nfree(0x55d0c3a012a0) = <void>\nmalloc(abc) = 0x1\n",
            StandardCharsets.ISO_8859_1);
        ScenarioException e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertEquals(file + ":3:8: malloc's size must be a number, not 'abc'", e.getMessage());
    }
}
