package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LfhHeaps;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code !heap -s} and {@code !heap -hl} on a heap with the LFH. */
class HeapLfhConsoleTest {

    /** A process with heap h (LFH on): three 0x20-byte chunks, the middle one freed, and one 0x100-byte chunk. */
    static Process lfhHeap(Arch arch) {
        Process p = new Process(new ProcessConfig(arch, 0, "demo.exe", "off", "full"));
        long h = LfhHeaps.create(p);
        p.heapAlloc(h, 0, 0x20);
        long b = p.heapAlloc(h, 0, 0x20);
        p.heapAlloc(h, 0, 0x1C);
        p.heapFree(h, 0, b);
        p.heapAlloc(h, 0, 0x100);
        p.writeVariable("h", h);
        return p;
    }

    @Test
    void summaryShowsLfhInTheFastHeapColumn() {
        assertEquals(
            """
            LFH Key                   : 0x5d3c8f1a
            Termination on corruption : DISABLED
              Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock  Fast\s
                                (k)     (k)    (k)     (k) length      blocks cont. heap\s
            -----------------------------------------------------------------------------
            00140000 00000002    1024      4   1024      2     1     1    0      0     \s
            00240000 00001002      64     12     64      1     1     1    0      0   LFH
            -----------------------------------------------------------------------------
            """,
            out(lfhHeap(Arch.X86), "!heap -s"));
    }

    @Test
    void hlListsTheBusyChunksAfterTheHeapsParts() {
        Process p = lfhHeap(Arch.X86);
        String hl = out(p, "!heap -hl h");
        String h = out(p, "!heap -h h");
        assertTrue(hl.startsWith(h), hl);
        assertEquals(
            """
                LFH UserBlocks at 002409f0: bucket 4, 0x28-byte chunks, 2 of 102 busy
            00240a18: 00028 . 00028 [81] - busy (20)
            00240a68: 00028 . 00028 [81] - busy (1c)
                LFH UserBlocks at 00241a10: bucket 32, 0x108-byte chunks, 1 of 15 busy
            00241a38: 00108 . 00108 [81] - busy (100)
            """,
            hl.substring(h.length()));
    }

    @Test
    void hlOnX64() {
        Process p = lfhHeap(Arch.X64);
        String hl = out(p, "!heap -hl h");
        String h = out(p, "!heap -h h");
        assertTrue(hl.startsWith(h), hl);
        assertEquals(
            """
                LFH UserBlocks at 000001d0001013a0: bucket 4, 0x30-byte chunks, 2 of 85 busy
            000001d0001013d0: 00030 . 00030 [81] - busy (20)
            000001d000101430: 00030 . 00030 [81] - busy (1c)
                LFH UserBlocks at 000001d0001023d0: bucket 32, 0x110-byte chunks, 1 of 15 busy
            000001d000102400: 00110 . 00110 [81] - busy (100)
            """,
            hl.substring(h.length()));
        assertTrue(out(p, "!heap -a h").contains("000001d000101390: "), "UserBlocks: one back-end entry");
    }

    /** {@code !heap -i} on a chunk header decodes the LFH's header, not a _HEAP_ENTRY it is not. */
    @Test
    void blockInformationOfAChunk() {
        Process p = lfhHeap(Arch.X86);
        assertEquals("""
            Detailed information for block entry 00240a68
            Assumed heap       : 0x00240000 (Use !heap -i NewHeapHandle to change)
            Header content     : 0x0000000F 0x8104001C
            Owning UserBlocks  : 0x002409f0 (LFH bucket 4, chunk 2)
            Block flags        : 0x81 (busy lfh )
            Total block size   : 0x5 units (0x28 bytes)
            Requested size     : 0x1c bytes (unused 0xc bytes)
            Previous block     : 0x00240a40
            Next block         : 0x00240a90
            """, out(p, "!heap -i 00240a68"));
        assertTrue(out(p, "!heap -i 00240a40").contains("Block flags        : 0x80 (free lfh )\n"),
            out(p, "!heap -i 00240a40"));
    }

    /**
     * x64: a chunk's entry is 16 bytes before its data, as a back-end block's (its first 8 bytes are the chunk
     * before's), in -x, -hl and -i alike, and -x of that entry finds the chunk whose entry it is.
     */
    @Test
    void anX64ChunksEntryIsAGranuleBeforeItsData() {
        Process p = lfhHeap(Arch.X64);
        String x = out(p, "!heap -x 000001d0001013e0");
        assertTrue(x.lines().toList().get(2).startsWith("000001d0001013d0  000001d0001013e0  "), x);
        assertEquals(x, out(p, "!heap -x 000001d0001013d0"));
        String i = out(p, "!heap -i 000001d0001013d0");
        assertTrue(i.startsWith("Detailed information for block entry 000001d0001013d0\n"), i);
        assertTrue(i.contains("Owning UserBlocks  : 0x000001d0001013a0 (LFH bucket 4, chunk 0)\n"), i);
        assertTrue(i.endsWith("Next block         : 0x000001d000101400\n"), i);
    }

    @Test
    void entryOfAnAddressInAChunkIsTheChunk() {
        Process p = lfhHeap(Arch.X86);
        assertEquals(
            """
            Entry     User      Heap      Segment       Size  PrevSize  Unused    Flags
            -----------------------------------------------------------------------------
            00240a68  00240a70  00240000  002405a0        28        28         c  busy lfh\s
            """,
            out(p, "!heap -x 00240a70"));
        assertTrue(out(p, "!heap -x 00240a40").endsWith("         0  free lfh \n"), out(p, "!heap -x 00240a40"));
        assertTrue(out(p, "!heap -x 002409f8").endsWith("  busy  internal \n"),
            "the UserBlocks' header: the LFH's own block, " + out(p, "!heap -x 002409f8"));
        p.memory().writeU16(0x00240a68 + 4, 0x4000); // a damaged header: requested far past the chunk
        assertTrue(out(p, "!heap -x 00240a70").endsWith("        28        28  ffffc028  busy lfh \n"),
            "the columns stay in place: " + out(p, "!heap -x 00240a70"));
    }

    @Test
    void triageReportsAChunkOverrunIntoTheNextHeaderAndVerifyDoesNot() {
        Process p = lfhHeap(Arch.X86);
        long chunk = p.heaps().lfh().chunks(p.readVariable("h")).get(0).user();
        p.memory().fill(chunk, 0x28, 0x41); // 0x20 bytes of data and the next chunk's 8-byte header
        String triage = out(p, "!heap -triage");
        assertTrue(triage.contains("Error address: 00240a40\nError type: HEAP_FAILURE_BUFFER_OVERRUN\n"), triage);
        assertTrue(triage.contains("            LFH UserBlocks at 002409f0: chunk header 00240a40 modified\n"), triage);
        // The seed: -v "does not detect Low Fragmentation Heap (LFH) corruption. Use -triage instead."
        assertFalse(out(p, "!heap -v h").contains("LFH"), out(p, "!heap -v h"));
        assertEquals(out(p, "!heap -h h"), out(p, "!heap -h -v h"));
    }
}
