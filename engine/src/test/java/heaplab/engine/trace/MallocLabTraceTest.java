package heaplab.engine.trace;

import heaplab.engine.scenario.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MallocLabTraceTest {

    private static MallocLabTrace parse(String text) throws ScenarioException {
        return MallocLabTrace.parse("t.rep", text);
    }

    @Test
    void readsAShippedTrace() throws ScenarioException {
        MallocLabTrace trace = TraceFiles.read("short1-bal");
        assertEquals("short1-bal", trace.name());
        assertEquals(1, trace.suggestedHeapSize());
        assertEquals(6, trace.idCount());
        assertEquals(12, trace.size());
        assertEquals(1, trace.weight());
        assertEquals(new MallocLabTrace.Op('a', 0, 2040, 5, false), trace.ops().get(0));
        assertEquals(new MallocLabTrace.Op('f', 1, 0, 7, true), trace.ops().get(2));
        assertEquals(16, trace.line(11));
    }

    @Test
    void cornersHasAFreeOfNullAReallocOfNothingAndSizeZero() throws ScenarioException {
        List<MallocLabTrace.Op> ops = TraceFiles.read("corners").ops();
        assertEquals(new MallocLabTrace.Op('f', -1, 0, 5, false), ops.get(0));
        assertEquals(new MallocLabTrace.Op('a', 5, 52428800, 10, false), ops.get(5));
        assertEquals(new MallocLabTrace.Op('r', 6, 10, 11, false), ops.get(6), "r of an id never allocated");
        assertEquals(new MallocLabTrace.Op('r', 7, 200, 13, true), ops.get(8));
        assertEquals(new MallocLabTrace.Op('r', 10, 0, 19, true), ops.get(14));
    }

    @Test
    void liveFollowsAllocationsAndFrees() throws ScenarioException {
        MallocLabTrace trace = parse("0\n2\n6\n1\na 0 8\nf 0\nr 0 16\nf 0\nf 0\na 1 4\n");
        assertEquals(List.of(false, true, false, true, false, false),
            trace.ops().stream().map(MallocLabTrace.Op::live).toList(), "r after f reallocates NULL; f f frees twice");
    }

    @Test
    void everyTraceOfTheSharedFolderParsesWithTheCountsOfItsReadme() throws IOException, ScenarioException {
        Path folder = TraceFiles.sharedFolder();
        Map<String, int[]> expected = Map.ofEntries(
            Map.entry("amptjp-bal", new int[] {2847, 5694}), Map.entry("bash", new int[] {2403, 4162}),
            Map.entry("binary-bal", new int[] {3000, 6000}), Map.entry("cccp-bal", new int[] {2924, 5848}),
            Map.entry("chrome", new int[] {7461, 11991}), Map.entry("coalescing-bal", new int[] {7200, 14400}),
            Map.entry("corners", new int[] {11, 15}), Map.entry("cp-decl-bal", new int[] {3324, 6648}),
            Map.entry("expr-bal", new int[] {2690, 5380}), Map.entry("firefox-reddit", new int[] {50117, 99804}),
            Map.entry("firefox", new int[] {4952, 8000}), Map.entry("malloc-free", new int[] {9, 17}),
            Map.entry("random-bal", new int[] {2400, 4800}), Map.entry("realloc-bal", new int[] {4801, 14401}),
            Map.entry("short1-bal", new int[] {6, 12}), Map.entry("short2", new int[] {6, 12}));
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".rep")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            assertTrue(TraceImport.isTrace(file), file::toString);
            MallocLabTrace trace = MallocLabTrace.read(file);
            int[] counts = expected.get(trace.name());
            if (counts != null) {
                assertEquals(counts[0], trace.idCount(), file::toString);
                assertEquals(counts[1], trace.size(), file::toString);
            }
        }
    }

    @Test
    void lineEndingsBlankLinesAndSpacesAreTolerated() throws ScenarioException {
        String lf = "1\n2\n3\n1\na 0 16\nr 0 32\nf 0\n";
        MallocLabTrace reference = parse(lf);
        for (String text : new String[] {lf.replace("\n", "\r\n"), lf.replace("\n", "\r"), lf.strip(),
            "\uFEFF" + lf, " 1 \n2\t\n3\n1\n\n  a\t0  16 \n\nr 0 32\r\nf 0\n\n\n"}) {
            MallocLabTrace trace = parse(text);
            assertEquals(3, trace.size(), text);
            for (int i = 0; i < 3; i++) {
                assertEquals(reference.op(i), trace.op(i));
                assertEquals(reference.id(i), trace.id(i));
                assertEquals(reference.blockSize(i), trace.blockSize(i));
            }
        }
        assertEquals(List.of(5, 6, 7), List.of(reference.line(0), reference.line(1), reference.line(2)));
        MallocLabTrace spaced = parse("1\n2\n3\n1\n\n  a 0 16\n\nr 0 32\nf 0\n");
        assertEquals(List.of(6, 8, 9), List.of(spaced.line(0), spaced.line(1), spaced.line(2)));
    }

    @Test
    void anEmptyTraceHasNoOperations() throws ScenarioException {
        MallocLabTrace trace = parse("0\n0\n0\n0\n");
        assertEquals(0, trace.size());
        assertEquals(0, trace.idCount());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        `1\\nx2\\n1\\n1\\na 0 1\\n` | t.rep:2:1: header line 2 (number of ids) must be a decimal number, not 'x2'
        `1\\n2\\n1\\n\\na 0 1\\n` | t.rep:4:1: header line 4 (weight) is empty: it must be a number
        `1\\n2\\n1 2\\n1\\na 0 1\\n` | t.rep:3:3: header line 3 (number of operations) must be one number, not also '2'
        `1\\n-2\\n1\\n1\\na 0 1\\n` | t.rep:2:1: header line 2 (number of ids) must be a non-negative number, not '-2'
        `1\\n2\\n1\\n1\\nm 0 1\\n` | t.rep:5:1: unknown operation 'm' (a ID SIZE, f ID, r ID SIZE)
        `1\\n2\\n1\\n1\\n  alloc 0 1\\n` | t.rep:5:3: unknown operation 'alloc' (a ID SIZE, f ID, r ID SIZE)
        `1\\n2\\n1\\n1\\na\\n` | t.rep:5:2: 'a' needs an id and a size: a ID SIZE
        `1\\n2\\n1\\n1\\nf\\n` | t.rep:5:2: 'f' needs an id: f ID
        `1\\n2\\n1\\n1\\nr 0\\n` | t.rep:5:4: 'r' needs a size: r ID SIZE
        `1\\n2\\n1\\n1\\na 0 16 7\\n` | t.rep:5:8: unexpected '7' after a ID SIZE
        `1\\n2\\n2\\n1\\na 0 1\\nf 0 0\\n` | t.rep:6:5: unexpected '0' after f ID
        `1\\n2\\n1\\n1\\na x 16\\n` | t.rep:5:3: the id must be a decimal number, not 'x'
        `1\\n2\\n1\\n1\\na 0x1 16\\n` | t.rep:5:4: the id must be a decimal number, not '0x1'
        `1\\n2\\n1\\n1\\na 0 16k\\n` | t.rep:5:7: the size must be a decimal number, not '16k'
        `1\\n2\\n1\\n1\\na -1 16\\n` | t.rep:5:3: id -1 is negative (block ids are 0 to 1)
        `1\\n2\\n1\\n1\\nf -2\\n` | t.rep:5:3: id -2 is negative (block ids are 0 to 1; f -1 frees NULL)
        `1\\n2\\n1\\n1\\na 2 16\\n` | t.rep:5:3: id 2 is out of range: the header declares 2 ids (0 to 1)
        `1\\n2\\n1\\n1\\na 9999999999 16` | t.rep:5:3: id 9999999999 is out of range: the header declares 2 ids (0 to 1)
        `1\\n2\\n1\\n1\\na 0 4294967296` | t.rep:5:5: size 4294967296 is too large (at most 2147483647)
        `1\\n2\\n1\\n1\\na 0 -16\\n` | t.rep:5:5: size -16 is negative
        `1\\n2\\n1\\n1\\na 0 2147483648\\n` | t.rep:5:5: size 2147483648 is too large (at most 2147483647)
        `1\\n2\\n1\\n1\\nf 1\\n` | t.rep:5:3: block 1 is freed but was never allocated
        `1\\n2\\n1\\n1\\na 0 1\\nf 0\\n` | t.rep:6:1: operation 2 is one too many: the header declares 1 (line 3)
        `1\\n2\\n3\\n1\\na 0 1\\nf 0\\n` | t.rep:3:1: the header declares 3 operations but the file has 2
        `1\\r\\n2\\r\\n1\\r\\n1\\r\\nq 0 1\\r\\n` | t.rep:5:1: unknown operation 'q' (a ID SIZE, f ID, r ID SIZE)
        """)
    void malformedTracesSayWhereAndWhat(String text, String message) {
        ScenarioException e = assertThrows(ScenarioException.class,
            () -> parse(text.replace("\\n", "\n").replace("\\r", "\r")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aMissingOrShortHeaderIsNamed() {
        String expected = "a malloc-lab trace starts with four lines, one number each (suggested heap size, number"
            + " of ids, number of operations, weight)";
        assertEquals("t.rep:1:1: empty file: " + expected,
            assertThrows(ScenarioException.class, () -> parse("")).getMessage());
        assertEquals("t.rep:3:1: the header ends after 2 lines: " + expected,
            assertThrows(ScenarioException.class, () -> parse("1\n2\n")).getMessage());
    }

    @Test
    void numbersBeyondALongAreOutOfRangeNotACrash() {
        String huge = "99999999999999999999";
        assertEquals("t.rep:5:5: size " + huge + " is too large (at most 2147483647)", assertThrows(
            ScenarioException.class, () -> parse("1\n2\n1\n1\na 0 " + huge + "\n")).getMessage());
        assertEquals("t.rep:5:3: id -" + huge + " is negative (block ids are 0 to 1; f -1 frees NULL)", assertThrows(
            ScenarioException.class, () -> parse("1\n2\n1\n1\nf -" + huge + "\n")).getMessage());
    }

    @Test
    void aHeaderCannotAskForMoreThan16MillionIds() {
        assertEquals("t.rep:2:1: number of ids 16777217 is too large (at most 16777216)", assertThrows(
            ScenarioException.class, () -> parse("1\n16777217\n0\n1\n")).getMessage());
    }

    @Test
    void errorsCarryTheirPlace() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("1\n2\n1\n1\n\n\na 0 -5\n"));
        assertEquals("t.rep", e.source());
        assertEquals(7, e.line());
        assertEquals(5, e.column());
        assertEquals("size -5 is negative", e.detail());
    }

    @Test
    void aMissingFileIsALoadError() {
        ScenarioException e = assertThrows(ScenarioException.class,
            () -> MallocLabTrace.read(Path.of("no/such/trace.rep")));
        assertTrue(e.getMessage().startsWith("no/such/trace.rep:1:1: cannot read the file"), e.getMessage());
    }

    @Test
    void aTraceIsRecognisedByItsFirstLine() {
        assertTrue(MallocLabTrace.looksLikeTrace("1\r\n2\r\n"));
        assertTrue(MallocLabTrace.looksLikeTrace(" 20 \n"));
        assertTrue(MallocLabTrace.looksLikeTrace("0"));
        assertTrue(MallocLabTrace.looksLikeTrace("\uFEFF1\n"));
        assertFalse(MallocLabTrace.looksLikeTrace("{ \"heaplab\": 1 }"));
        assertFalse(MallocLabTrace.looksLikeTrace(""));
        assertFalse(MallocLabTrace.looksLikeTrace("\n1\n"));
        assertFalse(MallocLabTrace.looksLikeTrace("1234 malloc(16) = 0x55d0\n"), "ltrace output with a pid");
        assertFalse(MallocLabTrace.looksLikeTrace("==1234== Memcheck\n"));
    }
}
