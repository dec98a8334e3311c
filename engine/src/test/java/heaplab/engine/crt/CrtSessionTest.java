package heaplab.engine.crt;

import heaplab.engine.process.Process;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CRT in a session: the leak check at exit (_CRTDBG_LEAK_CHECK_DF), step back across CRT calls, the dump
 * clients, and {@code dt _CrtMemBlockHeader}.
 */
class CrtSessionTest {

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void leakCheckRunsAfterTheLastStepOnce(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_LEAK_CHECK_DF)" },
            { "do": "p = _malloc_dbg(4, _NORMAL_BLOCK, \\"main.c\\", 8)" },
            { "do": "q = malloc(2)" },
            { "do": "free(q)" }
            """);
        CrtScenarios.runOk(session, 3);
        StepOutcome last = session.step();
        assertEquals(StepOutcome.Status.OK, last.status());
        assertEquals("Detected memory leaks!\n"
            + "Dumping objects ->\n"
            + "main.c(8) : {1} normal block at 0x" + CrtScenarios.ptr(arch, session.process().readVariable("p"))
            + ", 4 bytes long.\n"
            + " Data: <    > CD CD CD CD \n"
            + "Object dump complete.", last.output());
        // A statement typed after the end runs in the exited process: no second dump.
        assertEquals("", session.console("x = 1").replace("x = 0x" + CrtScenarios.ptr(arch, 1) + "\n", ""));
        // Back and forward again: the typed step is the last one now, and the dump comes after it, once.
        session.stepBack();
        session.stepBack();
        assertEquals(3, session.position());
        assertEquals("", session.step().output());
        String typed = session.step().output();
        assertTrue(typed.startsWith("x = 0x" + CrtScenarios.ptr(arch, 1) + "\nDetected memory leaks!"),
            "the step's own text, then what the program prints as it exits: " + typed);
        assertEquals(1, session.process().debugOutput().stream().filter(l -> l.startsWith("Detected")).count());
    }

    /** After a last command step, the exit's dump follows the command's own output (the program exits after it). */
    @Test
    void theExitDumpFollowsALastCommandsOutput() throws ScenarioException {
        Session session = CrtScenarios.open("x86", """
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_LEAK_CHECK_DF)" },
            { "do": "p = malloc(3)" },
            { "cmd": "db p L3" }
            """);
        String out = CrtScenarios.runAllOk(session).output();
        String db = CrtScenarios.ptr("x86", session.process().readVariable("p")).toLowerCase() + "  cd cd cd";
        assertTrue(out.startsWith(db) && out.indexOf("\nDetected memory leaks!\n") > 0
            && out.endsWith("Object dump complete."), out);
    }

    @Test
    void withoutTheFlagExitPrintsNothing() throws ScenarioException {
        Session session = CrtScenarios.open("x86", """
            { "do": "p = malloc(4)" },
            { "expect": "p != NULL" }
            """);
        assertEquals("", CrtScenarios.runAllOk(session).output());
    }

    @Test
    void exitWithoutLeaksPrintsNothing() throws ScenarioException {
        Session session = CrtScenarios.open("x86", """
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_LEAK_CHECK_DF)" },
            { "do": "p = malloc(4)" },
            { "do": "free(p)" }
            """);
        assertEquals("", CrtScenarios.runAllOk(session).output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void stepBackAcrossCrtCallsRestoresEverything(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_DELAY_FREE_MEM_DF | _CRTDBG_LEAK_CHECK_DF)" },
            { "do": "a = _malloc_dbg(10, _NORMAL_BLOCK, \\"s.c\\", 1)" },
            { "do": "_CrtMemCheckpoint(&s1)" },
            { "do": "b = calloc(3, 4)" },
            { "do": "a = realloc(a, 300)" },
            { "do": "_CrtSetBreakAlloc(9)" },
            { "do": "free(b)" },
            { "do": "c = _malloc_dbg(7, _CLIENT_BLOCK, NULL, 0)" },
            { "do": "_CrtMemCheckpoint(&s2)" },
            { "do": "_CrtMemDifference(&d, &s1, &s2)" },
            { "do": "_CrtMemDumpStatistics(&d)" }
            """);
        Process process = session.process();
        long crtPage = process.crt().globals().base();
        List<byte[]> globals = new ArrayList<>();
        List<byte[]> heap = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        long processHeap = process.getProcessHeap();
        globals.add(process.memory().readBytes(crtPage, 0x48));
        heap.add(process.memory().readBytes(processHeap, 0x800));
        while (!session.isStopped()) {
            outputs.add(session.step().output());
            globals.add(process.memory().readBytes(crtPage, 0x48));
            heap.add(process.memory().readBytes(processHeap, 0x800));
        }
        for (int position = session.steps().size() - 1; position >= 0; position--) {
            session.stepBack();
            assertArrayEquals(globals.get(position), process.memory().readBytes(crtPage, 0x48), "at " + position);
            assertArrayEquals(heap.get(position), process.memory().readBytes(processHeap, 0x800), "at " + position);
        }
        session.jumpTo(session.steps().size());
        assertEquals(outputs.get(outputs.size() - 1), session.lastOutcome().output());
        assertArrayEquals(heap.get(heap.size() - 1), process.memory().readBytes(processHeap, 0x800));
    }

    @Test
    void dumpClientsAndForAllClientObjects() throws ScenarioException {
        Session session = CrtScenarios.open("x86", """
            { "do": "c = _malloc_dbg(20, _CLIENT_BLOCK | (2 << 16), NULL, 0)" },
            { "do": "strcpy(c, \\"client data\\")" },
            { "do": "n = malloc(1)" },
            { "expect": "_CrtSetDumpClient(\\"string\\") == NULL" },
            { "do": "_CrtMemDumpAllObjectsSince(NULL)" },
            { "do": "_CrtDoForAllClientObjects(\\"hex\\", NULL)" },
            { "expect": "_CrtSetDumpClient(\\"nonsense\\") != NULL" },
            { "expect": "_CrtSetDumpClient(NULL) != NULL && _CrtSetDumpClient(NULL) == NULL" },
            { "do": "_CrtMemDumpAllObjectsSince(NULL)" }
            """);
        CrtScenarios.runOk(session, 4);
        String c = CrtScenarios.ptr("x86", session.process().readVariable("c"));
        String n = CrtScenarios.ptr("x86", session.process().readVariable("n"));
        assertEquals("Dumping objects ->\n"
            + "{2} normal block at 0x" + n + ", 1 bytes long.\n"
            + " Data: < > CD \n"
            + "{1} client block at 0x" + c + ", subtype 2, 20 bytes long.\n"
            + " String: \"client data\"\n"
            + "Object dump complete.", CrtScenarios.runOk(session, 1).output());
        assertEquals(" Bytes: 63 6C 69 65 6E 74 20 64 61 74 61 00 CD CD CD CD\n"
            + " Bytes: CD CD CD CD", CrtScenarios.runOk(session, 1).output());
        assertTrue(CrtScenarios.runAllOk(session).output().contains(
            " Data: <client data     > 63 6C 69 65 6E 74 20 64 61 74 61 00 CD CD CD CD \n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void displayTypeOfTheBlockHeader(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "a = _malloc_dbg(10, _CLIENT_BLOCK, \\"a.c\\", 7)" },
            { "do": "b = malloc(3)" }
            """);
        CrtScenarios.runAllOk(session);
        Process process = session.process();
        long header = process.crt().headers().header(process.readVariable("b"));
        long older = process.crt().headers().header(process.readVariable("a"));
        boolean x86 = arch.equals("x86");
        String type = session.console("dt _CrtMemBlockHeader");
        assertEquals(x86 ? """
            ucrtbased!_CrtMemBlockHeader
               +0x000 _block_header_next : Ptr32 _CrtMemBlockHeader
               +0x004 _block_header_prev : Ptr32 _CrtMemBlockHeader
               +0x008 _file_name       : Ptr32 Char
               +0x00c _line_number     : Int4B
               +0x010 _block_use       : Int4B
               +0x014 _data_size       : Uint4B
               +0x018 _request_number  : Int4B
               +0x01c _gap             : [4] UChar
            """ : """
            ucrtbased!_CrtMemBlockHeader
               +0x000 _block_header_next : Ptr64 _CrtMemBlockHeader
               +0x008 _block_header_prev : Ptr64 _CrtMemBlockHeader
               +0x010 _file_name       : Ptr64 Char
               +0x018 _line_number     : Int4B
               +0x01c _block_use       : Int4B
               +0x020 _data_size       : Uint8B
               +0x028 _request_number  : Int4B
               +0x02c _gap             : [4] UChar
            """, type);
        String values = session.console("dt ucrtbased!_CrtMemBlockHeader " + Long.toHexString(header));
        assertTrue(values.contains("_block_header_next : 0x" + (x86 ? String.format("%08x", older)
            : String.format("%08x`%08x", older >>> 32, older & 0xFFFFFFFFL))), values);
        assertTrue(values.contains(" _CrtMemBlockHeader\n   +0x" + (x86 ? "004" : "008") + " _block_header_prev : (null)\n"),
            "a pointer to a header shows its type: " + values);
        assertTrue(values.contains("_file_name       : (null)\n"), values);
        String olderValues = session.console("dt ucrtbased!_CrtMemBlockHeader " + Long.toHexString(older));
        assertTrue(olderValues.matches("(?s).*_file_name       : 0x[0-9a-f`]+  \"a\\.c\"\n.*"),
            "a char* shows its string: " + olderValues);
        assertTrue(values.contains("_data_size       : 0x3\n"), values);
        assertTrue(values.contains("_request_number  : 0n2\n"), values); // long: Int4B, in decimal
        assertTrue(values.contains("_block_use       : 0n1\n"), values);
        assertTrue(olderValues.contains("_line_number     : 0n7\n"), olderValues);
        assertTrue(olderValues.contains("_block_use       : 0n4\n"), olderValues);
        assertTrue(values.contains("_gap             : [4] 0xfd"), values);
        assertEquals("Symbol ntdll!_CrtMemBlockHeader not found.\n",
            session.console("dt ntdll!_CrtMemBlockHeader"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void heapBreakpointsStopBeforeCrtCalls(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "x = 1" },
            { "do": "a = malloc(8)" },
            { "do": "b = _calloc_dbg(2, 8, _NORMAL_BLOCK, \\"f.c\\", 1)" },
            { "do": "a = realloc(a, 64)" },
            { "do": "free(b)" },
            { "do": "_free_dbg(a, _NORMAL_BLOCK)" }
            """);
        session.console("!heap -b alloc");
        session.run();
        assertEquals(1, session.position(), "stopped before malloc");
        session.run();
        assertEquals(2, session.position(), "stopped before _calloc_dbg");
        session.console("!heap -B alloc");
        session.console("!heap -b realloc");
        session.run();
        assertEquals(3, session.position());
        assertEquals("realloc", session.lastHeapBreakpoint());
        session.console("!heap -B realloc");
        session.jumpTo(4);
        long a = session.process().readVariable("a");
        session.console("!heap -b " + Long.toHexString(a));
        session.run();
        assertEquals(5, session.position(), "free(b) does not hit the breakpoint on a's block; _free_dbg(a) does");
        assertEquals("address " + session.process().arch().ptr(a), session.lastHeapBreakpoint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void theCrtGlobalsHaveSymbols(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_LEAK_CHECK_DF)" },
            { "do": "a = malloc(5)" },
            { "do": "b = malloc(6)" }
            """);
        CrtScenarios.runAllOk(session);
        Process process = session.process();
        CrtGlobals globals = process.crt().globals();
        String flag = session.console("dd _crtDbgFlag L1");
        assertTrue(flag.contains(" 00000021"), flag);
        assertTrue(session.console("dd ucrtbased!__acrt_current_request_number L1").contains(" 00000003"));
        String header = session.console("dt _CrtMemBlockHeader poi(__acrt_first_block)");
        assertTrue(header.contains("_data_size       : 0x6\n"), header);
        String older = session.console("dt _CrtMemBlockHeader poi(ucrtbased!__acrt_last_block)");
        assertTrue(older.contains("_data_size       : 0x5\n"), older);
        assertEquals(globals.base(), globals.symbolAddress("UCRTBASED!_CRTDBGFLAG"));
        assertEquals(-1, globals.symbolAddress("ntdll!_crtDbgFlag"));
        assertEquals("ucrtbased!_crtBreakAlloc", globals.symbolAt(globals.base() + 4));
    }
}
