package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Random command lines built from the console's own words: none may escape as an exception or reach the catch-all
 * ("HeapLab could not run"), and a line that reports an error changes nothing in the process.
 */
class ConsoleFuzzTest {
    private static final String[] COMMANDS = {"!heap", "db", "dw", "dd", "dq", "dds", "dps", "dqs", "dt", "?",
        ".dvalloc", ".dvfree", "gflags", "!gflag", "d", "dp"};
    private static final String[] WORDS = {"-a", "-h", "-f", "-m", "-t", "-T", "-g", "-k", "-v", "-x", "-l", "-i",
        "-s", "-p", "-b", "-B", "-E", "-D", "-e", "-d", "-c", "-?", "-srch", "-flt", "-stat", "-triage", "-hl", "-grp",
        "s", "r", "A", "B", "S", "alloc", "free", "realloc", "h", "a", "c", "a+8", "h-1", "0", "1", "2", "0n10",
        "0xffffffff", "-1", "L10", "L", "L0", "poi(h)", "poi(", ")", "(", "+", "*", "/0", "_HEAP", "_HEAP_ENTRY",
        "_HEAP_TAG_ENTRY", "ntdll!_HEAP", "foo", "/b", "/r", "1000", "10000", "+htc", "-hpa", "0x30", "\"x\"", "'",
        ",", "@", "`", "deadbeef", "400000", "7ffdf000"};

    @ParameterizedTest
    @EnumSource(Arch.class)
    void randomLinesNeverCrashAndErrorsChangeNothing(Arch arch) {
        Random random = new Random(42 + arch.ordinal());
        for (int i = 0; i < 400; i++) {
            Process p = ConsoleFixtures.withLeaks(arch, new long[] {0, 0x1870, 0x02000000, 0x02001000}[i % 4]);
            StringBuilder line = new StringBuilder(COMMANDS[random.nextInt(COMMANDS.length)]);
            int words = random.nextInt(5);
            for (int w = 0; w < words; w++) {
                line.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            String before = ConsoleFixtures.fingerprint(p);
            CommandResult r = new Console().execute(p, line.toString());
            assertFalse(r.output().contains("HeapLab could not run"), line + " -> " + r.output());
            if (r.error()) {
                assertEquals(before, ConsoleFixtures.fingerprint(p), line + " failed but changed the process");
            }
        }
    }
}
