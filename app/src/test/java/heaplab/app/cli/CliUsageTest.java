package heaplab.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's own behaviour: no scenario is loaded here. */
class CliUsageTest {

    @Test
    void versionPrintsOneLine() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().matches("HeapLab \\S+\n"), run::toString);
        assertEquals("", run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "run --help", "run x.json -h"})
    void helpListsEveryCommandAndOption(String line) {
        CliRun run = CliRun.of(line.split(" "));
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err());
        for (String text : new String[] {"heaplab run FILE [options]", "heaplab samples", "--version", "--to N",
            "-c CMD", "--png VIEW=FILE", "heap-map", "free-lists", "inspector", "timeline", "--select ADDR",
            "--scale K", "--theme T", "--diff N", "--narrate", "sample:NAME", "Exit status"}) {
            assertTrue(run.out().contains(text), () -> "help lacks " + text + "\n" + run);
        }
    }

    @Test
    void helpFitsIn120Columns() {
        for (String line : CliRun.of("--help").out().split("\n")) {
            assertTrue(line.length() <= 120, line);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--bogus",
        "-x",
        "--version extra",
        "samples extra",
        "run",
        "run --narrate",
        "run a.json b.json",
        "run a.json --bogus",
        "run a.json --to",
        "run a.json --to abc",
        "run a.json --to -1",
        "run a.json --to 1 --to 2",
        "run a.json --diff x",
        "run a.json --scale 0",
        "run a.json --scale 5",
        "run a.json --scale two",
        "run a.json --theme blue",
        "run a.json --png heap-map",
        "run a.json --png pie-chart=x.png",
        "run a.json --png heap-map=",
        "run a.json --png",
        "run a.json -c",
        "run a.json --select",
        "run a.json --narrate=yes",
        "lab.json --to 3",
    })
    void usageErrorsExitWith2AndOneLineAndAPointerToHelp(String line) {
        CliRun.of(line.split(" ")).assertUsageError();
    }

    @Test
    void usageMessagesSayWhatIsWrong() {
        assertEquals("heaplab: unknown option '--bogus'\n", firstLine("run", "a.json", "--bogus"));
        assertEquals("heaplab: --to needs a value (N)\n", firstLine("run", "a.json", "--to"));
        assertEquals("heaplab: --scale: 5 is not between 1 and 4\n", firstLine("run", "a.json", "--scale", "5"));
        assertEquals("heaplab: --png: unknown view 'pie' (heap-map, free-lists, inspector, timeline)\n",
            firstLine("run", "a.json", "--png", "pie=x.png"));
        assertEquals("heaplab: --to: 'abc' is not a number\n", firstLine("run", "a.json", "--to", "abc"));
        assertEquals("heaplab: --to: '99999999999' is out of range\n",
            firstLine("run", "a.json", "--to", "99999999999"));
    }

    private static String firstLine(String... args) {
        String err = CliRun.of(args).err();
        return err.substring(0, err.indexOf('\n') + 1);
    }

    @Test
    void aMissingFileIsALoadErrorNamingTheFile() {
        CliRun run = CliRun.of("run", "no/such/scenario.json");
        assertEquals(1, run.status(), run::toString);
        assertEquals("no/such/scenario.json: no such file\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void noArgumentsOrOneFileOpenTheWindow() {
        assertTrue(Cli.opensWindow(new String[0]));
        assertTrue(Cli.opensWindow(new String[] {"lab.json"}));
        assertFalse(Cli.opensWindow(new String[] {"samples"}));
        assertFalse(Cli.opensWindow(new String[] {"run"}));
        assertFalse(Cli.opensWindow(new String[] {"--help"}));
        assertFalse(Cli.opensWindow(new String[] {"-h"}));
        assertFalse(Cli.opensWindow(new String[] {"--version"}));
        assertFalse(Cli.opensWindow(new String[] {"--bogus"}));
        assertFalse(Cli.opensWindow(new String[] {"lab.json", "--to", "3"}));
    }
}
