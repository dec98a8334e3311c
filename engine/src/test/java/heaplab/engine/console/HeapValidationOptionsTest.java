package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code !heap -E -D -e -d [Heap]}: the bits in the _HEAP's Flags and ForceFlags, one line per heap. */
class HeapValidationOptionsTest {

    @Test
    void oneHeapX86() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        CommandResult r = run(p, "!heap -E h");
        assertFalse(r.error());
        assertEquals("Heap 00240000: validate-on-call enabled (Flags 20001002, ForceFlags 20000000)\n", r.output());
        assertEquals("Heap 00240000: heap checking enabled (Flags 60001002, ForceFlags 60000000)\n",
            out(p, "!heap -e 2"));
        assertEquals("Heap 00240000: validate-on-call disabled (Flags 40001002, ForceFlags 40000000)\n",
            out(p, "!heap h -D"));
        assertEquals("Heap 00240000: heap checking disabled (Flags 00001002, ForceFlags 00000000)\n",
            out(p, "!heap -d h"));
        assertTrue(out(p, "!heap -h h").contains("    Flags:               00001002\n"));
    }

    @Test
    void withoutAHeapEveryHeapX64() {
        Process p = ConsoleFixtures.smallHeap(Arch.X64, 0x10);
        assertEquals("""
            Heap 1d000000000: validate-on-call enabled (Flags 20000022, ForceFlags 20000020)
            Heap 1d000100000: validate-on-call enabled (Flags 20001022, ForceFlags 20000020)
            """, out(p, "!heap -E"));
        assertEquals(out(p, "!heap -E"), out(p, "!heap -E 0"));
        long h = p.readVariable("h");
        assertEquals(0x20001022L, p.memory().readU32(h + p.heaps().layout().heapFlags));
        assertEquals(0x20000020L, p.memory().readU32(h + p.heaps().layout().heapForceFlags));
    }

    @Test
    void theyChangeStateWhenAlone() {
        assertTrue(Console.changesState("!heap -E"));
        assertTrue(Console.changesState("!heap -d h"));
        assertTrue(Console.changesState("!ext.heap h -D"));
        assertFalse(Console.changesState("!heap -E -d h"));
        assertFalse(Console.changesState("!heap -s -d 20"));
        assertFalse(Console.changesState("!heap -Ev h"));
        assertFalse(Console.changesState("!heap -h h"));
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertTrue(Console.changesState(p, "!heap -e h"));
        assertFalse(Console.changesState(p, "!heap -e 99"));
    }
}
