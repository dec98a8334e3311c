package heaplab.engine.memory;

import heaplab.engine.Arch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated virtual address space of one process: regions reserved at 64 KB granularity, made of 4 KB pages
 * that are reserved or committed with a protection. Sparse: only committed pages hold bytes. Pages are shared
 * copy-on-write with snapshots, so a snapshot costs a copy of the region table, not of the memory.
 */
public final class AddressSpace {
    public static final int PAGE_SIZE = 0x1000;
    public static final int ALLOCATION_GRANULARITY = 0x10000;

    /**
     * The largest single reservation the simulator holds (it keeps a record per page): 1 GB. HeapLab's limit; an
     * x64 process could reserve more, and gets ERROR_NOT_ENOUGH_MEMORY here instead.
     */
    public static final long MAX_RESERVATION = 1L << 30;

    public static final int MEM_COMMIT = 0x1000;
    public static final int MEM_RESERVE = 0x2000;
    public static final int MEM_DECOMMIT = 0x4000;
    public static final int MEM_RELEASE = 0x8000;
    public static final int MEM_FREE = 0x10000;
    public static final int MEM_PRIVATE = 0x20000;

    public static final int ERROR_NOT_ENOUGH_MEMORY = 8;
    public static final int ERROR_INVALID_PARAMETER = 87;
    public static final int ERROR_INVALID_ADDRESS = 487;

    private final Arch arch;
    private final boolean wide;
    private final long lowest;
    private final long searchFloor;
    private final long highest;
    private TreeMap<Long, Region> regions = new TreeMap<>();
    private int generation = 1;
    private Region lastHit;
    private Region previousHit;
    /**
     * Depth of trusted code (the heap manager's calls, {@link #enterTrusted}); writes outside it are the program's or
     * the debugger's.
     */
    private int trustedDepth;
    /** Writes outside trusted code to watched regions (heap segments), and restores: see {@link #foreignWrites}. */
    private long foreignWrites;
    /** {@link #foreignWrites} plus {@link #guardedWrites}, in one counter: see {@link #changes}. */
    private long changes;
    /** Foreign writes and page changes in watched regions, as of the last restore: see {@link #untouched}. */
    private long tamperings;
    /** The regions in address order and their bases, for {@link #regionAt}; null when the regions changed. */
    private Region[] index;
    private long[] indexBases;
    private final PageCache pageCache = new PageCache();
    private final PagePool pagePool = new PagePool();
    private int lastError;

    public AddressSpace(Arch arch) {
        this.arch = arch;
        this.wide = arch.pointerSize() == 8;
        this.lowest = 0x10000L;
        // Where bottom-up searches for free space start: above the stack and PEB-era low regions, so the first
        // heap lands where Windows XP puts the process heap (0x00140000); x64 uses a typical 47-bit area.
        this.searchFloor = arch == Arch.X86 ? 0x00140000L : 0x000001D000000000L;
        // Highest user-mode address + 1 (x86 without /3GB: 0x7FFF0000; x64: 0x7FFFFFFF0000).
        this.highest = arch == Arch.X86 ? 0x7FFF_0000L : 0x7FFF_FFFF_0000L;
    }

    public Arch arch() { return arch; }

    /** The Win32 error code of the last failed VirtualAlloc or VirtualFree. */
    public int lastError() { return lastError; }

    // ------------------------------------------------------------------------------------------ allocation

    /**
     * VirtualAlloc: reserve and/or commit. Returns the base address, or 0 with {@link #lastError()} set.
     * Address 0 lets the system choose the lowest free 64 KB-aligned range (bottom-up, as Windows does).
     */
    public long virtualAlloc(long address, long size, int type, int protect) {
        if (size <= 0 || (type & (MEM_COMMIT | MEM_RESERVE)) == 0 || (type & ~(MEM_COMMIT | MEM_RESERVE)) != 0
            || !Protection.valid(protect)) {
            lastError = ERROR_INVALID_PARAMETER;
            return 0;
        }
        if (address == 0 && type == MEM_COMMIT) {
            // VirtualAlloc(NULL, n, MEM_COMMIT) reserves and commits in one step, as on Windows.
            type = MEM_RESERVE | MEM_COMMIT;
        }
        if ((type & MEM_RESERVE) != 0) {
            long base = address == 0 ? 0 : alignDown(address, ALLOCATION_GRANULARITY);
            long end = alignUp((address == 0 ? 0 : address) + size, PAGE_SIZE);
            long length = address == 0 ? alignUp(size, PAGE_SIZE) : end - base;
            if (length <= 0 || length > MAX_RESERVATION) {
                lastError = ERROR_NOT_ENOUGH_MEMORY;
                return 0;
            }
            if (base == 0) {
                base = findFree(length);
                if (base == 0) {
                    lastError = ERROR_NOT_ENOUGH_MEMORY;
                    return 0;
                }
            } else if (!isFree(base, length)) {
                lastError = ERROR_INVALID_ADDRESS;
                return 0;
            }
            Region region = new Region(base, length, protect);
            regions.put(base, region);
            index = null;
            // Nothing is cached for a range that was free: a reservation needs no flush.
            if ((type & MEM_COMMIT) != 0) {
                region.commit(base, length, protect, generation);
            }
            // A reservation returns its base: the address rounded down to the allocation granularity.
            return base;
        }
        noteForeignChange(address);
        // MEM_COMMIT alone: inside an existing reservation.
        long start = alignDown(address, PAGE_SIZE);
        long end = alignUp(address + size, PAGE_SIZE);
        Region region = regionAt(start);
        if (address == 0 || region == null || end > region.end()) {
            lastError = ERROR_INVALID_ADDRESS;
            return 0;
        }
        region.commit(start, end - start, protect, generation);
        pageCache.invalidate(start, end); // only pages already committed can be cached, with their old protection
        return start;
    }

    /** VirtualFree with MEM_DECOMMIT or MEM_RELEASE. Returns false with {@link #lastError()} set on failure. */
    public boolean virtualFree(long address, long size, int type) {
        noteForeignChange(address);
        Region region = regionAt(address);
        if (region == null) {
            lastError = ERROR_INVALID_ADDRESS;
            return false;
        }
        if (type == MEM_RELEASE) {
            if (address != region.base() || size != 0) {
                lastError = ERROR_INVALID_PARAMETER;
                return false;
            }
            regions.remove(region.base());
            index = null;
            lastHit = null;
            previousHit = null;
            pageCache.invalidate(region.base(), region.end());
            region.release(generation, pagePool);
            return true;
        }
        if (type == MEM_DECOMMIT) {
            long start = alignDown(address, PAGE_SIZE);
            long end = size == 0 ? region.end() : alignUp(address + size, PAGE_SIZE);
            if (end > region.end()) {
                lastError = ERROR_INVALID_PARAMETER;
                return false;
            }
            pageCache.invalidate(start, end);
            region.decommit(start, end - start, generation, pagePool);
            return true;
        }
        lastError = ERROR_INVALID_PARAMETER;
        return false;
    }

    /** VirtualProtect on committed pages; returns the old protection of the first page, or -1. */
    public int virtualProtect(long address, long size, int protect) {
        noteForeignChange(address);
        long start = alignDown(address, PAGE_SIZE);
        long end = alignUp(address + size, PAGE_SIZE);
        Region region = regionAt(start);
        if (region == null || end > region.end() || !Protection.valid(protect)) {
            lastError = ERROR_INVALID_ADDRESS;
            return -1;
        }
        for (long a = start; a < end; a += PAGE_SIZE) {
            if (!region.isCommitted(a)) {
                lastError = ERROR_INVALID_ADDRESS;
                return -1;
            }
        }
        int old = region.protectAt(start);
        for (long a = start; a < end; a += PAGE_SIZE) {
            region.setProtect(a, protect);
        }
        pageCache.invalidate(start, end);
        return old;
    }

    private long findFree(long length) {
        long candidate = searchFloor;
        for (Region r : regions.values()) {
            if (r.end() <= candidate) {
                continue;
            }
            if (r.base() >= candidate + length) {
                break;
            }
            candidate = alignUp(r.end(), ALLOCATION_GRANULARITY);
        }
        return candidate + length <= highest ? candidate : 0;
    }

    private boolean isFree(long base, long length) {
        if (base < lowest || base + length > highest) {
            return false;
        }
        Map.Entry<Long, Region> before = regions.floorEntry(base + length - 1);
        return before == null || before.getValue().end() <= base;
    }

    // ------------------------------------------------------------------------------------------ trust

    /**
     * Marks the start of a heap manager call: its writes keep the heap's own indexes in step with memory (the free
     * list 0 index of {@code FreeLists}). Calls nest; each must be paired with {@link #leaveTrusted}.
     */
    public void enterTrusted() {
        trustedDepth++;
    }

    public void leaveTrusted() {
        trustedDepth--;
    }

    /** Writes to guarded regions, by anyone: see {@link #guard}. */
    private long guardedWrites;

    /**
     * Marks the region holding `address` as one whose every write {@link #guardedWrites} counts, trusted or not (the
     * PEB, whose heap list the heap code remembers a check of; a heap call through a corrupted free list can write
     * anywhere). Its pages are never cached for writing, so the count costs the other pages' writes nothing.
     */
    public void guard(long address) {
        Region r = regionAt(address);
        if (r != null) {
            r.guarded = true;
            pageCache.invalidate(r.base(), r.end());
        }
    }

    /**
     * A counter that moves whenever {@link #foreignWrites} or {@link #guardedWrites} does: one read for the heap
     * code's memos of fields that only it writes.
     */
    public long changes() {
        return changes;
    }

    /**
     * Whether nothing but the heap code ever wrote or changed the pages of a heap (a watched region), in the history
     * that led to this state (a restore brings back the snapshot's): then every write the heap code made went where
     * it meant to (no damaged link sent one astray), so the heap's fields it remembers change only where it writes
     * them itself.
     */
    public boolean untouched() {
        return tamperings == 0;
    }

    /** Counts a foreign change of the region holding `address` when it is watched (or not mapped). */
    private void noteTampering(long address) {
        Region r = regionAt(address);
        if (r == null || r.watched) {
            tamperings++;
        }
    }

    /** A counter that moves with every write to a guarded region ({@link #guard}). */
    public long guardedWrites() {
        return guardedWrites;
    }

    /** Records who reserved the region that starts at `base` (the program's VirtualAlloc, the debugger's .dvalloc). */
    public void setOrigin(long base, RegionOrigin origin) {
        Region r = regions.get(base);
        if (r != null) {
            r.origin = origin;
        }
    }

    /** Marks the region holding `address` as one whose foreign writes {@link #foreignWrites} counts (a heap segment). */
    public void watch(long address) {
        Region r = regionAt(address);
        if (r != null) {
            r.watched = true;
        }
    }

    /**
     * A counter that moves whenever memory a heap index mirrors may have changed behind the heap manager: a write
     * outside trusted code to a watched region (a program's overrun, a debugger's edit), a change of pages outside
     * trusted code, or a restore. While it stays the same, a heap's own structures changed only through its code.
     */
    public long foreignWrites() {
        return foreignWrites;
    }

    private void noteForeignWrite(long address) {
        Region r = regionAt(address);
        if (r == null || r.watched) {
            foreignWrites++;
            changes++;
            tamperings++;
        }
    }

    /** A change of pages at `address` (allocation, release, protection) outside trusted code. */
    private void noteForeignChange(long address) {
        if (trustedDepth == 0) {
            foreignWrites++;
            changes++;
            noteTampering(address);
        }
    }

    // ------------------------------------------------------------------------------------------ queries

    /** The region (allocation) that contains the address, or null when the address is free. */
    public Region regionAt(long address) {
        Region hit = lastHit;
        if (hit != null && address >= hit.base() && address < hit.end()) {
            return hit;
        }
        // Programs alternate between two regions (stack variables and a heap): remember the last two.
        hit = previousHit;
        if (hit != null && address >= hit.base() && address < hit.end()) {
            previousHit = lastHit;
            lastHit = hit;
            return hit;
        }
        Region[] sorted = index;
        if (sorted == null) {
            sorted = regions.values().toArray(new Region[0]);
            long[] bases = new long[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                bases[i] = sorted[i].base();
            }
            index = sorted;
            indexBases = bases;
        }
        // The last region whose base is at or below the address: a binary search of a primitive array (a TreeMap
        // lookup boxed the address and chased pointers; this is the simulator's hottest miss path).
        long[] bases = indexBases;
        int lo = 0;
        int hi = bases.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (bases[mid] <= address) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0 || address >= sorted[found].end()) {
            return null;
        }
        previousHit = lastHit;
        lastHit = sorted[found];
        return lastHit;
    }

    /** All regions in address order (read-only view). */
    public List<Region> regions() {
        return Collections.unmodifiableList(new ArrayList<>(regions.values()));
    }

    /** VirtualQuery: the run of pages with the same state and protection that contains the address. */
    public MemoryInfo query(long address) {
        Region region = regionAt(address);
        long page = alignDown(address, PAGE_SIZE);
        if (region == null) {
            Map.Entry<Long, Region> lower = regions.floorEntry(address);
            Map.Entry<Long, Region> higher = regions.higherEntry(address);
            long start = lower == null ? 0 : lower.getValue().end();
            long end = higher == null ? highest : higher.getKey();
            return new MemoryInfo(start, 0, end - start, MEM_FREE, Protection.PAGE_NOACCESS, 0);
        }
        boolean committed = region.isCommitted(page);
        int protect = committed ? region.protectAt(page) : 0;
        long start = page;
        while (start > region.base() && region.isCommitted(start - PAGE_SIZE) == committed
            && (!committed || region.protectAt(start - PAGE_SIZE) == protect)) {
            start -= PAGE_SIZE;
        }
        long end = page + PAGE_SIZE;
        while (end < region.end() && region.isCommitted(end) == committed
            && (!committed || region.protectAt(end) == protect)) {
            end += PAGE_SIZE;
        }
        return new MemoryInfo(start, region.base(), end - start, committed ? MEM_COMMIT : MEM_RESERVE, protect,
            region.allocationProtect());
    }

    public boolean isCommitted(long address) {
        Region r = regionAt(address);
        return r != null && r.isCommitted(address);
    }

    /**
     * The first page of the run of committed pages that ends with the page holding `address`, no lower than `floor`
     * (a page boundary); the address's own page if that is not committed. Scans 64 pages at a time.
     */
    public long committedRunStart(long address, long floor) {
        Region r = regionAt(address);
        if (r == null || !r.isCommitted(address)) {
            return alignDown(address, PAGE_SIZE);
        }
        return Math.max(r.committedRunStart(address), Math.max(floor, r.base()));
    }

    /**
     * The start of the first run of uncommitted pages at least `bytes` long among the `pageCount` pages from `start`
     * (page aligned), or -1; pages outside any region count as uncommitted. One pass over the region's page table
     * (a heap segment scans thousands of pages when it grows).
     */
    public long firstUncommittedRun(long start, long pageCount, long bytes) {
        long end = start + pageCount * PAGE_SIZE;
        Region r = regionAt(start);
        if (r != null && end <= r.end()) {
            return r.firstUncommittedRun(start, end, alignUp(bytes, PAGE_SIZE) / PAGE_SIZE);
        }
        long runStart = -1;
        for (long page = start; page < end; page += PAGE_SIZE) {
            if (!isCommitted(page)) {
                if (runStart < 0) {
                    runStart = page;
                }
                if (page + PAGE_SIZE - runStart >= bytes) {
                    return runStart;
                }
            } else {
                runStart = -1;
            }
        }
        return -1;
    }

    /**
     * Among the `pageCount` pages from `start`: {uncommitted pages, runs of them, pages in the longest run}; pages
     * outside any region count as uncommitted.
     */
    public long[] uncommittedCounts(long start, long pageCount) {
        long end = start + pageCount * PAGE_SIZE;
        Region r = regionAt(start);
        if (r != null && end <= r.end()) {
            return r.uncommittedCounts(start, end);
        }
        long count = 0;
        long ranges = 0;
        long largest = 0;
        long run = 0;
        for (long page = start; page < end; page += PAGE_SIZE) {
            if (!isCommitted(page)) {
                count++;
                if (run == 0) {
                    ranges++;
                }
                run++;
                largest = Math.max(largest, run);
            } else {
                run = 0;
            }
        }
        return new long[] {count, ranges, largest};
    }

    /** True when the byte can be read without an access violation. */
    public boolean isReadable(long address) {
        if (pageCache.forRead(address) != null) {
            return true;
        }
        Region r = regionAt(address);
        return r != null && r.isCommitted(address) && Protection.readable(r.protectAt(address));
    }

    public boolean isWritable(long address) {
        Region r = regionAt(address);
        return r != null && r.isCommitted(address) && Protection.writable(r.protectAt(address));
    }

    /** True when every byte of [address, address+length) is readable. */
    public boolean isReadable(long address, long length) {
        long a = address;
        long end = address + length;
        while (a < end) {
            if (!isReadable(a)) {
                return false;
            }
            a = alignDown(a, PAGE_SIZE) + PAGE_SIZE;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ access

    private byte[] pageForRead(long address) {
        byte[] cached = pageCache.forRead(address);
        return cached != null ? cached : miss(readMiss, address);
    }

    /*
     * The miss paths are called through method handles held in instance fields. The JIT inlines a call through a
     * handle only when the handle is a constant, which these are not: so the hit paths above stay a few dozen
     * instructions and are inlined into every access. Called directly, the JIT inlined the miss path (region lookup,
     * protection, copy on write) into them wherever misses were frequent in its profile, and then called them out of
     * line everywhere as too big: realloc-bal replays about 15% faster with the handles (A/B runs).
     */
    private static final MethodHandle TRANSLATE_FOR_READ;
    private static final MethodHandle TRANSLATE_FOR_WRITE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodType type = MethodType.methodType(byte[].class, long.class);
            TRANSLATE_FOR_READ = lookup.findVirtual(AddressSpace.class, "translateForRead", type);
            TRANSLATE_FOR_WRITE = lookup.findVirtual(AddressSpace.class, "translateForWrite", type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MethodHandle readMiss = TRANSLATE_FOR_READ.bindTo(this);
    private final MethodHandle writeMiss = TRANSLATE_FOR_WRITE.bindTo(this);

    private static byte[] miss(MethodHandle translate, long address) {
        try {
            return (byte[]) translate.invokeExact(address);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // unreachable: the translations throw no checked exception
        }
    }

    private byte[] translateForRead(long address) {
        Region r = regionAt(address);
        if (r == null || !r.isCommitted(address) || !Protection.readable(r.protectAt(address))) {
            throw new AccessViolation(address, false, arch.ptrTick(address));
        }
        byte[] data = r.pageData(address);
        pageCache.putRead(address, data);
        return data;
    }

    private byte[] pageForWrite(long address) {
        if (trustedDepth == 0) {
            noteForeignWrite(address);
        }
        byte[] cached = pageCache.forWrite(address);
        return cached != null ? cached : miss(writeMiss, address);
    }

    private byte[] translateForWrite(long address) {
        Region r = regionAt(address);
        if (r == null || !r.isCommitted(address) || !Protection.writable(r.protectAt(address))) {
            throw new AccessViolation(address, true, arch.ptrTick(address));
        }
        byte[] data = r.writablePageData(address, generation, pagePool);
        if (r.guarded) {
            guardedWrites++;
            changes++;
            pageCache.invalidate(address, address + 1); // the write may have copied the page a read entry still maps
            return data; // never cached for writing: every write to the region comes here
        }
        pageCache.putWrite(address, data, Protection.readable(r.protectAt(address)));
        return data;
    }

    /** Reads for a debugger: no fault, -1 where the byte is not readable. */
    public int peekByte(long address) {
        if (!isReadable(address)) {
            return -1;
        }
        return pageForRead(address)[(int) (address & (PAGE_SIZE - 1))] & 0xFF;
    }

    public int readByte(long address) {
        return pageForRead(address)[(int) (address & (PAGE_SIZE - 1))] & 0xFF;
    }

    public void writeByte(long address, int value) {
        pageForWrite(address)[(int) (address & (PAGE_SIZE - 1))] = (byte) value;
    }

    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    public long read(long address, int size) {
        int off = (int) (address & (PAGE_SIZE - 1));
        if (off + size <= PAGE_SIZE) {
            byte[] page = pageForRead(address);
            switch (size) {
                case 1: return page[off] & 0xFF;
                case 2: return (short) U16.get(page, off) & 0xFFFF;
                case 4: return (int) U32.get(page, off) & 0xFFFF_FFFFL;
                case 8: return (long) U64.get(page, off);
                default:
                    long v = 0;
                    for (int i = size - 1; i >= 0; i--) {
                        v = (v << 8) | (page[off + i] & 0xFF);
                    }
                    return v;
            }
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | readByte(address + i);
        }
        return v;
    }

    public void write(long address, int size, long value) {
        int off = (int) (address & (PAGE_SIZE - 1));
        if (off + size <= PAGE_SIZE) {
            byte[] page = pageForWrite(address);
            switch (size) {
                case 1 -> page[off] = (byte) value;
                case 2 -> U16.set(page, off, (short) value);
                case 4 -> U32.set(page, off, (int) value);
                case 8 -> U64.set(page, off, value);
                default -> {
                    for (int i = 0; i < size; i++) {
                        page[off + i] = (byte) (value >>> (8 * i));
                    }
                }
            }
            return;
        }
        // Check the whole range first so a faulting write changes nothing.
        for (int i = 0; i < size; i++) {
            pageForWrite(address + i);
        }
        for (int i = 0; i < size; i++) {
            writeByte(address + i, (int) (value >>> (8 * i)));
        }
    }

    // The sized accessors below are the hot path of the whole simulator: one cache lookup and one VarHandle access
    // when the value lies in one page; read/write handle the rest.

    public int readU16(long address) {
        int off = (int) address & (PAGE_SIZE - 1);
        return off <= PAGE_SIZE - 2 ? (short) U16.get(pageForRead(address), off) & 0xFFFF : (int) read(address, 2);
    }

    public long readU32(long address) {
        int off = (int) address & (PAGE_SIZE - 1);
        return off <= PAGE_SIZE - 4 ? (int) U32.get(pageForRead(address), off) & 0xFFFF_FFFFL : read(address, 4);
    }

    public long readU64(long address) {
        int off = (int) address & (PAGE_SIZE - 1);
        return off <= PAGE_SIZE - 8 ? (long) U64.get(pageForRead(address), off) : read(address, 8);
    }

    public long readPtr(long address) { return wide ? readU64(address) : readU32(address); }

    public void writeU16(long address, int value) {
        int off = (int) address & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 2) {
            U16.set(pageForWrite(address), off, (short) value);
        } else {
            write(address, 2, value);
        }
    }

    public void writeU32(long address, long value) {
        int off = (int) address & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 4) {
            U32.set(pageForWrite(address), off, (int) value);
        } else {
            write(address, 4, value);
        }
    }

    public void writeU64(long address, long value) {
        int off = (int) address & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 8) {
            U64.set(pageForWrite(address), off, value);
        } else {
            write(address, 8, value);
        }
    }

    public void writePtr(long address, long value) {
        if (wide) {
            writeU64(address, value);
        } else {
            writeU32(address, value);
        }
    }

    /**
     * Reads `out.length` consecutive pointers from `address` (an array of pointers, as a heap's Segments), one page
     * lookup per page instead of one per pointer; faults at the first pointer that is not readable, as readPtr in a
     * loop would.
     */
    public void readPtrs(long address, long[] out) {
        int size = wide ? 8 : 4;
        byte[] page = null;
        long pageNumber = -1;
        for (int i = 0; i < out.length; i++) {
            long a = address + (long) i * size;
            int off = (int) a & (PAGE_SIZE - 1);
            if (off > PAGE_SIZE - size) {
                out[i] = readPtr(a); // across a page boundary (an unaligned array)
                continue;
            }
            if (a >>> 12 != pageNumber) {
                page = pageForRead(a);
                pageNumber = a >>> 12;
            }
            out[i] = wide ? (long) U64.get(page, off) : (int) U32.get(page, off) & 0xFFFF_FFFFL;
        }
    }

    /** Reads bytes a page at a time; faults at the first byte that is not readable. */
    public byte[] readBytes(long address, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long a = address + done;
            int off = (int) (a & (PAGE_SIZE - 1));
            int n = Math.min(PAGE_SIZE - off, length - done);
            System.arraycopy(pageForRead(a), off, out, done, n);
            done += n;
        }
        return out;
    }

    /** Writes bytes; faults before writing anything if any byte of the range is not writable. */
    public void writeBytes(long address, byte[] data) {
        checkWritable(address, data.length);
        int done = 0;
        while (done < data.length) {
            long a = address + done;
            int off = (int) (a & (PAGE_SIZE - 1));
            int n = Math.min(PAGE_SIZE - off, data.length - done);
            System.arraycopy(data, done, pageForWrite(a), off, n);
            done += n;
        }
    }

    /** Fills a range with one byte; faults before writing anything if the range is not writable. */
    public void fill(long address, long length, int value) {
        checkWritable(address, length);
        long a = address;
        long end = address + length;
        while (a < end) {
            byte[] page = pageForWrite(a);
            int off = (int) (a & (PAGE_SIZE - 1));
            int n = (int) Math.min(PAGE_SIZE - off, end - a);
            java.util.Arrays.fill(page, off, off + n, (byte) value);
            a += n;
        }
    }

    /** Fills a range with a repeated 32-bit little-endian pattern (e.g. 0xFEEEFEEE), starting at its first byte. */
    public void fillPattern32(long address, long length, long pattern) {
        checkWritable(address, length);
        byte[] repeated = new byte[(int) Math.min(length, PAGE_SIZE) + 3];
        for (int i = 0; i < repeated.length; i++) {
            repeated[i] = (byte) (pattern >>> (8 * (i & 3)));
        }
        long a = address;
        long end = address + length;
        while (a < end) {
            int off = (int) (a & (PAGE_SIZE - 1));
            int n = (int) Math.min(PAGE_SIZE - off, end - a);
            System.arraycopy(repeated, (int) ((a - address) & 3), pageForWrite(a), off, n);
            a += n;
        }
    }

    /** Throws the access violation a write to [address, address+length) would raise, at its first bad byte. */
    public void checkWritable(long address, long length) {
        long a = address;
        long end = address + length;
        while (a < end) {
            pageForWrite(a);
            a = alignDown(a, PAGE_SIZE) + PAGE_SIZE;
        }
    }

    /** As {@link #checkWritable}, without making the pages writable copies (a copy may share them instead). */
    private void requireWritable(long address, long length) {
        requireAccess(address, length, true);
    }

    /** Faults at the first byte of the range that the access may not touch: a region at a time. */
    private void requireAccess(long address, long length, boolean write) {
        long a = address;
        long end = address + length;
        while (a < end) {
            Region r = regionAt(a);
            long denied = r == null ? a : r.firstDenied(a, Math.min(end, r.end()), write);
            if (denied >= 0) {
                throw new AccessViolation(denied, write, arch.ptrTick(denied));
            }
            a = r.end();
        }
    }

    /**
     * Faults at the first byte of the range that is not readable; the pages are looked up in their regions, not
     * cached (a copy of a large block checks hundreds of pages it then shares rather than reads).
     */
    public void checkReadable(long address, long length) {
        requireAccess(address, length, false);
    }

    /**
     * Writes bytes the way a debugger does (`eb`, loading an image): ignores protection, but the pages must be
     * committed. Returns false, writing nothing, where a page is not committed.
     */
    public boolean poke(long address, byte[] data) {
        foreignWrites++; // a debugger's write, trusted or not
        changes++;
        for (long a = address; a < address + data.length; a = alignDown(a, PAGE_SIZE) + PAGE_SIZE) {
            noteTampering(a);
        }
        for (int i = 0; i < data.length; i++) {
            if (!isCommitted(address + i)) {
                return false;
            }
        }
        for (int i = 0; i < data.length; i++) {
            long a = address + i;
            regionAt(a).writablePageData(a, generation, pagePool)[(int) (a & (PAGE_SIZE - 1))] = data[i];
        }
        // The writes may have copied pages that the cache still maps to their snapshot's copy.
        pageCache.invalidate(address, address + data.length);
        return true;
    }

    /**
     * Copies bytes within the space (memmove semantics). Whole pages between ranges that do not overlap and lie at
     * the same offset in their pages are shared copy-on-write instead of copied.
     */
    public void copy(long dest, long src, long length) {
        checkReadable(src, length);
        requireWritable(dest, length);
        if (trustedDepth == 0) {
            foreignWrites++; // whole pages shared below bypass pageForWrite
            changes++;
            noteTampering(dest);
            noteTampering(dest + length - 1);
        }
        long delta = dest - src;
        if (dest < src + length && src < dest + length) {
            writeBytes(dest, readBytes(src, (int) length)); // overlapping: through a buffer, as memmove
            return;
        }
        if (length < 2 * PAGE_SIZE || (delta & (PAGE_SIZE - 1)) != 0) {
            copyDisjoint(dest, src, length);
            return;
        }
        long end = src + length;
        long firstPage = alignUp(src, PAGE_SIZE);
        long lastPage = alignDown(end, PAGE_SIZE);
        if (firstPage > src) {
            copyDisjoint(dest, src, firstPage - src);
        }
        for (long a = firstPage; a < lastPage; ) {
            Region from = regionAt(a);
            Region to = regionAt(a + delta);
            long upTo = Math.min(lastPage, Math.min(from.end(), to.end() - delta)); // the pages both regions hold
            int pages = (int) ((upTo - a) >>> 12);
            to.sharePages(a + delta, from, a, pages, generation);
            guardedWrites += to.guarded ? pages : 0;
            changes += to.guarded ? pages : 0;
            a = upTo;
        }
        // Cached writable arrays of either side are shared now.
        pageCache.invalidate(firstPage, lastPage);
        pageCache.invalidate(firstPage + delta, lastPage + delta);
        if (end > lastPage) {
            copyDisjoint(lastPage + delta, lastPage, end - lastPage);
        }
    }

    /**
     * Copies between ranges that do not overlap, a destination page at a time (from one or two source pages), without
     * a buffer; a destination page written whole is not zeroed or copied first.
     */
    private void copyDisjoint(long dest, long src, long length) {
        long done = 0;
        while (done < length) {
            long d = dest + done;
            int dOff = (int) (d & (PAGE_SIZE - 1));
            int n = (int) Math.min(length - done, PAGE_SIZE - dOff);
            if (n == PAGE_SIZE && copyWholePage(d, src + done)) {
                done += n;
                continue;
            }
            byte[] target = pageForWrite(d);
            for (int filled = 0; filled < n; ) {
                long s = src + done + filled;
                int sOff = (int) (s & (PAGE_SIZE - 1));
                int piece = Math.min(n - filled, PAGE_SIZE - sOff);
                System.arraycopy(pageForRead(s), sOff, target, dOff + filled, piece);
                filled += piece;
            }
            done += n;
        }
    }

    /**
     * Copies the page's worth of bytes at `src` over the whole page at `dest` (a checked, writable range) by making
     * the page's new array from the source's bytes, when the page would need a new one (a page never written, or one
     * a snapshot shares): no 4 KB of zeros or old bytes written first. False when the usual path must do it (the page
     * is cached or its region alone holds it, or the region is guarded).
     */
    private boolean copyWholePage(long dest, long src) {
        if (pageCache.forWrite(dest) != null) {
            return false;
        }
        Region r = regionAt(dest);
        if (r == null || r.guarded || r.ownsPage(dest, generation)) {
            return false;
        }
        // A foreign copy was counted once for its whole range (copy).
        int sOff = (int) (src & (PAGE_SIZE - 1));
        byte[] data = pagePool.takeForOverwrite();
        if (data == null) {
            data = Arrays.copyOfRange(pageForRead(src), sOff, sOff + PAGE_SIZE); // the rest padded, then filled
        } else {
            System.arraycopy(pageForRead(src), sOff, data, 0, PAGE_SIZE - sOff);
        }
        if (sOff != 0) {
            System.arraycopy(pageForRead(src + PAGE_SIZE - sOff), 0, data, PAGE_SIZE - sOff, sOff);
        }
        r.installPage(dest, data, generation);
        pageCache.invalidate(dest, dest + 1); // a read entry may map the page's old array
        return true;
    }

    // ------------------------------------------------------------------------------------------ snapshots

    /** An immutable copy of the whole space; pages are shared copy-on-write. */
    public Snapshot snapshot() {
        TreeMap<Long, Region> copy = new TreeMap<>();
        for (Region r : regions.values()) {
            copy.put(r.base(), r.copy());
        }
        generation++;
        pageCache.flush();
        return new Snapshot(copy, tamperings);
    }

    /** Restores the space to a snapshot; the snapshot stays usable. */
    public void restore(Snapshot snapshot) {
        TreeMap<Long, Region> copy = new TreeMap<>();
        for (Region r : snapshot.regions.values()) {
            copy.put(r.base(), r.copy());
        }
        regions = copy;
        index = null;
        foreignWrites++;
        changes++;
        // The heaps are as they were at the snapshot: untouched again when nothing but the heap code had written them
        // then (every memo is dropped all the same, as `changes` moved).
        tamperings = snapshot.tamperings;
        lastHit = null;
        previousHit = null;
        generation++;
        pageCache.flush();
    }

    /** A saved address space. */
    public static final class Snapshot {
        private final TreeMap<Long, Region> regions;
        private final long tamperings;

        private Snapshot(TreeMap<Long, Region> regions, long tamperings) {
            this.regions = regions;
            this.tamperings = tamperings;
        }
    }

    public static long alignUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }

    public static long alignDown(long value, long alignment) {
        return value & -alignment;
    }
}
