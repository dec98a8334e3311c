package heaplab.engine.crt;

import heaplab.engine.process.Process;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.session.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The allocation functions of the debug CRT (heap-facts.md 4.4; UCRT debug_heap.cpp): request numbers, fills,
 * realloc and _expand, free with and without _CRTDBG_DELAY_FREE_MEM_DF, ignore blocks, the flag and break-alloc
 * setters. Each scenario checks itself with expect steps, which {@link CrtScenarios#runAllOk} requires true.
 */
class CrtAllocationTest {
    private static final String H = "CRT header size: ";

    private static Session run(String arch, String steps) throws ScenarioException {
        Session session = CrtScenarios.open(arch, steps.replace("HDR", Integer.toString(
            CrtScenarios.headerSize(arch))));
        CrtScenarios.runAllOk(session);
        return session;
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void requestNumbersCountAllocationsAndReallocations(String arch) throws ScenarioException {
        run(arch, """
            { "do": "a = malloc(1)" },
            { "expect": "dword(a - HDR + 6 * sizeof_ptr) == 1" },
            { "do": "b = calloc(2, 3)" },
            { "do": "free(a)" },
            { "do": "b = realloc(b, 100)" },
            { "do": "c = _malloc_dbg(5, _CRT_BLOCK, NULL, 0)" },
            { "expect": "_CrtSetBreakAlloc(7) == -1 && _CrtSetBreakAlloc(-1) == 7" },
            { "do": "_CrtMemCheckpoint(&s)" },
            { "expect": "s.lCounts[_NORMAL_BLOCK] == 1 && s.lSizes[_NORMAL_BLOCK] == 100" },
            { "expect": "s.lCounts[_CRT_BLOCK] == 1 && s.lTotalCount == 1 + 6 + 100 - 6 + 5" },
            { "expect": "s.pBlockHeader == c - HDR" }
            """.replace("6 * sizeof_ptr", arch.equals("x86") ? "0x18" : "0x28"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void callocZeroesAndMallocFillsWithCd(String arch) throws ScenarioException {
        run(arch, """
            { "do": "a = calloc(4, 3)" },
            { "expect": "_msize(a) == 12 && dword(a) == 0 && dword(a + 8) == 0 && dword(a + 12) == 0xFDFDFDFD" },
            { "do": "b = malloc(0)" },
            { "expect": "b != NULL && _msize(b) == 0 && dword(b - 4) == 0xFDFDFDFD && dword(b) == 0xFDFDFDFD" },
            { "do": "c = malloc(6)" },
            { "expect": "dword(c) == 0xCDCDCDCD && word(c + 4) == 0xCDCD && dword(c + 6) == 0xFDFDFDFD" }
            """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void reallocGrowsWithCdAndRelinksAMovedBlockAtTheHead(String arch) throws ScenarioException {
        Session session = run(arch, """
            { "do": "a = _malloc_dbg(8, _NORMAL_BLOCK, \\"r.c\\", 1)" },
            { "do": "memset(a, 0x41, 8)" },
            { "do": "b = malloc(8)" },
            { "do": "c = _realloc_dbg(a, 0x200, _NORMAL_BLOCK, \\"r.c\\", 2)" },
            { "expect": "c != a && qword(c) == 0x4141414141414141 && byte(c + 8) == 0xCD && byte(c + 0x1FF) == 0xCD" },
            { "expect": "dword(c + 0x200) == 0xFDFDFDFD && _msize(c) == 0x200" },
            { "do": "_CrtMemCheckpoint(&s)" },
            { "expect": "s.pBlockHeader == c - HDR && s.lCounts[_NORMAL_BLOCK] == 2" },
            { "expect": "realloc(NULL, 4) != NULL && realloc(b, 0) == NULL" },
            { "do": "_CrtMemCheckpoint(&t)" },
            { "expect": "t.lCounts[_NORMAL_BLOCK] == 2 && _CrtCheckMemory()" }
            """);
        Process process = session.process();
        CrtBlockHeader headers = process.crt().headers();
        long c = process.readVariable("c");
        assertEquals(2, headers.lineNumber(headers.header(c)));
        assertEquals(3, headers.requestNumber(headers.header(c)));
        assertEquals(process.crt().globals().lastBlock(), headers.header(c));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void expandResizesInPlaceOnly(String arch) throws ScenarioException {
        run(arch, """
            { "do": "a = malloc(0x40)" },
            { "do": "b = malloc(0x40)" },
            { "expect": "_expand(a, 0x10) == a && _msize(a) == 0x10 && dword(a + 0x10) == 0xFDFDFDFD" },
            { "expect": "_expand(a, 0x1000) == NULL && _msize(a) == 0x10" },
            { "expect": "_expand(NULL, 4) == NULL" }
            """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void freeFillsWithDdAndUnlinks(String arch) throws ScenarioException {
        run(arch, """
            { "do": "a = malloc(0x30)" },
            { "do": "b = malloc(0x30)" },
            { "do": "free(a)" },
            { "expect": "dword(a + 0x10) == 0xDDDDDDDD && dword(a + 0x2C) == 0xDDDDDDDD" },
            { "do": "_CrtMemCheckpoint(&s)" },
            { "expect": "s.lCounts[_NORMAL_BLOCK] == 1 && s.lCounts[_FREE_BLOCK] == 0 && s.pBlockHeader == b - HDR" },
            { "expect": "ptr(b - HDR) == 0" },
            { "do": "free(NULL)" },
            { "expect": "_msize(NULL) == -1" }
            """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void delayedFreeKeepsFreeBlocksOnTheList(String arch) throws ScenarioException {
        run(arch, """
            { "expect": "_CrtSetDbgFlag(_CRTDBG_REPORT_FLAG) == _CRTDBG_ALLOC_MEM_DF" },
            { "expect": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_DELAY_FREE_MEM_DF) == 1" },
            { "do": "a = malloc(0x10)" },
            { "do": "free(a)" },
            { "expect": "dword(a) == 0xDDDDDDDD && dword(a + 0x10) == 0xFDFDFDFD && _CrtReportBlockType(a) == 0" },
            { "do": "_CrtMemCheckpoint(&s)" },
            { "expect": "s.lCounts[_FREE_BLOCK] == 1 && s.lSizes[_FREE_BLOCK] == 0x10" },
            { "expect": "s.lCounts[_NORMAL_BLOCK] == 0" },
            { "expect": "_CrtDumpMemoryLeaks() == 0 && _CrtCheckMemory() == 1" }
            """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void withoutAllocMemDfBlocksAreIgnored(String arch) throws ScenarioException {
        Session session = run(arch, """
            { "do": "_CrtSetDbgFlag(0)" },
            { "do": "a = malloc(0x10)" },
            { "expect": "_CrtReportBlockType(a) == _IGNORE_BLOCK && _CrtCheckMemory() == 1" },
            { "do": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF)" },
            { "do": "b = malloc(0x10)" },
            { "do": "_CrtMemCheckpoint(&s)" },
            { "expect": "s.lCounts[_IGNORE_BLOCK] == 0 && s.lCounts[_NORMAL_BLOCK] == 1 && s.lTotalCount == 0x10" },
            { "do": "free(a)" },
            { "expect": "_CrtDumpMemoryLeaks() == 1" }
            """);
        Process process = session.process();
        CrtBlockHeader headers = process.crt().headers();
        long b = headers.header(process.readVariable("b"));
        assertEquals(2, headers.requestNumber(b), "an ignored block takes a request number too");
        assertEquals(0, headers.next(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void flagsAndTypes(String arch) throws ScenarioException {
        run(arch, """
            { "expect": "_CrtSetDbgFlag(0x40) == 1 && _CrtSetDbgFlag(_CRTDBG_REPORT_FLAG) == 1" },
            { "expect": "_CrtSetDbgFlag(_CRTDBG_ALLOC_MEM_DF | _CRTDBG_CHECK_EVERY_16_DF) == 1" },
            { "expect": "_CrtSetDbgFlag(_CRTDBG_REPORT_FLAG) == 0x00100001" },
            { "do": "c = _malloc_dbg(8, _CLIENT_BLOCK | (0x12 << 16), NULL, 0)" },
            { "expect": "_CrtReportBlockType(c) == 0x00120004" },
            { "expect": "_BLOCK_TYPE(_CrtReportBlockType(c)) == _CLIENT_BLOCK" },
            { "expect": "_BLOCK_SUBTYPE(_CrtReportBlockType(c)) == 0x12" },
            { "expect": "_CrtIsValidHeapPointer(c) && !_CrtIsValidHeapPointer(c + 8)" },
            { "expect": "!_CrtIsValidHeapPointer(NULL)" },
            { "expect": "_CrtReportBlockType(c + 8) == -1 && _msize_dbg(c, _CLIENT_BLOCK) == 8" },
            { "do": "_free_dbg(c, _CLIENT_BLOCK | (0x12 << 16))" },
            { "expect": "_CrtDumpMemoryLeaks() == 0" }
            """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void requestsTooLargeFail(String arch) throws ScenarioException {
        run(arch, """
            { "expect": "malloc(-1) == NULL && malloc(-0x30) == NULL" },
            { "expect": "calloc(0x40000000, 0x10) == NULL && malloc(0x4000001) == NULL" },
            { "expect": "calloc(-1, 2) == NULL" },
            { "do": "a = malloc(8)" },
            { "expect": "realloc(a, -1) == NULL && _msize(a) == 8" },
            { "do": "_CrtMemCheckpoint(&s)" },
            { "expect": "s.lTotalCount == 8" }
            """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void manyBlocksOfOneSizeGoThroughTheLowFragmentationHeap(String arch) throws ScenarioException {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            steps.append("{ \"do\": \"p").append(i).append(" = malloc(24)\" },\n");
        }
        for (int i = 0; i < 40; i += 2) {
            steps.append("{ \"do\": \"free(p").append(i).append(")\" },\n");
        }
        steps.append("""
            { "expect": "_CrtIsValidHeapPointer(p39) && _msize(p39) == 24 && _CrtCheckMemory()" },
            { "do": "_CrtMemCheckpoint(&s)" },
            { "expect": "s.lCounts[_NORMAL_BLOCK] == 20 && s.lSizes[_NORMAL_BLOCK] == 480" }
            """);
        run(arch, steps.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void theGlobalsAreInTheImageAndSurviveNothingOnTheJavaSide(String arch) throws ScenarioException {
        Session session = run(arch, """
            { "do": "a = malloc(3)" },
            { "do": "_CrtSetBreakAlloc(40)" }
            """);
        Process process = session.process();
        CrtGlobals globals = process.crt().globals();
        assertEquals(40, globals.breakAlloc());
        session.stepBack();
        assertEquals(-1, globals.breakAlloc());
        session.stepBack();
        assertEquals(1, globals.requestNumber());
        assertEquals(0, globals.firstBlock());
        assertNotEquals(0, process.memory().readU32(globals.base()), H);
    }
}
