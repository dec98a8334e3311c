package heaplab.engine.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The quick reader returns what the full (Jackson) reader returns, places included, or leaves the file to it: on
 * every error, so that messages stay the full reader's.
 */
class QuickScenarioReaderTest {

    /** Reads a text both ways; fails when the quick reader returns something the full reader does not. */
    private static Scenario check(String json) {
        Scenario quick = new QuickScenarioReader("t.json", json).read();
        if (quick == null) {
            return null;
        }
        Scenario full;
        try {
            full = new ScenarioReader("t.json", json).read();
        } catch (ScenarioException e) {
            return fail("the quick reader accepts what the full reader rejects (" + e.getMessage() + "):\n" + json);
        }
        assertEquals(full, quick, json);
        for (int i = 0; i < full.steps().size(); i++) {
            Step step = quick.steps().get(i);
            Object parsed = full.steps().get(i).parsed();
            assertEquals(parsed == null ? null : parsed.getClass(),
                step.parsed() == null ? null : step.parsed().getClass(), json);
            assertEquals(String.valueOf(parsed), String.valueOf(step.parsed()), json);
        }
        return quick;
    }

    private static String json(String... lines) {
        return String.join("\n", lines).replace('\'', '"');
    }

    @Test
    void readsEverySampleAsTheFullReaderDoes() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "samples"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                assertNotNull(check(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r", "\n\r", "\r\r\n"})
    void countsLinesAsJacksonDoes(String lineEnd) {
        String text = String.join(lineEnd, "{ \"heaplab\": 1, \"title\": \"T\",", "\t\"steps\": [",
            "    { \"do\": \"x = 1\", \"say\": \"one\", \"break\": true },", "  { \"cmd\": \"db x\" },",
            "      {  \"expect\" :  \"x == 1\" } ] }", "");
        Scenario scenario = check(text);
        assertNotNull(scenario);
        assertEquals(3, scenario.steps().size());
    }

    @Test
    void readsEveryFieldAndRepeatedTexts() {
        Scenario scenario = check(json(
            "{ 'summary': 'S', 'heaplab': 1, 'title': 'T \u00e9', 'arch': 'x64', 'gflags': '+hpa +ust',",
            "  'pageHeap': 'light', 'lfh': 'off', 'image': 'app.exe', 'steps': [",
            "  { 'do': 'x = 1' }, { 'do': 'x = 1' }, { 'expect': 'x == 1' }, { 'expect': 'x == 1' },",
            "  { 'cmd': '!heap' }, { 'cmd': '!heap' }, { 'do': 'x' }, { 'say': 'ok', 'expect': 'x' } ] }"));
        assertNotNull(scenario);
        assertTrue(scenario.steps().get(0).text() == scenario.steps().get(1).text(), "one String per text");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "[]", "{}", "{ 'heaplab': 1, 'title': 'T' }", "{ 'heaplab': 2, 'title': 'T', 'steps': [] }",
        "{ 'heaplab': 1.0, 'title': 'T', 'steps': [] }", "{ 'heaplab': 10, 'title': 'T', 'steps': [] }",
        "{ 'heaplab': 1, 'title': ' ', 'steps': [] }", "{ 'heaplab': 1, 'title': 'T', 'steps': [], }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'do': 'x = 1' }, ] }",
        "{ 'heaplab': 1, 'title': 'T', 'title': 'U', 'steps': [] }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [] } x", "{ 'heaplab': 1, 'title': 'T', 'steps': [] } {}",
        "{ 'heaplab': 1, 'title': 'T', 'titel': 'T', 'steps': [] }", "{ 'heaplab': 1, 'title': 5, 'steps': [] }",
        "{ 'heaplab': 1, 'title': 'T', 'arch': 'arm', 'steps': [] }",
        "{ 'heaplab': 1, 'title': 'T', 'gflags': '+xyz', 'steps': [] }",
        "{ 'heaplab': 1, 'title': 'T', 'lfh': 'yes', 'steps': [] }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'do': 'x = y' } ] }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'expect': 'x == 1' }, { 'do': 'x = 1' } ] }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'cmd': ' ' } ] }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'do': 'x = 1', 'cmd': 'db x' } ] }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'say': 'nothing' } ] }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'do': 'x = 1', 'break': 'yes' } ] }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'do': 'x = 1', 'break': truex } ] }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'do': 'x = \\u0031' } ] }",
        "{ 'heaplab': 1, 'title': 'T\tU', 'steps': [] }", "\uFEFF{ 'heaplab': 1, 'title': 'T', 'steps': [] }",
        "{ 'heaplab': 1, 'title': 'T', 'steps': [] }\u000C", "{ 'heaplab': 1 /* c */, 'title': 'T', 'steps': [] }"})
    void leavesWhatItDoesNotHandleToTheFullReader(String text) {
        assertNull(check(text.replace('\'', '"')), text);
    }

    @Test
    void loadReportsErrorsAsTheFullReaderDoes() {
        String text = json("{ 'heaplab': 1, 'title': 'T', 'steps': [", "  { 'do': 'x = 1' },",
            "  { 'do': 'z = x + y' } ] }");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load("t.json", text));
        assertEquals("t.json:3:20: unknown constant or variable 'y'", e.getMessage());
    }

    /** A long generated file: many repeated texts and assigned values, shared through the tables. */
    @Test
    void readsALongFileAsTheFullReaderDoes() {
        String text = generated(30_000, new Random(7));
        Scenario scenario = check(text);
        assertNotNull(scenario);
        assertEquals(30_001, scenario.steps().size());
    }

    @Test
    void aLongFileWithAnErrorAtTheEndIsReportedByTheFullReader() {
        String good = generated(30_000, new Random(8));
        String text = good.substring(0, good.lastIndexOf(']')) + ", { \"do\": \"HeapFree(h, 0, nowhere)\" } ] }";
        assertNull(check(text));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load("t.json", text));
        assertTrue(e.getMessage().endsWith(": unknown constant or variable 'nowhere'"), e.getMessage());
    }

    /** Random single edits of good files: the quick reader agrees or declines, never differs. */
    @Test
    void agreesWithTheFullReaderOnEditedFiles() {
        Random random = new Random(20261122);
        String base = generated(12, random);
        List<String> inserts = List.of("\"", "\\", "\n", "\r", "\t", " ", "{", "}", "[", "]", ",", ":", "1", "x",
            "\u0001", "\u00e9", "true", "\"say\": \"s\",", "\"do\": \"q = 1\",", "\"break\": false,");
        for (int i = 0; i < 4000; i++) {
            StringBuilder text = new StringBuilder(base);
            int edits = 1 + random.nextInt(2);
            for (int j = 0; j < edits; j++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, inserts.get(random.nextInt(inserts.size())));
                    default -> text.setCharAt(at, inserts.get(random.nextInt(inserts.size())).charAt(0));
                }
            }
            check(text.toString());
        }
    }

    /** A scenario as the generator of long test files writes it: random allocations and frees over variables. */
    private static String generated(int steps, Random random) {
        List<String> lines = new ArrayList<>();
        lines.add("{\n\"do\": \"h = GetProcessHeap()\"\n}");
        boolean[] live = new boolean[200];
        for (int i = 0; i < steps; i++) {
            int k = random.nextInt(live.length);
            lines.add(live[k] ? "{\n\"do\": \"HeapFree(h, 0, p" + k + ")\"\n}"
                : "{\n\"do\": \"p" + k + " = HeapAlloc(h, 0, " + (1 + random.nextInt(511)) + ")\"\n}");
            live[k] = !live[k];
        }
        return "{\n\"heaplab\": 1,\n\"title\": \"generated\",\n\"arch\": \"x86\",\n\"steps\": [\n"
            + String.join(",\n", lines) + "\n]\n}\n";
    }
}
