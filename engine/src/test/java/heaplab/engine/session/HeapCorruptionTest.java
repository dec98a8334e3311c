package heaplab.engine.session;

import heaplab.engine.scenario.ScenarioException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static heaplab.engine.session.TestScenarios.ptr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Corruption found where Windows finds it (heap-facts.md 1.5, 1.8, 1.9): the HEAP message, then the break that stops
 * the run, with memory as it was before the failed call.
 */
class HeapCorruptionTest {
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

    private static int pointerSize(String arch) {
        return arch.equals("x86") ? 4 : 8;
    }

    /** Runs all steps but the last, checks they are OK, then runs the last and checks memory did not change. */
    private static StepOutcome lastStepFaults(Session session) {
        int n = session.steps().size();
        for (int i = 0; i < n - 1; i++) {
            StepOutcome o = session.step();
            assertEquals(StepOutcome.Status.OK, o.status(), () -> (o.index() + 1) + ": " + o.output());
        }
        long h = session.process().readVariable("h");
        byte[] before = session.process().memory().readBytes(h, 0x1000);
        StepOutcome last = session.step();
        assertEquals(StepOutcome.Status.FAULT, last.status(), last.output());
        assertTrue(session.isStopped());
        assertTrue(Arrays.equals(before, session.process().memory().readBytes(h, 0x1000)),
            "the failed call changed nothing");
        return last;
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void heapFreeFindsADamagedTail(String arch) throws ScenarioException {
        Session session = open(arch, "+htc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 12)" },
            { "do": "p[12] = 0x41" },
            { "expect": "HeapValidate(h, 0, NULL) == 0" },
            { "expect": "HeapValidate(h, 0, p) == 0" },
            { "do": "HeapFree(h, 0, p)" }
            """);
        assertTailModified(session, arch, 12, "c");
    }

    /** HeapValidate prints the damage's HEAP message (1.9: checked at validate) and returns FALSE; no break. */
    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void heapValidatePrintsTheMessageAndReturnsFalse(String arch) throws ScenarioException {
        int body = 2 * pointerSize(arch);
        Session session = open(arch, "+htc +hfc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 12)" },
            { "do": "a = HeapAlloc(h, 0, 0x30)" },
            { "do": "b = HeapAlloc(h, 0, 0x30)" },
            { "do": "HeapFree(h, 0, a)" },
            { "expect": "HeapValidate(h, 0, p) == 1" },
            { "do": "p[12] = 0x41" },
            { "expect": "HeapValidate(h, 0, p) == 0" },
            { "expect": "HeapValidate(h, 0, NULL) == 0" },
            { "do": "p[12] = 0xAB" },
            { "do": "a[%d] = 0x41" },
            { "expect": "HeapValidate(h, 0, NULL) == 0" },
            { "expect": "HeapValidate(h, 0, p) == 1" }
            """.formatted(body + 5));
        session.run();
        assertEquals(13, session.position(), "no break: every step ran");
        int g = 2 * pointerSize(arch);
        long p = session.process().readVariable("p");
        long a = session.process().readVariable("a");
        String tail = "HEAP[demo.exe]: Heap block at " + ptr(arch, p - g) + " modified at " + ptr(arch, p + 12)
            + " past requested size of c";
        assertEquals("", session.outcomes().get(5).output());
        assertEquals(tail, session.outcomes().get(7).output());
        assertEquals(tail, session.outcomes().get(8).output(), "the whole heap: its first damaged block");
        assertEquals("HEAP[demo.exe]: HEAP: Free Heap block " + ptr(arch, a - g) + " modified at "
            + ptr(arch, a + body + 5) + " after it was freed", session.outcomes().get(11).output());
        assertEquals("", session.outcomes().get(12).output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void heapReAllocFindsADamagedTail(String arch) throws ScenarioException {
        Session session = open(arch, "+htc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 0x21)" },
            { "do": "p[0x23] = 0" },
            { "do": "q = HeapReAlloc(h, 0, p, 0x100)" }
            """);
        assertTailModified(session, arch, 0x23, "21");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void heapSizeChecksTheTailWhenValidatingParameters(String arch) throws ScenarioException {
        Session session = open(arch, "+htc +hpc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 17)" },
            { "expect": "HeapSize(h, 0, p) == 17" },
            { "do": "p[17] = 0" },
            { "do": "n = HeapSize(h, 0, p)" }
            """);
        assertTailModified(session, arch, 17, "11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void anAllocationFindsAModifiedFreeBlock(String arch) throws ScenarioException {
        int body = 2 * pointerSize(arch);
        Session session = open(arch, "+hfc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "a = HeapAlloc(h, 0, 0x30)" },
            { "do": "b = HeapAlloc(h, 0, 0x30)" },
            { "do": "HeapFree(h, 0, a)" },
            { "expect": "HeapValidate(h, 0, NULL) == 1" },
            { "do": "a[%d] = 0x41" },
            { "expect": "HeapValidate(h, 0, NULL) == 0" },
            { "do": "c = HeapAlloc(h, 0, 0x30)" }
            """.formatted(body + 5));
        assertFreeBlockModified(session, arch, "a", body + 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void coalescingFindsAModifiedFreeBlock(String arch) throws ScenarioException {
        int body = 2 * pointerSize(arch);
        Session session = open(arch, "+hfc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "a = HeapAlloc(h, 0, 0x30)" },
            { "do": "b = HeapAlloc(h, 0, 0x30)" },
            { "do": "c = HeapAlloc(h, 0, 0x30)" },
            { "do": "HeapFree(h, 0, a)" },
            { "do": "a[%d] = 0" },
            { "do": "HeapFree(h, 0, b)" }
            """.formatted(body));
        assertFreeBlockModified(session, arch, "a", body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void growingInPlaceFindsAModifiedFreeBlock(String arch) throws ScenarioException {
        int body = 2 * pointerSize(arch);
        Session session = open(arch, "+hfc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "a = HeapAlloc(h, 0, 0x30)" },
            { "do": "b = HeapAlloc(h, 0, 0x30)" },
            { "do": "c = HeapAlloc(h, 0, 0x30)" },
            { "do": "HeapFree(h, 0, b)" },
            { "do": "b[%d] = 0" },
            { "expect": "HeapValidate(h, 0, NULL) == 0" },
            { "do": "q = HeapReAlloc(h, 0, a, 0x50)" }
            """.formatted(body + 2));
        assertFreeBlockModified(session, arch, "b", body + 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void aBadPointerBreaksOnADebugHeap(String arch) throws ScenarioException {
        Session session = open(arch, "+htc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 0x10)" },
            { "do": "HeapFree(h, 0, p + 0x10)" }
            """);
        StepOutcome last = lastStepFaults(session);
        long h = session.process().readVariable("h");
        long p = session.process().readVariable("p");
        assertEquals("HEAP[demo.exe]: Invalid address specified to RtlFreeHeap( " + ptr(arch, h) + ", "
            + ptr(arch, p + 0x10) + " )\n" + breakAfter(arch), last.output());
    }

    /** RtlSizeHeap's bad pointer breaks on a debug heap; RtlValidateHeap's prints the same line and returns FALSE. */
    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void badPointersToHeapSizeAndHeapValidateSaySoOnADebugHeap(String arch) throws ScenarioException {
        Session session = open(arch, "+hpc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 0x10)" },
            { "expect": "HeapValidate(h, 0, p + 8) == 0" },
            { "do": "n = HeapSize(h, 0, p + 8)" }
            """);
        session.step();
        session.step();
        long h = session.process().readVariable("h");
        long p = session.process().readVariable("p");
        String line = "HEAP[demo.exe]: Invalid address specified to %s( " + ptr(arch, h) + ", " + ptr(arch, p + 8)
            + " )";
        StepOutcome validate = session.step();
        assertEquals(StepOutcome.Status.OK, validate.status(), validate.output());
        assertTrue(validate.output().startsWith(line.formatted("RtlValidateHeap")), validate.output());
        StepOutcome size = session.step();
        assertEquals(StepOutcome.Status.FAULT, size.status(), size.output());
        assertEquals(line.formatted("RtlSizeHeap") + "\n" + BREAK, size.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void aBadPointerToHeapReAllocBreaksOnADebugHeap(String arch) throws ScenarioException {
        Session session = open(arch, "+hpc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 0x10)" },
            { "do": "q = HeapReAlloc(h, 0, p + 4, 0x20)" }
            """);
        StepOutcome last = lastStepFaults(session);
        long h = session.process().readVariable("h");
        long p = session.process().readVariable("p");
        assertEquals("HEAP[demo.exe]: Invalid address specified to RtlReAllocateHeap( " + ptr(arch, h) + ", "
            + ptr(arch, p + 4) + " )\n" + breakAfter(arch), last.output());
    }

    @Test
    void aBadPointerOnAPlainHeapOnlyFails() throws ScenarioException {
        Session session = open("x86", "", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 0x10)" },
            { "do": "r = HeapFree(h, 0, p + 0x10)" },
            { "expect": "r == 0 && GetLastError() == ERROR_INVALID_PARAMETER" }
            """);
        StepOutcome last = session.run();
        assertEquals(StepOutcome.Status.OK, last.status(), last.output());
        assertEquals(4, session.position());
    }

    /** Every 64-bit process terminates on corruption (Raymond Chen's Q&A): a plain heap stops at a bad pointer too. */
    @Test
    void anX64ProcessTerminatesOnCorruptionFromTheStart() throws ScenarioException {
        Session session = open("x64", "", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 0x10)" },
            { "do": "r = HeapFree(h, 0, p + 0x10)" }
            """);
        assertTrue(session.console("!heap -s").contains("Termination on corruption : ENABLED\n"));
        StepOutcome last = lastStepFaults(session);
        long h = session.process().readVariable("h");
        long p = session.process().readVariable("p");
        assertEquals("HEAP[demo.exe]: Invalid address specified to RtlFreeHeap( " + ptr("x64", h) + ", "
            + ptr("x64", p + 0x10) + " )\nCritical error detected c0000374\n" + BREAK, last.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void terminationOnCorruptionStopsAPlainHeapAtABadPointer(String arch) throws ScenarioException {
        Session session = open(arch, "", """
            { "do": "HeapSetInformation(NULL, HeapEnableTerminationOnCorruption, NULL, 0)" },
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 0x10)" },
            { "do": "r = HeapFree(h, 0, p + 0x10)" }
            """);
        StepOutcome last = lastStepFaults(session);
        long h = session.process().readVariable("h");
        long p = session.process().readVariable("p");
        assertEquals("HEAP[demo.exe]: Invalid address specified to RtlFreeHeap( " + ptr(arch, h) + ", "
            + ptr(arch, p + 0x10) + " )\nCritical error detected c0000374\n" + BREAK, last.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void terminationOnCorruptionReportsACriticalFailureOnADebugHeap(String arch) throws ScenarioException {
        Session session = open(arch, "+htc", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "HeapSetInformation(h, HeapEnableTerminationOnCorruption, NULL, 0)" },
            { "do": "p = HeapAlloc(h, 0, 12)" },
            { "do": "p[12] = 0x41" },
            { "do": "HeapFree(h, 0, p)" }
            """);
        StepOutcome last = lastStepFaults(session);
        assertTrue(last.output().contains("past requested size of c\nCritical error detected c0000374\n" + BREAK),
            last.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86"}) // an x64 process has it on from the start
    void stepsBackBeforeTheSettingForgetIt(String arch) throws ScenarioException {
        Session session = open(arch, "", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "p = HeapAlloc(h, 0, 0x10)" },
            { "do": "HeapSetInformation(NULL, HeapEnableTerminationOnCorruption, NULL, 0)" },
            { "do": "r = HeapFree(h, 0, p + 0x10)" }
            """);
        session.run();
        assertTrue(session.isStopped());
        assertEquals(StepOutcome.Status.FAULT, session.lastOutcome().status());
        session.jumpTo(2);
        long switchAddress = session.process().terminationOnCorruptionSwitch();
        assertEquals(0, session.process().memory().readU32(switchAddress), "the setting is in the snapshot's memory");
        session.jumpTo(3);
        assertEquals(1, session.process().memory().readU32(switchAddress));
        assertTrue(session.console("!heap -s").contains("Termination on corruption : ENABLED\n"));
        session.jumpTo(2);
        assertTrue(session.console("!heap -s").contains("Termination on corruption : DISABLED\n"),
            "!heap -s says what the heap will do");
    }

    /** The last step faulted on the free block a variable pointed at, modified `offset` bytes into its data. */
    private static void assertFreeBlockModified(Session session, String arch, String variable, int offset) {
        StepOutcome last = lastStepFaults(session);
        long user = session.process().readVariable(variable);
        int g = 2 * pointerSize(arch);
        assertEquals("HEAP[demo.exe]: HEAP: Free Heap block " + ptr(arch, user - g) + " modified at "
            + ptr(arch, user + offset) + " after it was freed\n" + breakAfter(arch), last.output());
    }

    /** The last step faulted on p's block, whose tail was changed `offset` bytes into the user data. */
    private static void assertTailModified(Session session, String arch, int offset, String requestedHex) {
        StepOutcome last = lastStepFaults(session);
        long p = session.process().readVariable("p");
        int g = 2 * pointerSize(arch);
        assertEquals("HEAP[demo.exe]: Heap block at " + ptr(arch, p - g) + " modified at " + ptr(arch, p + offset)
            + " past requested size of " + requestedHex + "\n" + breakAfter(arch), last.output());
    }
}
