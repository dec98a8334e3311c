package heaplab.app.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench TRACE} and traces given to {@code run}, on short1-bal.rep (a copy in the test resources). */
class CliBenchTest {
    @TempDir
    static Path dir;
    private static Path trace;

    @BeforeAll
    static void copyTheTrace() throws IOException {
        trace = dir.resolve("short1-bal.rep");
        try (InputStream in = CliBenchTest.class.getResourceAsStream("short1-bal.rep")) {
            Files.copy(in, trace);
        }
    }

    @ParameterizedTest
    // Each run warms up for 5 s and more: two runs cover the defaults and both option forms (the options' parsing
    // has its own cases below).
    @ValueSource(strings = {"", "--arch=x64 --repeat 2"})
    void benchPrintsOneLinePerFigure(String options) {
        String[] args = ("bench " + trace + (options.isEmpty() ? "" : " " + options)).split(" ");
        CliRun run = CliRun.of(args);
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err(), run::toString);
        String[] lines = run.out().split("\n", -1);
        assertEquals(4, lines.length, run::toString);
        assertTrue(lines[0].matches("bench replay [1-9][0-9]* ops/s"), run::toString);
        assertTrue(lines[1].matches("bench step-back [0-9]+\\.[0-9] us"), run::toString);
        assertTrue(lines[2].matches("bench peak-memory [0-9]+ MB"), run::toString);
        assertEquals("", lines[3]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bench",
        "bench --repeat 2",
        "bench a.rep b.rep",
        "bench a.rep --arch",
        "bench a.rep --arch arm",
        "bench a.rep --arch x86 --arch x64",
        "bench a.rep --repeat",
        "bench a.rep --repeat 0",
        "bench a.rep --repeat -3",
        "bench a.rep --repeat 1001",
        "bench a.rep --repeat many",
        "bench a.rep --repeat 1 --repeat 2",
        "bench a.rep --to 5",
        "bench a.rep --narrate",
    })
    void usageErrorsExitWith2AndOneLineAndAPointerToHelp(String line) {
        CliRun.of(line.split(" ")).assertUsageError();
    }

    @Test
    void usageMessagesSayWhatIsWrong() {
        assertEquals("heaplab: bench needs a TRACE (a malloc-lab .rep file)\n", CliRun.of("bench").err().lines()
            .findFirst().orElseThrow() + "\n");
        assertTrue(CliRun.of("bench", "a.rep", "--arch", "arm").err()
            .startsWith("heaplab: --arch: unknown arch 'arm' (x86 or x64)\n"));
        assertTrue(CliRun.of("bench", "a.rep", "--repeat", "0").err()
            .startsWith("heaplab: --repeat: 0 is not between 1 and 1000\n"));
    }

    @Test
    void helpDescribesBench() {
        for (String[] args : new String[][] {{"--help"}, {"bench", "--help"}, {"bench", "x.rep", "-h"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(0, run.status(), run::toString);
            for (String text : new String[] {"heaplab bench TRACE [options]", "--arch A", "--repeat N", "best",
                "bench replay R ops/s", "bench step-back T us", "bench peak-memory M MB", ".rep"}) {
                assertTrue(run.out().contains(text), () -> "help lacks " + text + "\n" + run);
            }
        }
    }

    @Test
    void aBadTraceExitsWith1AndSaysWhere() throws IOException {
        Path bad = dir.resolve("bad.rep");
        Files.writeString(bad, "1\n2\n2\n1\na 0 16\nf 7\n", StandardCharsets.US_ASCII);
        CliRun run = CliRun.of("bench", bad.toString());
        assertEquals(1, run.status(), run::toString);
        assertEquals(bad + ":6:3: id 7 is out of range: the header declares 2 ids (0 to 1)\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void aScenarioIsNotATraceToBench() throws IOException {
        Path json = dir.resolve("lab.json");
        Files.writeString(json, "{ \"heaplab\": 1, \"title\": \"T\", \"steps\": [] }", StandardCharsets.UTF_8);
        CliRun run = CliRun.of("bench", json.toString());
        assertEquals(1, run.status(), run::toString);
        assertTrue(run.err().startsWith(json + ": not a malloc-lab trace"), run::toString);
    }

    @Test
    void aMissingTraceIsALoadError() {
        CliRun run = CliRun.of("bench", "no/such/trace.rep");
        assertEquals(1, run.status(), run::toString);
        assertEquals("no/such/trace.rep: no such file\n", run.err());
    }

    @Test
    void runImportsATraceRecognisedByItsContent() throws IOException {
        Path renamed = dir.resolve("short1.txt");
        Files.copy(trace, renamed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun run = CliRun.of("run", renamed.toString(), "--to", "3", "--narrate");
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().startsWith("[1] h = HeapCreate(0, 0, 0)\n"), run::toString);
        assertTrue(run.out().contains("[2] b0 = HeapAlloc(h, 0, 2040)\n"), run::toString);
        assertTrue(run.out().endsWith("Stopped after step 3 of 13 (--to 3).\n"), run::toString);
    }

    @Test
    void runOfABadTraceSaysWhere() throws IOException {
        Path bad = dir.resolve("bad2.rep");
        Files.writeString(bad, "1\n2\n1\n1\nx 0 16\n", StandardCharsets.US_ASCII);
        CliRun run = CliRun.of("run", bad.toString());
        assertEquals(1, run.status(), run::toString);
        assertEquals(bad + ":5:1: unknown operation 'x' (a ID SIZE, f ID, r ID SIZE)\n", run.err());
    }

    @Test
    void benchRenderPrintsTheRedrawOfAHundredThousandBlocks() {
        // The same 100,000 blocks with a single warm-up and run: this checks the output, not the speed.
        System.setProperty(RenderBench.QUICK_PROPERTY, "true");
        try {
            CliRun run = CliRun.of("bench", "render");
            assertEquals(0, run.status(), run::toString);
            String[] lines = run.out().split("\n", -1);
            assertEquals(6, lines.length, run::toString);
            assertTrue(lines[0].matches("bench render-heapmap-100k [0-9]+\\.[0-9] ms"), run::toString);
            assertTrue(lines[1].matches("bench render-heapmap-100k-visible [0-9]+\\.[0-9] ms"), run::toString);
            assertTrue(lines[2].matches("bench render-heapmap-100k-model [0-9]+\\.[0-9] ms"), run::toString);
            assertTrue(lines[3].matches("bench render-heapmap-100k-cold [0-9]+\\.[0-9] ms"), run::toString);
            assertTrue(lines[4].matches("bench render-heapmap-100k-fit [0-9]+\\.[0-9] ms"), run::toString);
            assertEquals("", lines[5]);
        } finally {
            System.clearProperty(RenderBench.QUICK_PROPERTY);
        }
    }

    @Test
    void theBenchWorkloadHoldsAHundredThousandBlocks() {
        var heaps = RenderBench.modelOf(RenderBench.workload()).heaps();
        long blocks = heaps.stream().flatMap(h -> h.segments().stream()).flatMap(s -> s.blocks().stream())
            .filter(b -> b.state() != heaplab.app.heapmap.BlockState.INTERNAL).count();
        assertTrue(blocks >= RenderBench.BLOCKS, "blocks: " + blocks);
    }

    @Test
    void benchIsACommandNotAFileForTheWindow() {
        assertTrue(!Cli.opensWindow(new String[] {"bench"}));
    }
}
