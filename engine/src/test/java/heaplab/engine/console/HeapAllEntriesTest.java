package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code !heap -h}: the heap's fields and "all non-LFH entries" (the seed); {@code -hl} / {@code -Hl}: every entry,
 * LFH entries included, so until the LFH exists what -h lists; {@code -m}: each segment's fields, then its entries.
 */
class HeapAllEntriesTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void hListsTheEntriesAndMAddsTheSegmentFields(Arch arch) {
        Process p = ConsoleFixtures.withVirtualBlock(arch, 0x30);
        String h = out(p, "!heap -h h");
        assertTrue(h.contains("    Flags:               "), h);
        assertTrue(h.contains("\n    Heap entries for Segment00 in Heap "), h);
        assertTrue(h.contains(" - busy (20)"), h);
        assertTrue(h.contains("    Virtual Alloc List at "), "virtual blocks are entries too: " + h);
        assertFalse(h.contains("    Segment00 at "), "the segment's own fields are -m's: " + h);
        String m = out(p, "!heap -m h");
        assertTrue(m.contains("    Segment00 at "), m);
        assertFalse(m.contains("    Flags:               "), "the heap's fields are -h's: " + m);
        String entries = h.substring(h.indexOf("\n    Heap entries for Segment00"));
        assertTrue(m.endsWith(entries), "-m lists the same entries after the segment's fields:\n" + m);
        String a = out(p, "!heap -a h");
        assertTrue(a.contains("    Segment00 at ") && a.endsWith(entries), a);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void hlListsWhatHLists(Arch arch) {
        Process p = ConsoleFixtures.withVirtualBlock(arch, 0x30);
        CommandResult r = run(p, "!heap -hl h");
        assertFalse(r.error(), r.output());
        assertEquals(out(p, "!heap -h h"), r.output());
        assertEquals(out(p, "!heap -h h"), out(p, "!heap -Hl h"));
        assertEquals(out(p, "!heap -h"), out(p, "!heap -hl"));
        assertEquals(out(p, "!heap -h -v h"), out(p, "!heap h -hl -v"));
        assertEquals(out(p, "!heap -h -f 2"), out(p, "!heap -Hl -f 2"));
    }
}
