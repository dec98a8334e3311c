package heaplab.engine.scenario;

import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioLoaderTest {

    /** A scenario text from lines written with ' for " (easier to read here). */
    private static String json(String... lines) {
        return String.join("\n", lines).replace('\'', '"');
    }

    private static ScenarioException error(String... lines) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load("t.json", json(lines)));
    }

    private static void assertError(String expected, String... lines) {
        assertEquals(expected, error(lines).getMessage());
    }

    @Test
    void loadsAScenarioWithItsDefaultsAndPlaces() throws ScenarioException {
        Scenario scenario = ScenarioLoader.load("t.json", json(
            "{ 'heaplab': 1, 'title': 'T',",
            "  'steps': [",
            "    { 'do': 'x = 1', 'say': 'one', 'break': true },",
            "    { 'cmd': 'db x' },",
            "    {   'expect': 'x == 1' }",
            "  ] }"));
        assertEquals("T", scenario.title());
        assertEquals("", scenario.summary());
        assertEquals(Arch.X86, scenario.arch());
        assertEquals(0, scenario.globalFlags());
        assertEquals("full", scenario.pageHeap());
        assertEquals("auto", scenario.lfh());
        assertEquals("demo.exe", scenario.image());
        List<Step> steps = scenario.steps();
        assertEquals(new Step(Step.Kind.DO, "x = 1", "one", true, 3, 14), steps.get(0));
        assertEquals(new Step(Step.Kind.CMD, "db x", "", false, 4, 15), steps.get(1));
        assertEquals(new Step(Step.Kind.EXPECT, "x == 1", "", false, 5, 20), steps.get(2));
    }

    /** A byte order mark (Notepad writes one) is not part of the JSON; places stay those of the visible text. */
    @Test
    void aByteOrderMarkIsSkipped() throws ScenarioException {
        Scenario scenario = ScenarioLoader.load("t.json", "\uFEFF" + json("{ 'heaplab': 1, 'title': 'T',",
            "  'steps': [ { 'do': 'x = 1' } ] }"));
        assertEquals(new Step(Step.Kind.DO, "x = 1", "", false, 2, 23), scenario.steps().get(0));
        assertEquals("t.json:1:17: unknown field 'titel'", assertThrows(ScenarioException.class,
            () -> ScenarioLoader.load("t.json", "\uFEFF" + json("{ 'heaplab': 1, 'titel': 'T', 'steps': [] }")))
            .getMessage().replaceAll(" \\(.*", ""));
    }

    /** Places are 1-based, and a message names places, not the parser's sources. */
    @Test
    void malformedFilesGetPlainMessages() {
        assertTrue(error("").getMessage().startsWith("t.json:1:1: "), error("").getMessage());
        String unclosed = error("{ 'heaplab': 1, 'title': 'T',", "  'steps': [ { 'do': 'x = 1' }", "}").getMessage();
        assertTrue(unclosed.startsWith("t.json:3:1: malformed JSON: "), unclosed);
        assertTrue(unclosed.contains("line 2, column 12") && !unclosed.contains("Source"), unclosed);
    }

    @Test
    void readsEverySetting() throws ScenarioException {
        Scenario scenario = ScenarioLoader.load("t.json", json(
            "{ 'heaplab': 1, 'title': 'T', 'summary': 'S', 'arch': 'x64', 'gflags': '+hpa +ust',",
            "  'pageHeap': 'light', 'lfh': 'off', 'image': 'app.exe', 'steps': [] }"));
        assertEquals(Arch.X64, scenario.arch());
        assertEquals(0x02001000L, scenario.globalFlags());
        assertEquals("+hpa +ust", scenario.gflags());
        assertEquals("light", scenario.pageHeap());
        assertEquals("off", scenario.lfh());
        assertEquals("app.exe", scenario.image());
        assertEquals("S", scenario.summary());
    }

    /** The usual slips of a file written by hand, in plain words and at the place the parser stopped. */
    @Test
    void commonJsonSlipsAreSaidPlainly() {
        String steps = "{ \"heaplab\": 1, \"title\": \"T\", \"steps\": [\n";
        assertEquals("t.json:3:3: malformed JSON: found '{' where a field name in double quotes should start (is a '}'"
            + " or a ',' missing before it?)",
            loadError(steps + "  { \"do\": \"x = 1\" ,\n  { \"do\": \"y = 2\" }\n] }"));
        assertEquals("t.json:3:3: malformed JSON: found '{' where a ',' should separate two items of a list (two "
            + "steps?)", loadError(steps + "  { \"do\": \"x = 1\" }\n  { \"do\": \"y = 2\" }\n] }"));
        assertEquals("t.json:1:3: malformed JSON: a single quote where a field name starts: JSON wants double quotes",
            loadError("{ 'heaplab': 1 }"));
        assertTrue(loadError(steps + "  { \"do\": \"x = 1\" }\n").contains("the file ends before the ']' that closes "
            + "the list opened at line 1, column 40"), loadError(steps + "  { \"do\": \"x = 1\" }\n"));
        String yes = loadError("{ \"heaplab\": yes }");
        assertTrue(yes.contains("'yes' is no JSON value"), yes);
    }

    private static String loadError(String text) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load("t.json", text)).getMessage();
    }

    @Test
    void malformedJson() {
        ScenarioException e = error("{ 'heaplab': 1,", "  'title': 'T',,", "  'steps': [] }");
        assertEquals(2, e.line());
        assertEquals(16, e.column());
        assertTrue(e.detail().startsWith("malformed JSON: "), e.detail());
        assertTrue(e.getMessage().startsWith("t.json:2:16: malformed JSON"), e.getMessage());
    }

    @Test
    void notAnObject() {
        assertError("t.json:1:1: a scenario is a JSON object: { \"heaplab\": 1, \"title\": ..., \"steps\": [...] }",
            "[1, 2]");
    }

    @Test
    void unknownTopLevelField() {
        assertError("t.json:2:3: unknown field 'titel' (fields: heaplab, title, summary, arch, gflags, pageHeap, lfh,"
            + " image, steps)", "{ 'heaplab': 1,", "  'titel': 'T', 'steps': [] }");
    }

    @Test
    void duplicateField() {
        assertError("t.json:1:31: duplicate field 'title'",
            "{ 'heaplab': 1, 'title': 'T', 'title': 'U', 'steps': [] }");
    }

    @Test
    void unknownStepField() {
        assertError("t.json:3:19: unknown step field 'sey' (fields: do, cmd, expect, say, break)",
            "{ 'heaplab': 1, 'title': 'T', 'steps': [", "  { 'do': 'x = 1',", "                  'sey': 'hi' } ] }");
    }

    @Test
    void stepWithNoneOfDoCmdExpect() {
        assertError("t.json:2:5: step 2 has none of 'do', 'cmd', 'expect'",
            "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'do': 'x = 1' },", "    { 'say': 'nothing' } ] }");
    }

    @Test
    void stepWithTwoOfDoCmdExpect() {
        assertError("t.json:1:59: a step has exactly one of 'do', 'cmd', 'expect'",
            "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'do': 'x = 1', 'expect': 'x' } ] }");
    }

    @Test
    void wrongTypes() {
        assertError("t.json:1:26: 'title' must be a string", "{ 'heaplab': 1, 'title': 5, 'steps': [] }");
        assertError("t.json:1:40: 'steps' must be an array of steps",
            "{ 'heaplab': 1, 'title': 'T', 'steps': {} }");
        assertError("t.json:1:42: step 1 must be an object: { \"do\": \"...\" }",
            "{ 'heaplab': 1, 'title': 'T', 'steps': [ 'x = 1' ] }");
        assertError("t.json:1:68: 'break' must be true or false",
            "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'do': 'x = 1', 'break': 'yes' } ] }");
        assertError("t.json:1:50: 'do' must be a string",
            "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'do': 1 } ] }");
        assertError("t.json:1:14: 'heaplab' must be the format version, the number 1",
            "{ 'heaplab': '1', 'title': 'T', 'steps': [] }");
    }

    @Test
    void missingRequiredFields() {
        assertError("t.json:1:1: missing field 'heaplab'", "{ 'title': 'T', 'steps': [] }");
        assertError("t.json:2:1: missing field 'title'", "", "{ 'heaplab': 1, 'steps': [] }");
        assertError("t.json:1:1: missing field 'steps'", "{ 'heaplab': 1, 'title': 'T' }");
    }

    @Test
    void unsupportedVersion() {
        assertError("t.json:1:14: unsupported format version 2 (this HeapLab reads version 1)",
            "{ 'heaplab': 2, 'title': 'T', 'steps': [] }");
    }

    @Test
    void badSettings() {
        assertError("t.json:1:39: unknown arch 'arm64' (x86 or x64)",
            "{ 'heaplab': 1, 'title': 'T', 'arch': 'arm64', 'steps': [] }");
        assertError("t.json:1:43: 'pageHeap' must be full or light, not 'heavy'",
            "{ 'heaplab': 1, 'title': 'T', 'pageHeap': 'heavy', 'steps': [] }");
        assertError("t.json:1:38: 'lfh' must be auto, on or off, not 'yes'",
            "{ 'heaplab': 1, 'title': 'T', 'lfh': 'yes', 'steps': [] }");
    }

    @Test
    void badGflagsTokenIsPlacedInsideTheString() {
        assertError("t.json:1:47: unknown gflags flag 'xyz' (heap flags: htc hfc hpc hvc htg ust htd dhc hpa)",
            "{ 'heaplab': 1, 'title': 'T', 'gflags': '+htc +xyz', 'steps': [] }");
    }

    @Test
    void statementErrorsArePlacedAtTheCharacterInsideTheString() {
        assertError("t.json:3:20: unknown constant or variable 'y'",
            "{ 'heaplab': 1, 'title': 'T', 'steps': [",
            "  { 'do': 'x = 1' },",
            "  { 'do': 'z = x + y' } ] }");
        assertError("t.json:2:16: HeapAlloc takes 3 arguments",
            "{ 'heaplab': 1, 'title': 'T', 'steps': [", "  { 'expect': 'HeapAlloc(1, 2) == 0' } ] }");
        assertError("t.json:2:16: HeapQueryInformation takes 5 arguments",
            "{ 'heaplab': 1, 'title': 'T', 'steps': [", "  { 'do': 'p = HeapQueryInformation(1, 0, 0, 0)' } ] }");
    }

    @Test
    void escapesBeforeTheErrorAreCounted() {
        // The raw JSON string s = \"\u0041\\tb\" + q decodes to s = "A\tb" + q: q is its 14th character but the
        // 22nd of the raw string, which starts at column 51.
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load("t.json",
            "{ \"heaplab\": 1, \"title\": \"T\", \"steps\": [ { \"do\": \"s = \\\"\\u0041\\\\tb\\\" + q\" } ] }"));
        assertEquals("unknown constant or variable 'q'", e.detail());
        assertEquals(1, e.line());
        assertEquals(72, e.column());
    }

    @Test
    void aVariableMustBeAssignedByAnEarlierStep() throws ScenarioException {
        assertError("t.json:2:16: unknown constant or variable 'x'",
            "{ 'heaplab': 1, 'title': 'T', 'steps': [", "  { 'expect': 'x == 1' },", "  { 'do': 'x = 1' } ] }");
        Scenario scenario = ScenarioLoader.load("t.json", json("{ 'heaplab': 1, 'title': 'T', 'steps': [",
            "  { 'do': 'x = 1' }, { 'do': 'x = x + 1' }, { 'expect': 'x == 2' } ] }"));
        assertEquals(3, scenario.steps().size());
    }

    @Test
    void commandsAreNotParsedAtLoadButMayNotBeEmpty() throws ScenarioException {
        ScenarioLoader.load("t.json", json("{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'cmd': '!heap -zzz' } ] }"));
        assertError("t.json:1:51: empty command", "{ 'heaplab': 1, 'title': 'T', 'steps': [ { 'cmd': ' ' } ] }");
    }

    @Test
    void contentAfterTheObject() {
        ScenarioException e = error("{ 'heaplab': 1, 'title': 'T', 'steps': [] }", "{}");
        assertEquals(2, e.line());
        assertEquals(1, e.column());
    }
}
