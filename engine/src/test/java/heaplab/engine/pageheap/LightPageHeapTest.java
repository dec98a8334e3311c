package heaplab.engine.pageheap;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Light page heap (heap-facts.md 3.3, 3.4): blocks in the NormalHeap, checked on free, then a delayed-free queue. */
class LightPageHeapTest {
    private static Process light(Arch arch) {
        return FullPageHeapTest.process(arch, PageHeap.FLG_HEAP_PAGE_ALLOCS, "light");
    }

    /** The NormalHeap never takes the LFH (heap-facts.md 2: not with the heap debugging tools), however many asked. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void theNormalHeapNeverTakesTheLfh(Arch arch) {
        Process p = light(arch);
        long h = p.heapCreate(2, 0, 0);
        long normal = p.heaps().pageHeap().normalHeap(h);
        long last = 0;
        for (int i = 0; i < 0x30; i++) {
            last = p.heapAlloc(h, 0, 0x20);
        }
        assertEquals(0, p.heaps().compatibility(normal));
        assertTrue(p.heaps().lfh().chunks(normal).isEmpty(), "no LFH chunk in the NormalHeap");
        assertEquals(normal, p.heaps().heapOf(last));
        assertEquals(last - p.heaps().pageHeap().layout().infoSize(), p.heaps().findBlock(last).user(),
            "the block is a back-end block with its DPH_BLOCK_INFORMATION");
        assertFalse(p.heaps().lfhAllowed(normal));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aLightBlockSitsInTheNormalHeapAfterItsInformation(Arch arch) {
        Process p = light(arch);
        long h = p.heapCreate(0, 0, 0);
        assertTrue(p.debugOutput().get(0).endsWith("page heap enabled with flags 0x0."));
        long a = p.heapAlloc(h, 0, 0x10);
        PageHeap ph = p.heaps().pageHeap();
        DphLayout d = ph.layout();
        HeapBlock block = p.heaps().findBlock(a);
        assertEquals(ph.normalHeap(h), p.heaps().heapOf(a));
        assertEquals(block.user() + d.infoSize(), a);
        AddressSpace m = p.memory();
        long info = a - d.infoSize();
        assertEquals(0xABCDAAAAL, m.readU32(info));
        assertEquals(0xDCBAAAAAL, m.readU32(info + d.infoEndStamp));
        assertEquals(h + 0x1000, m.readPtr(info + d.infoHeap));
        assertEquals(0x10, m.readPtr(info + d.infoRequestedSize));
        assertEquals(0xE0E0E0E0L, m.readU32(a + 0xC));
        for (int i = 0; i < d.lightSuffix; i++) {
            assertEquals(0xA0, m.readByte(a + 0x10 + i));
        }
        assertEquals(0x10, p.heapSize(h, 0, a));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFreedLightBlockWaitsInTheDelayedFreeQueueFilledWithF0(Arch arch) {
        Process p = light(arch);
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0x20);
        assertTrue(p.heapFree(h, 0, a));
        DphLayout d = p.heaps().pageHeap().layout();
        AddressSpace m = p.memory();
        assertEquals(0xABCDAAA9L, m.readU32(a - d.infoSize()));
        assertEquals(0xDCBAAAA9L, m.readU32(a - d.infoSize() + d.infoEndStamp));
        assertEquals(0xF0F0F0F0L, m.readU32(a));
        assertEquals(0xA0, m.readByte(a + 0x20));
        assertTrue(p.heaps().findBlock(a).isBusy(), "still busy in the NormalHeap while queued");
        assertThrows(ProcessFault.class, () -> p.heapFree(h, 0, a));
        assertTrue(p.debugOutput().get(p.debugOutput().size() - 1).contains("heap block already freed"));
    }

    @Test
    void theQueueGivesBlocksBackPastItsLimit() {
        Process p = light(Arch.X86);
        long h = p.heapCreate(0, 0, 0);
        long first = p.heapAlloc(h, 0, 0x7F000);
        long second = p.heapAlloc(h, 0, 0x7F000);
        long third = p.heapAlloc(h, 0, 0x2000);
        p.heapFree(h, 0, first);
        p.heapFree(h, 0, second);
        assertTrue(p.memory().isReadable(first), "1 MB is not passed yet");
        p.heapFree(h, 0, third);
        assertTrue(!p.memory().isReadable(first), "the oldest (a virtual block) went back to the NormalHeap");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void suffixAndStampDamageStopOnFree(Arch arch) {
        Process p = light(arch);
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0x10);
        p.memory().writeByte(a + 0x11, 0);
        assertThrows(ProcessFault.class, () -> p.heapFree(h, 0, a));
        String text = p.debugOutput().get(p.debugOutput().size() - 1);
        assertTrue(text.contains("VERIFIER STOP 0000000F: pid 0x1A2C: corrupted suffix pattern"), text);
        assertTrue(text.contains(p.arch().ptr(a + 0x11).toUpperCase() + " : corruption address"), text);
        long b = p.heapAlloc(h, 0, 0x10);
        p.memory().writeU32(b - p.heaps().pageHeap().layout().infoSize(), 0);
        assertThrows(ProcessFault.class, () -> p.heapFree(h, 0, b));
        assertTrue(p.debugOutput().get(p.debugOutput().size() - 1).contains("corrupted start stamp"));
        assertEquals(0, p.memory().readU32(b - p.heaps().pageHeap().layout().infoSize()));
    }

    @Test
    void aWriteIntoAQueuedBlockStopsWhenTheQueueGivesItBack() {
        Process p = light(Arch.X86);
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0x7F000);
        long b = p.heapAlloc(h, 0, 0x7F000);
        long c = p.heapAlloc(h, 0, 0x2000);
        p.heapFree(h, 0, a);
        p.memory().writeByte(a + 5, 0x41);
        p.heapFree(h, 0, b);
        assertThrows(ProcessFault.class, () -> p.heapFree(h, 0, c));
        String text = p.debugOutput().get(p.debugOutput().size() - 1);
        assertTrue(text.contains("VERIFIER STOP 0000000E: pid 0x1A2C: corrupted infix pattern for freed heap block"),
            text);
        assertTrue(text.contains(String.format("%08X : corruption address", a + 5)), text);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void reallocationMovesALightBlockAndFreesTheOldOneIntoTheQueue(Arch arch) {
        Process p = light(arch);
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 8);
        p.memory().writeU32(a, 0x12345678);
        long b = p.heapReAlloc(h, 8, a, 0x20);
        assertTrue(b != a);
        assertEquals(0x12345678, p.memory().readU32(b));
        assertEquals(0, p.memory().readU32(b + 0x1C), "HEAP_ZERO_MEMORY zeroes the new part");
        assertEquals(0xF0F0F0F0L, p.memory().readU32(a));
        assertEquals(0x20, p.heapSize(h, 0, b));
        assertEquals(0, p.heapReAlloc(h, 0x10, b, 0x40), "HEAP_REALLOC_IN_PLACE_ONLY cannot grow a page heap block");
        assertTrue(p.heapValidate(h, 0, b));
        assertTrue(p.heapValidate(h, 0, 0));
        p.memory().writeByte(b + 0x20, 0);
        assertTrue(!p.heapValidate(h, 0, b), "HeapValidate sees the damaged suffix without stopping");
        assertTrue(!p.heapValidate(h, 0, 0), "and so does the whole heap's");
        p.memory().writeByte(b + 0x20, 0xA0);
        assertTrue(p.heapValidate(h, 0, 0));
        long info = b - p.heaps().pageHeap().layout().infoSize();
        p.memory().writeU32(info, 0);
        assertTrue(!p.heapValidate(h, 0, 0), "a damaged StartStamp");
    }

    /** A damaged RequestedSize is damage, not a size to read past; a virtual-alloc light block is checked too. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void theWholeHeapValidationSurvivesADamagedSizeAndSeesBigBlocks(Arch arch) {
        Process p = light(arch);
        long h = p.heapCreate(2, 0, 0);
        DphLayout d = p.heaps().pageHeap().layout();
        long a = p.heapAlloc(h, 0, 0x10);
        long info = a - d.infoSize();
        long size = p.memory().readPtr(info + d.infoRequestedSize);
        p.memory().writePtr(info + d.infoRequestedSize, 0x40000000L);
        assertFalse(p.heapValidate(h, 0, 0), "no fault: FALSE");
        assertFalse(p.heapValidate(h, 0, a));
        p.memory().writePtr(info + d.infoRequestedSize, size);
        assertTrue(p.heapValidate(h, 0, 0));
        long big = p.heapAlloc(h, 0, 0x100000);
        assertTrue(p.heapValidate(h, 0, 0));
        p.memory().writeByte(big + 0x100000, 0x41);
        assertFalse(p.heapValidate(h, 0, big));
        assertFalse(p.heapValidate(h, 0, 0), "the whole heap's answer agrees for a virtual-alloc block");
    }

    @Test
    void aDamagedHeapFieldIsAWrongHeapStop() {
        Process p = light(Arch.X64);
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0x10);
        DphLayout d = p.heaps().pageHeap().layout();
        p.memory().writeU64(a - d.infoSize() + d.infoHeap, 0);
        assertThrows(ProcessFault.class, () -> p.heapFree(h, 0, a));
        assertTrue(p.debugOutput().get(p.debugOutput().size() - 1)
            .contains("VERIFIER STOP 00000008: pid 0x1A2C: corrupted heap pointer or using wrong heap"));
    }
}
