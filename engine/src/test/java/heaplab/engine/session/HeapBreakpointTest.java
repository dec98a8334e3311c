package heaplab.engine.session;

import heaplab.engine.console.HeapBreakpoints;
import heaplab.engine.scenario.ScenarioException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heap breakpoints ({@code !heap -b}): session state that stops a run before a matching step. */
class HeapBreakpointTest {
    private static final String STEPS = """
        { "do": "h = HeapCreate(0, 0, 0)" },
        { "do": "a = HeapAlloc(h, 0, 0x20)" },
        { "do": "b = HeapAlloc(h, 0, 0x40)" },
        { "do": "a[0] = 0x41" },
        { "do": "c = HeapReAlloc(h, 0, a, 0x80)" },
        { "do": "HeapFree(h, 0, b)" },
        { "do": "HeapFree(h, 0, c)" }
        """;

    @BeforeEach
    void needsTheHeap() {
        NtHeapReady.assume();
    }

    private static Session open(String arch, String steps) throws ScenarioException {
        return TestScenarios.open(arch, steps);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void setListAndClear(String arch) throws ScenarioException {
        Session s = open(arch, STEPS);
        assertEquals("No heap breakpoints set\n", s.console("!heap -b"));
        assertEquals("Heap breakpoint set: alloc\n", s.console("!heap -b alloc"));
        assertEquals("Heap breakpoint set: free with tag MyTag\n", s.console("!heap -b free MyTag"));
        assertEquals(0, s.steps().size() - 7, "setting a breakpoint adds no step");
        assertEquals(0, s.position());
        String listing = s.console("!heap -b");
        assertEquals("""
            Heap breakpoints:
             0 e alloc    before each HeapAlloc
             1 e free     before each HeapFree with tag MyTag
            """, listing);
        assertEquals("Heap breakpoint cleared: alloc\n", s.console("!heap -B alloc"));
        assertEquals("No heap breakpoint on alloc\n", s.console("!heap -B alloc"));
        assertFalse(s.heapBreakpoints().has(HeapBreakpoints.Kind.ALLOC));
        assertEquals("MyTag", s.heapBreakpoints().tag(HeapBreakpoints.Kind.FREE));
        assertEquals(Session.RunStop.NONE, s.lastRunStop());
        assertEquals(7, s.steps().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void runStopsBeforeTheMatchingStep(String arch) throws ScenarioException {
        Session s = open(arch, STEPS);
        s.console("!heap -b alloc");
        s.run();
        assertEquals(1, s.position(), "stopped before the first HeapAlloc");
        assertEquals(Session.RunStop.HEAP_BREAKPOINT, s.lastRunStop());
        assertEquals("heap breakpoint (alloc)", s.lastRunStopText());
        s.run();
        assertEquals(2, s.position(), "the first step of a run always runs; stopped before the second HeapAlloc");
        s.console("!heap -B alloc");
        s.console("!heap -b realloc");
        s.run();
        assertEquals(4, s.position());
        assertEquals("realloc", s.lastHeapBreakpoint());
        s.console("!heap -b free");
        s.run();
        assertEquals(5, s.position());
        assertEquals("heap breakpoint (free)", s.lastRunStopText());
        s.run();
        assertEquals(6, s.position());
        s.run();
        assertEquals(7, s.position());
        assertEquals(Session.RunStop.END, s.lastRunStop());
        assertNull(s.lastHeapBreakpoint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void addressBreakpointStopsBeforeTheFreeOfItsBlock(String arch) throws ScenarioException {
        Session s = open(arch, STEPS);
        s.jumpTo(3);
        long b = s.process().readVariable("b");
        String set = s.console("!heap -b b+8");
        assertTrue(set.startsWith("Heap breakpoint set: free or realloc of the block containing "), set);
        assertEquals(3, s.position());
        s.run();
        assertEquals(5, s.position(), "the HeapReAlloc of a does not hit; HeapFree(h, 0, b) does");
        assertEquals("address " + s.process().arch().ptr(b + 8), s.lastHeapBreakpoint());
        s.run();
        assertEquals(7, s.position());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void aTaggedBreakpointStopsOnlyForBlocksOfThatTag(String arch) throws ScenarioException {
        Session s = open(arch, """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "t = HeapCreateTags(h, \\"Buffers\\", \\"Nodes\\")" },
            { "do": "a = HeapAlloc(h, 0, 0x20)" },
            { "do": "b = HeapAlloc(h, t, 0x20)" },
            { "do": "c = HeapAlloc(h, HEAP_MAKE_TAG_FLAGS(t, 1), 0x20)" },
            { "do": "HeapFree(h, 0, a)" },
            { "do": "HeapFree(h, 0, b)" },
            { "do": "HeapFree(h, 0, c)" }
            """);
        s.console("!heap -b alloc nodes");
        s.console("!heap -b free Buffers");
        s.run();
        assertEquals(4, s.position(), "only the Nodes allocation hits; the plain and the Buffers ones do not");
        assertEquals("alloc nodes", s.lastHeapBreakpoint());
        s.run();
        assertEquals(6, s.position(), "the free of the untagged a does not hit; the free of b does");
        assertEquals("free Buffers", s.lastHeapBreakpoint());
        s.run();
        assertEquals(8, s.position());
        assertEquals(Session.RunStop.END, s.lastRunStop());
    }

    @Test
    void aScenarioCmdStepSetsItForTheRestOfTheRun() throws ScenarioException {
        Session s = open("x86", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "cmd": "!heap -b free" },
            { "do": "a = HeapAlloc(h, 0, 0x20)" },
            { "do": "HeapFree(h, 0, a)" },
            { "do": "b = HeapAlloc(h, 0, 0x20)" },
            { "do": "HeapFree(h, 0, b)" }
            """);
        s.run();
        assertEquals(3, s.position());
        assertEquals(Session.RunStop.HEAP_BREAKPOINT, s.lastRunStop());
        assertEquals("Heap breakpoint set: free", s.outcomes().get(1).output());
        s.run();
        assertEquals(5, s.position());
        s.run();
        assertEquals(6, s.position());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void stepBackAndRestartKeepTheBreakpoint(String arch) throws ScenarioException {
        Session s = open(arch, STEPS);
        s.console("!heap -b free");
        s.run();
        assertEquals(5, s.position());
        s.stepBack();
        s.stepBack();
        assertTrue(s.heapBreakpoints().has(HeapBreakpoints.Kind.FREE));
        s.run();
        assertEquals(5, s.position());
        s.restart();
        assertEquals("Heap breakpoints:\n 0 e free     before each HeapFree\n", s.console("!heap -b"));
        s.run();
        assertEquals(5, s.position());
    }

    /** The seed's forms: {@code -b {alloc|realloc|free} [Tag] [Heap]} and {@code -B {alloc|realloc|free} [Heap]}. */
    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void aBreakpointOnAHeapStopsOnlyForCallsOnThatHeap(String arch) throws ScenarioException {
        Session s = open(arch, """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "g = HeapCreate(0, 0, 0)" },
            { "do": "t = HeapCreateTags(g, \\"Nodes\\")" },
            { "do": "a = HeapAlloc(h, HEAP_MAKE_TAG_FLAGS(t, 0), 0x20)" },
            { "do": "b = HeapAlloc(g, 0, 0x20)" },
            { "do": "c = HeapAlloc(g, t, 0x20)" },
            { "do": "HeapFree(h, 0, a)" },
            { "do": "HeapFree(g, 0, b)" },
            { "do": "p = malloc(8)" },
            { "do": "free(p)" }
            """);
        s.jumpTo(3);
        String g = s.process().arch().ptr(s.process().readVariable("g"));
        assertEquals("Heap breakpoint set: alloc with tag Nodes on heap " + g + "\n", s.console("!heap -b alloc Nodes g"));
        assertEquals("Heap breakpoint set: free on heap " + g + "\n", s.console("!heap -b free g"));
        assertEquals("Heap breakpoint set: realloc on heap " + g + "\n", s.console("!heap -b realloc 3"),
            "a 1-based index names a heap too");
        assertTrue(s.console("!heap -b").contains(" 0 e alloc    before each HeapAlloc with tag Nodes on heap " + g
            + "\n"));
        s.run();
        assertEquals(5, s.position(), "h's tagged HeapAlloc and g's untagged one do not hit; g's Nodes one does");
        assertEquals("alloc Nodes on heap " + g, s.lastHeapBreakpoint());
        s.run();
        assertEquals(7, s.position(), "the free on h does not hit; the free on g does");
        assertEquals("No heap breakpoint on free on heap " + s.process().arch().ptr(s.process().readVariable("h"))
            + "\n", s.console("!heap -B free h"));
        assertEquals("Heap breakpoint cleared: free on heap " + g + "\n", s.console("!heap -B free g"));
        s.console("!heap -b free 1");
        s.run();
        assertEquals(9, s.position(), "free() works on the process heap, heap 1");
        assertEquals("HEAPEXT: a is not a heap of the process\n", s.console("!heap -b free Nodes a"));
    }

    /**
     * The CRT's realloc is the heap call its arguments make it (UCRT): realloc(NULL, n) a HeapAlloc, realloc(p, 0) a
     * HeapFree; _expand(NULL, n) calls nothing. Arguments that call a function keep realloc's own kind.
     */
    @Test
    void aCrtReallocHitsTheBreakpointOfTheHeapCallItMakes() throws ScenarioException {
        Session s = open("x86", """
            { "do": "a = malloc(8)" },
            { "do": "e = _expand(0, 8)" },
            { "do": "a = realloc(a, 0)" },
            { "do": "b = realloc(0, 16)" },
            { "do": "b = realloc(b, 32)" }
            """);
        s.console("!heap -b realloc");
        s.run();
        assertEquals(4, s.position(), "only realloc(b, 32) reallocates");
        s.restart();
        s.console("!heap -B realloc");
        s.console("!heap -b free");
        s.run();
        assertEquals(2, s.position(), "realloc(a, 0) frees");
        s.restart();
        s.console("!heap -B free");
        s.console("!heap -b alloc");
        s.run(); // a run goes over the step it starts at (malloc(8))
        assertEquals(3, s.position(), "_expand(NULL, 8) makes no heap call, realloc(a, 0) frees; realloc(NULL, 16)"
            + " allocates");
    }

    /** The usual way to name the process heap, HeapAlloc(GetProcessHeap(), ...), is evaluated for the heap. */
    @Test
    void aHeapBreakpointKnowsGetProcessHeap() throws ScenarioException {
        Session s = open("x86", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "a = HeapAlloc(h, 0, 8)" },
            { "do": "b = HeapAlloc(GetProcessHeap(), 0, 8)" }
            """);
        s.console("!heap -b alloc 1");
        s.run();
        assertEquals(2, s.position(), "stopped before the allocation on the process heap, not the one on h");
    }

    @Test
    void badArgumentsChangeNothing() throws ScenarioException {
        Session s = open("x64", STEPS);
        s.console("!heap -b alloc");
        for (String line : List.of("!heap -b nosuchname", "!heap -b alloc x y", "!heap -B", "!heap -B free",
            "!heap -B alloc extra")) {
            String out = s.console(line);
            assertEquals(1, out.split("\n").length, line + ": " + out);
            assertEquals(7, s.steps().size(), line);
        }
        assertTrue(s.heapBreakpoints().has(HeapBreakpoints.Kind.ALLOC));
        assertFalse(s.heapBreakpoints().has(HeapBreakpoints.Kind.FREE));
        assertTrue(s.heapBreakpoints().addresses().isEmpty());
    }

    @Test
    void callsAreFoundInTheTextNotInStrings() {
        assertEquals(List.of(), HeapBreakpointMatcher.calls("p = strcpy(q, \"HeapFree(h, 0, p)\")"));
        List<HeapBreakpointMatcher.Call> calls = HeapBreakpointMatcher.calls("HeapFree(h, 0, HeapAlloc(h, 0, (4)))");
        assertEquals(2, calls.size());
        assertEquals(List.of("h", "0", "HeapAlloc(h, 0, (4))"), calls.get(0).arguments());
        assertEquals(HeapBreakpoints.Kind.ALLOC, calls.get(1).kind());
        assertEquals(List.of(), HeapBreakpointMatcher.calls("MyHeapFree(h)"));
    }
}
