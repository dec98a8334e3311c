package heaplab.engine.session;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;

import java.util.Locale;

/** Scenarios written inline by the tests: a session from its steps, and the texts that outputs are checked for. */
public final class TestScenarios {
    /** The line a break into the debugger prints. */
    public static final String BREAK = "Break instruction exception - code 80000003 (first chance)";

    /**
     * What follows a heap's corruption message in a process of `arch`: the break, after the critical failure report
     * in an x64 process, where termination on corruption is on from the start.
     */
    public static String breakAfterCorruption(String arch) {
        return (arch.equals("x64") ? "Critical error detected c0000374\n" : "") + BREAK;
    }

    private TestScenarios() {
    }

    /** A session on the steps (a JSON array's contents) for the architecture, "x86" or "x64". */
    public static Session open(String arch, String steps) throws ScenarioException {
        return open(arch, "", steps);
    }

    /**
     * The same with more top-level fields, a JSON fragment such as {@code "gflags": "+htc"} (or "" for none).
     */
    public static Session open(String arch, String fields, String steps) throws ScenarioException {
        return Session.open(ScenarioLoader.load("t.json", "{ \"heaplab\": 1, \"title\": \"T\", \"arch\": \"" + arch
            + "\", " + (fields.isEmpty() ? "" : fields + ", ") + "\"steps\": [" + steps + "] }"));
    }

    /** An address as the heap's messages print it (%p): 8 or 16 upper-case digits. */
    public static String ptr(String arch, long value) {
        return String.format(Locale.ROOT, arch.equals("x86") ? "%08X" : "%016X", value);
    }
}
