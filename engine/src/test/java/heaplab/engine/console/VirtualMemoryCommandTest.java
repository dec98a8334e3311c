package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.MemoryInfo;
import heaplab.engine.memory.Protection;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.fingerprint;
import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code .dvalloc} and {@code .dvfree} (heap-facts.md 5.8) act on the simulated address space. */
class VirtualMemoryCommandTest {

    @Test
    void dvallocCommitsWholePagesReadWriteExecute() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals("Allocated 4000 bytes starting at 00250000\n", out(p, ".dvalloc 0n13000"));
        MemoryInfo info = p.memory().query(0x00250000L);
        assertEquals(AddressSpace.MEM_COMMIT, info.state());
        assertEquals(Protection.PAGE_EXECUTE_READWRITE, info.protect());
        assertEquals(0x4000, info.regionSize());
        assertEquals(0, p.lastError(), "the debugger's call leaves the target's last error alone");
    }

    @Test
    void dvallocPrintsTheBacktickAddressOnX64() {
        Process p = ConsoleFixtures.smallHeap(Arch.X64);
        assertEquals("Allocated 1000 bytes starting at 000001d0`00110000\n", out(p, ".dvalloc 1"));
    }

    @Test
    void reserveOnlyAndBaseAddress() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals("Allocated 2000 bytes starting at 10000000\n", out(p, ".dvalloc /r /b 10000000 2000"));
        assertEquals(AddressSpace.MEM_RESERVE, p.memory().query(0x10000000L).state());
        assertEquals("Allocated 1000 bytes starting at 20000000\n", out(p, ".dvalloc /b 20000123 0n16"));
        assertTrue(p.memory().isCommitted(0x20000000L));
    }

    @Test
    void dvallocFailuresReportTheWin32ErrorAndChangeNothing() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        out(p, ".dvalloc /b 10000000 1000");
        String before = fingerprint(p);
        CommandResult taken = run(p, ".dvalloc /b 10000000 1000");
        assertTrue(taken.error());
        assertEquals(".dvalloc failed, Win32 error 0n487\n", taken.output());
        assertEquals(".dvalloc failed, Win32 error 0n87\n", out(p, ".dvalloc 0"));
        assertEquals(before, fingerprint(p));
    }

    @Test
    void dvfreeReleasesTheWholeAllocation() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        out(p, ".dvalloc /b 10000000 3000");
        assertEquals("Freed 3000 bytes starting at 10000000\n", out(p, ".dvfree 10000000 0"));
        assertNull(p.memory().regionAt(0x10000000L));
    }

    @Test
    void dvfreeDecommitsWithSlashD() {
        Process p = ConsoleFixtures.smallHeap(Arch.X64);
        out(p, ".dvalloc /b 7ff000000000 3000");
        assertEquals("Decommitted 1000 bytes starting at 00007ff0`00001000\n",
            out(p, ".dvfree /d 7ff000001000 0n4096"));
        assertFalse(p.memory().isCommitted(0x7ff000001000L));
        assertTrue(p.memory().isCommitted(0x7ff000000000L));
        assertTrue(p.memory().isCommitted(0x7ff000002000L));
    }

    @Test
    void dvfreeFailuresReportTheWin32ErrorAndChangeNothing() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        out(p, ".dvalloc /b 10000000 3000");
        String before = fingerprint(p);
        assertEquals(".dvfree failed, Win32 error 0n487\n", out(p, ".dvfree 12340000 0"));
        CommandResult middle = run(p, ".dvfree 10001000 0");
        assertTrue(middle.error());
        assertEquals(".dvfree failed, Win32 error 0n87\n", middle.output(), "release needs the allocation base");
        assertEquals(".dvfree failed, Win32 error 0n87\n", out(p, ".dvfree 10000000 1000"),
            "a release passes Size to VirtualFreeEx, which takes 0 for MEM_RELEASE");
        assertEquals(before, fingerprint(p));
    }

    @Test
    void onlyTheVirtualMemoryCommandsChangeState() {
        assertTrue(Console.changesState(".dvalloc 1000"));
        assertTrue(Console.changesState("  .DVFREE 10000000 0"));
        assertFalse(Console.changesState("!heap -a"));
        assertFalse(Console.changesState("db 1000"));
        assertFalse(Console.changesState("? 1"));
    }
}
