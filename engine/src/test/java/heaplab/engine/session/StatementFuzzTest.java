package heaplab.engine.session;

import heaplab.engine.scenario.ScenarioException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Random statements typed at the console (calls of the call language with odd arguments): none may escape as an
 * exception or reach a catch-all; a fault stops the session as a debugger break would, and stepping back goes on.
 */
class StatementFuzzTest {
    private static final String[] CALLS = {"HeapAlloc(h, %s, %s)", "HeapFree(h, %s, %s)", "HeapReAlloc(h, %s, %s, %s)",
        "HeapSize(h, %s, %s)", "HeapValidate(h, %s, %s)", "HeapCompact(h, %s)", "HeapCreate(%s, %s, %s)",
        "HeapDestroy(%s)", "HeapCreateTags(h, \"A\", \"B\")", "HeapWalk(h, &e)", "HeapSetInformation(h, %s, %s, %s)",
        "HeapQueryInformation(h, %s, %s, %s, %s)", "malloc(%s)", "free(%s)", "realloc(%s, %s)", "calloc(%s, %s)",
        "_msize(%s)", "_expand(%s, %s)", "_CrtSetDbgFlag(%s)", "_CrtCheckMemory()", "_CrtDumpMemoryLeaks()",
        "_CrtSetBreakAlloc(%s)", "_CrtIsValidHeapPointer(%s)", "VirtualAlloc(%s, %s, %s, %s)",
        "VirtualFree(%s, %s, %s)", "memset(%s, %s, %s)", "memcpy(%s, %s, %s)", "strcpy(%s, %s)", "byte(%s)",
        "dword(%s)", "GetLastError()", "GetProcessHeaps(%s, %s)", "HeapAlloc(GetProcessHeap(), %s, %s)"};
    private static final String[] VALUES = {"0", "1", "8", "0x10", "0x20", "0x1000", "0x80000", "0xffffffff", "-1",
        "p", "q", "p + 8", "q - 8", "h", "GetProcessHeap()", "HEAP_ZERO_MEMORY", "HEAP_GENERATE_EXCEPTIONS",
        "HEAP_REALLOC_IN_PLACE_ONLY", "MEM_COMMIT | MEM_RESERVE", "PAGE_READWRITE", "0x7ffdf000", "0x400000",
        "NULL", "2", "0x3000"};

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void randomStatementsNeverEscape(String arch) throws ScenarioException {
        Random random = new Random(7 + arch.length());
        for (String fields : new String[] {"\"gflags\": \"\"", "\"gflags\": \"+htc +hfc +hpc +ust\"",
            "\"gflags\": \"+hpa\"", "\"lfh\": \"on\""}) {
            Session session = TestScenarios.open(arch, fields, """
                { "do": "h = HeapCreate(0, 0, 0)" },
                { "do": "p = HeapAlloc(h, 0, 0x40)" },
                { "do": "q = malloc(0x30)" }
                """);
            session.run();
            for (int i = 0; i < 120; i++) {
                String call = CALLS[random.nextInt(CALLS.length)];
                Object[] args = new Object[5];
                for (int a = 0; a < args.length; a++) {
                    args[a] = VALUES[random.nextInt(VALUES.length)];
                }
                String line = (random.nextBoolean() ? "x = " : "") + String.format(call, args);
                String out = session.console(line);
                assertFalse(out.contains("HeapLab could not run"), line + " -> " + out);
                if (session.isStopped() && session.position() > 0) {
                    session.stepBack(); // a fault or a break: back before it, as a student would
                }
            }
        }
    }
}
