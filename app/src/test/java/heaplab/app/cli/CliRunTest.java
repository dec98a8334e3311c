package heaplab.app.cli;

import heaplab.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run} and {@code samples} against the real engine and loader. */
class CliRunTest {
    @TempDir
    Path dir;

    /** Line 7 holds step 3, the console command; line 9 the expect. */
    private Path scenario(boolean breakAtCommand, String expect) throws IOException {
        String json = """
            {
              "heaplab": 1,
              "title": "CLI test",
              "steps": [
                { "do": "h = HeapCreate(HEAP_GROWABLE, 0, 0)", "say": "A private heap." },
                { "do": "a = HeapAlloc(h, 0, 0x20)" },
                { "cmd": "!heap -a h"%s },
                { "do": "HeapFree(h, 0, a)" },
                { "expect": "%s" }
              ]
            }
            """.formatted(breakAtCommand ? ", \"break\": true" : "", expect);
        Path file = dir.resolve("lab.json");
        Files.writeString(file, json);
        return file;
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n"));
    }

    private static String lastLine(String text) {
        List<String> lines = lines(text);
        return lines.get(lines.size() - 1);
    }

    @Test
    void runsToTheEndPrintingConsoleStepsThenAStatusLine() throws IOException {
        CliRun run = CliRun.of("run", scenario(false, "HeapValidate(h, 0, NULL) == 1").toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err(), run::toString);
        assertEquals("0:000> !heap -a h", lines(run.out()).get(0), run::toString);
        assertEquals("Stopped after step 5 of 5 (end).", lastLine(run.out()));
    }

    @Test
    void aBreakOnTheFirstStepStopsBeforeAnythingRuns() throws IOException {
        Path file = dir.resolve("first.json");
        Files.writeString(file, """
            {"heaplab": 1, "title": "x", "steps": [
              {"do": "p = malloc(1)", "break": true},
              {"do": "q = malloc(1)"}
            ]}
            """);
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals(List.of("Stopped after step 0 of 2 (breakpoint before step 1)."), lines(run.out()));
        CliRun on = CliRun.of("run", file.toString(), "--to", "2");
        assertEquals("Stopped after step 2 of 2 (end).", lastLine(on.out()), "--to runs past it");
    }

    @Test
    void stopsBeforeABreakpoint() throws IOException {
        CliRun run = CliRun.of("run", scenario(true, "1").toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals(List.of("Stopped after step 2 of 5 (breakpoint before step 3)."), lines(run.out()));
    }

    @Test
    void stopsBeforeAHeapBreakpointSetByACmdStep() throws IOException {
        Path file = dir.resolve("hb.json");
        Files.writeString(file, """
            { "heaplab": 1, "title": "Heap breakpoint", "steps": [
                { "cmd": "!heap -b free" },
                { "do": "h = HeapCreate(HEAP_GROWABLE, 0, 0)" },
                { "do": "a = HeapAlloc(h, 0, 0x20)" },
                { "do": "HeapFree(h, 0, a)" }
            ] }
            """);
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals("Stopped after step 3 of 4 (heap breakpoint (free) before step 4).", lastLine(run.out()),
            run::toString);
    }

    @Test
    void stopsAfterTheStepThatChangesAnAddressWatchSetByACmdStep() throws IOException {
        Path file = dir.resolve("ba.json");
        Files.writeString(file, """
            { "heaplab": 1, "title": "Address watch", "arch": "x86", "steps": [
                { "do": "h = HeapCreate(HEAP_GROWABLE, 0, 0)" },
                { "do": "p = HeapAlloc(h, HEAP_ZERO_MEMORY, 0x20)" },
                { "cmd": "ba w4 p" },
                { "do": "p[0] = 0" },
                { "do": "p[1] = 0x41" },
                { "do": "HeapFree(h, 0, p)" }
            ] }
            """);
        CliRun run = CliRun.of("run", file.toString(), "-c", "bl");
        assertEquals(0, run.status(), run::toString);
        List<String> lines = lines(run.out());
        assertEquals("0:000> ba w4 p", lines.get(0), run::toString);
        assertEquals("Breakpoint 0 hit", lines.get(1), run::toString);
        assertTrue(Pattern.matches("HeapLab: the 4 bytes at [0-9a-f]{8} changed: 00 00 00 00 -> 00 41 00 00",
            lines.get(2)), run::toString);
        String address = lines.get(2).split(" ")[5];
        assertEquals("Stopped after step 5 of 6 (data breakpoint 0 (ba w4 " + address + ") after step 5).",
            lines.get(3), run::toString);
        assertEquals("0:000> bl", lines.get(4));
        assertEquals(" 0 e Disable Clear  " + address + " w 4 0001 (0001)  0:****", lines.get(5));
    }

    /** A command step that changes a watched byte prints its output, hit lines included, once. */
    @Test
    void aCommandStepsWatchHitPrintsOnce() throws IOException {
        Path file = dir.resolve("ba-cmd.json");
        Files.writeString(file, """
            { "heaplab": 1, "title": "Address watch", "arch": "x86", "steps": [
                { "cmd": "ba w4 500000" },
                { "cmd": ".dvalloc /b 500000 1000" },
                { "do": "x = 1" }
            ] }
            """);
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals(1, run.out().split("Breakpoint 0 hit", -1).length - 1, run::toString);
        assertEquals(1, run.out().split("HeapLab: the 4 bytes at", -1).length - 1, run::toString);
    }

    @Test
    void aWatchSetWithDashCRunsAfterTheRun() throws IOException {
        CliRun run = CliRun.of("run", scenario(false, "1").toString(), "-c", "ba w4 a", "-c", "bl");
        assertEquals(0, run.status(), run::toString);
        assertTrue(Pattern.compile("0:000> ba w4 a\n0:000> bl\n 0 e Disable Clear  [0-9a-f`]+ w 4 0001 \\(0001\\)"
            + "  0:\\*\\*\\*\\*\\n").matcher(run.out()).find(), run::toString);
    }

    @Test
    void toRunsPastABreakpoint() throws IOException {
        CliRun run = CliRun.of("run", scenario(true, "1").toString(), "--to", "4");
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().startsWith("0:000> !heap -a h\n"), run::toString);
        assertEquals("Stopped after step 4 of 5 (--to 4).", lastLine(run.out()));
    }

    @Test
    void toZeroRunsNothing() throws IOException {
        CliRun run = CliRun.of("run", scenario(false, "1").toString(), "--to", "0");
        assertEquals(0, run.status(), run::toString);
        assertEquals("Stopped after step 0 of 5 (--to 0).\n", run.out());
    }

    @Test
    void aStepPastTheEndIsAUsageError() throws IOException {
        CliRun run = CliRun.of("run", scenario(false, "1").toString(), "--to", "6");
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().startsWith("heaplab: --to: step 6 is past the end (the scenario has 5 steps)\n"),
            run::toString);
        assertEquals(2, CliRun.of("run", scenario(false, "1").toString(), "--diff", "9").status());
        CliRun after = CliRun.of("run", scenario(false, "1").toString(), "--to", "2", "--diff", "4");
        assertEquals(2, after.status(), after::toString);
        assertTrue(after.err().startsWith("heaplab: --diff: step 4 is after the stop (--to 2)"), after::toString);
    }

    /** The verifier's report is framed by ==== rules in the debugger; standard error's first line says what broke. */
    @Test
    void aVerifierStopsFirstLineIsItsMessage() {
        CliRun run = CliRun.of("run", "sample:page-heap-light");
        assertEquals(1, run.status(), run::toString);
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.matches(
            "sample:page-heap-light:\\d+:\\d+: VERIFIER STOP 0000000F: .*corrupted suffix pattern\\s*"), run::toString);
        assertFalse(run.err().contains("====="), run::toString);
    }

    @Test
    void aFailedExpectExitsWith1AtTheStepsPlace() throws IOException {
        Path file = scenario(false, "HeapValidate(h, 0, NULL) == 0");
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(1, run.status(), run::toString);
        assertTrue(Pattern.compile(Pattern.quote(file.toString()) + ":9:\\d+: \\S.*\n").matcher(run.err()).matches(),
            run::toString);
        assertEquals("Stopped after step 5 of 5 (expect failed).", lastLine(run.out()));
    }

    @Test
    void narrateShowsEachStepWithItsNarrationAndOutput() throws IOException {
        CliRun run = CliRun.of("run", scenario(false, "1").toString(), "--narrate");
        assertEquals(0, run.status(), run::toString);
        List<String> lines = lines(run.out());
        assertEquals("[1] h = HeapCreate(HEAP_GROWABLE, 0, 0)", lines.get(0));
        assertEquals("    A private heap.", lines.get(1));
        assertTrue(lines.contains("[2] a = HeapAlloc(h, 0, 0x20)"), run::toString);
        assertTrue(lines.contains("[3] 0:000> !heap -a h"), run::toString);
        assertTrue(lines.contains("[5] expect 1"), run::toString);
        assertEquals("    expect passed", lines.get(lines.indexOf("[5] expect 1") + 1), run::toString);
        for (String line : lines) {
            assertTrue(line.startsWith("[") || line.startsWith("    ") || line.isEmpty()
                || line.startsWith("Stopped after"), () -> "not indented: '" + line + "'\n" + run);
        }
    }

    @Test
    void consoleCommandsRunAfterStoppingInOrder() throws IOException {
        CliRun run = CliRun.of("run", scenario(true, "1").toString(), "-c", "? 1 + 1", "-c", "!heap -s");
        assertEquals(0, run.status(), run::toString);
        List<String> lines = lines(run.out());
        assertEquals("Stopped after step 2 of 5 (breakpoint before step 3).", lines.get(0));
        assertEquals("0:000> ? 1 + 1", lines.get(1));
        int second = lines.indexOf("0:000> !heap -s");
        assertTrue(second > 1, run::toString);
    }

    @Test
    void selectMustNameAVariableOrAnAddress() throws IOException {
        Path file = scenario(false, "1");
        CliRun bad = CliRun.of("run", file.toString(), "--select", "nosuchvariable");
        assertEquals(2, bad.status());
        assertEquals("", bad.out(), "a usage error, found before the run prints anything");
        assertEquals(0, CliRun.of("run", file.toString(), "--select", "a").status());
        assertEquals(0, CliRun.of("run", file.toString(), "--select", "0x00360688").status());
        CliRun early = CliRun.of("run", file.toString(), "--to", "1", "--select", "a");
        assertEquals(2, early.status(), "a is a variable (not the address 0xa), with no value yet at step 1");
        assertEquals("heaplab: --select: the variable 'a' has no value at step 1 (step 2 sets it)",
            lines(early.err()).get(0), early::toString);
        CliRun walk = CliRun.of("run", "sample:heap-walk", "--to", "3", "--select", "e");
        assertEquals(2, walk.status(), "e is made by HeapWalk(h, &e) at step 5, not the address 0xe");
        assertEquals("heaplab: --select: the variable 'e' has no value at step 3 (step 5 sets it)",
            lines(walk.err()).get(0), walk::toString);
    }

    @Test
    void aMalformedFileIsALoadErrorWithItsPlace() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, """
            {
              "heaplab": 1,
              "title": "x",
              "steps": [ { "do": "a = " ,, } ]
            }
            """);
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(1, run.status(), run::toString);
        assertEquals("", run.out());
        assertTrue(Pattern.compile(Pattern.quote(file.toString()) + ":\\d+:\\d+: \\S.*\n").matcher(run.err())
            .matches(), run::toString);
    }

    @Test
    void anUnknownSampleIsALoadError() {
        CliRun run = CliRun.of("run", "sample:no-such-sample");
        assertEquals(1, run.status(), run::toString);
        assertFalse(run.err().isBlank());
    }

    @Test
    void samplesListsEachBuiltInSampleWithItsTitleALineEach() {
        CliRun run = CliRun.of("samples");
        assertEquals(0, run.status(), run::toString);
        var samples = ScenarioLoader.samples();
        assertFalse(samples.isEmpty());
        // The contract: a line each, name and title, nothing else; in the sample browser's order (topic by topic).
        List<String> lines = lines(run.out());
        List<heaplab.engine.scenario.SampleInfo> ordered = new java.util.ArrayList<>();
        heaplab.app.samples.SampleTopics.group(samples).forEach(group -> ordered.addAll(group.samples()));
        assertEquals(samples.size(), lines.size(), run::toString);
        for (int i = 0; i < ordered.size(); i++) {
            var sample = ordered.get(i);
            assertTrue(lines.get(i).matches(Pattern.quote(sample.name()) + " {2,}" + Pattern.quote(sample.title())),
                lines.get(i));
        }
        assertTrue(run.out().startsWith("first-fit  "), run.out());
    }

    @Test
    void everySampleRuns() {
        // A sample may end in a fault on purpose (a page-heap overrun): then the reason is on stderr.
        for (var sample : ScenarioLoader.samples()) {
            CliRun run = CliRun.of("run", "sample:" + sample.name());
            assertTrue(run.status() == 0 || run.status() == 1 && run.err().startsWith("sample:" + sample.name()),
                () -> sample.name() + ": " + run);
            assertTrue(lastLine(run.out()).startsWith("Stopped after step "), () -> sample.name() + ": " + run);
        }
    }
}
