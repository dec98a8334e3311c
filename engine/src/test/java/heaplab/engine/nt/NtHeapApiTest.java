package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import heaplab.engine.process.ProcessFault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static heaplab.engine.nt.HeapConstants.ERROR_NOT_ENOUGH_MEMORY;
import static heaplab.engine.nt.HeapConstants.HEAP_GENERATE_EXCEPTIONS;
import static heaplab.engine.nt.HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeapCreate / HeapDestroy / GetProcessHeaps and the border cases of heap-facts.md 1.11. */
class NtHeapApiTest {

    /** Three blocks of 0x10 with the middle one freed: {first, middle}. */
    private static long[] freedBetweenTwo(HeapHarness t, long heap) {
        long a = t.alloc(heap, 0x10);
        long b = t.alloc(heap, 0x10);
        t.alloc(heap, 0x10);
        assertTrue(t.p.heapFree(heap, 0, b));
        return new long[] {a, b};
    }

    /** The address of the PEB's NumberOfHeaps. */
    private static long numberOfHeaps(Process p) {
        return p.pebAddress() + (p.arch() == Arch.X86 ? 0x88 : 0xE8);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void heapHandlesAndTheProcessHeapList(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        int p = arch.pointerSize();
        long count = t.p.getProcessHeaps(0, 0);
        assertEquals(1, count);
        long h1 = t.p.heapCreate(0, 0, 0);
        long h2 = t.p.heapCreate(0, 0, 0);
        assertEquals(0, h1 & 0xFFFF, "64 KB aligned");
        assertEquals(0, h2 & 0xFFFF);
        assertNotEquals(h1, h2);
        assertEquals(count + 2, t.p.getProcessHeaps(0, 0));

        long buffer = t.p.virtualAlloc(0, 0x1000, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        assertEquals(count + 2, t.p.getProcessHeaps(8, buffer));
        assertEquals(t.p.getProcessHeap(), t.mem.readPtr(buffer), "heaps[0] is the process heap");
        assertEquals(h1, t.mem.readPtr(buffer + p));
        assertEquals(h2, t.mem.readPtr(buffer + 2L * p));

        assertTrue(t.p.heapDestroy(h1));
        assertEquals(count + 1, t.p.getProcessHeaps(0, 0));
        assertEquals(count + 1, t.p.getProcessHeaps(8, buffer));
        assertEquals(h2, t.mem.readPtr(buffer + p), "the list closes up");
        assertEquals(t.p.getProcessHeap(), t.heapsFirst());
        assertTrue(t.mem.regionAt(h1) == null, "the heap's memory is released");
        assertTrue(t.p.heapDestroy(h2));
        assertEquals(count, t.p.getProcessHeaps(0, 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aCallSeesTheProgramsOwnWritesToTheHeapHeaderAndTheHeapList(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x10);
        assertNotEquals(0, a);
        // The program turns on tail checking by hand: the next block has its tail filled.
        long tail = HeapConstants.HEAP_TAIL_CHECKING_ENABLED;
        t.mem.writeU32(h + t.l.heapFlags, t.mem.readU32(h + t.l.heapFlags) | tail);
        t.mem.writeU32(h + t.l.heapForceFlags, t.mem.readU32(h + t.l.heapForceFlags) | tail);
        long b = t.alloc(h, 0x10);
        assertEquals(0xAB, t.mem.readByte(b + 0x10), "the tail fill after the 0x10 bytes");
        // The program takes the heap out of the PEB's list: the handle is no heap any more.
        long numberOfHeaps = numberOfHeaps(t.p);
        t.mem.writeU32(numberOfHeaps, t.mem.readU32(numberOfHeaps) - 1);
        assertEquals(0, t.p.heapAlloc(h, 0, 0x10));
        assertEquals(HeapConstants.ERROR_INVALID_HANDLE, t.p.lastError());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aCallSeesWhatAnUnlinkThroughACorruptedFreeBlockWroteIntoTheHeapHeader(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long[] ab = freedBetweenTwo(t, h);
        long a = ab[0];
        long b = ab[1];
        // The program overruns a into b's LIST_ENTRY: Flink->Blink is the heap's Flags, Blink is a (no GROWABLE bit).
        t.mem.writePtr(b, h + t.l.heapFlags - arch.pointerSize());
        t.mem.writePtr(b + arch.pointerSize(), a);
        assertEquals(b, t.alloc(h, 0x10), "takes b: the heap's own unlink writes a into Flags");
        assertEquals(a & 0xFFFF_FFFFL, t.mem.readU32(h + t.l.heapFlags));
        // No longer growable: a request the segment cannot hold fails, as Flags in memory now says.
        assertEquals(0, t.p.heapAlloc(h, 0, 0x100000));
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anUnlinkThroughACorruptedFreeBlockThatOverwritesTheHeapListMakesTheHandleBad(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        int p = arch.pointerSize();
        long h = t.p.heapCreate(0, 0, 0);
        long[] ab = freedBetweenTwo(t, h);
        long a = ab[0];
        long b = ab[1];
        int index = t.mem.readU16(h + t.l.heapProcessHeapsListIndex);
        long slot = t.p.pebAddress() + 0x500 + (long) (index - 1) * p; // the heap's entry in ProcessHeaps
        t.mem.writePtr(b, slot - p); // Flink->Blink is that entry: the unlink writes a there
        t.mem.writePtr(b + p, a);
        assertEquals(b, t.alloc(h, 0x10));
        assertEquals(a, t.mem.readPtr(slot));
        assertEquals(0, t.p.heapAlloc(h, 0, 0x10), "the handle is no longer in the list");
        assertEquals(HeapConstants.ERROR_INVALID_HANDLE, t.p.lastError());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aPageHeapTakenOutOfTheHeapListIsABadHandle(Arch arch) {
        ProcessConfig defaults = ProcessConfig.defaults(arch);
        Process p = new Process(new ProcessConfig(arch, 0x02000000L, defaults.imageName(), defaults.lfh(), "full"));
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0x10);
        assertNotEquals(0, a);
        long numberOfHeaps = numberOfHeaps(p);
        p.memory().writeU32(numberOfHeaps, p.memory().readU32(numberOfHeaps) - 2); // the page heap and its NormalHeap
        p.setLastError(0);
        assertEquals(0, p.heapAlloc(h, 0, 0x10));
        assertEquals(HeapConstants.ERROR_INVALID_HANDLE, p.lastError());
        p.setLastError(0);
        assertFalse(p.heapFree(h, 0, a));
        assertEquals(HeapConstants.ERROR_INVALID_HANDLE, p.lastError());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theProcessHeapCannotBeDestroyed(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long ph = t.p.getProcessHeap();
        assertFalse(t.p.heapDestroy(ph));
        assertEquals(1, t.p.getProcessHeaps(0, 0));
        long a = t.alloc(ph, 0x10);
        t.free(ph, a);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void destroyReleasesEverySegmentAndVirtualBlock(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long big = t.alloc(h, 0x20000);
        long huge = t.alloc(h, 0x200000);
        assertTrue(t.info(h).segments().size() > 1);
        assertTrue(t.p.heapDestroy(h));
        assertTrue(t.mem.regionAt(big) == null);
        assertTrue(t.mem.regionAt(huge) == null);
        assertTrue(t.mem.regionAt(h) == null);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void borderCases(Arch arch) {
        // heap-facts.md 1.11.2 to 1.11.5
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        assertTrue(t.p.heapFree(h, 0, 0));
        assertEquals(0, t.p.heapReAlloc(h, 0, 0, 1));
        assertTrue(t.p.heapValidate(h, 0, 0));
        long zero = t.p.heapAlloc(h, 0, 0);
        assertNotEquals(0, zero);
        assertEquals(0, t.p.heapSize(h, 0, zero));
        assertTrue(t.p.heapValidate(h, 0, zero));
        t.p.setLastError(0);
        assertEquals(0, t.p.heapAlloc(h, 0, ~0L));
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());
        assertEquals(0, t.p.heapAlloc(h, 0, arch.pointerMask() - 7));
        assertTrue(t.p.heapFree(h, 0, zero));
        assertFalse(t.p.heapValidate(h, 0, zero));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void generateExceptionsRaisesStatusNoMemory(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long fixed = t.p.heapCreate(HEAP_GENERATE_EXCEPTIONS, 0x10000, 0x10000);
        ProcessFault f = assertThrows(ProcessFault.class, () -> t.p.heapAlloc(fixed, 0, 0x20000));
        assertEquals(0xC0000017L, f.code());
        assertTrue(f.getMessage().contains("c0000017"), f.getMessage());
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());

        long a = t.alloc(fixed, 0x100);
        t.alloc(fixed, 0x10);
        ProcessFault g = assertThrows(ProcessFault.class,
            () -> t.p.heapReAlloc(fixed, HEAP_REALLOC_IN_PLACE_ONLY, a, 0x400));
        assertEquals(0xC0000017L, g.code());
        assertEquals(0x100, t.p.heapSize(fixed, 0, a));

        long ph = t.p.getProcessHeap();
        ProcessFault h = assertThrows(ProcessFault.class, () -> t.p.heapAlloc(ph, HEAP_GENERATE_EXCEPTIONS, ~0L));
        assertEquals(0xC0000017L, h.code());
        assertEquals(0, t.p.heapAlloc(ph, 0, ~0L), "without the flag: NULL");
        assertTrue(t.p.heapValidate(fixed, 0, 0), t.errors(fixed));
        assertTrue(t.p.heapValidate(ph, 0, 0), t.errors(ph));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theProcessHeapHasItsDocumentedParameters(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        HeapInfo info = t.info(t.p.getProcessHeap());
        assertEquals(HeapConstants.HEAP_GROWABLE, info.flags() & HeapConstants.HEAP_GROWABLE);
        assertEquals(HeapConstants.HEAP_SIGNATURE, t.mem.readU32(info.address() + t.l.heapSignature));
        assertEquals(arch == Arch.X86 ? 0xFE00 : 0xFF00, info.virtualMemoryThreshold());
        assertEquals(0x1000 >> arch.shift(), info.deCommitFreeBlockThreshold());
        assertEquals(0x10000 >> arch.shift(), info.deCommitTotalFreeThreshold());
        long segment = t.segment(info.address(), 0);
        assertEquals(HeapConstants.HEAP_SEGMENT_SIGNATURE, t.mem.readU32(segment + t.l.segSignature));
        assertEquals(info.address(), t.mem.readPtr(segment + t.l.segHeap));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aHandleThatIsNotAHeap(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long image = t.p.imageBase();
        assertEquals(0, t.p.heapAlloc(image, 0, 8), "readable memory that is not a heap");
        assertEquals(HeapConstants.ERROR_INVALID_HANDLE, t.p.lastError());
        assertFalse(t.p.heapValidate(image, 0, 0));
        long unmapped = arch == Arch.X86 ? 0x12340000L : 0x0000123400000000L;
        heaplab.engine.memory.AccessViolation av = assertThrows(heaplab.engine.memory.AccessViolation.class,
            () -> t.p.heapAlloc(unmapped, 0, 8), "reading its _HEAP faults, as in RtlAllocateHeap");
        assertTrue(av.getMessage().contains("Access violation - code c0000005"));
    }

    @org.junit.jupiter.api.Test
    void x86SizesAreTruncatedToSizeT() {
        HeapHarness t = new HeapHarness(Arch.X86);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x1_0000_0010L);
        assertEquals(0x10, t.p.heapSize(h, 0, a), "SIZE_T is 32 bits on x86");
        long b = t.p.heapReAlloc(h, 0, a, 0x1_0000_0020L);
        assertEquals(0x20, t.p.heapSize(h, 0, b));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    /** heap-facts.md 1.11.22: a 3000 KB + 37 byte block has its exact size and ends in zeroes (fresh memory). */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aHugeBlockHasItsExactSizeAndFreshZeroes(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long size = 3000 * 1024 + 37;
        long p = t.alloc(h, size);
        assertEquals(size, t.p.heapSize(h, 0, p));
        for (long i = size - 37; i < size; i++) {
            assertEquals(0, t.mem.readByte(p + i));
        }
        assertTrue(t.p.heapFree(h, 0, p));
    }

    /** heap-facts.md 1.10 (5): a damaged SegmentOffset or uncommitted-page count fails the whole-heap validation. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void validationChecksSegmentOffsetsAndUncommittedCounts(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x20);
        t.mem.writeByte(t.entry(a) + t.l.entrySegmentOffset, 3);
        assertFalse(t.p.heapValidate(h, 0, 0));
        assertTrue(t.errors(h).contains("SegmentOffset of " + Long.toHexString(t.entry(a)) + " is 3, not 0"),
            t.errors(h));
        t.mem.writeByte(t.entry(a) + t.l.entrySegmentOffset, 0);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        long segment = t.p.heaps().read(h).segments().get(0).address();
        long count = t.mem.readU32(segment + t.l.segNumberOfUnCommittedPages);
        t.mem.writeU32(segment + t.l.segNumberOfUnCommittedPages, count + 1);
        assertFalse(t.p.heapValidate(h, 0, 0));
        assertTrue(t.errors(h).contains("uncommitted pages"), t.errors(h));
    }

    /** heap-facts.md 1.10 [WINE-T]: a freed pointer is FALSE with the last error untouched; a foreign one NOACCESS. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void validateOfFreedAndForeignPointers(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x20);
        t.free(h, a);
        t.p.setLastError(1234);
        assertFalse(t.p.heapValidate(h, 0, a));
        assertEquals(1234, t.p.lastError());
        assertFalse(t.p.heapValidate(h, 0, 0xdeadbe00L));
        assertEquals(HeapConstants.ERROR_NOACCESS, t.p.lastError());
        t.p.setLastError(1234);
        assertTrue(t.p.heapValidate(h, 0, 0));
        assertEquals(1234, t.p.lastError());
    }
}
