package heaplab.engine.console;

import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code !heap -?}, {@code !heap -p -?} and {@code !heap -s -?}: every documented option, the seed's diagrams. */
class HeapHelpTest {

    @Test
    void generalHelpListsEveryOption() {
        CommandResult r = run(ConsoleFixtures.smallHeap(Arch.X86), "!heap -?");
        assertFalse(r.error());
        String text = r.output();
        assertTrue(text.startsWith("!heap [options]\n\n"), text);
        for (String option : new String[] {"-v", "-a", "-h", "-hl", "-f", "-m", "-t", "-T", "-g", "-k", "-D | -E",
            "-d | -e", "!heap -s [SummaryOptions] [StatHeapAddress]", "!heap -b [{alloc|realloc|free} [Tag]]",
            "!heap -B {alloc|realloc|free}", "!heap -l", "!heap -i Address", "!heap -x [-v] Address",
            "!heap -p [PageHeapOptions]", "!heap -srch [-b|-w|-d|-q] Pattern", "!heap -flt s Size",
            "!heap -flt r SizeMin SizeMax", "!heap -stat [-h Handle [-grp A|B|S [MaxDisplay]]]",
            "!heap -triage [Handle | Address]", "!heap [-p] -?"}) {
            assertTrue(text.contains(option), option);
        }
        assertTrue(text.contains("\n        -t                    Tag information of the heap.\n"), text);
        assertFalse(text.contains("*"), "every option runs: none is marked as coming later");
        text.lines().forEach(line -> assertTrue(line.length() <= 110, line));
    }

    /** The seed's four block diagrams with English labels. */
    @Test
    void pageHeapHelpHasTheDiagrams() {
        String text = out(ConsoleFixtures.smallHeap(Arch.X64), "!heap -p -?");
        assertTrue(text.startsWith("!heap -p                      Dump all page heaps.\n"), text);
        assertTrue(text.contains("""
            Light page heap block -- allocated:

             +-----+---------------+---+
             |     |               |   |
             +-----+---------------+---+
                ^         ^          ^
                |         |          8 suffix bytes (filled with 0xA0)
                |         User allocation (filled with E0 if zeroing not requested)
                Block header (starts with 0xABCDAAAA and ends with 0xDCBAAAAA)
            """), text);
        assertTrue(text.contains("""
            Full page heap block -- allocated:

             +-----+---------+---+-------
             |     |         |   |  ... N/A page
             +-----+---------+---+-------
                ^       ^      ^
                |       |      0-7 suffix bytes (filled with 0xD0)
                |       User allocation (if zeroing not requested, filled
                        with C0)
                Block header (starts with 0xABCDBBBB and ends with 0xDCBABBBB)
            """), text);
        assertTrue(text.contains("Light page heap block -- freed:\n"), text);
        assertTrue(text.contains("Full page heap block -- freed:\n"), text);
        assertEquals(text, out(ConsoleFixtures.smallHeap(Arch.X64), "!heap -?p"));
    }

    @Test
    void summaryHelp() {
        String text = out(ConsoleFixtures.smallHeap(Arch.X86), "!heap -s -?");
        assertTrue(text.startsWith("!heap -s [SummaryOptions] [StatHeapAddress]\n"), text);
        for (String option : new String[] {"-v  ", "-a  ", "-c  ", "-b BucketSize  ", "-d DumpBlockSize  "}) {
            assertTrue(text.contains("\n    " + option), option);
        }
        assertFalse(text.contains("*"), "every summary option runs");
        assertEquals(text, out(ConsoleFixtures.smallHeap(Arch.X86), "!heap -?s"));
        assertEquals(text, out(ConsoleFixtures.smallHeap(Arch.X86), "!heap -s -V -?"));
    }
}
