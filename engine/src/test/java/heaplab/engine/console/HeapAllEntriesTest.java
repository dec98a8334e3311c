package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code !heap -hl} / {@code -Hl}: every entry, LFH entries included; until the LFH exists, what -h lists. */
class HeapAllEntriesTest {

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
