package heaplab.engine.pageheap;

import heaplab.engine.Arch;
import heaplab.engine.memory.AccessViolation;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import heaplab.engine.process.ProcessFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Full page heap (heap-facts.md 3.1 to 3.5): placement against the guard page, the block information, the fills. */
class FullPageHeapTest {
    static final long HPA = PageHeap.FLG_HEAP_PAGE_ALLOCS;

    static Process process(Arch arch, long flags, String mode) {
        return new Process(new ProcessConfig(arch, flags, "demo.exe", "auto", mode));
    }

    @Test
    void theProcessHeapIsAPageHeapWithItsRootAndNormalHeap() {
        Process p = process(Arch.X86, HPA, "full");
        long heap = p.getProcessHeap();
        PageHeap ph = p.heaps().pageHeap();
        assertTrue(ph.isPageHeap(heap));
        assertEquals(0xFFEEDDCCL, p.memory().readU32(heap + 0x1000));
        long normal = ph.normalHeap(heap);
        assertTrue(normal > heap);
        assertEquals(2, p.getProcessHeaps(0, 0));
        assertEquals(java.util.List.of(normal), p.heaps().heapHandles());
        assertEquals("Page heap: pid 0x1A2C: page heap enabled with flags 0x1.", p.debugOutput().get(0));
        assertEquals(String.format("Page heap: process 0x1A2C created heap @ %08X (%08X, flags 0x1)", heap, normal),
            p.debugOutput().get(1));
    }

    @Test
    void x86BlocksArePushedAgainstTheGuardPage() {
        Process p = process(Arch.X86, HPA, "full");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 12);
        assertEquals(h + 0x5FF0, a, "the first block's page follows the root and three node pages (05e15ff0)");
        AddressSpace m = p.memory();
        assertEquals(0xC0C0C0C0L, m.readU32(a));
        assertEquals(0xC0C0C0C0L, m.readU32(a + 8));
        assertEquals(0xD0D0D0D0L, m.readU32(a + 12));
        assertFalse(m.isReadable(a + 16));
        long info = a - 0x20;
        assertEquals(0xABCDBBBBL, m.readU32(info));
        assertEquals(h + 0x1000, m.readU32(info + 4));
        assertEquals(12, m.readU32(info + 8));
        assertEquals(16, m.readU32(info + 0xC));
        assertEquals(0xDCBABBBBL, m.readU32(info + 0x1C));
        assertEquals(12, p.heapSize(h, 0, a));
        long b = p.heapAlloc(h, 0, 0x19);
        assertEquals(0xFE0, b & 0xFFF);
        assertEquals(0xD0, m.readByte(b + 0x19));
        assertEquals(0xD0, m.readByte(b + 0x1F));
        long c = p.heapAlloc(h, 0, 0x40);
        assertEquals(0xFC0, c & 0xFFF);
        long z = p.heapAlloc(h, 8, 0x10);
        assertEquals(0, m.readU32(z));
    }

    @Test
    void x64BlocksRoundTo16AndCarryA40ByteInformation() {
        Process p = process(Arch.X64, HPA, "full");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0xE8);
        assertEquals(0xF10, a & 0xFFF);
        AddressSpace m = p.memory();
        long info = a - 0x40;
        assertEquals(0xABCDBBBBL, m.readU32(info));
        assertEquals(h + 0x1000, m.readU64(info + 8));
        assertEquals(0xE8, m.readU64(info + 0x10));
        assertEquals(0xF0, m.readU64(info + 0x18));
        assertEquals(0xDCBABBBBL, m.readU32(info + 0x38));
        assertEquals(0xD0, m.readByte(a + 0xE8));
        assertFalse(m.isReadable(a + 0xF0));
        long big = p.heapAlloc(h, 0, 0x2625a00);
        assertEquals(0x600, big & 0xFFF);
        PageHeap.Found found = p.heaps().pageHeap().findFull(big);
        assertEquals(0x2627000, found.block().virtualSize());
        assertEquals(big - 0x600, found.block().virtual());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aWritePastTheBlockFaultsAtOnce(Arch arch) {
        Process p = process(arch, HPA, "full");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 16);
        p.memory().writeByte(a + 15, 0x41);
        AccessViolation av = assertThrows(AccessViolation.class, () -> p.memory().writeByte(a + 16, 0x41));
        assertEquals(a + 16, av.address());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFreedBlockIsDecommittedAndADoubleFreeStops(Arch arch) {
        Process p = process(arch, HPA, "full");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 16);
        assertTrue(p.heapFree(h, 0, a));
        assertThrows(AccessViolation.class, () -> p.memory().readByte(a));
        assertEquals(1, p.heaps().pageHeap().freedBlocks(h).size());
        ProcessFault stop = assertThrows(ProcessFault.class, () -> p.heapFree(h, 0, a));
        assertEquals(0x80000003L, stop.code());
        String text = p.debugOutput().get(p.debugOutput().size() - 1);
        assertTrue(text.contains("VERIFIER STOP 00000007: pid 0x1A2C: heap block already freed"), text);
    }

    @Test
    void suffixDamageIsAVerifierStopOnFreeInTheObservedFormat() {
        Process p = process(Arch.X86, HPA, "full");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 12);
        p.memory().writeByte(a + 12, 0x41);
        assertThrows(ProcessFault.class, () -> p.heapFree(h, 0, a));
        String expected = String.format("""
            ===========================================================
            VERIFIER STOP 0000000F: pid 0x1A2C: corrupted suffix pattern\s

            \t%08X : Heap handle
            \t%08X : Heap block
            \t0000000C : Block size
            \t%08X : corruption address
            ===========================================================
            This verifier stop is not continuable. Process will be terminated\s
            when you use the `go' debugger command.
            ===========================================================""", h + 0x1000, a, a + 12);
        assertEquals(expected, p.debugOutput().get(p.debugOutput().size() - 1));
        assertEquals(0xABCDBBBBL, p.memory().readU32(a - 0x20), "the block is left as it was");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void stampDamageIsAVerifierStopOnFree(Arch arch) {
        Process p = process(arch, HPA, "full");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 32);
        DphLayout d = p.heaps().pageHeap().layout();
        p.memory().writeByte(a - d.infoSize() + d.infoEndStamp + 3, 0); // x86: a - 1; x64: before 4 bytes of padding
        assertThrows(ProcessFault.class, () -> p.heapFree(h, 0, a));
        assertTrue(p.debugOutput().get(p.debugOutput().size() - 1).contains("corrupted end stamp"));
        long b = p.heapAlloc(h, 0, 32);
        p.memory().writeByte(b - p.heaps().pageHeap().layout().infoSize(), 0);
        assertThrows(ProcessFault.class, () -> p.heapFree(h, 0, b));
        assertTrue(p.debugOutput().get(p.debugOutput().size() - 1).contains("VERIFIER STOP 00000010: pid 0x1A2C:"
            + " corrupted start stamp"));
    }

    @Test
    void reallocationMovesTheBlockAndDestroyReleasesEverything() {
        Process p = process(Arch.X64, HPA, "full");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 8);
        p.memory().writeU64(a, 0x1122334455667788L);
        long b = p.heapReAlloc(h, 0, a, 0x100);
        assertTrue(b != a);
        assertEquals(0x1122334455667788L, p.memory().readU64(b));
        assertEquals(0xC0, p.memory().readByte(b + 8));
        assertFalse(p.memory().isReadable(a));
        assertTrue(p.heapValidate(h, 0, b));
        assertTrue(p.heapValidate(h, 0, 0));
        long normal = p.heaps().pageHeap().normalHeap(h);
        assertTrue(p.heapDestroy(h));
        assertFalse(p.memory().isReadable(h));
        assertFalse(p.memory().isReadable(b));
        assertFalse(p.heaps().isHeap(normal));
        assertEquals(2, p.getProcessHeaps(0, 0));
    }

    @Test
    void aRequestThatCannotBeMetFailsOrRaisesWithGenerateExceptions() {
        Process p = process(Arch.X86, HPA, "full");
        long h = p.heapCreate(0, 0, 0);
        assertEquals(0, p.heapAlloc(h, 0, 0x7FFF0000L));
        assertEquals(8, p.lastError());
        ProcessFault fault = assertThrows(ProcessFault.class, () -> p.heapAlloc(h, 4, 0x7FFF0000L));
        assertEquals(0xC0000017L, fault.code());
        long g = p.heapCreate(4, 0, 0);
        assertThrows(ProcessFault.class, () -> p.heapAlloc(g, 0, 0x7FFF0000L), "HeapCreate's flag is forced");
    }
}
