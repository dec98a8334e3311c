package heaplab.engine.memory;

import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static heaplab.engine.memory.AddressSpace.ALLOCATION_GRANULARITY;
import static heaplab.engine.memory.AddressSpace.ERROR_INVALID_ADDRESS;
import static heaplab.engine.memory.AddressSpace.ERROR_INVALID_PARAMETER;
import static heaplab.engine.memory.AddressSpace.MEM_COMMIT;
import static heaplab.engine.memory.AddressSpace.MEM_DECOMMIT;
import static heaplab.engine.memory.AddressSpace.MEM_FREE;
import static heaplab.engine.memory.AddressSpace.MEM_RELEASE;
import static heaplab.engine.memory.AddressSpace.MEM_RESERVE;
import static heaplab.engine.memory.AddressSpace.PAGE_SIZE;
import static heaplab.engine.memory.Protection.PAGE_GUARD;
import static heaplab.engine.memory.Protection.PAGE_NOACCESS;
import static heaplab.engine.memory.Protection.PAGE_READONLY;
import static heaplab.engine.memory.Protection.PAGE_READWRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressSpaceTest {
    private final AddressSpace mem = new AddressSpace(Arch.X86);

    private long reserve(long size) {
        long base = mem.virtualAlloc(0, size, MEM_RESERVE, PAGE_READWRITE);
        assertNotEquals(0, base, "reserve failed");
        return base;
    }

    private long reserveAndCommit(long size) {
        long base = mem.virtualAlloc(0, size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertNotEquals(0, base, "reserve+commit failed");
        return base;
    }

    private static void assertAccessViolation(long address, boolean write, Runnable access) {
        AccessViolation av = assertThrows(AccessViolation.class, access::run);
        assertTrue(av.getMessage().contains("Access violation - code c0000005"), av.getMessage());
        assertEquals(0xC0000005L, av.code());
        assertEquals(address, av.address());
        assertEquals(write, av.isWrite());
        assertTrue(av.getMessage().contains(write ? "write to" : "read from"), av.getMessage());
    }

    /** readPtrs reads what readPtr reads, pointer by pointer, across pages, and faults where readPtr would. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void readPtrsIsReadPtrInALoop(Arch arch) {
        AddressSpace m = new AddressSpace(arch);
        long base = m.virtualAlloc(0, 0x3000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        for (long a = base; a < base + 0x2000; a += 4) {
            m.writeU32(a, a * 0x9E37_79B9L);
        }
        int size = arch.pointerSize();
        for (long start : new long[] {base, base + 0xFF0, base + 0xFFE, base + 0x1FC0}) {
            long[] out = new long[(int) Math.min(64, (base + 0x2000 - start) / size)];
            m.readPtrs(start, out);
            for (int i = 0; i < out.length; i++) {
                assertEquals(m.readPtr(start + (long) i * size), out[i], Long.toHexString(start) + " #" + i);
            }
        }
        assertEquals(PAGE_READWRITE, m.virtualProtect(base + 0x2000, 0x1000, PAGE_NOACCESS));
        assertAccessViolation(base + 0x2000, false, () -> m.readPtrs(base + 0x2000 - 2L * size, new long[4]));
    }

    // ------------------------------------------------------------------------------------------ reserve

    @Test
    void reservationsAreBottomUpAt64KbGranularity() {
        long a = reserve(0x1000);
        long b = reserve(0x11000);
        long c = reserve(0x1000);
        assertEquals(0x00140000L, a);
        assertEquals(0x00150000L, b, "the next 64 KB boundary after a");
        assertEquals(0x00170000L, c, "b takes two granules");
        assertEquals(0x1000, mem.regionAt(a).size(), "a reservation is a whole number of pages");
        assertEquals(0x11000, mem.regionAt(b).size());
        assertEquals(MEM_FREE, mem.query(a + 0x1000).state(), "the rest of a's granule stays free");

        assertTrue(mem.virtualFree(b, 0, MEM_RELEASE));
        assertEquals(0x00180000L, reserve(0x30000), "does not fit the 0x20000 hole left by b");
        assertEquals(0x00150000L, reserve(0x20000), "fits the hole exactly: lowest free range first");
        assertEquals(0x001B0000L, reserve(0x1000));
    }

    @Test
    void x64ReservationsStartAtItsSearchFloor() {
        AddressSpace x64 = new AddressSpace(Arch.X64);
        long a = x64.virtualAlloc(0, 0x1000, MEM_RESERVE, PAGE_READWRITE);
        long b = x64.virtualAlloc(0, 0x1000, MEM_RESERVE, PAGE_READWRITE);
        assertEquals(0, a % ALLOCATION_GRANULARITY);
        assertEquals(a + ALLOCATION_GRANULARITY, b);
        AccessViolation av = assertThrows(AccessViolation.class, () -> x64.readByte(a));
        assertTrue(av.getMessage().contains(String.format("%08x`%08x", a >>> 32, a & 0xFFFFFFFFL)),
            av.getMessage());
    }

    @Test
    void reserveAtAnAddressRoundsDownTo64Kb() {
        long base = mem.virtualAlloc(0x00501234L, 0x2000, MEM_RESERVE, PAGE_READWRITE);
        assertEquals(0x00500000L, base);
        Region r = mem.regionAt(0x00500000L);
        assertEquals(0x00500000L, r.base());
        assertEquals(0x00504000L, r.end(), "up to the page that holds the last requested byte");

        assertEquals(0, mem.virtualAlloc(0x00503000L, 0x1000, MEM_RESERVE, PAGE_READWRITE), "overlaps");
        assertEquals(ERROR_INVALID_ADDRESS, mem.lastError());

        // MEM_RESERVE | MEM_COMMIT at an address: the reservation's base (64 KB boundary) comes back.
        long both = mem.virtualAlloc(0x00601234L, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        assertEquals(0x00600000L, both);
        mem.writeU32(0x00601234L, 0x12345678L);
        assertEquals(0x12345678L, mem.readU32(0x00601234L));
    }

    @Test
    void invalidArgumentsFail() {
        assertEquals(0, mem.virtualAlloc(0, 0, MEM_RESERVE, PAGE_READWRITE));
        assertEquals(ERROR_INVALID_PARAMETER, mem.lastError());
        assertEquals(0, mem.virtualAlloc(0, 0x1000, MEM_DECOMMIT, PAGE_READWRITE));
        assertEquals(ERROR_INVALID_PARAMETER, mem.lastError());
        assertEquals(0, mem.virtualAlloc(0, 0x1000, MEM_RESERVE, 0x03));
        assertEquals(ERROR_INVALID_PARAMETER, mem.lastError());
    }

    // ------------------------------------------------------------------------------------------ commit

    @Test
    void reservedMemoryFaultsUntilCommitted() {
        long base = reserve(0x10000);
        assertEquals(AddressSpace.MEM_RESERVE, mem.query(base).state());
        assertAccessViolation(base + 0x10, false, () -> mem.readU32(base + 0x10));
        assertAccessViolation(base + 0x10, true, () -> mem.writeU32(base + 0x10, 1));
        assertFalse(mem.isReadable(base));
        assertEquals(-1, mem.peekByte(base), "a debugger read does not fault");

        assertEquals(base + 0x2000, mem.virtualAlloc(base + 0x2345, 0x10, MEM_COMMIT, PAGE_READWRITE),
            "commit rounds down to the page");
        assertEquals(0, mem.readU32(base + 0x2000), "fresh pages are zero");
        mem.writeU32(base + 0x2FFC, 0xCAFEBABEL);
        assertEquals(0xCAFEBABEL, mem.readU32(base + 0x2FFC));
        assertAccessViolation(base + 0x3000, false, () -> mem.readByte(base + 0x3000));
        assertAccessViolation(base + 0x1FFF, false, () -> mem.readByte(base + 0x1FFF));

        MemoryInfo info = mem.query(base + 0x2800);
        assertEquals(base + 0x2000, info.baseAddress());
        assertEquals(base, info.allocationBase());
        assertEquals(PAGE_SIZE, info.regionSize());
        assertEquals(MEM_COMMIT, info.state());
        assertEquals(PAGE_READWRITE, info.protect());
        MemoryInfo after = mem.query(base + 0x3000);
        assertEquals(AddressSpace.MEM_RESERVE, after.state());
        assertEquals(0xD000, after.regionSize(), "the reserved run up to the end of the reservation");
    }

    @Test
    void commitOutsideAReservationFails() {
        long base = reserve(0x2000);
        assertEquals(0, mem.virtualAlloc(base + 0x1000, 0x2000, MEM_COMMIT, PAGE_READWRITE), "runs past the end");
        assertEquals(ERROR_INVALID_ADDRESS, mem.lastError());
        assertEquals(0, mem.virtualAlloc(0x00900000L, 0x1000, MEM_COMMIT, PAGE_READWRITE), "free memory");
        assertEquals(ERROR_INVALID_ADDRESS, mem.lastError());
    }

    @Test
    void commitWithoutAnAddressReservesAndCommits() {
        // VirtualAlloc(NULL, n, MEM_COMMIT, ...) reserves and commits in one step on Windows.
        long base = mem.virtualAlloc(0, 0x1800, MEM_COMMIT, PAGE_READWRITE);
        assertEquals(0x00140000L, base);
        mem.writeByte(base + 0x1FFF, 7);
        assertEquals(7, mem.readByte(base + 0x1FFF));
    }

    @Test
    void decommitDropsTheBytesAndRecommitGivesZeroes() {
        long base = reserveAndCommit(0x3000);
        mem.writeU32(base + 0x1000, 0x11223344L);
        assertTrue(mem.virtualFree(base + 0x1000, 0x1000, MEM_DECOMMIT));
        assertAccessViolation(base + 0x1000, false, () -> mem.readU32(base + 0x1000));
        assertEquals(AddressSpace.MEM_RESERVE, mem.query(base + 0x1000).state());
        assertEquals(MEM_COMMIT, mem.query(base).state(), "the neighbours stay committed");
        assertEquals(MEM_COMMIT, mem.query(base + 0x2000).state());
        assertEquals(base + 0x1000, mem.virtualAlloc(base + 0x1000, 0x1000, MEM_COMMIT, PAGE_READWRITE));
        assertEquals(0, mem.readU32(base + 0x1000));
        assertFalse(mem.virtualFree(base, 0x4000, MEM_DECOMMIT), "past the end of the reservation");
        assertEquals(ERROR_INVALID_PARAMETER, mem.lastError());
    }

    @Test
    void releaseNeedsTheBaseAndSizeZero() {
        long base = reserveAndCommit(0x2000);
        assertFalse(mem.virtualFree(base + 0x1000, 0, MEM_RELEASE));
        assertEquals(ERROR_INVALID_PARAMETER, mem.lastError());
        assertFalse(mem.virtualFree(base, 0x2000, MEM_RELEASE));
        assertEquals(ERROR_INVALID_PARAMETER, mem.lastError());
        mem.writeByte(base, 1);
        assertTrue(mem.virtualFree(base, 0, MEM_RELEASE));
        assertNull(mem.regionAt(base));
        assertEquals(MEM_FREE, mem.query(base).state());
        assertAccessViolation(base, false, () -> mem.readByte(base));
        assertFalse(mem.virtualFree(base, 0, MEM_RELEASE), "already released");
        assertEquals(ERROR_INVALID_ADDRESS, mem.lastError());
        assertEquals(base, reserve(0x1000), "the range is free again");
    }

    // ------------------------------------------------------------------------------------------ protection

    @Test
    void protectionsDecideWhatFaults() {
        long base = reserveAndCommit(0x4000);
        long ro = base;
        long na = base + 0x1000;
        long guard = base + 0x2000;
        long rw = base + 0x3000;
        mem.writeU32(ro, 0x41424344L);
        assertEquals(PAGE_READWRITE, mem.virtualProtect(ro, 1, PAGE_READONLY), "returns the old protection");
        assertEquals(PAGE_READWRITE, mem.virtualProtect(na, PAGE_SIZE, PAGE_NOACCESS));
        assertEquals(PAGE_READWRITE, mem.virtualProtect(guard, PAGE_SIZE, PAGE_READWRITE | PAGE_GUARD));

        assertEquals(0x41424344L, mem.readU32(ro));
        assertAccessViolation(ro + 2, true, () -> mem.writeByte(ro + 2, 0));
        assertEquals(0x41424344L, mem.readU32(ro), "the faulting write changed nothing");
        assertAccessViolation(na, false, () -> mem.readByte(na));
        assertAccessViolation(na + 8, true, () -> mem.writeU32(na + 8, 0));
        assertAccessViolation(guard + 4, false, () -> mem.readU32(guard + 4));
        assertAccessViolation(guard, true, () -> mem.writeByte(guard, 1));
        mem.writeU32(rw, 5);
        assertEquals(PAGE_READONLY, mem.query(ro).protect());
        assertEquals(PAGE_READWRITE | PAGE_GUARD, mem.query(guard).protect());
        assertEquals(PAGE_READONLY, mem.virtualProtect(ro, 1, PAGE_READWRITE));
        mem.writeByte(ro, 0x45);
        assertEquals(0x41424345L, mem.readU32(ro));

        assertTrue(mem.poke(na, new byte[] {9}), "a debugger write ignores protection");
        assertEquals(-1, mem.peekByte(na), "but no-access pages do not show");
    }

    @Test
    void protectingUncommittedPagesFails() {
        long base = reserve(0x2000);
        mem.virtualAlloc(base, 0x1000, MEM_COMMIT, PAGE_READWRITE);
        assertEquals(-1, mem.virtualProtect(base, 0x2000, PAGE_READONLY));
        assertEquals(ERROR_INVALID_ADDRESS, mem.lastError());
        assertEquals(PAGE_READWRITE, mem.query(base).protect(), "nothing changed");
        assertFalse(mem.poke(base + 0xFFF, new byte[] {1, 2}), "poke needs committed pages");
        assertEquals(0, mem.readByte(base + 0xFFF), "and writes nothing when it fails");
    }

    // ------------------------------------------------------------------------------------------ faulting writes

    @Test
    void faultingWritesChangeNothing() {
        long base = reserve(0x3000);
        mem.virtualAlloc(base, 0x1000, MEM_COMMIT, PAGE_READWRITE);
        mem.virtualAlloc(base + 0x2000, 0x1000, MEM_COMMIT, PAGE_READONLY);
        long edge = base + 0x1000;
        mem.fill(base, PAGE_SIZE, 0x5A);
        byte[] before = mem.readBytes(base, PAGE_SIZE);

        assertAccessViolation(edge, true, () -> mem.writeU64(edge - 4, -1L));
        assertAccessViolation(edge, true, () -> mem.writeU32(edge - 2, 0));
        assertAccessViolation(edge, true, () -> mem.writeBytes(edge - 3, new byte[] {1, 2, 3, 4, 5}));
        assertAccessViolation(edge, true, () -> mem.fill(edge - 100, 200, 0));
        assertAccessViolation(edge, true, () -> mem.fillPattern32(edge - 8, 16, 0xFEEEFEEEL));
        assertAccessViolation(edge, true, () -> mem.copy(edge - 16, base, 32));
        assertAccessViolation(edge, false, () -> mem.copy(base, edge - 16, 32));
        assertAccessViolation(base + 0x2000, true, () -> mem.writeBytes(base + 0x2000, new byte[] {1}));
        assertArrayEquals(before, mem.readBytes(base, PAGE_SIZE), "no byte of the committed page changed");
        assertEquals(0, mem.readByte(base + 0x2000));
    }

    @Test
    void aLargeCopyFaultsAtTheFirstPageItMayNotTouch() {
        // Copies check their ranges a region at a time: the fault is where a page at a time would have found it.
        long src = reserveAndCommit(0x40000);
        long dst = reserveAndCommit(0x40000);
        mem.virtualProtect(dst + 0x23000, 0x2000, PAGE_READONLY);
        assertAccessViolation(dst + 0x23000, true, () -> mem.copy(dst + 0x10, src + 0x10, 0x30000));
        assertAccessViolation(dst + 0x23F10, true, () -> mem.copy(dst + 0x23F10, src, 0x100)); // its own page
        mem.virtualProtect(src + 0x31000, 0x1000, PAGE_NOACCESS);
        assertAccessViolation(src + 0x31000, false, () -> mem.copy(dst, src + 0x8, 0x3F000));
        mem.virtualFree(src + 0x3A000, 0x1000, MEM_DECOMMIT);
        assertAccessViolation(src + 0x3A000, false, () -> mem.copy(dst, src + 0x32000, 0x9000));
        long free = Math.max(src, dst) + 0x40000; // past the last region
        assertNull(mem.regionAt(free));
        assertAccessViolation(free, true, () -> mem.copy(free - 0x1000, src, 0x2000));
        mem.copy(dst + 0x25000, src, 0xC000); // all readable, all writable
        assertEquals(0, mem.readU32(dst + 0x25000));
    }

    @Test
    void valuesAreLittleEndianAndMayCrossPages() {
        long base = reserveAndCommit(0x2000);
        mem.writeU64(base + 0xFFC, 0x0102030405060708L);
        assertEquals(0x08, mem.readByte(base + 0xFFC));
        assertEquals(0x05060708L, mem.readU32(base + 0xFFC));
        assertEquals(0x0102030405060708L, mem.readU64(base + 0xFFC));
        assertEquals(0x0102, mem.readU16(base + 0x1000 + 2));
        mem.fillPattern32(base + 0x10, 6, 0xBAADF00DL);
        assertArrayEquals(new byte[] {0x0D, (byte) 0xF0, (byte) 0xAD, (byte) 0xBA, 0x0D, (byte) 0xF0, 0},
            mem.readBytes(base + 0x10, 7));
        mem.copy(base + 0x11, base + 0x10, 4);
        assertArrayEquals(new byte[] {0x0D, 0x0D, (byte) 0xF0, (byte) 0xAD, (byte) 0xBA, (byte) 0xF0},
            mem.readBytes(base + 0x10, 6), "copy has memmove semantics");
    }

    // ------------------------------------------------------------------------------------------ snapshots

    /** Everything observable: regions, per-page state and protection, and the bytes of every readable page. */
    private static List<String> dump(AddressSpace space) {
        List<String> out = new ArrayList<>();
        for (Region r : space.regions()) {
            out.add(String.format("region %x %x %x", r.base(), r.size(), r.allocationProtect()));
            for (long a = r.base(); a < r.end(); a += PAGE_SIZE) {
                if (!r.isCommitted(a)) {
                    out.add(String.format("  %x reserved", a));
                    continue;
                }
                int protect = r.protectAt(a);
                byte[] bytes = new byte[PAGE_SIZE];
                for (int i = 0; i < PAGE_SIZE; i++) {
                    bytes[i] = (byte) space.peekByte(a + i);
                }
                out.add(String.format("  %x %x %s", a, protect, Arrays.hashCode(bytes)));
                if (Protection.readable(protect)) {
                    out.add("    " + Arrays.toString(bytes));
                }
            }
        }
        return out;
    }

    @Test
    void restoreGivesBackExactlyTheSnapshot() {
        long a = reserveAndCommit(0x3000);
        long b = reserve(0x10000);
        mem.virtualAlloc(b + 0x4000, 0x1000, MEM_COMMIT, PAGE_READWRITE);
        mem.writeU32(a, 1);
        mem.writeU32(b + 0x4000, 2);
        mem.virtualProtect(a + 0x2000, 1, PAGE_READONLY);
        List<String> saved = dump(mem);
        AddressSpace.Snapshot snapshot = mem.snapshot();

        // Every kind of change after the snapshot ...
        mem.writeU32(a, 10);
        mem.fill(a + 0x1000, 0x1000, 0xEE);
        mem.virtualProtect(a + 0x2000, 1, PAGE_NOACCESS);
        mem.virtualFree(b + 0x4000, 0x1000, MEM_DECOMMIT);
        mem.virtualAlloc(b, 0x1000, MEM_COMMIT, PAGE_READWRITE);
        mem.writeU32(b, 3);
        long c = reserveAndCommit(0x1000);
        mem.writeU32(c, 4);
        assertTrue(mem.virtualFree(a, 0, MEM_RELEASE));
        assertNotEquals(saved, dump(mem));

        // ... is undone by a restore, and the snapshot can be restored again after more writes.
        mem.restore(snapshot);
        assertEquals(saved, dump(mem));
        assertEquals(1, mem.readU32(a));
        assertNull(mem.regionAt(c));
        mem.writeU32(a, 99);
        mem.writeU32(b + 0x4000, 98);
        mem.virtualFree(b, 0, MEM_RELEASE);
        mem.restore(snapshot);
        assertEquals(saved, dump(mem));
        assertEquals(2, mem.readU32(b + 0x4000));
    }

    @Test
    void writesAfterASnapshotDoNotChangeIt() {
        long a = reserveAndCommit(0x1000);
        mem.writeU32(a, 1);
        AddressSpace.Snapshot first = mem.snapshot();
        mem.writeU32(a, 2);
        AddressSpace.Snapshot second = mem.snapshot();
        mem.writeU32(a, 3);
        mem.restore(first);
        assertEquals(1, mem.readU32(a));
        mem.writeU32(a, 4);
        mem.restore(second);
        assertEquals(2, mem.readU32(a), "writing after restoring the first did not touch the second");
        mem.writeU32(a, 5);
        mem.restore(first);
        assertEquals(1, mem.readU32(a));
        mem.restore(first);
        assertEquals(1, mem.readU32(a));
        assertTrue(mem.poke(a, new byte[] {7}));
        mem.restore(second);
        assertEquals(2, mem.readU32(a), "debugger writes are copy-on-write too");
        mem.restore(first);
        assertEquals(1, mem.readU32(a));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void snapshotOfAFreshSpaceRestoresToEmpty(Arch arch) {
        AddressSpace space = new AddressSpace(arch);
        AddressSpace.Snapshot empty = space.snapshot();
        long a = space.virtualAlloc(0, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        space.writeByte(a, 1);
        space.restore(empty);
        assertTrue(space.regions().isEmpty());
        assertEquals(a, space.virtualAlloc(0, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
        assertEquals(0, space.readByte(a), "a new page, not the one written before the restore");
    }

    /**
     * Pages decommitted or released give their arrays to the next fresh pages (PagePool): a page committed again
     * reads as zeros wherever it was written before, and a page a snapshot holds is never given away.
     */
    @Test
    void recycledPagesReadAsZerosAndSnapshotsKeepTheirs() {
        long a = reserve(16L * PAGE_SIZE);
        assertEquals(a, mem.virtualAlloc(a, 8L * PAGE_SIZE, MEM_COMMIT, PAGE_READWRITE));
        for (int i = 0; i < 8; i++) {
            mem.fill(a + (long) i * PAGE_SIZE, PAGE_SIZE, 0x5A);
        }
        AddressSpace.Snapshot before = mem.snapshot();
        mem.fill(a, PAGE_SIZE, 0x11); // copies page 0 on write: the copy is this space's alone
        assertTrue(mem.virtualFree(a, 8L * PAGE_SIZE, MEM_DECOMMIT));
        long b = reserve(4L * PAGE_SIZE);
        assertEquals(b, mem.virtualAlloc(b, 4L * PAGE_SIZE, MEM_COMMIT, PAGE_READWRITE));
        assertEquals(a, mem.virtualAlloc(a, 8L * PAGE_SIZE, MEM_COMMIT, PAGE_READWRITE));
        for (long page = a; page < a + 8L * PAGE_SIZE; page += PAGE_SIZE) {
            mem.writeByte(page + 7, 0x77); // a fresh array for each page: some from the pool
            byte[] expected = new byte[PAGE_SIZE];
            expected[7] = 0x77;
            assertArrayEquals(expected, mem.readBytes(page, PAGE_SIZE));
        }
        for (long page = b; page < b + 4L * PAGE_SIZE; page += PAGE_SIZE) {
            mem.writeU32(page, 0xFFFFFFFFL);
            assertEquals(0, mem.readU32(page + 4));
        }
        assertTrue(mem.virtualFree(b, 0, MEM_RELEASE));
        mem.restore(before);
        for (int i = 0; i < 8; i++) {
            byte[] expected = new byte[PAGE_SIZE];
            Arrays.fill(expected, (byte) 0x5A);
            assertArrayEquals(expected, mem.readBytes(a + (long) i * PAGE_SIZE, PAGE_SIZE));
        }
    }

    /**
     * A copy between pages at different offsets writes whole destination pages without zeroing or copying them first
     * (fresh pages, pages shared with a snapshot, pages from the pool): every byte is the source's, and the snapshot
     * keeps its own.
     */
    @Test
    void copyWritesWholePagesFromTheSource() {
        long src = reserve(8L * PAGE_SIZE);
        long dst = reserve(8L * PAGE_SIZE);
        assertEquals(src, mem.virtualAlloc(src, 8L * PAGE_SIZE, MEM_COMMIT, PAGE_READWRITE));
        assertEquals(dst, mem.virtualAlloc(dst, 8L * PAGE_SIZE, MEM_COMMIT, PAGE_READWRITE));
        byte[] data = new byte[5 * PAGE_SIZE + 123];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        mem.writeBytes(src + 0x48, data);
        mem.fill(dst + 2L * PAGE_SIZE, 2L * PAGE_SIZE, 0x33); // two destination pages a snapshot then shares
        AddressSpace.Snapshot before = mem.snapshot();
        long scratch = reserve(4L * PAGE_SIZE);
        assertEquals(scratch, mem.virtualAlloc(scratch, 4L * PAGE_SIZE, MEM_COMMIT, PAGE_READWRITE));
        mem.fill(scratch, 4L * PAGE_SIZE, 0x99);
        assertTrue(mem.virtualFree(scratch, 0, MEM_RELEASE)); // dirty arrays in the pool
        mem.copy(dst + 0x20, src + 0x48, data.length);
        assertArrayEquals(data, mem.readBytes(dst + 0x20, data.length));
        assertEquals(0, mem.readU32(dst), "the bytes before the copy stay as they were");
        assertEquals(0, mem.readU32(dst + 0x20 + data.length), "the bytes after the copy stay as they were");
        mem.restore(before);
        byte[] shared = new byte[2 * PAGE_SIZE];
        Arrays.fill(shared, (byte) 0x33);
        assertArrayEquals(shared, mem.readBytes(dst + 2L * PAGE_SIZE, 2 * PAGE_SIZE));
        assertEquals(0, mem.readU32(dst + 0x20));
    }
}
