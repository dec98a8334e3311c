package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.fingerprint;
import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input: one WinDbg-style line, flagged as an error, and nothing in the process or the console changes. */
class ConsoleErrorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "foo                    | \"       ^ Syntax error in 'foo'\"",
        "dz 1000                | \"       ^ Syntax error in 'dz 1000'\"",
        ".foo                   | \"       ^ Syntax error in '.foo'\"",
        "!xyz                   | \"No export xyz found\"",
        "!ext.xyz               | \"No export xyz found\"",
        "!heap -zz              | \"HEAPEXT: !heap invalid option flag '-z'\"",
        "!heap -a -q h          | \"HEAPEXT: !heap invalid option flag '-q'\"",
        "!heap -a 12345678      | \"Heap 12345678 not found\"",
        "!heap -s 99            | \"Heap 00000099 not found\"",
        "!heap -x               | \"Numeric expression missing from '<EOL>'\"",
        "!heap -x foo           | \"Couldn't resolve error at 'foo'\"",
        "!heap -x a c           | \"       ^ Extra character error in '!heap -x a c'\"",
        "db foo                 | \"Couldn't resolve error at 'foo'\"",
        "db foo L20             | \"Couldn't resolve error at 'foo L20'\"",
        "db a L100000000        | \"       ^ Range error in 'db a L100000000'\"",
        "db a L?200000          | \"       ^ Range error in 'db a L?200000'\"",
        "db a 0                 | \"       ^ Range error in 'db a 0'\"",
        "db a L20 5             | \"       ^ Syntax error in 'db a L20 5'\"",
        "db a a+10 a+20         | \"       ^ Syntax error in 'db a a+10 a+20'\"",
        ".dvalloc               | \"Numeric expression missing from '<EOL>'\"",
        ".dvalloc /q 1000       | \"       ^ Syntax error in '.dvalloc /q 1000'\"",
        ".dvalloc 1000 2000     | \"       ^ Syntax error in '.dvalloc 1000 2000'\"",
        ".dvfree 10000000       | \"Numeric expression missing from '<EOL>'\"",
        ".dvfree /x 10000000 0  | \"       ^ Syntax error in '.dvfree /x 10000000 0'\"",
        "!heap -t zz            | \"Couldn't resolve error at 'zz'\"",
        "!heap -p -a            | \"Numeric expression missing from '<EOL>'\"",
        "!heap -b foo           | \"Couldn't resolve error at 'foo'\"",
        "!heap -b alloc t x     | \"HEAPEXT: x is not a heap of the process\"",
        "!heap -b free -x       | \"       ^ Syntax error in '!heap -b free -x'\"",
        "!heap -B               | \"HEAPEXT: !heap -B needs alloc, realloc, free or an address\"",
        "!heap -B free          | \"No heap breakpoint on free\"",
        "!heap -B free x        | \"HEAPEXT: x is not a heap of the process\"",
        "!heap -hb              | \"       ^ Syntax error in '!heap -hb'\"",
        "!heap -p -a 400000     | \"    address 00400000 was not found in any heap\"",
        "!heap -s -z            | \"HEAPEXT: !heap invalid option flag '-z'\"",
        "!heap -s -vq h         | \"HEAPEXT: !heap invalid option flag '-q'\"",
        "!heap -s -b            | \"Numeric expression missing from '<EOL>'\"",
        "!heap -s -b -v         | \"Numeric expression missing from '<EOL>'\"",
        "!heap -s -bv 20        | \"Numeric expression missing from '<EOL>'\"",
        "!heap -s -d            | \"Numeric expression missing from '<EOL>'\"",
        "!heap -s -b 0          | \"       ^ Range error in '!heap -s -b 0'\"",
        "!heap -s -b foo        | \"Couldn't resolve error at 'foo'\"",
        "!heap -s -v 99         | \"Heap 00000099 not found\"",
        "!heap -s -c foo        | \"Couldn't resolve error at 'foo'\"",
        "!heap -s -a h c        | \"       ^ Extra character error in '!heap -s -a h c'\"",
        "!heap -hl 99           | \"Heap 00000099 not found\"",
        "!heap -Hl foo          | \"Couldn't resolve error at 'foo'\"",
        "!heap -HL h            | \"HEAPEXT: !heap invalid option flag '-H'\"",
        "!heap -c               | \"HEAPEXT: !heap invalid option flag '-c'\"",
        "!heap -E 99            | \"Heap 00000099 not found\"",
        "!heap -e foo           | \"Couldn't resolve error at 'foo'\"",
        "!heap -E -D h          | \"       ^ Syntax error in '!heap -E -D h'\"",
        "!heap -dv              | \"       ^ Syntax error in '!heap -dv'\"",
        "!heap -D h c           | \"       ^ Extra character error in '!heap -D h c'\"",
        "!heap -l 5             | \"       ^ Syntax error in '!heap -l 5'\"",
        "!heap -i               | \"Numeric expression missing from '<EOL>'\"",
        "!heap -i foo           | \"Couldn't resolve error at 'foo'\"",
        "!heap -x -v            | \"Numeric expression missing from '<EOL>'\"",
        "!heap -srch            | \"Numeric expression missing from '<EOL>'\"",
        "!heap -srch -d         | \"Numeric expression missing from '<EOL>'\"",
        "!heap -srch -z 1       | \"       ^ Syntax error in '!heap -srch -z 1'\"",
        "!heap -srch foo        | \"Couldn't resolve error at 'foo'\"",
        "!heap -srch 1 -d       | \"       ^ Syntax error in '!heap -srch 1 -d'\"",
        "!heap -x -srch 1       | \"       ^ Syntax error in '!heap -x -srch 1'\"",
        "!heap -flt             | \"       ^ Syntax error in '!heap -flt'\"",
        "!heap -flt x 20        | \"       ^ Syntax error in '!heap -flt x 20'\"",
        "!heap -flt s           | \"Numeric expression missing from '<EOL>'\"",
        "!heap -flt r 10        | \"Numeric expression missing from '<EOL>'\"",
        "!heap -flt s 10 20     | \"       ^ Extra character error in '!heap -flt s 10 20'\"",
        "!heap -stat -h         | \"Numeric expression missing from '<EOL>'\"",
        "!heap -stat -h 99      | \"Heap 00000099 not found\"",
        "!heap -stat -grp Q     | \"       ^ Syntax error in '!heap -stat -grp Q'\"",
        "!heap -stat -grp       | \"       ^ Syntax error in '!heap -stat -grp'\"",
        "!heap -stat 5          | \"       ^ Syntax error in '!heap -stat 5'\"",
        "!heap -triage 12345678 | \"Address 12345678 not found in any heap\"",
        "!heap -triage -v       | \"       ^ Syntax error in '!heap -triage -v'\"",
        "dt                     | \"       ^ Syntax error in 'dt'\"",
        "dt _FOO                | \"Symbol _FOO not found.\"",
        "dt kernel32!_HEAP      | \"Symbol kernel32!_HEAP not found.\"",
        "dt _HEAP foo           | \"Couldn't resolve error at 'foo'\"",
        "dds foo                | \"Couldn't resolve error at 'foo'\"",
        "dps a L100000000       | \"       ^ Range error in 'dps a L100000000'\"",
        "dc a                   | \"dc arrives with a later HeapLab version.\"",
        "gflags +xyz            | \"gflags: unknown gflags flag 'xyz' (heap flags: htc hfc hpc hvc htg ust htd "
            + "dhc hpa)\"",
        "!gflag htc             | \"!gflag: write '+htc' to set the flag or '-htc' to clear it\"",
        "gflags +htc +z         | \"gflags: unknown gflags flag 'z' (heap flags: htc hfc hpc hvc htg ust htd "
            + "dhc hpa)\"",
        "?? a                   | \"?? (C++ expressions) arrives with a later HeapLab version.\"",
    })
    void oneLineAndNothingChanges(String line, String expected) {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        Console console = new Console();
        console.execute(p, "db h L10");
        String before = fingerprint(p);
        CommandResult r = console.execute(p, line);
        assertTrue(r.error(), line);
        assertEquals(expected + "\n", r.output(), line);
        assertEquals(before, fingerprint(p), line);
        assertTrue(console.heapBreakpoints().isEmpty(), line + ": no heap breakpoint set");
        assertEquals(new Console().execute(p, "db h+10 L10").output(), console.execute(p, "db L10").output(),
            "the display position did not move");
    }

    /** Commands that only read: they print, and neither the process nor the display position changes. */
    @ParameterizedTest
    @ValueSource(strings = {"!heap -l", "!heap -x -v a", "!heap -srch -d 12fff4", "!heap -flt r 0 100", "!heap -stat",
        "!heap -stat -h 0 -grp B 3", "!heap -triage", "!heap -v 0", "!heap -av h", "!heap -i h", "!heap -i a-8",
        "!heap -?", "!heap -p -?", "!heap -t", "!heap -T h", "!heap -g", "!heap -k h", "!heap -p", "!heap -p -a a",
        "dt _HEAP h", "dt _HEAP_SEGMENT", "gflags", "!gflag", "!heap -s -v",
        "!heap -s -a -c", "!heap -s -b 20 -d 10 h", "!heap -s -?", "!heap -hl h", "!heap -Hl"})
    void readOnlyCommandsChangeNothing(String line) {
        Process p = ConsoleFixtures.withLeaks(Arch.X86, 0x70);
        Console console = new Console();
        console.execute(p, "db h L10");
        String before = fingerprint(p);
        CommandResult r = console.execute(p, line);
        assertFalse(r.error(), line + ": " + r.output());
        assertFalse(r.output().isEmpty(), line);
        assertEquals(before, fingerprint(p), line);
        assertEquals(new Console().execute(p, "db h+10 L10").output(), console.execute(p, "db L10").output());
    }

    @Test
    void emptyLinePrintsNothing() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        CommandResult r = run(p, "   ");
        assertFalse(r.error());
        assertEquals("", r.output());
        assertDoesNotThrow(() -> new Console().execute(p, null));
    }

    @Test
    void damagedHeapGivesAMemoryAccessErrorNotAnException() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals("Decommitted 1000 bytes starting at 00240000\n", out(p, ".dvfree /d h 1000"));
        CommandResult r = run(p, "!heap -a h");
        assertTrue(r.error());
        assertEquals("       ^ Memory access error in '!heap -a h'\n", r.output());
        assertTrue(run(p, "!heap -s").error());
        assertTrue(run(p, "!heap -x a").error());
        assertFalse(run(p, "db h L10").error(), "display commands show ?? instead");
        assertEquals("00240000  ?? ?? ?? ?? ?? ?? ?? ??-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n",
            out(p, "db h L10"));
    }
}
