package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static heaplab.engine.console.ConsoleFixtures.out;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code !heap -t -T -g -k}, tag names in the entry listing, and {@code !heap -p [-a]} without page heap. */
class HeapTagGoldenTest {

    /** A heap h with two tags, a tagged block each, one untagged block, a global tag; steps 2, 3, 4 made them. */
    static Process tagged(Arch arch, long globalFlags) {
        Process p = new Process(new ProcessConfig(arch, globalFlags, "demo.exe", "auto", "full"));
        p.setStepNumber(1);
        long h = p.heapCreate(0, 0, 0);
        long base = p.heaps().heapCreateTags(h, List.of("Buffers", "Nodes"));
        long global = p.heaps().heapCreateTags(0, List.of("App!Strings"));
        p.setStepNumber(2);
        long a = p.heapAlloc(h, base, 0x20);
        p.setStepNumber(3);
        long b = p.heapAlloc(h, base + (1L << 18), 0x10);
        p.setStepNumber(4);
        long c = p.heapAlloc(h, 0, 0x18);
        long d = p.heapAlloc(h, global, 0x8);
        p.heapFree(h, 0, c);
        p.writeVariable("h", h);
        p.writeVariable("a", a);
        p.writeVariable("b", b);
        p.writeVariable("d", d);
        return p;
    }

    @Test
    void tagTableX86() {
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   00250000\s
                Segment at 00250000 to 00260000 (00001000 bytes committed)
                Tag  Name                     Allocs    Frees     Diff  Allocated
                0001 Buffers                       1        0        1         30
                0002 Nodes                         1        0        1         20
            """,
            out(tagged(Arch.X86, 0x1800), "!heap -t h"));
    }

    @Test
    void pseudoTagsAndGlobalTagsX64() {
        Process p = tagged(Arch.X64, 0x1800);
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   1d000110000\s
                Segment at 000001d000110000 to 000001d000120000 (00002000 bytes committed)
                Tag  Name                     Allocs    Frees     Diff  Allocated
                8003 Objects=  48                  1        1        0          0
            """,
            out(p, "!heap -T h"));
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   1d000110000\s
                Segment at 000001d000110000 to 000001d000120000 (00002000 bytes committed)
                Global tags
                Tag  Name                     Allocs    Frees     Diff  Allocated
                0801 App!Strings                   1        0        1         30
            """,
            out(p, "!heap -g h"));
    }

    @Test
    void withoutTagsTheTablesSaySo() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   00240000\s
                Segment at 00240000 to 00250000 (00001000 bytes committed)
                No tags (HeapCreateTags makes them)
                No pseudo-tags (the heap was created without +htg)
                Global tags
                No global tags (HeapCreateTags(NULL, ...) makes them)
            """,
            out(p, "!heap -tTg h"));
    }

    @Test
    void entriesWithTagNamesAndBackTracesX86() {
        String listing = out(tagged(Arch.X86, 0x1800), "!heap -k h");
        assertTrue(listing.endsWith(
            """
            Address   Size    Size  flags       (Bytes used)    (Tag name)
            00250000: 00000 . 005a0 [01] - busy (5a0)
            002505a0: 005a0 . 00040 [01] - busy (40)
            002505e0: 00040 . 00030 [03] - busy (20) (Buffers)
                    7c91be64 ntdll!RtlAllocateHeap+0x00000e64
                    004c0108 demo!main+0x00000008 [demo.c @ 2]
                    004c001e demo!mainCRTStartup+0x0000001e
                    7c817a23 kernel32!BaseProcessStart+0x00000023
            00250610: 00030 . 00020 [03] - busy (10) (Nodes)
                    7c91be64 ntdll!RtlAllocateHeap+0x00000e64
                    004c010c demo!main+0x0000000c [demo.c @ 3]
                    004c001e demo!mainCRTStartup+0x0000001e
                    7c817a23 kernel32!BaseProcessStart+0x00000023
            00250630: 00020 . 00028 [00]
            00250658: 00028 . 00018 [03] - busy (8) (App!Strings)
                    7c91be64 ntdll!RtlAllocateHeap+0x00000e64
                    004c0110 demo!main+0x00000010 [demo.c @ 4]
                    004c001e demo!mainCRTStartup+0x0000001e
                    7c817a23 kernel32!BaseProcessStart+0x00000023
            00250670: 00018 . 00990 [10]
            00251000:      0000f000      - uncommitted bytes.
            """), listing);
        assertTrue(out(tagged(Arch.X86, 0x800), "!heap -a h").contains(
            "002505e0: 00040 . 00030 [03] - busy (20) (Buffers)\n00250610:"));
    }

    @Test
    void pageHeapOverviewWithoutPageHeapX86() {
        assertEquals(
            """
                Active GlobalFlag bits:
                    htg - Enable heap tagging
                    ust - Create user mode stack trace database

                StackTraceDataBase @ 00500000 of size 01000000 with 00000003 traces

                active heaps:

                - 140000
                    HEAP_GROWABLE\s
                - 250000
                    HEAP_GROWABLE\s
            """,
            out(tagged(Arch.X86, 0x1800), "!heap -p"));
    }

    @Test
    void pageHeapAddressFindsTheBlockAndItsTraceX64() {
        assertEquals(
            """
                address 000001d000110bd3 found in
                _HEAP @ 1d000110000
                          HEAP_ENTRY Size Prev Flags            UserPtr UserSize - state
                    000001d000110bc0 0003 0004  [03]   000001d000110bd0    00010 - (busy)
                    7ff8e4a5b04b ntdll!RtlAllocateHeap+0x000000000000004b
                    7ff6a1cc010c demo!main+0x000000000000000c [demo.c @ 3]
                    7ff6a1cc0022 demo!mainCRTStartup+0x0000000000000022
                    7ff8e3b17014 kernel32!BaseThreadInitThunk+0x0000000000000014
                    7ff8e4a92021 ntdll!RtlUserThreadStart+0x0000000000000021
            """,
            out(tagged(Arch.X64, 0x1800), "!heap -p -a b+3"));
    }

    @Test
    void pageHeapAddressOutsideTheHeapsAndPageHeapOptions() {
        Process p = tagged(Arch.X86, 0);
        assertEquals("    address 00400000 was not found in any heap\n", out(p, "!heap -p -a 400000"));
        assertEquals("    " + Long.toHexString(p.readVariable("h")) + " is not a page heap handle\n",
            out(p, "!heap -p -h h"));
    }

    @Test
    void tagStructuresX86() {
        Process p = tagged(Arch.X86, 0x1800);
        long tags = p.memory().readPtr(p.readVariable("h") + p.heaps().layout().heap.offset("TagEntries"));
        assertEquals(
            """
            ntdll!_HEAP_TAG_ENTRY
               +0x000 Allocs           : 0x1
               +0x004 Frees            : 0
               +0x008 Size             : 0x30
               +0x00c TagIndex         : 0x1
               +0x00e CreatorBackTraceIndex : 0
               +0x010 TagName          : [24]  "Buffers"
            """,
            out(p, "dt _HEAP_TAG_ENTRY " + Long.toHexString(tags + 0x40)));
        assertEquals(
            """
            ntdll!_HEAP_ENTRY_EXTRA
               +0x000 AllocatorBackTraceIndex : 0x2
               +0x002 TagIndex         : 0x2
               +0x004 Settable         : 0
            """,
            out(p, "dt _HEAP_ENTRY_EXTRA b+10"));
        assertEquals(
            """
            ntdll!_HEAP_PSEUDO_TAG_ENTRY
               +0x000 Allocs           : Uint4B
               +0x004 Frees            : Uint4B
               +0x008 Size             : Uint4B
            """,
            out(p, "dt _HEAP_PSEUDO_TAG_ENTRY"));
    }

    @Test
    void ddsOnAStackTraceEntryShowsTheFrames() {
        Process p = tagged(Arch.X86, 0x1000);
        long[] frames = p.stackTraces().trace(1);
        String out = out(p, "dds " + Long.toHexString(p.stackTraces().base() + 0x1000 + 12) + " L2");
        assertEquals(String.format("%08x  %08x ntdll!RtlAllocateHeap+0xe64%n%08x  %08x demo!main+0x8%n",
            p.stackTraces().base() + 0x1000 + 12, frames[0], p.stackTraces().base() + 0x1000 + 16, frames[1])
            .replace("\r", ""), out);
    }
}
