package heaplab.engine.memory;

import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import static heaplab.engine.memory.AddressSpace.MEM_COMMIT;
import static heaplab.engine.memory.AddressSpace.MEM_DECOMMIT;
import static heaplab.engine.memory.AddressSpace.MEM_RELEASE;
import static heaplab.engine.memory.AddressSpace.MEM_RESERVE;
import static heaplab.engine.memory.AddressSpace.PAGE_SIZE;
import static heaplab.engine.memory.Protection.PAGE_NOACCESS;
import static heaplab.engine.memory.Protection.PAGE_READONLY;
import static heaplab.engine.memory.Protection.PAGE_READWRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The address space's page cache never answers for a page whose state changed since it was cached. */
class PageCacheTest {
    private final AddressSpace mem = new AddressSpace(Arch.X86);
    private final long base = mem.virtualAlloc(0, 4 * PAGE_SIZE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);

    @Test
    void aPageWrittenIntoTheSlotOfTheLastPageReadDoesNotAnswerForIt() {
        AddressSpace big = new AddressSpace(Arch.X86);
        long start = big.virtualAlloc(0, 16384 * PAGE_SIZE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        long p1 = start;
        long p2 = start + PAGE_SIZE;
        while (PageCache.slot(p2 >>> 12) != PageCache.slot(p1 >>> 12)) {
            p2 += PAGE_SIZE;
        }
        big.writeU32(p1, 0xAAAA);
        big.writeU32(p2, 0xBBBB);
        big.writeU32(p1, 0xAAAA); // the write slot holds p1 again
        assertEquals(0xAAAA, big.readU32(p1)); // the last page read: p1
        big.writeU32(p2, 0xCCCC); // a write miss puts p2 into the same slot
        assertEquals(0xAAAA, big.readU32(p1));
        assertEquals(0xCCCC, big.readU32(p2));
    }

    @Test
    void aGuardedPageCountsEveryWriteAndReadsItsNewBytesAfterASnapshot() {
        mem.guard(base);
        mem.writeU32(base, 1);
        assertEquals(1, mem.readU32(base));
        AddressSpace.Snapshot before = mem.snapshot();
        long writes = mem.guardedWrites();
        mem.enterTrusted();
        mem.writeU32(base, 2); // copies the page (the snapshot keeps the old one), trusted or not
        mem.leaveTrusted();
        assertEquals(writes + 1, mem.guardedWrites());
        assertEquals(2, mem.readU32(base));
        mem.restore(before);
        assertEquals(1, mem.readU32(base));
    }

    @Test
    void aReprotectedPageFaultsAfterItWasCached() {
        mem.writeU32(base, 1);
        assertEquals(1, mem.readU32(base));
        mem.virtualProtect(base, 1, PAGE_READONLY);
        assertEquals(1, mem.readU32(base));
        assertThrows(AccessViolation.class, () -> mem.writeU32(base, 2));
        mem.virtualProtect(base, 1, PAGE_NOACCESS);
        assertThrows(AccessViolation.class, () -> mem.readU32(base));
        assertFalse(mem.isReadable(base));
    }

    @Test
    void aDecommittedOrReleasedPageFaultsAfterItWasCached() {
        mem.writeU32(base + PAGE_SIZE, 1);
        mem.virtualFree(base + PAGE_SIZE, PAGE_SIZE, MEM_DECOMMIT);
        assertThrows(AccessViolation.class, () -> mem.readU32(base + PAGE_SIZE));
        mem.virtualAlloc(base + PAGE_SIZE, PAGE_SIZE, MEM_COMMIT, PAGE_READWRITE);
        assertEquals(0, mem.readU32(base + PAGE_SIZE), "a page committed again is zeroed");
        mem.readU32(base);
        mem.virtualFree(base, 0, MEM_RELEASE);
        assertThrows(AccessViolation.class, () -> mem.readU32(base));
        assertThrows(AccessViolation.class, () -> mem.writeU32(base, 1));
    }

    @Test
    void aWriteAfterASnapshotCopiesThePageEvenWhenItWasCached() {
        mem.writeU32(base, 1);
        assertEquals(1, mem.readU32(base));
        AddressSpace.Snapshot snapshot = mem.snapshot();
        mem.writeU32(base, 2);
        assertEquals(2, mem.readU32(base), "reads see the copy the write made");
        mem.restore(snapshot);
        assertEquals(1, mem.readU32(base), "the snapshot kept its page");
        mem.writeU32(base, 3);
        mem.restore(snapshot);
        assertEquals(1, mem.readU32(base));
    }

    @Test
    void aPokeAfterASnapshotIsSeenByReads() {
        mem.writeU32(base, 1);
        AddressSpace.Snapshot snapshot = mem.snapshot();
        assertEquals(1, mem.readU32(base));
        assertTrue(mem.poke(base, new byte[] {7}));
        assertEquals(7, mem.readByte(base));
        mem.restore(snapshot);
        assertEquals(1, mem.readByte(base));
    }

    @Test
    void pagesThatShareACacheEntryKeepTheirOwnBytes() {
        long far = mem.virtualAlloc(0, 0x100 * PAGE_SIZE + PAGE_SIZE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        for (int i = 0; i <= 0x100; i++) {
            mem.writeU32(far + (long) i * PAGE_SIZE, i);
        }
        for (int i = 0; i <= 0x100; i++) {
            assertEquals(i, mem.readU32(far + (long) i * PAGE_SIZE));
        }
    }
}
