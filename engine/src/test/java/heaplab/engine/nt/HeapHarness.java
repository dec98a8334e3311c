package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;

import java.util.ArrayList;
import java.util.List;

/** A simulated process plus helpers that read heap headers and lists back from its memory. */
final class HeapHarness {
    final Process p;
    final Arch arch;
    final AddressSpace mem;
    final HeapLayout l;
    /** Granularity: bytes per unit (8 on x86, 16 on x64). */
    final int g;

    HeapHarness(Arch arch) {
        this(arch, 0);
    }

    HeapHarness(Arch arch, long globalFlags) {
        // The back end alone: lfh "off", so the LFH does not take over the size classes these tests repeat.
        this.p = new Process(new ProcessConfig(arch, globalFlags, "demo.exe", "off", "full"));
        // The heap's own answers to bad pointers (FALSE, the last error) on both architectures: termination on
        // corruption, on from the start in an x64 process, is HeapCorruptionTest's subject.
        p.memory().writeU32(p.terminationOnCorruptionSwitch(), 0);
        this.arch = arch;
        this.mem = p.memory();
        this.l = p.heaps().layout();
        this.g = arch.granularity();
    }

    /** A request that gives a block of exactly `units` units on both architectures (no global flags). */
    long request(int units) {
        return (long) units * g - g;
    }

    long alloc(long heap, long size) {
        long a = p.heapAlloc(heap, 0, size);
        if (a == 0) {
            throw new AssertionError("HeapAlloc(" + Long.toHexString(size) + ") failed, error " + p.lastError());
        }
        return a;
    }

    void free(long heap, long user) {
        if (!p.heapFree(heap, 0, user)) {
            throw new AssertionError("HeapFree(" + Long.toHexString(user) + ") failed, error " + p.lastError());
        }
    }

    long entry(long user) { return user - g; }

    int units(long user) { return mem.readU16(entry(user) + l.entrySize); }

    int flags(long user) { return mem.readByte(entry(user) + l.entryFlags); }

    int previousUnits(long user) { return mem.readU16(entry(user) + l.entryPreviousSize); }

    int segmentOffset(long user) { return mem.readByte(entry(user) + l.entrySegmentOffset); }

    int unusedBytes(long user) { return mem.readByte(entry(user) + l.entryUnusedBytes); }

    HeapInfo info(long heap) { return p.heaps().read(heap); }

    /** User addresses of the blocks on FreeList[n], from Flink onward. */
    List<Long> freeList(long heap, int n) {
        List<Long> out = new ArrayList<>();
        for (FreeListInfo.Entry e : info(heap).freeLists().get(n).entries()) {
            out.add(e.entry() + g);
        }
        return out;
    }

    /** Sizes in units of the blocks on FreeList[n], from Flink onward. */
    List<Integer> freeListUnits(long heap, int n) {
        List<Integer> out = new ArrayList<>();
        for (FreeListInfo.Entry e : info(heap).freeLists().get(n).entries()) {
            out.add((int) (e.size() / g));
        }
        return out;
    }

    boolean bit(long heap, int n) {
        return (mem.readU32(heap + l.heapFreeListsInUse + 4L * (n >>> 5)) & (1L << (n & 31))) != 0;
    }

    /** Indices of the FreeListsInUse bits that are set. */
    List<Integer> bits(long heap) {
        List<Integer> out = new ArrayList<>();
        for (int n = 0; n < 128; n++) {
            if (bit(heap, n)) {
                out.add(n);
            }
        }
        return out;
    }

    long segment(long heap, int index) { return mem.readPtr(heap + l.segmentSlot(index)); }

    long firstEntry(long heap) { return mem.readPtr(segment(heap, 0) + l.segFirstEntry); }

    long lastEntryInSegment(long heap, int index) {
        return mem.readPtr(segment(heap, index) + l.segLastEntryInSegment);
    }

    /** The first handle of the PEB's ProcessHeaps array. */
    long heapsFirst() { return p.heaps().heapHandles().get(0); }

    String errors(long heap) { return p.heaps().validationErrors(heap).toString(); }
}
