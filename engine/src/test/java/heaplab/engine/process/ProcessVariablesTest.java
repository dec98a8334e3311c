package heaplab.engine.process;

import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Variables and string literals survive snapshots exactly, and snapshots share their name tables. */
class ProcessVariablesTest {

    @Test
    void aSnapshotSeesOnlyTheVariablesAssignedBeforeIt() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        p.writeVariable("a", 1);
        Process.Snapshot one = p.snapshot();
        p.writeVariable("b", 2);
        long bAddress = p.variableAddress("b");
        p.restore(one);
        assertEquals(List.of("a"), p.variableNames());
        assertFalse(p.hasVariable("b"));
        assertThrows(IllegalArgumentException.class, () -> p.variableAddress("b"));
        p.writeVariable("b", 3);
        assertEquals(bAddress, p.variableAddress("b"), "the same name comes back to the same slot");
        assertEquals(3, p.readVariable("b"));
    }

    @Test
    void aDifferentNameAfterGoingBackForksTheTableAndLeavesTheSnapshotIntact() {
        Process p = new Process(ProcessConfig.defaults(Arch.X64));
        p.writeVariable("a", 1);
        Process.Snapshot one = p.snapshot();
        p.writeVariable("b", 2);
        Process.Snapshot two = p.snapshot();
        p.restore(one);
        p.writeVariable("c", 7);
        assertEquals(List.of("a", "c"), p.variableNames());
        assertEquals(p.stackBase() + Process.STACK_RESERVE - 16, p.variableAddress("c"),
            "the second slot from the top");
        p.restore(two);
        assertEquals(List.of("a", "b"), p.variableNames());
        assertEquals(2, p.readVariable("b"));
        assertFalse(p.hasVariable("c"));
    }

    @Test
    void slotsAreReusedOnlyWhileValid() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        Process.Snapshot empty = p.snapshot();
        Process.VariableSlot a = p.writeVariable("a", 5, null);
        assertSame(a, p.slot("a", a));
        p.restore(empty);
        assertThrows(IllegalArgumentException.class, () -> p.slot("a", a));
        Process.VariableSlot again = p.writeVariable("a", 6, a);
        assertEquals(6, p.readVariable(again));
        p.writeVariable("x", 1);
        p.restore(empty);
        p.writeVariable("y", 1);
        assertNotSame(a, p.slot("y", null));
    }

    @Test
    void stringsKeepTheirAddressesAcrossSnapshots() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        long hello = p.internString("hello");
        Process.Snapshot s = p.snapshot();
        long world = p.internString("world");
        p.restore(s);
        assertEquals(hello, p.internString("hello"));
        assertEquals(world, p.internString("world"), "the next literal lands where it did before");
        assertTrue(world > hello);
        assertEquals("world", p.readCString(world));
    }

    /** More variables than the stack holds: the program's stack overflow (a fault at that step), not an error. */
    @Test
    void aFullStackIsAStackOverflow() {
        Process p = new Process(ProcessConfig.defaults(Arch.X64));
        int fit = (int) (Process.STACK_RESERVE / 8);
        ProcessFault fault = assertThrows(ProcessFault.class, () -> {
            for (int i = 0; i <= fit; i++) {
                p.writeVariable("v" + i, i);
            }
        });
        assertEquals(0xC00000FDL, fault.code());
        assertTrue(fault.getMessage().startsWith("Stack overflow - code c00000fd (first chance)\n"), fault.getMessage());
    }
}
