package heaplab.engine.lfh;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeapQueryInformation / HeapSetInformation as Wine's tests see them on Windows (heap-facts.md 1.11.16). */
class HeapInformationTest {

    private static void run(String arch, String lfh, String gflags, String... steps) throws ScenarioException {
        StringBuilder json = new StringBuilder("{ \"heaplab\": 1, \"title\": \"Info\", \"arch\": \"" + arch
            + "\", \"lfh\": \"" + lfh + "\", \"gflags\": \"" + gflags + "\", \"steps\": [\n");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            String field = step.startsWith("?") ? "expect" : "do";
            json.append("  { \"").append(field).append("\": \"").append(step.replaceFirst("^\\?", "").trim())
                .append("\" }").append(i + 1 < steps.length ? ",\n" : "\n");
        }
        json.append("] }\n");
        Session session = Session.open(ScenarioLoader.load("t.json", json.toString()), Session.Options.DEFAULT);
        StepOutcome end = session.run();
        assertEquals(session.steps().size(), session.position(), String.valueOf(end));
        List<StepOutcome> outcomes = List.copyOf(session.outcomes());
        assertTrue(outcomes.stream().allMatch(o -> o.status() == StepOutcome.Status.OK), outcomes.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void compatibilityStartsAtZeroAndTwoCannotBeUndone(String arch) throws ScenarioException {
        run(arch, "off", "",
            "h = HeapCreate(0, 0, 0)",
            "buf = HeapAlloc(h, 0, 8)",
            "n = VirtualAlloc(NULL, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)",
            "memset(buf, 0xCC, 8)",
            "ok = HeapQueryInformation(h, HeapCompatibilityInformation, buf, 4, n)",
            "? ok == 1 && dword(buf) == 0 && ptr(n) == 4 && dword(buf + 4) == 0xCCCCCCCC",
            "memset(n, 0, 8)",
            "ok = HeapQueryInformation(h, HeapCompatibilityInformation, NULL, 0, n)",
            "? ok == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER && ptr(n) == 4",
            "ok = HeapQueryInformation(h, HeapCompatibilityInformation, buf, 2, NULL)",
            "? ok == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER",
            "buf[0] = 2",
            "ok = HeapSetInformation(h, HeapCompatibilityInformation, buf, 4)",
            "? ok == 1",
            "ok = HeapQueryInformation(h, HeapCompatibilityInformation, n + 8, 4, NULL)",
            "? ok == 1 && dword(n + 8) == 2",
            "buf[0] = 0",
            "ok = HeapSetInformation(h, HeapCompatibilityInformation, buf, 4)",
            "? ok == 0 && GetLastError() == ERROR_GEN_FAILURE",
            "buf[0] = 1",
            "ok = HeapSetInformation(h, HeapCompatibilityInformation, buf, 4)",
            "? ok == 0 && GetLastError() == ERROR_GEN_FAILURE",
            "buf[0] = 2",
            "? HeapSetInformation(h, HeapCompatibilityInformation, buf, 4) == 1",
            "? HeapQueryInformation(h, HeapCompatibilityInformation, n + 8, 4, NULL) && dword(n + 8) == 2",
            "? HeapSetInformation(NULL, HeapEnableTerminationOnCorruption, NULL, 0) == 1",
            "? HeapSetInformation(h, HeapEnableTerminationOnCorruption, NULL, 0) == 1",
            "ok = HeapSetInformation(h, HeapCompatibilityInformation, NULL, 4)",
            "? ok == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER",
            "ok = HeapQueryInformation(h, 7, n + 8, 4, NULL)",
            "? ok == 0 && GetLastError() == ERROR_INVALID_PARAMETER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void onlyGrowableSerializedHeapsTakeTheLfh(String arch) throws ScenarioException {
        run(arch, "auto", "",
            "v = VirtualAlloc(NULL, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)",
            "v[0] = 2",
            "fixed = HeapCreate(0, 0x10000, 0x10000)",
            "ok = HeapSetInformation(fixed, HeapCompatibilityInformation, v, 4)",
            "? ok == 0 && GetLastError() == ERROR_GEN_FAILURE",
            "unserialized = HeapCreate(HEAP_NO_SERIALIZE, 0, 0)",
            "ok = HeapSetInformation(unserialized, HeapCompatibilityInformation, v, 4)",
            "? ok == 0 && GetLastError() == ERROR_GEN_FAILURE",
            "? HeapQueryInformation(fixed, HeapCompatibilityInformation, v + 8, 4, NULL) && dword(v + 8) == 0",
            "? HeapSetInformation(GetProcessHeap(), HeapCompatibilityInformation, v, 4) == 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void lfhOnStartsGrowableHeapsAtTwo(String arch) throws ScenarioException {
        run(arch, "on", "",
            "v = VirtualAlloc(NULL, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)",
            "? HeapQueryInformation(GetProcessHeap(), HeapCompatibilityInformation, v, 4, NULL) && dword(v) == 2",
            "h = HeapCreate(0, 0, 0)",
            "? HeapQueryInformation(h, HeapCompatibilityInformation, v, 4, NULL) && dword(v) == 2",
            "fixed = HeapCreate(0, 0x10000, 0x10000)",
            "? HeapQueryInformation(fixed, HeapCompatibilityInformation, v, 4, NULL) && dword(v) == 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void debugHeapsStayWithoutTheLfh(String arch) throws ScenarioException {
        run(arch, "on", "+htc",
            "v = VirtualAlloc(NULL, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)",
            "h = HeapCreate(0, 0, 0)",
            "? HeapQueryInformation(h, HeapCompatibilityInformation, v, 4, NULL) && dword(v) == 0",
            "v[0] = 2",
            "ok = HeapSetInformation(h, HeapCompatibilityInformation, v, 4)",
            "? ok == 0 && GetLastError() == ERROR_GEN_FAILURE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void pageHeapsReportZeroAndRefuseTheLfh(String arch) throws ScenarioException {
        run(arch, "on", "+hpa",
            "v = VirtualAlloc(NULL, 0x1000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)",
            "h = HeapCreate(0, 0, 0)",
            "? HeapQueryInformation(h, HeapCompatibilityInformation, v, 4, NULL) && dword(v) == 0",
            "? HeapQueryInformation(GetProcessHeap(), HeapCompatibilityInformation, v, 4, NULL) && dword(v) == 0",
            "v[0] = 2",
            "ok = HeapSetInformation(h, HeapCompatibilityInformation, v, 4)",
            "? ok == 0 && GetLastError() == ERROR_GEN_FAILURE",
            "p = HeapAlloc(h, 0, 0x20)",
            "? HeapSize(h, 0, p) == 0x20");
    }
}
