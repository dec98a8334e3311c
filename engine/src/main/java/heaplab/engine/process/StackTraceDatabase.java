package heaplab.engine.process;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;

import java.util.Arrays;

/**
 * The user-mode stack trace database that {@code +ust} (FLG_USER_STACK_TRACE_DB) turns on: ntdll keeps each
 * distinct back trace once, and a heap block's HEAP_ENTRY_EXTRA keeps the trace's index (AllocatorBackTraceIndex).
 * All of it lives in simulated memory: ntdll's {@code RtlpStackTraceDataBase} pointer (in ntdll's data) points at a
 * 16 MB reservation whose first page is the header (the number of traces at +0, 256 hash-chain heads at +0x10) and
 * whose entries follow from +0x1000, committed as they fill, each shaped like RTL_STACK_TRACE_ENTRY: HashChain,
 * TraceCount, Index, Depth, BackTrace[16]. Created at the first capture (HeapLab's choice; Windows creates it when
 * the process starts with +ust). Index 0 means "no trace".
 */
public final class StackTraceDatabase {
    /** The size of the reservation, as the {@code !heap -p} sample shows ({@code of size 01000000}). */
    public static final long RESERVE = 0x1000000;
    private static final int BUCKETS = 256;
    private static final int MAX_DEPTH = 16;
    private static final int PAGE = AddressSpace.PAGE_SIZE;

    private final AddressSpace memory;
    private final int p;
    private final long slot;

    /** @param slot where ntdll keeps the database's address (0 until the first capture) */
    StackTraceDatabase(AddressSpace memory, long slot) {
        this.memory = memory;
        this.p = memory.arch().pointerSize();
        this.slot = slot;
    }

    /** The database's base address, or 0 when nothing was captured yet. */
    public long base() { return memory.readPtr(slot); }

    /** The number of distinct traces kept. */
    public int count() {
        long base = base();
        return base == 0 ? 0 : (int) memory.readU32(base);
    }

    private int entrySize() { return p + 8 + MAX_DEPTH * p; }

    private long entryAddress(long base, int index) {
        return base + PAGE + (long) (index - 1) * entrySize();
    }

    /** Stores a back trace (return addresses, innermost first), or finds it stored; returns its index, 0 if full. */
    public int add(long[] frames) {
        long base = base();
        if (base == 0) {
            base = memory.virtualAlloc(0, RESERVE, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
            if (base == 0) {
                return 0;
            }
            memory.virtualAlloc(base, PAGE, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
            memory.writePtr(slot, base);
        }
        int depth = Math.min(frames.length, MAX_DEPTH);
        long hash = 0;
        for (int i = 0; i < depth; i++) {
            hash = hash * 31 + frames[i];
        }
        long head = base + 0x10 + (long) Math.floorMod(hash, BUCKETS) * p;
        for (long entry = memory.readPtr(head); entry != 0; entry = memory.readPtr(entry)) {
            if (Arrays.equals(read(entry), Arrays.copyOf(frames, depth))) {
                memory.writeU32(entry + p, memory.readU32(entry + p) + 1);
                return memory.readU16(entry + p + 4);
            }
        }
        int index = count() + 1;
        long entry = entryAddress(base, index);
        if (index > 0xFFFF || entry + entrySize() > base + RESERVE) {
            return 0;
        }
        long end = entry + entrySize();
        for (long page = AddressSpace.alignDown(entry, PAGE); page < end; page += PAGE) {
            if (!memory.isCommitted(page)) {
                memory.virtualAlloc(page, PAGE, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
            }
        }
        memory.writePtr(entry, memory.readPtr(head));
        memory.writeU32(entry + p, 1);
        memory.writeU16(entry + p + 4, index);
        memory.writeU16(entry + p + 6, depth);
        for (int i = 0; i < depth; i++) {
            memory.writePtr(entry + p + 8 + (long) i * p, frames[i]);
        }
        memory.writePtr(head, entry);
        memory.writeU32(base, index);
        return index;
    }

    /** The return addresses of trace `index` (innermost first), or an empty array for 0 or an unknown index. */
    public long[] trace(int index) {
        long base = base();
        if (base == 0 || index <= 0 || index > count()) {
            return new long[0];
        }
        return read(entryAddress(base, index));
    }

    /**
     * The address of trace `index`'s return addresses in memory (its RTL_STACK_TRACE_ENTRY's BackTrace array, which
     * {@code dds} lists), or 0 for 0 or an unknown index.
     */
    public long backTraceAddress(int index) {
        long base = base();
        return base == 0 || index <= 0 || index > count() ? 0 : entryAddress(base, index) + p + 8;
    }

    private long[] read(long entry) {
        int depth = memory.readU16(entry + p + 6);
        long[] frames = new long[depth];
        for (int i = 0; i < depth; i++) {
            frames[i] = memory.readPtr(entry + p + 8 + (long) i * p) & memory.arch().pointerMask();
        }
        return frames;
    }
}
