package heaplab.engine.session;

import heaplab.engine.nt.HeapConstants;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static heaplab.engine.session.TestScenarios.ptr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validate-on-call (gflags +hvc, {@code !heap -E}): the next HeapAlloc, HeapReAlloc, HeapFree or HeapSize on the heap
 * finds the damage, not the reuse of the damaged block.
 */
class ValidateOnCallTest {
    private static final String BREAK = TestScenarios.BREAK;

    private static String breakAfter(String arch) {
        return TestScenarios.breakAfterCorruption(arch);
    }

    @BeforeEach
    void needsTheHeap() {
        NtHeapReady.assume();
    }

    private static Session open(String arch, String gflags, String steps) throws ScenarioException {
        return TestScenarios.open(arch, "\"gflags\": \"" + gflags + "\"", steps);
    }

    private static int headerSize(String arch) {
        return arch.equals("x86") ? 8 : 16;
    }

    /** A write after free into a's free fill, then a HeapSize of another block. */
    private static String writeAfterFree(String arch) {
        return """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "a = HeapAlloc(h, 0, 0x30)" },
            { "do": "b = HeapAlloc(h, 0, 0x30)" },
            { "do": "HeapFree(h, 0, a)" },
            { "do": "a[%d] = 0x41" },
            { "do": "n = HeapSize(h, 0, b)" }
            """.formatted(headerSize(arch) + 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void theNextCallFindsAWriteAfterFree(String arch) throws ScenarioException {
        Session session = open(arch, "+hfc +hvc", writeAfterFree(arch));
        StepOutcome last = runToLast(session);
        assertEquals(StepOutcome.Status.FAULT, last.status(), last.output());
        long a = session.process().readVariable("a");
        assertEquals("HEAP[demo.exe]: HEAP: Free Heap block " + ptr(arch, a - headerSize(arch)) + " modified at "
            + ptr(arch, a + headerSize(arch) + 5) + " after it was freed\n" + breakAfter(arch), last.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void withoutValidateOnCallTheSameCallGoesThrough(String arch) throws ScenarioException {
        Session session = open(arch, "+hfc", writeAfterFree(arch));
        StepOutcome last = runToLast(session);
        assertEquals(StepOutcome.Status.OK, last.status(), last.output());
        assertEquals(0x30, session.process().readVariable("n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void damageWithoutAMessageOfItsOwnGivesTheGeneralLine(String arch) throws ScenarioException {
        Session session = open(arch, "+hvc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "a = HeapAlloc(h, 0, 0x30)" },
            { "do": "b = HeapAlloc(h, 0, 0x30)" },
            { "do": "HeapFree(h, 0, a)" },
            { "do": "a[0] = 0x41" },
            { "do": "c = HeapAlloc(h, 0, 0x300)" }
            """);
        StepOutcome last = runToLast(session);
        assertEquals(StepOutcome.Status.FAULT, last.status(), last.output());
        long h = session.process().readVariable("h");
        String prefix = "HEAP[demo.exe]: Heap " + ptr(arch, h) + " corrupted: ";
        assertTrue(last.output().startsWith(prefix), last.output());
        assertTrue(last.output().endsWith("\n" + breakAfter(arch)), last.output());
        assertEquals(arch.equals("x64") ? 3 : 2, last.output().lines().count(), last.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void bangHeapMinusETurnsItOnAndMinusDOff(String arch) throws ScenarioException {
        String overrun = """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 12)" },
            { "cmd": "!heap -E h" },
            { "do": "p[12] = 0x41" },
            %s
            { "do": "q = HeapAlloc(h, 0, 8)" }
            """;
        Session on = open(arch, "+htc", overrun.formatted(""));
        StepOutcome last = runToLast(on);
        assertEquals(StepOutcome.Status.FAULT, last.status(), last.output());
        long p = on.process().readVariable("p");
        assertEquals("HEAP[demo.exe]: Heap block at " + ptr(arch, p - headerSize(arch)) + " modified at "
            + ptr(arch, p + 12) + " past requested size of c\n" + breakAfter(arch), last.output());
        Session off = open(arch, "+htc", overrun.formatted("{ \"cmd\": \"!heap -D h\" },"));
        assertEquals(StepOutcome.Status.OK, runToLast(off).status());
    }

    @Test
    void aTypedValidationOptionIsAStepAndStepsBack() throws ScenarioException {
        Session session = open("x86", "", """
            { "do": "h = HeapCreate(0, 0, 0)" }
            """);
        session.step();
        long h = session.process().readVariable("h");
        assertEquals("Heap 00240000: validate-on-call enabled (Flags 20001002, ForceFlags 20000000)\n",
            session.console("!heap -E h"));
        assertEquals(2, session.steps().size());
        assertEquals(HeapConstants.HEAP_VALIDATE_ALL_ENABLED,
            session.process().heaps().read(h).flags() & HeapConstants.HEAP_VALIDATE_ALL_ENABLED);
        session.stepBack();
        assertEquals(0, session.process().heaps().read(h).flags() & HeapConstants.HEAP_VALIDATE_ALL_ENABLED);
        session.step();
        assertEquals(HeapConstants.HEAP_VALIDATE_ALL_ENABLED,
            session.process().heaps().read(h).flags() & HeapConstants.HEAP_VALIDATE_ALL_ENABLED);
        assertEquals("Heap 12345678 not found\n", session.console("!heap -e 12345678"));
        assertEquals(2, session.steps().size(), "a bad heap adds no step");
        assertFalse(session.isStopped() && session.position() != 2);
    }

    /** The sample: the first HeapSize after the write goes through, the one after {@code !heap -E h} breaks. */
    @Test
    void theSampleStopsAtTheHeapSizeAfterBangHeapMinusE() {
        Session session = Session.open(ScenarioLoader.loadSample("validate-on-call"), Session.Options.forwardOnly());
        StepOutcome last = runToLast(session);
        assertEquals(StepOutcome.Status.FAULT, last.status(), last.output());
        long a = session.process().readVariable("a");
        assertEquals("HEAP[demo.exe]: HEAP: Free Heap block " + ptr("x86", a - 8) + " modified at "
            + ptr("x86", a + 8) + " after it was freed\n" + BREAK, last.output());
        String gflags = session.outcomes().get(7).output();
        assertTrue(gflags.endsWith("existing heaps keep theirs."), gflags);
        assertEquals(0xA0, session.process().globalFlags(), "+hvc set, +hfc kept");
        assertTrue(session.outcomes().get(8).output().contains("validate-on-call enabled"));
    }

    /** Runs every step but the last, each OK, then the last. */
    private static StepOutcome runToLast(Session session) {
        int n = session.steps().size();
        for (int i = 0; i < n - 1; i++) {
            StepOutcome o = session.step();
            assertEquals(StepOutcome.Status.OK, o.status(), () -> (o.index() + 1) + ": " + o.output());
        }
        return session.step();
    }
}
