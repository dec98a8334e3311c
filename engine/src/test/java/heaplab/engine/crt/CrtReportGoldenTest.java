package heaplab.engine.crt;

import heaplab.engine.process.Process;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static heaplab.engine.session.TestScenarios.ptr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CRT's reports with their exact texts (heap-facts.md 4.5), as the step's debugger output. */
class CrtReportGoldenTest {
    private static final String BREAK = "Break instruction exception - code 80000003 (first chance)";

    private static long var(Session session, String name) {
        return session.process().readVariable(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void leakDumpWithFileAndLine(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "a = malloc(64)" },
            { "do": "b = _malloc_dbg(20, _NORMAL_BLOCK, \\"c:\\\\\\\\src\\\\\\\\leaktest.cpp\\", 20)" },
            { "do": "strcpy(b, \\"Leaked text\\")" },
            { "do": "c = _malloc_dbg(3, _CLIENT_BLOCK | (7 << 16), \\"client.c\\", 5)" },
            { "do": "t = _malloc_dbg(2, _CRT_BLOCK, NULL, 0)" },
            { "do": "_CrtDumpMemoryLeaks()" }
            """);
        StepOutcome dump = CrtScenarios.runAllOk(session);
        assertEquals("Detected memory leaks!\n"
            + "Dumping objects ->\n"
            + "client.c(5) : {3} client block at 0x" + CrtScenarios.ptr(arch, var(session, "c"))
            + ", subtype 7, 3 bytes long.\n"
            + " Data: <   > CD CD CD \n"
            + "c:\\src\\leaktest.cpp(20) : {2} normal block at 0x" + CrtScenarios.ptr(arch, var(session, "b"))
            + ", 20 bytes long.\n"
            + " Data: <Leaked text     > 4C 65 61 6B 65 64 20 74 65 78 74 00 CD CD CD CD \n"
            + "{1} normal block at 0x" + CrtScenarios.ptr(arch, var(session, "a")) + ", 64 bytes long.\n"
            + " Data: <                > CD CD CD CD CD CD CD CD CD CD CD CD CD CD CD CD \n"
            + "Object dump complete.\n"
            + "_CrtDumpMemoryLeaks returned 0x" + CrtScenarios.ptr(arch, 1), dump.output());
    }

    @Test
    void noLeaksPrintsNothing() throws ScenarioException {
        Session session = CrtScenarios.open("x86", """
            { "do": "a = malloc(64)" },
            { "do": "t = _malloc_dbg(2, _CRT_BLOCK, NULL, 0)" },
            { "do": "free(a)" },
            { "do": "x = _CrtDumpMemoryLeaks()" }
            """);
        assertEquals("x = 0x00000000", CrtScenarios.runAllOk(session).output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void statisticsOfADifference(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "keep = malloc(1000)" },
            { "do": "_CrtMemCheckpoint(&s1)" },
            { "do": "a = malloc(100)" },
            { "do": "b = _malloc_dbg(28, _CLIENT_BLOCK, NULL, 0)" },
            { "do": "free(keep)" },
            { "do": "_CrtMemCheckpoint(&s2)" },
            { "do": "diff = _CrtMemDifference(&d, &s1, &s2)" },
            { "expect": "diff == 1 && d.pBlockHeader == NULL" },
            { "do": "_CrtMemDumpStatistics(&d)" },
            { "do": "_CrtMemDumpStatistics(&s2)" }
            """);
        CrtScenarios.runOk(session, 9);
        assertEquals("0 bytes in 0 Free Blocks.\n"
            + "-900 bytes in 0 Normal Blocks.\n"
            + "0 bytes in 0 CRT Blocks.\n"
            + "0 bytes in 0 Ignore Blocks.\n"
            + "28 bytes in 1 Client Blocks.\n"
            + "Largest number used: 128 bytes.\n"
            + "Total allocations: 128 bytes.", session.lastOutcome().output());
        assertEquals("0 bytes in 0 Free Blocks.\n"
            + "100 bytes in 1 Normal Blocks.\n"
            + "0 bytes in 0 CRT Blocks.\n"
            + "0 bytes in 0 Ignore Blocks.\n"
            + "28 bytes in 1 Client Blocks.\n"
            + "Largest number used: 1128 bytes.\n"
            + "Total allocations: 1128 bytes.", CrtScenarios.runAllOk(session).output());
    }

    @Test
    void differenceIgnoresFreeAndCrtBlocks() throws ScenarioException {
        Session session = CrtScenarios.open("x64", """
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_DELAY_FREE_MEM_DF)" },
            { "do": "a = malloc(10)" },
            { "do": "_CrtMemCheckpoint(&s1)" },
            { "do": "free(a)" },
            { "do": "t = _malloc_dbg(2, _CRT_BLOCK, NULL, 0)" },
            { "do": "_CrtMemCheckpoint(&s2)" },
            { "expect": "_CrtMemDifference(&d, &s1, &s2) == 1 && d.lCounts[_NORMAL_BLOCK] == -1" },
            { "do": "b = malloc(10)" },
            { "do": "_CrtMemCheckpoint(&s3)" },
            { "expect": "_CrtMemDifference(&d, &s2, &s3) == 1" },
            { "do": "free(b)" },
            { "do": "_CrtMemCheckpoint(&s4)" },
            { "expect": "_CrtMemDifference(&d, &s2, &s4) == 0 && d.lCounts[_FREE_BLOCK] == 1" },
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_CHECK_CRT_DF)" },
            { "expect": "_CrtMemDifference(&d, &s1, &s4) == 1" }
            """);
        CrtScenarios.runAllOk(session);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void dumpAllObjectsSinceACheckpoint(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "a = malloc(4)" },
            { "do": "_CrtMemCheckpoint(&s)" },
            { "do": "b = malloc(2)" },
            { "do": "b[0] = 'h'" },
            { "do": "b[1] = 'i'" },
            { "do": "_CrtMemDumpAllObjectsSince(&s)" }
            """);
        StepOutcome dump = CrtScenarios.runAllOk(session);
        assertEquals("Dumping objects ->\n"
            + "{2} normal block at 0x" + CrtScenarios.ptr(arch, var(session, "b")) + ", 2 bytes long.\n"
            + " Data: <hi> 68 69 \n"
            + "Object dump complete.", dump.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void freeFindsAWriteAfterTheEndAndStops(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "p = _malloc_dbg(10, _NORMAL_BLOCK, \\"overrun.c\\", 31)" },
            { "do": "strcpy(p, \\"0123456789\\")" },
            { "do": "free(p)" }
            """);
        CrtScenarios.runOk(session, 2);
        Process process = session.process();
        long header = process.crt().headers().header(var(session, "p"));
        byte[] before = process.memory().readBytes(header, 0x40);
        StepOutcome free = session.step();
        assertEquals(StepOutcome.Status.FAULT, free.status());
        assertEquals("HEAP CORRUPTION DETECTED: after Normal block (#1) at 0x"
            + CrtScenarios.ptr(arch, var(session, "p")) + ".\n"
            + "CRT detected that the application wrote to memory after end of heap buffer.\n"
            + "\n"
            + "Memory allocated at overrun.c(31).\n"
            + BREAK, free.output());
        assertTrue(session.isStopped());
        assertTrue(Arrays.equals(before, process.memory().readBytes(header, 0x40)), "the failed free changed nothing");
        assertEquals(header, process.crt().globals().firstBlock());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void freeFindsAWriteBeforeTheStart(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "p = malloc(8)" },
            { "do": "p[-2] = 0" },
            { "do": "free(p)" }
            """);
        CrtScenarios.runOk(session, 2);
        StepOutcome free = session.step();
        assertEquals(StepOutcome.Status.FAULT, free.status());
        assertEquals("HEAP CORRUPTION DETECTED: before Normal block (#1) at 0x"
            + CrtScenarios.ptr(arch, var(session, "p")) + ".\n"
            + "CRT detected that the application wrote to memory before start of heap buffer.\n"
            + BREAK, free.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void checkMemoryReportsAndTheRunGoesOn(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "a = _malloc_dbg(5, _CLIENT_BLOCK, \\"c.c\\", 3)" },
            { "do": "b = malloc(6)" },
            { "do": "a[5] = 1" },
            { "do": "b[-1] = 2" },
            { "do": "ok = _CrtCheckMemory()" },
            { "expect": "ok == 0" },
            { "do": "x = 1" }
            """);
        CrtScenarios.runOk(session, 4);
        StepOutcome check = session.step();
        assertEquals(StepOutcome.Status.OK, check.status());
        String a = CrtScenarios.ptr(arch, var(session, "a"));
        String b = CrtScenarios.ptr(arch, var(session, "b"));
        assertEquals("HEAP CORRUPTION DETECTED: before Normal block (#2) at 0x" + b + ".\n"
            + "CRT detected that the application wrote to memory before start of heap buffer.\n"
            + "Normal located at 0x" + b + " is 6 bytes long.\n"
            + "HEAP CORRUPTION DETECTED: after Client block (#1) at 0x" + a + ".\n"
            + "CRT detected that the application wrote to memory after end of heap buffer.\n"
            + "\n"
            + "Memory allocated at c.c(3).\n"
            + "Client located at 0x" + a + " is 5 bytes long.\n"
            + "\n"
            + "Memory allocated at c.c(3).\n"
            + "ok = 0x" + CrtScenarios.ptr(arch, 0), check.output());
        CrtScenarios.runAllOk(session);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void aWriteIntoADelayedFreeBlock(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_DELAY_FREE_MEM_DF)" },
            { "do": "p = malloc(16)" },
            { "do": "free(p)" },
            { "do": "p[3] = 0x41" },
            { "do": "_CrtCheckMemory()" }
            """);
        StepOutcome check = CrtScenarios.runAllOk(session);
        String p = CrtScenarios.ptr(arch, var(session, "p"));
        assertEquals("HEAP CORRUPTION DETECTED: on top of Free block at 0x" + p + ".\n"
            + "CRT detected that the application wrote to a heap buffer that was freed.\n"
            // UCRT's is_block_type_valid leaves _FREE_BLOCK out, so check_block names a free block "DAMAGED".
            + "DAMAGED located at 0x" + p + " is 16 bytes long.\n"
            + "_CrtCheckMemory returned 0x" + CrtScenarios.ptr(arch, 0), check.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void checkAlwaysValidatesOnTheNextAllocation(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_CHECK_ALWAYS_DF)" },
            { "do": "p = malloc(4)" },
            { "do": "p[4] = 0" },
            { "do": "q = malloc(4)" }
            """);
        CrtScenarios.runOk(session, 3);
        StepOutcome next = session.step();
        assertEquals(StepOutcome.Status.FAULT, next.status());
        String p = CrtScenarios.ptr(arch, var(session, "p"));
        assertEquals("HEAP CORRUPTION DETECTED: after Normal block (#1) at 0x" + p + ".\n"
            + "CRT detected that the application wrote to memory after end of heap buffer.\n"
            + "Normal located at 0x" + p + " is 4 bytes long.\n"
            + "Debug Assertion Failed!\n"
            + "Expression: _CrtCheckMemory()\n"
            + BREAK, next.output());
        assertEquals(2, session.process().crt().globals().requestNumber());
    }

    @Test
    void checkEverySixteenCallsCountsCalls() throws ScenarioException {
        StringBuilder steps = new StringBuilder("""
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_CHECK_EVERY_16_DF)" },
            { "do": "p = malloc(4)" },
            { "do": "p[4] = 0" },
            """);
        for (int i = 0; i < 14; i++) {
            steps.append("{ \"do\": \"_msize(p)\" },\n");
        }
        steps.append("{ \"do\": \"q = malloc(1)\" }");
        Session session = CrtScenarios.open("x86", steps.toString());
        CrtScenarios.runOk(session, 17);
        assertEquals(StepOutcome.Status.FAULT, session.step().status(), "the 16th call validates");
    }

    @Test
    void freeOfAClientBlockAsNormalAsserts() throws ScenarioException {
        Session session = CrtScenarios.open("x86", """
            { "do": "c = _malloc_dbg(8, _CLIENT_BLOCK, NULL, 0)" },
            { "do": "free(c)" }
            """);
        CrtScenarios.runOk(session, 1);
        assertEquals("Debug Assertion Failed!\n"
            + "Expression: header->_block_use == block_use || header->_block_use == _CRT_BLOCK && block_use == "
            + "_NORMAL_BLOCK\n" + BREAK, session.step().output());
    }

    @Test
    void freeOfAPointerNotFromTheHeapAsserts() throws ScenarioException {
        Session session = CrtScenarios.open("x64", """
            { "do": "p = malloc(8)" },
            { "do": "free(p + 8)" }
            """);
        CrtScenarios.runOk(session, 1);
        StepOutcome free = session.step();
        assertEquals(StepOutcome.Status.FAULT, free.status());
        long header = session.process().readVariable("p") + 8 - 0x30; // _CrtMemBlockHeader on x64
        assertEquals("HEAP[demo.exe]: Invalid address specified to RtlValidateHeap( "
            + ptr("x64", session.process().getProcessHeap()) + ", " + ptr("x64", header) + " )\n"
            + "Debug Assertion Failed!\nExpression: _CrtIsValidHeapPointer(block)\n" + BREAK, free.output());
    }

    @Test
    void aDoubleFreeFailsTheValidPointerAssertion() throws ScenarioException {
        Session session = CrtScenarios.open("x86", """
            { "do": "p = malloc(8)" },
            { "do": "free(p)" },
            { "expect": "_CrtIsValidHeapPointer(p) == 0" },
            { "do": "free(p)" }
            """);
        CrtScenarios.runOk(session, 3);
        long header = session.process().readVariable("p") - 0x20; // _CrtMemBlockHeader on x86
        assertEquals("HEAP[demo.exe]: Invalid address specified to RtlValidateHeap( "
            + ptr("x86", session.process().getProcessHeap()) + ", " + ptr("x86", header) + " )\n"
            + "Debug Assertion Failed!\nExpression: _CrtIsValidHeapPointer(block)\n" + BREAK, session.step().output());
    }

    /** _msize_dbg asserts the block type as free does: a delayed-free block fails it. */
    @Test
    void msizeOfADelayedFreeBlockFailsTheBlockTypeAssertion() throws ScenarioException {
        Session session = CrtScenarios.open("x86", """
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_DELAY_FREE_MEM_DF)" },
            { "do": "p = malloc(8)" },
            { "expect": "_msize(p) == 8" },
            { "do": "free(p)" },
            { "do": "s = _msize(p)" }
            """);
        CrtScenarios.runOk(session, 4);
        assertEquals("Debug Assertion Failed!\nExpression: is_block_type_valid(header->_block_use)\n" + BREAK,
            session.step().output());
    }

    @Test
    void aDoubleFreeWithDelayedFreeFailsTheBlockTypeAssertion() throws ScenarioException {
        Session session = CrtScenarios.open("x64", """
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_DELAY_FREE_MEM_DF)" },
            { "do": "p = malloc(8)" },
            { "do": "free(p)" },
            { "do": "free(p)" }
            """);
        CrtScenarios.runOk(session, 3);
        assertEquals("Debug Assertion Failed!\nExpression: is_block_type_valid(header->_block_use)\n" + BREAK,
            session.step().output());
    }

    /**
     * _CrtSetBreakAlloc: a run stops before the step whose call takes that request number (malloc, and realloc too),
     * as before a heap breakpoint; going on from there allocates, as `g` after the CRT's break does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void breakAllocStopsARunBeforeTheRequest(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "_CrtSetBreakAlloc(2)" },
            { "do": "a = malloc(1)" },
            { "do": "b = realloc(a, 100)" },
            { "do": "c = malloc(2)" }
            """);
        session.run();
        assertEquals(2, session.position(), "stopped before the realloc, which takes request {2}");
        assertEquals(Session.RunStop.HEAP_BREAKPOINT, session.lastRunStop());
        assertEquals("heap breakpoint (_crtBreakAlloc {2})", session.lastRunStopText());
        assertEquals(2, session.process().crt().globals().requestNumber(), "request {2} not taken yet");
        session.run();
        assertEquals(4, session.position(), "going on: the realloc runs, and nothing else stops");
        assertEquals(Session.RunStop.END, session.lastRunStop());
        assertEquals("_crtBreakAlloc: this is allocation request {2}", session.outcomes().get(2).output()
            .lines().findFirst().orElse(""));
        assertEquals(2, session.process().crt().headers().requestNumber(
            session.process().crt().headers().header(var(session, "b"))));
        session.runBack();
        assertEquals(2, session.position(), "a run back stops there too");
        assertEquals(Session.RunStop.HEAP_BREAKPOINT, session.lastRunStop());
    }

    /**
     * Only the calls that take a request count, as UCRT decides from their arguments: realloc(p, 0) frees and
     * _expand(NULL, n) fails, neither takes one; realloc(NULL, n) is a malloc and takes one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void breakAllocCountsOnlyTheCallsThatTakeARequest(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "_CrtSetBreakAlloc(3)" },
            { "do": "a = malloc(1)" },
            { "do": "a = realloc(a, 0)" },
            { "do": "e = _expand(0, 8)" },
            { "do": "b = realloc(0, 4)" },
            { "do": "c = malloc(2)" }
            """);
        session.run();
        assertEquals(5, session.position(), "{1} the malloc, {2} realloc(NULL, 4), {3} the second malloc");
        assertEquals("heap breakpoint (_crtBreakAlloc {3})", session.lastRunStopText());
        session.run();
        assertEquals(6, session.position());
        assertEquals("_crtBreakAlloc: this is allocation request {3}", session.outcomes().get(5).output()
            .lines().findFirst().orElse(""));
    }

    /** A step (not a run) goes through, as over a heap breakpoint; a free takes no request. */
    @Test
    void breakAllocDoesNotStopAStep() throws ScenarioException {
        Session session = CrtScenarios.open("x86", """
            { "do": "_CrtSetBreakAlloc(2)" },
            { "do": "a = malloc(1)" },
            { "do": "free(a)" },
            { "do": "b = malloc(2)" }
            """);
        session.run();
        assertEquals(3, session.position(), "the free does not hit; the second malloc does");
        StepOutcome second = session.step();
        assertEquals(StepOutcome.Status.OK, second.status());
        assertEquals(2, session.process().crt().headers().requestNumber(
            session.process().crt().headers().header(var(session, "b"))));
    }

    /** Runs the session to its end and reads a variable. */
    private static long varAfter(Session session, String name) {
        CrtScenarios.runAllOk(session);
        return var(session, name);
    }
}
