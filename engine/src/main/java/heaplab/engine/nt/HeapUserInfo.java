package heaplab.engine.nt;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;

import static heaplab.engine.nt.HeapConstants.ERROR_INVALID_PARAMETER;

/**
 * ntdll's user value and user flags of a busy NT block (RtlSetUserValueHeap, RtlGetUserInfoHeap, RtlSetUserFlagsHeap;
 * heap-facts.md 1.11.23): the value lives in the block's HEAP_ENTRY_EXTRA, the flags in its _HEAP_ENTRY.
 */
public final class HeapUserInfo {
    private final HeapManager heaps;
    private final Process process;
    private final AddressSpace mem;
    private final HeapLayout l;
    private final HeapEntries e;
    private final HeapTags tags;

    HeapUserInfo(HeapManager heaps, Process process) {
        this.heaps = heaps;
        this.process = process;
        this.mem = process.memory();
        this.l = heaps.layout();
        this.e = heaps.entries();
        this.tags = heaps.tags();
    }

    /**
     * The busy NT block at `user` for the Rtl*UserValue/Flags calls, or 0 with ERROR_INVALID_PARAMETER (assumed, as
     * for HeapSize): page heaps and LFH chunks have no HEAP_ENTRY_EXTRA here, so they are refused too.
     */
    private long userInfoEntry(long heap, long user) {
        if (!heaps.checkHeap(heap)) {
            return 0;
        }
        long entry = heaps.pageHeap().isPageHeap(heap) || heaps.lfh().chunkAt(heap, user) != null ? 0
            : heaps.busyEntry(heap, user);
        if (entry == 0) {
            process.setLastError(ERROR_INVALID_PARAMETER);
        }
        return entry;
    }

    /**
     * RtlSetUserValueHeap (heap-facts.md 1.11.23): stores `value` in the block's HEAP_ENTRY_EXTRA Settable field;
     * FALSE for a block without one (allocated without HEAP_SETTABLE_USER_VALUE, a tag or stack traces), as
     * ReactOS's RtlSetUserValueHeap.
     */
    public boolean setUserValue(long heap, long flags, long user, long value) {
        long entry = userInfoEntry(heap, user);
        long extra = entry == 0 ? 0 : tags.extraAddress(entry, e);
        if (extra == 0) {
            return false;
        }
        mem.writePtr(extra + l.p, value); // Settable: after the two USHORTs, pointer-aligned (x86 +4, x64 +8)
        return true;
    }

    /**
     * RtlGetUserInfoHeap: writes the block's user value (its Settable, 0 without an extra; a NULL pointer is
     * skipped) and its user flags (the entry's settable flags 0x20-0x80 shifted back to 0x200-0x800).
     */
    public boolean getUserInfo(long heap, long flags, long user, long valueOut, long flagsOut) {
        long entry = userInfoEntry(heap, user);
        if (entry == 0) {
            return false;
        }
        long extra = tags.extraAddress(entry, e);
        if (valueOut != 0) {
            mem.writePtr(valueOut, extra == 0 ? 0 : mem.readPtr(extra + l.p));
        }
        if (flagsOut != 0) {
            mem.writeU32(flagsOut, (long) (e.flags(entry) & SETTABLE_ENTRY_FLAGS) << 4);
        }
        return true;
    }

    /**
     * RtlSetUserFlagsHeap: clears `reset` then sets `set` among the settable flags (0x200, 0x400, 0x800); a bit
     * outside HEAP_SETTABLE_USER_FLAGS (0xE00) in either fails with ERROR_INVALID_PARAMETER (1.11.23).
     */
    public boolean setUserFlags(long heap, long flags, long user, long reset, long set) {
        long allowed = HeapConstants.HEAP_SETTABLE_USER_FLAGS;
        if ((reset & ~allowed) != 0 || (set & ~allowed) != 0) {
            process.setLastError(ERROR_INVALID_PARAMETER);
            return false;
        }
        long entry = userInfoEntry(heap, user);
        if (entry == 0) {
            return false;
        }
        int entryFlags = e.flags(entry) & ~(int) (reset >> 4) | (int) (set >> 4);
        e.setFlags(entry, entryFlags);
        return true;
    }

    private static final int SETTABLE_ENTRY_FLAGS = HeapConstants.HEAP_ENTRY_SETTABLE_FLAG1
        | HeapConstants.HEAP_ENTRY_SETTABLE_FLAG2 | HeapConstants.HEAP_ENTRY_SETTABLE_FLAG3;
}
