package heaplab.engine.lfh;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeapWalk on a heap with the LFH: its chunks replace their UserBlocks' back-end entry (heap-facts.md 1.11.17, 18). */
class LfhHeapWalkTest {

    /** One walked entry: lpData, cbData, cbOverhead, wFlags. */
    private record Walked(long data, long bytes, int overhead, int flags) {
    }

    private static List<Walked> walk(Process p, long h, long buffer) {
        int ptr = p.arch().pointerSize();
        p.memory().fill(buffer, 0x40, 0);
        List<Walked> out = new ArrayList<>();
        while (p.heapWalk(h, buffer)) {
            out.add(new Walked(p.memory().readPtr(buffer), p.memory().readU32(buffer + ptr),
                p.memory().readByte(buffer + ptr + 4), p.memory().readU16(buffer + ptr + 6)));
        }
        assertEquals(HeapConstants.ERROR_NO_MORE_ITEMS, p.lastError());
        return out;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void chunksAreWalkedAsEntriesOfTheirOwn(Arch arch) {
        Process p = new Process(new ProcessConfig(arch, 0, "demo.exe", "off", "full"));
        long buffer = p.virtualAlloc(0, 0x1000, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        long h = p.heapCreate(0, 0, 0);
        int before = walk(p, h, buffer).size();
        p.memory().writeU32(buffer + 0x100, HeapConstants.HEAP_COMPATIBILITY_LFH);
        assertTrue(p.heaps().heapSetInformation(h, HeapConstants.HEAP_COMPATIBILITY_INFORMATION, buffer + 0x100, 4));
        long size = 0x18 + 2L * arch.pointerSize();
        Set<Long> chunks = new HashSet<>();
        for (int i = 0; i < 0x12; i++) {
            chunks.add(p.heapAlloc(h, 0, size));
        }
        List<Walked> entries = walk(p, h, buffer);
        assertTrue(entries.size() > 24, "an LFH subsegment adds many entries: " + entries.size());
        assertTrue(entries.size() > before + 0x12);
        List<Walked> busyChunks = entries.stream().filter(e -> chunks.contains(e.data())).toList();
        assertEquals(0x12, busyChunks.size());
        for (Walked e : busyChunks) {
            assertEquals(0x8, e.overhead(), "1.11.18");
            assertEquals(size, e.bytes(), "1.11.18");
            assertEquals(4, e.flags(), "PROCESS_HEAP_ENTRY_BUSY");
        }
        long userBlocks = p.heaps().lfh().chunkAt(h, chunks.iterator().next()).userBlocks();
        assertFalse(entries.stream().anyMatch(e -> e.data() == userBlocks), "the UserBlocks is not an entry itself");
        int g = 2 * arch.pointerSize();
        long stride = size + 8;
        assertTrue(entries.stream().anyMatch(e -> e.flags() == 0 && e.overhead() == g && e.bytes() == stride - g),
            "free chunks are listed, with 2 * sizeof(void *) of overhead (Wine's test, on Windows)");
    }
}
