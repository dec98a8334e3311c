package heaplab.engine.nt;

import heaplab.engine.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static heaplab.engine.nt.HeapConstants.ERROR_NOT_ENOUGH_MEMORY;
import static heaplab.engine.nt.HeapConstants.HEAP_GROWABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fixed-size heaps (HeapCreate with dwMaximumSize != 0): heap-facts.md 1.6 and 1.11.11, 1.11.12. */
class NtHeapFixedSizeTest {

    private static long allocSize(Arch arch) {
        return 0x8000L * arch.pointerSize();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void item11AFixedHeapHoldsItsSizeLessTheDocumentedOverhead(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long allocSize = allocSize(arch);
        long h = t.p.heapCreate(0, allocSize, allocSize);
        assertEquals(0, t.info(h).flags() & HEAP_GROWABLE, "a maximum size makes the heap fixed");

        long fits = allocSize - (0x400 + 0x100L * arch.pointerSize());
        long a = t.alloc(h, fits);
        assertEquals(fits, t.p.heapSize(h, 0, a));
        t.free(h, a);

        t.p.setLastError(0);
        assertEquals(0, t.p.heapAlloc(h, 0, allocSize - (0x200 + 0x80L * arch.pointerSize())));
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());
        assertEquals(1, t.info(h).segments().size(), "a fixed heap never adds a segment");
        assertTrue(t.info(h).virtualBlocks().isEmpty());
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void item12AFixedHeapHasNoLargeBlocks(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long allocSize = allocSize(arch);
        long h = t.p.heapCreate(0, 2 * allocSize, 5 * allocSize);

        long empty = t.alloc(h, 0);
        assertEquals(0, t.p.heapSize(h, 0, empty));
        t.free(h, empty);

        t.p.setLastError(0);
        assertEquals(0, t.p.heapAlloc(h, 0, 3 * allocSize), "3 * alloc_size does not fit a fixed heap");
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());

        long a = t.alloc(h, allocSize);
        assertEquals(allocSize, t.p.heapSize(h, 0, a));
        t.p.setLastError(0);
        assertEquals(0, t.p.heapAlloc(h, 0, 4 * allocSize));
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());

        // Above the virtual memory threshold a growable heap would VirtualAlloc the block; a fixed one cannot.
        t.p.setLastError(0);
        assertEquals(0, t.p.heapAlloc(h, 0, 0x100000L * arch.pointerSize()));
        assertEquals(ERROR_NOT_ENOUGH_MEMORY, t.p.lastError());
        assertTrue(t.info(h).virtualBlocks().isEmpty(), "no virtual-alloc blocks in a fixed heap");
        assertEquals(1, t.info(h).segments().size());
        t.free(h, a);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    /**
     * The largest request a block of the largest size holds (x64: 0xFEFF8, its data running into the next header's
     * first 8 bytes) fits a fixed heap with room: the page after the block is committed to take the overlap (1.6).
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void theLargestBlockFitsAFixedHeapWithRoom(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0x10000, 0x400000);
        long largest = arch == Arch.X64 ? 0xFEFF8 : 0x7EFF8;
        long p = t.alloc(h, largest);
        assertEquals(largest, t.p.heapSize(h, 0, p));
        assertTrue(t.info(h).virtualBlocks().isEmpty(), "a block of the segment");
        t.p.memory().writeU64(p + largest - 8, 0x1122334455667788L); // the last 8 bytes: the next header's first
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        long q = t.alloc(h, 0x100);
        assertTrue(arch == Arch.X86 || t.info(h).segments().get(0).blocks().stream()
            .anyMatch(b -> b.user() == p + largest + 8), "x64: a committed block follows, its header under the data");
        assertEquals(0x1122334455667788L, t.p.memory().readU64(p + largest - 8), "an allocation kept them");
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        t.free(h, q);
        t.free(h, p);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }
}
