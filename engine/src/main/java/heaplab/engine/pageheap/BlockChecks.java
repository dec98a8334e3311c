package heaplab.engine.pageheap;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;

/** The checks of a busy page heap block (stamps, Heap field, suffix) and the verifier stops they raise. */
final class BlockChecks {
    private final Process process;
    private final AddressSpace mem;
    private final DphLayout d;

    BlockChecks(Process process, DphLayout d) {
        this.process = process;
        this.mem = process.memory();
        this.d = d;
    }

    /** Checks a busy block; a damaged one is a verifier stop. */
    void check(long root, long user, long size, boolean full) {
        long damage = damage(root, user, size, full);
        if (damage != 0) {
            long info = user - d.infoSize();
            VerifierStop.Kind kind = damage == info + d.infoHeap ? VerifierStop.Kind.CORRUPTED_HEAP_BLOCK
                : damage < info + d.infoEndStamp ? VerifierStop.Kind.CORRUPTED_START_STAMP
                : damage < user ? VerifierStop.Kind.CORRUPTED_END_STAMP : VerifierStop.Kind.CORRUPTED_SUFFIX;
            throw stop(kind, root, user, size, damage);
        }
    }

    /**
     * The first damaged byte of a busy block (a start stamp or its Heap field, the end stamp, then the suffix), or 0.
     * Choice: a full block's suffix is its 0xD0 bytes up to the guard page, a light one's the 0xA0 bytes after it.
     */
    long damage(long root, long user, long size, boolean full) {
        long info = user - d.infoSize();
        long start = mem.readU32(info + d.infoStartStamp);
        long expectedStart = full ? DphLayout.FULL_BUSY_START : DphLayout.LIGHT_BUSY_START;
        if (start != expectedStart) {
            return firstDifference(info + d.infoStartStamp, start, expectedStart);
        }
        if (mem.readPtr(info + d.infoHeap) != root) {
            return info + d.infoHeap;
        }
        long end = mem.readU32(info + d.infoEndStamp);
        long expectedEnd = full ? DphLayout.FULL_BUSY_END : DphLayout.LIGHT_BUSY_END;
        if (end != expectedEnd) {
            return firstDifference(info + d.infoEndStamp, end, expectedEnd);
        }
        long suffixEnd = full ? user + AddressSpace.alignUp(size, d.alignment) : user + size + d.lightSuffix;
        int fill = full ? DphLayout.FULL_SUFFIX : DphLayout.LIGHT_SUFFIX;
        for (long at = user + size; at < suffixEnd; at++) {
            if (mem.readByte(at) != fill) {
                return at;
            }
        }
        return 0;
    }

    private static long firstDifference(long at, long value, long expected) {
        int byteIndex = 0;
        while (((value ^ expected) >>> (8 * byteIndex) & 0xFF) == 0) {
            byteIndex++;
        }
        return at + byteIndex;
    }

    ProcessFault stop(VerifierStop.Kind kind, long root, long user, long size, long corruption) {
        process.debugPrint(VerifierStop.text(d.arch, kind, root, user, size, corruption));
        return VerifierStop.breakpoint();
    }
}
