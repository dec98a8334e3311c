package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden outputs of {@code !heap}, {@code !heap Heap} and {@code !heap -a/-h/-f/-m}, checked line by line against the
 * seed's {@code !ntsdexts.heap -a} example and heap-facts.md 5.1/5.2, then frozen.
 */
class HeapListingGoldenTest {

    /** heap-facts 5.1: address right-aligned to column 20, NT Heap 14 spaces later. */
    @Test
    void listsHeapsX86() {
        assertEquals(
            """
                    Heap Address      NT/Segment Heap

                          140000              NT Heap
                          240000              NT Heap
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "!heap"));
    }

    /** x64: no leading zeros either, right-aligned to column 20 (observed on Win10: 2b0a3bb0000). */
    @Test
    void listsHeapsX64() {
        assertEquals(
            """
                    Heap Address      NT/Segment Heap

                     1d000000000              NT Heap
                     1d000100000              NT Heap
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "!heap"));
    }

    /** The seed's !ntsdexts.heap -a layout on a small x86 heap. */
    @Test
    void allPartsOfOneHeapX86() {
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   00240000\s
                Segment at 00240000 to 00250000 (00001000 bytes committed)
                Flags:               00001002
                ForceFlags:          00000000
                Granularity:         8 bytes
                Segment Reserve:     00100000
                Segment Commit:      00002000
                DeCommit Block Thres:00000200
                DeCommit Total Thres:00002000
                Total Free Size:     0000013c
                Max. Allocation Size:7ffdefff
                Lock Variable at:    00240588
                Next TagIndex:       0000
                Maximum TagIndex:    0000
                Tag Entries:         00000000
                PsuedoTag Entries:   00000000
                Virtual Alloc List:  00240050
                UCR FreeList:        00000000
                128-bit bitmap of free lists
                FreeList Usage:      00000100 00000000 00000000 00000000
                          Free    Free
                          List    List
            #       Head      Blink      Flink
                FreeList[ 00 ] at 00240178: 00240668 . 00240668
                                            0x02 - HEAP_ENTRY_EXTRA_PRESENT
                                            0x04 - HEAP_ENTRY_FILL_PATTERN
                    Entry     Prev    Cur   0x10 - HEAP_ENTRY_LAST_ENTRY

            Address   Size    Size  flags
            00240660: 00018 . 009a0 [10] - free
                FreeList[ 08 ] at 002401b8: 00240610 . 00240610
            00240608: 00028 . 00040 [00] - free
            \s
                Segment00 at 002405a0:
            Flags:           00000000
            Base:            00240000
            First Entry:     002405e0
            Last Entry:      00250000
            Total Pages:     00000010
            Total UnCommit:  0000000f
            Largest UnCommit:0000f000
            UnCommitted Ranges: (1)
                00241000: 0000f000

                Heap entries for Segment00 in Heap 240000
                                    0x01 - HEAP_ENTRY_BUSY           \s
                                    0x02 - HEAP_ENTRY_EXTRA_PRESENT  \s
                                    0x04 - HEAP_ENTRY_FILL_PATTERN   \s
                                    0x08 - HEAP_ENTRY_VIRTUAL_ALLOC  \s
                                    0x10 - HEAP_ENTRY_LAST_ENTRY     \s
                                    0x20 - HEAP_ENTRY_SETTABLE_FLAG1 \s
                                    0x40 - HEAP_ENTRY_SETTABLE_FLAG2 \s
            Entry     Prev    Cur   0x80 - HEAP_ENTRY_SETTABLE_FLAG3 \s

            Address   Size    Size  flags       (Bytes used)    (Tag name)
            00240000: 00000 . 005a0 [01] - busy (5a0)
            002405a0: 005a0 . 00040 [01] - busy (40)
            002405e0: 00040 . 00028 [01] - busy (20)
            00240608: 00028 . 00040 [00]
            00240648: 00040 . 00018 [01] - busy (10)
            00240660: 00018 . 009a0 [10]
            00241000:      0000f000      - uncommitted bytes.
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "!heap -a h"));
    }

    @Test
    void allPartsOfOneHeapX64() {
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   1d000100000\s
                Segment at 000001d000100000 to 000001d000110000 (00002000 bytes committed)
                Flags:               00001002
                ForceFlags:          00000000
                Granularity:         16 bytes
                Segment Reserve:     00100000
                Segment Commit:      00002000
                DeCommit Block Thres:00000100
                DeCommit Total Thres:00001000
                Total Free Size:     00000143
                Max. Allocation Size:00007ffffffdefff
                Lock Variable at:    000001d000100ae8
                Next TagIndex:       0000
                Maximum TagIndex:    0000
                Tag Entries:         00000000
                PsuedoTag Entries:   00000000
                Virtual Alloc List:  1d000100090
                UCR FreeList:        00000000
                128-bit bitmap of free lists
                FreeList Usage:      00000010 00000000 00000000 00000000
                          Free    Free
                          List    List
            #       Head      Blink      Flink
                FreeList[ 00 ] at 000001d0001002c8: 000001d000100c20 . 000001d000100c20
                                            0x02 - HEAP_ENTRY_EXTRA_PRESENT
                                            0x04 - HEAP_ENTRY_FILL_PATTERN
                    Entry     Prev    Cur   0x10 - HEAP_ENTRY_LAST_ENTRY

            Address   Size    Size  flags
            000001d000100c10: 00020 . 013f0 [10] - free
                FreeList[ 04 ] at 000001d000100308: 000001d000100bc0 . 000001d000100bc0
            000001d000100bb0: 00030 . 00040 [00] - free
            \s
                Segment00 at 000001d000100b10:
            Flags:           00000000
            Base:            000001d000100000
            First Entry:     000001d000100b80
            Last Entry:      000001d000110000
            Total Pages:     00000010
            Total UnCommit:  0000000e
            Largest UnCommit:0000e000
            UnCommitted Ranges: (1)
                000001d000102000: 0000e000

                Heap entries for Segment00 in Heap 1d000100000
                                    0x01 - HEAP_ENTRY_BUSY           \s
                                    0x02 - HEAP_ENTRY_EXTRA_PRESENT  \s
                                    0x04 - HEAP_ENTRY_FILL_PATTERN   \s
                                    0x08 - HEAP_ENTRY_VIRTUAL_ALLOC  \s
                                    0x10 - HEAP_ENTRY_LAST_ENTRY     \s
                                    0x20 - HEAP_ENTRY_SETTABLE_FLAG1 \s
                                    0x40 - HEAP_ENTRY_SETTABLE_FLAG2 \s
            Entry     Prev    Cur   0x80 - HEAP_ENTRY_SETTABLE_FLAG3 \s

            Address   Size    Size  flags       (Bytes used)    (Tag name)
            000001d000100000: 00000 . 00b10 [01] - busy (b10)
            000001d000100b10: 00b10 . 00070 [01] - busy (70)
            000001d000100b80: 00070 . 00030 [01] - busy (20)
            000001d000100bb0: 00030 . 00040 [00]
            000001d000100bf0: 00040 . 00020 [01] - busy (10)
            000001d000100c10: 00020 . 013f0 [10]
            000001d000102000:      0000e000      - uncommitted bytes.
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "!heap -a h"));
    }

    @Test
    void indexListingOfAllHeapsX64() {
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              1:   1d000000000\s
                Segment at 000001d000000000 to 000001d000100000 (00002000 bytes committed)
              2:   1d000100000\s
                Segment at 000001d000100000 to 000001d000110000 (00002000 bytes committed)
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "!heap 0"));
    }

    /** Tail and free checking: busy blocks say "tail fill", free ones "free fill"; virtual blocks follow. */
    @Test
    void segmentsWithFillsAndVirtualBlockX86() {
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   00240000\s
                Segment at 00240000 to 00250000 (00001000 bytes committed)
                Segment00 at 002405a0:
            Flags:           00000000
            Base:            00240000
            First Entry:     002405e0
            Last Entry:      00250000
            Total Pages:     00000010
            Total UnCommit:  0000000f
            Largest UnCommit:0000f000
            UnCommitted Ranges: (1)
                00241000: 0000f000

                Heap entries for Segment00 in Heap 240000
                                    0x01 - HEAP_ENTRY_BUSY           \s
                                    0x02 - HEAP_ENTRY_EXTRA_PRESENT  \s
                                    0x04 - HEAP_ENTRY_FILL_PATTERN   \s
                                    0x08 - HEAP_ENTRY_VIRTUAL_ALLOC  \s
                                    0x10 - HEAP_ENTRY_LAST_ENTRY     \s
                                    0x20 - HEAP_ENTRY_SETTABLE_FLAG1 \s
                                    0x40 - HEAP_ENTRY_SETTABLE_FLAG2 \s
            Entry     Prev    Cur   0x80 - HEAP_ENTRY_SETTABLE_FLAG3 \s

            Address   Size    Size  flags       (Bytes used)    (Tag name)
            00240000: 00000 . 005a0 [01] - busy (5a0)
            002405a0: 005a0 . 00040 [01] - busy (40)
            002405e0: 00040 . 00038 [07] - busy (20), tail fill
            00240618: 00038 . 00050 [04] free fill
            00240668: 00050 . 00028 [07] - busy (10), tail fill
            00240690: 00028 . 00970 [14] free fill
            00241000:      0000f000      - uncommitted bytes.
                Virtual Alloc List at 00240050:
            00250018: 00000 . 100fe8 [0b] - busy (100000)
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0x70), "!heap -m h"));
    }

    @Test
    void segmentsWithVirtualBlockX64() {
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   1d000100000\s
                Segment at 000001d000100000 to 000001d000110000 (00002000 bytes committed)
                Segment00 at 000001d000100b10:
            Flags:           00000000
            Base:            000001d000100000
            First Entry:     000001d000100b80
            Last Entry:      000001d000110000
            Total Pages:     00000010
            Total UnCommit:  0000000e
            Largest UnCommit:0000e000
            UnCommitted Ranges: (1)
                000001d000102000: 0000e000

                Heap entries for Segment00 in Heap 1d000100000
                                    0x01 - HEAP_ENTRY_BUSY           \s
                                    0x02 - HEAP_ENTRY_EXTRA_PRESENT  \s
                                    0x04 - HEAP_ENTRY_FILL_PATTERN   \s
                                    0x08 - HEAP_ENTRY_VIRTUAL_ALLOC  \s
                                    0x10 - HEAP_ENTRY_LAST_ENTRY     \s
                                    0x20 - HEAP_ENTRY_SETTABLE_FLAG1 \s
                                    0x40 - HEAP_ENTRY_SETTABLE_FLAG2 \s
            Entry     Prev    Cur   0x80 - HEAP_ENTRY_SETTABLE_FLAG3 \s

            Address   Size    Size  flags       (Bytes used)    (Tag name)
            000001d000100000: 00000 . 00b10 [01] - busy (b10)
            000001d000100b10: 00b10 . 00070 [01] - busy (70)
            000001d000100b80: 00070 . 00030 [01] - busy (20)
            000001d000100bb0: 00030 . 00040 [00]
            000001d000100bf0: 00040 . 00020 [01] - busy (10)
            000001d000100c10: 00020 . 013f0 [10]
            000001d000102000:      0000e000      - uncommitted bytes.
                Virtual Alloc List at 000001d000100090:
            000001d000110030: 00000 . 100fd0 [0b] - busy (100000)
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X64, 0), "!heap -m h"));
    }

    @Test
    void optionsCombineAndComeAnywhere() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        String all = out(p, "!heap -a h");
        assertEquals(all, out(p, "!heap -h -f -m h"));
        assertEquals(all, out(p, "!heap -hfm h"));
        assertEquals(all, out(p, "!heap h -a"));
        assertEquals(all, out(p, "!ntsdexts.heap -a h"));
        assertEquals(all, out(p, "!heap -a 2"), "a 1-based index names the same heap");
        assertEquals(all, out(p, "!heap -a 0n2"));
        assertEquals(all, out(p, "!heap -a poi(h-h+" + Long.toHexString(p.variableAddress("h")) + ")"));
    }

    @Test
    void partsAreTheSlicesOfDashA() {
        Process p = ConsoleFixtures.smallHeap(Arch.X64);
        String all = out(p, "!heap -a h");
        String index = out(p, "!heap h");
        String fields = out(p, "!heap -h h");
        String free = out(p, "!heap -f h");
        String segments = out(p, "!heap -m h");
        assertTrue(all.startsWith(index));
        String entries = fields.substring(fields.indexOf("\n    Heap entries for Segment00"));
        assertTrue(segments.endsWith(entries), "-h and -m list the same entries");
        String heapFields = fields.substring(0, fields.length() - entries.length());
        assertEquals(all, heapFields + free.substring(index.length()) + segments.substring(index.length()));
        assertTrue(fields.contains("    128-bit bitmap of free lists\n    FreeList Usage:      "));
        assertFalse(free.contains("Flags:               "));
        assertTrue(free.contains("#       Head      Blink      Flink\n"));
    }

    @Test
    void withoutHeapArgumentEveryHeapIsListedUnderOneHeader() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        String all = out(p, "!heap -a");
        assertTrue(all.startsWith(HeapListingFormatter.INDEX_HEADER + "  1:   00140000 \n"));
        assertEquals(1, all.split("Index   Address", -1).length - 1);
        assertTrue(all.endsWith(out(p, "!heap -a h").substring(HeapListingFormatter.INDEX_HEADER.length())));
    }

    /**
     * A header whose Size leads past the segment ends the walk with a line where it stops; the uncommitted ranges
     * past it are still listed and counted, from the pages' state.
     */
    @Test
    void aDamagedHeaderEndsTheWalkWhereItIs() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        long c = p.readVariable("c");
        String ranges = out(p, "!heap -s h").lines().filter(line -> line.contains("uncommited ranges")).findFirst()
            .orElseThrow();
        p.memory().writeU32(c - 8, 0x41414141L);
        String a = out(p, "!heap -a h");
        assertTrue(a.contains(String.format("%08x: 00040 . 20a08 [41] - damaged header: the walk stops here"
            + " (!heap -v tells more)\n00241000:      0000f000      - uncommitted bytes.\n", c - 8)), a);
        assertTrue(a.contains("UnCommitted Ranges: (1)\n"), a);
        assertTrue(out(p, "!heap -s h").contains(ranges), "the ranges past the damage still count");
    }
}
