package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code !heap -p} with page heap (heap-facts.md 3.6) and {@code dt DPH_BLOCK_INFORMATION}, against the shapes. */
class PageHeapGoldenTest {
    private static final long UST = 0x1000;

    /** A page heap {@code h} with a busy block {@code a} (0x40 bytes), a freed one {@code f}, then {@code b} (0x19). */
    static Process fullHeap(Arch arch, long flags) {
        Process p = new Process(new ProcessConfig(arch, PageHeap.FLG_HEAP_PAGE_ALLOCS | flags, "demo.exe", "auto",
            "full"));
        p.setStepNumber(1);
        long h = p.heapCreate(0, 0, 0);
        p.setStepNumber(2);
        long a = p.heapAlloc(h, 0, 0x40);
        long f = p.heapAlloc(h, 0, 0x10);
        p.setStepNumber(3);
        p.heapFree(h, 0, f);
        long b = p.heapAlloc(h, 0, 0x19);
        p.writeVariable("h", h);
        p.writeVariable("a", a);
        p.writeVariable("f", f);
        p.writeVariable("b", b);
        return p;
    }

    static Process lightHeap(Arch arch, long flags) {
        Process p = new Process(new ProcessConfig(arch, PageHeap.FLG_HEAP_PAGE_ALLOCS | flags, "demo.exe", "auto",
            "light"));
        p.setStepNumber(1);
        long h = p.heapCreate(0, 0, 0);
        p.setStepNumber(2);
        long a = p.heapAlloc(h, 0, 0x10);
        long f = p.heapAlloc(h, 0, 0x20);
        p.setStepNumber(3);
        p.heapFree(h, 0, f);
        p.writeVariable("h", h);
        p.writeVariable("a", a);
        p.writeVariable("f", f);
        return p;
    }

    @Test
    void overviewListsPageHeapsWithTheirNormalHeaps() {
        assertEquals("""
                Active GlobalFlag bits:
                    ust - Create user mode stack trace database
                    hpa - Place heap allocations at ends of pages

                StackTraceDataBase @ 00700000 of size 01000000 with 00000003 traces

                PageHeap enabled with options:
                    ENABLE_PAGE_HEAP
                    COLLECT_STACK_TRACES

                active heaps:

                + 140000
                    ENABLE_PAGE_HEAP COLLECT_STACK_TRACES\s
                  NormalHeap - 240000
                      HEAP_GROWABLE\s
                + 500000
                    ENABLE_PAGE_HEAP COLLECT_STACK_TRACES\s
                  NormalHeap - 600000
                      HEAP_GROWABLE\s
            """, out(fullHeap(Arch.X86, UST), "!heap -p"));
    }

    @Test
    void addressInABusyFullBlockX86() {
        assertEquals("""
                address 00505fc3 found in
                _DPH_HEAP_ROOT @ 501000
                in busy allocation (  DPH_HEAP_BLOCK:         UserAddr         UserSize -         VirtAddr         VirtSize)
                                              502000:           505fc0               40 -           505000             2000
                6c469abc verifier!AVrfDebugPageHeapAllocate+0x0000023c
                7c96a030 ntdll!RtlDebugAllocateHeap+0x00000030
                7c91be64 ntdll!RtlAllocateHeap+0x00000e64
                004c0108 demo!main+0x00000008 [demo.c @ 2]
                004c001e demo!mainCRTStartup+0x0000001e
                7c817a23 kernel32!BaseProcessStart+0x00000023
            """, out(fullHeap(Arch.X86, UST), "!heap -p -a a+3"));
    }

    @Test
    void addressInAFreedFullBlockShowsWhereItWasFreed() {
        assertEquals("""
                address 00507ff0 found in
                _DPH_HEAP_ROOT @ 501000
                in free-ed allocation (  DPH_HEAP_BLOCK:         VirtAddr         VirtSize)
                                                 502028:           507000             2000
                6c469cd2 verifier!AVrfDebugPageHeapFree+0x000000c2
                7c96b03c ntdll!RtlDebugFreeHeap+0x0000003c
                7c91d664 ntdll!RtlFreeHeap+0x00000e64
                004c010c demo!main+0x0000000c [demo.c @ 3]
                004c001e demo!mainCRTStartup+0x0000001e
                7c817a23 kernel32!BaseProcessStart+0x00000023
            """, out(fullHeap(Arch.X86, UST), "!heap -p -a f"));
    }

    @Test
    void addressInAFullBlockX64WithoutTraces() {
        assertEquals("""
                address 000001d000205fc0 found in
                _DPH_HEAP_ROOT @ 1d000201000
                in busy allocation (  DPH_HEAP_BLOCK:         UserAddr         UserSize -         VirtAddr         VirtSize)
                                         1d000202000:      1d000205fc0               40 -      1d000205000             2000
            """, out(fullHeap(Arch.X64, 0), "!heap -p -a a"));
    }

    @Test
    void handleListsFreedAndBusyBlocksThenTheNormalHeap() {
        assertEquals("""
                _DPH_HEAP_ROOT @ 501000
                Freed and decommitted blocks
                  DPH_HEAP_BLOCK : VirtAddr VirtSize
                    00502028 : 00507000 00002000
                Busy allocations
                  DPH_HEAP_BLOCK : UserAddr  UserSize - VirtAddr VirtSize
                    00502000 : 00505fc0 00000040 - 00505000 00002000
                    00502050 : 00509fe0 00000019 - 00509000 00002000
                _HEAP @ 600000
            """, out(fullHeap(Arch.X86, UST), "!heap -p -h h"));
        Process p = fullHeap(Arch.X86, 0);
        assertEquals(out(p, "!heap -p -h 140000") + out(p, "!heap -p -h h"), out(p, "!heap -p -all"));
        assertEquals("    240000 is not a page heap handle\n", out(p, "!heap -p -h 240000"));
    }

    @Test
    void sizeFilterListsTheRootsTablesBeforeTheirNormalHeapsX64() {
        assertEquals("""
                _DPH_HEAP_ROOT @ 1d000001000
                Freed and decommitted blocks
                  DPH_HEAP_BLOCK : VirtAddr VirtSize
                Busy allocations
                  DPH_HEAP_BLOCK : UserAddr  UserSize - VirtAddr VirtSize
                _HEAP @ 1d000100000
                _DPH_HEAP_ROOT @ 1d000201000
                Freed and decommitted blocks
                  DPH_HEAP_BLOCK : VirtAddr VirtSize
                Busy allocations
                  DPH_HEAP_BLOCK : UserAddr  UserSize - VirtAddr VirtSize
                    000001d000202000 : 000001d000205fc0 0000000000000040 - 000001d000205000 0000000000002000
                _HEAP @ 1d000300000
            """, out(fullHeap(Arch.X64, 0), "!heap -flt s 40"));
    }

    @Test
    void lightBlocksBusyAndInTheDelayedFreeQueueX64() {
        Process p = lightHeap(Arch.X64, UST);
        assertEquals("""
                address 000001d000300bd0 found in
                _HEAP @ 1d000300000
                          HEAP_ENTRY Size Prev Flags            UserPtr UserSize - state
                    000001d000300b80 0008 0007  [03]   000001d000300bd0    00010 - (busy)
                    7fff11ce401f verifier!AVrfDebugPageHeapAllocate+0x000000000000039f
                    7ff8e4aaa03b ntdll!RtlDebugAllocateHeap+0x000000000000003b
                    7ff8e4a5b04b ntdll!RtlAllocateHeap+0x000000000000004b
                    7ff6a1cc0108 demo!main+0x0000000000000008 [demo.c @ 2]
                    7ff6a1cc0022 demo!mainCRTStartup+0x0000000000000022
                    7ff8e3b17014 kernel32!BaseThreadInitThunk+0x0000000000000014
                    7ff8e4a92021 ntdll!RtlUserThreadStart+0x0000000000000021
            """, out(p, "!heap -p -a a"));
        assertEquals("""
                address 000001d000300c54 found in
                _HEAP @ 1d000300000
                          HEAP_ENTRY Size Prev Flags            UserPtr UserSize - state
                    000001d000300c00 0009 0008  [03]   000001d000300c50    00020 - (free DelayedFree)
            """, out(p, "!heap -p -a f+4").replaceAll("(?m)^ {8}7ff.*\n", ""));
        String freed = out(p, "!heap -p -a f+4");
        assertTrue(freed.contains(" verifier!AVrfDebugPageHeapFree+") && freed.contains(" ntdll!RtlFreeHeap+")
            && !freed.contains("Allocate"), "a freed light block shows where it was freed: " + freed);
        assertEquals("""
                _DPH_HEAP_ROOT @ 1d000201000
                Freed and decommitted blocks
                  DPH_HEAP_BLOCK : VirtAddr VirtSize
                Busy allocations
                  DPH_HEAP_BLOCK : UserAddr  UserSize - VirtAddr VirtSize
                _HEAP @ 1d000300000
                          HEAP_ENTRY Size Prev Flags            UserPtr UserSize - state
                    000001d000300b80 0008 0007  [03]   000001d000300bd0    00010 - (busy)
                    000001d000300c00 0009 0008  [03]   000001d000300c50    00020 - (free DelayedFree)
            """, out(p, "!heap -p -h h"));
    }

    @Test
    void tracesOfTheHeaviestUsersAndNoFaultInjection() {
        Process p = fullHeap(Arch.X86, UST);
        assertEquals("""
                Heaviest page heap users by size (!heap -p -t is Windows XP only; HeapLab's form):

                1 blocks, 40 bytes, trace 0070100c:
                    6c469abc verifier!AVrfDebugPageHeapAllocate+0x0000023c
                    7c96a030 ntdll!RtlDebugAllocateHeap+0x00000030
                    7c91be64 ntdll!RtlAllocateHeap+0x00000e64
                    004c0108 demo!main+0x00000008 [demo.c @ 2]
                    004c001e demo!mainCRTStartup+0x0000001e
                    7c817a23 kernel32!BaseProcessStart+0x00000023
            """, out(p, "!heap -p -ts 1"));
        assertEquals(out(p, "!heap -p -t"), out(p, "!heap -p -tc 4"));
        assertEquals("    No fault injection traces: HeapLab's page heap injects no faults.\n", out(p, "!heap -p -fi"));
        assertEquals("""
                Heaviest page heap users by count (!heap -p -t is Windows XP only; HeapLab's form):
                No collected traces (page heap collects them with gflags +ust).
            """, out(fullHeap(Arch.X86, 0), "!heap -p -t"));
    }

    @Test
    void blockInformationAndItsStackTrace() {
        Process p = fullHeap(Arch.X86, UST);
        assertEquals("""
            ntdll!_DPH_BLOCK_INFORMATION
               +0x000 StartStamp       : 0xabcdbbbb
               +0x004 Heap             : 0x00501000 Void
               +0x008 RequestedSize    : 0x40
               +0x00c ActualSize       : 0x40
               +0x010 FreeQueue        : _LIST_ENTRY [ 0x00000000 - 0x00000000 ]
               +0x018 StackTrace       : 0x0070100c Void
               +0x01c EndStamp         : 0xdcbabbbb
            """, out(p, "dt DPH_BLOCK_INFORMATION a-20"));
        assertEquals(out(p, "dt ntdll!_DPH_BLOCK_INFORMATION a-20"), out(p, "dt verifier!DPH_BLOCK_INFORMATION a-20"));
        String dds = out(p, "dds poi(a-8) L2");
        assertEquals("0070100c  6c469abc verifier!AVrfDebugPageHeapAllocate+0x23c", dds.lines().findFirst().orElseThrow());
        assertEquals("00701010  7c96a030 ntdll!RtlDebugAllocateHeap+0x30", dds.lines().skip(1).findFirst().orElseThrow());
        assertEquals("""
            ntdll!_DPH_BLOCK_INFORMATION
               +0x000 StartStamp       : Uint4B
               +0x008 Heap             : Ptr64 Void
               +0x010 RequestedSize    : Uint8B
               +0x018 ActualSize       : Uint8B
               +0x020 FreeQueue        : _LIST_ENTRY
               +0x030 StackTrace       : Ptr64 Void
               +0x038 EndStamp         : Uint4B
            """, out(lightHeap(Arch.X64, 0), "dt _DPH_BLOCK_INFORMATION"));
    }

    /** !heap -a of a page heap's handle lists its NormalHeap, as !heap does: the index line names that heap too. */
    @Test
    void aPageHeapHandleListsItsNormalHeapUnderItsAddress() {
        Process p = fullHeap(Arch.X86, 0);
        long normal = p.heaps().pageHeap().normalHeap(p.readVariable("h"));
        String a = out(p, "!heap -a h");
        assertEquals(String.format("  2:   %08x ", normal), a.lines().toList().get(1), a);
        assertTrue(a.contains("Heap entries for Segment00 in Heap " + Long.toHexString(normal) + "\n"), a);
    }
}
