package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static heaplab.engine.nt.HeapConstants.ERROR_NOT_ENOUGH_MEMORY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_BUSY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_EXTRA_PRESENT;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_LAST_ENTRY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_VIRTUAL_ALLOC;
import static heaplab.engine.nt.HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY;
import static heaplab.engine.nt.HeapConstants.HEAP_ZERO_MEMORY;

/**
 * Random HeapAlloc / HeapReAlloc / HeapFree workloads (fixed seeds) against a shadow model: after every operation
 * the heap, decoded from memory, must hold exactly the shadow's blocks with their data intact, and every structural
 * invariant of the classic heap must hold.
 */
class HeapPropertyTest {
    private static final int OPERATIONS = 3000;
    private static final int MAX_LIVE_BLOCKS = 300;
    /** Above this many live bytes the workload frees more than it allocates, so the data check stays cheap. */
    private static final long LIVE_BYTES_SOFT_LIMIT = 192 * 1024;

    enum HeapKind { PROCESS, GROWABLE, FIXED }

    /** NtGlobalFlag htc | hfc: tail checking (0xAB tails) and free checking (0xFEEEFEEE / 0xBAADF00D fills). */
    private static final long DEBUG_HEAP_FLAGS = 0x10 | 0x20;

    static Stream<Arguments> configurations() {
        List<Arguments> out = new ArrayList<>();
        long seed = 0x5EED_0001L;
        for (Arch arch : Arch.values()) {
            for (HeapKind kind : HeapKind.values()) {
                out.add(Arguments.of(arch, kind, 0L, OPERATIONS, seed++, false));
            }
        }
        for (Arch arch : Arch.values()) {
            out.add(Arguments.of(arch, HeapKind.GROWABLE, DEBUG_HEAP_FLAGS, OPERATIONS / 2, seed++, false));
        }
        // blocks of several pages: frees decommit whole pages inside free blocks (heap-facts.md 1.5) and
        // allocations commit the holes again (1.4, extend heap)
        for (Arch arch : Arch.values()) {
            out.add(Arguments.of(arch, HeapKind.GROWABLE, 0L, OPERATIONS / 2, seed++, true));
            out.add(Arguments.of(arch, HeapKind.PROCESS, DEBUG_HEAP_FLAGS, OPERATIONS / 3, seed++, true));
        }
        return out.stream();
    }

    /** What the test knows about a live block: the size it asked for and the byte it wrote into all of it. */
    private record Live(long size, int fill) {
    }

    private static final class Workload {
        final HeapHarness t;
        final long h;
        final boolean growable;
        final Random random;
        final long threshold;
        final int operations;
        /** FILL_PATTERN on every block when the debug heap fills them, else 0. */
        final int fillFlag;
        final boolean freeChecking;
        final TreeMap<Long, Live> shadow = new TreeMap<>();
        final List<Long> keys = new ArrayList<>();
        long liveBytes;
        /** Blocks of several pages are common (decommit paths). */
        final boolean pages;
        /** Decommitted ranges between blocks seen by the checks, summed over all checks. */
        long decommittedRanges;
        int step;
        String operation = "start";

        Workload(Arch arch, HeapKind kind, long globalFlags, int operations, long seed, boolean pages) {
            this.t = new HeapHarness(arch, globalFlags);
            this.pages = pages;
            this.operations = operations;
            this.fillFlag = globalFlags != 0 ? HeapConstants.HEAP_ENTRY_FILL_PATTERN : 0;
            this.freeChecking = (globalFlags & 0x20) != 0;
            this.h = switch (kind) {
                case PROCESS -> t.p.getProcessHeap();
                case GROWABLE -> t.p.heapCreate(0, 0, 0);
                case FIXED -> t.p.heapCreate(0, 0x10000, 0x60000);
            };
            this.growable = kind != HeapKind.FIXED;
            this.random = new Random(seed);
            this.threshold = (long) t.info(h).virtualMemoryThreshold() * t.g;
        }

        // -------------------------------------------------------------------------------------- the workload

        long randomSize() {
            int r = random.nextInt(1000);
            if (pages) {
                return r < 400 ? random.nextInt(256) : 0x1000 + random.nextInt(0x8000);
            }
            if (r < 450) {
                return random.nextInt(65);
            }
            if (r < 750) {
                return 65 + random.nextInt(1024 - 64);
            }
            if (r < 950) {
                return 1025 + random.nextInt(8192 - 1024); // FreeList[0] territory on both architectures
            }
            if (r < 995) {
                return 8193 + random.nextInt(0x10000 - 8192);
            }
            return threshold + random.nextInt(0x10000); // a virtual-alloc block
        }

        long randomFlags() {
            int r = random.nextInt(100);
            if (r < 70) {
                return 0;
            }
            if (r < 85) {
                return HEAP_ZERO_MEMORY;
            }
            if (r < 95) {
                return HEAP_REALLOC_IN_PLACE_ONLY;
            }
            return HEAP_ZERO_MEMORY | HEAP_REALLOC_IN_PLACE_ONLY;
        }

        /** An even fill byte, so user data never looks like a busy header's flags. */
        int randomFill() {
            return 2 + 2 * random.nextInt(127);
        }

        long pickLive() {
            // Big blocks are picked more often, so they do not stay around for long.
            for (int tries = 0; tries < 3; tries++) {
                long k = keys.get(random.nextInt(keys.size()));
                if (shadow.get(k).size() > 0x10000 || tries == 2) {
                    return k;
                }
            }
            throw new IllegalStateException();
        }

        void run() {
            check();
            for (step = 0; step < operations; step++) {
                int r = random.nextInt(100);
                boolean full = keys.size() >= MAX_LIVE_BLOCKS || liveBytes > LIVE_BYTES_SOFT_LIMIT;
                if (keys.isEmpty() || (!full && r < 50)) {
                    alloc();
                } else if (r < (full ? 70 : 78)) {
                    free();
                } else if (r < 99) {
                    reAlloc();
                } else {
                    operation = "HeapFree(NULL)";
                    require(t.p.heapFree(h, 0, 0), "HeapFree(h, 0, NULL) is TRUE");
                }
                check();
            }
            while (!keys.isEmpty()) {
                free();
                check();
            }
            require(!pages || decommittedRanges > 0, "the workload decommitted pages inside free blocks");
        }

        void alloc() {
            long size = randomSize();
            long flags = randomFlags();
            operation = String.format("HeapAlloc(%x, %x)", flags, size);
            t.p.setLastError(0);
            long p = t.p.heapAlloc(h, flags, size);
            if (p == 0) {
                require(!growable, "a growable heap ran out of memory");
                require(t.p.lastError() == ERROR_NOT_ENOUGH_MEMORY, "failure sets ERROR_NOT_ENOUGH_MEMORY");
                return;
            }
            require(!shadow.containsKey(p), "returned a live block");
            require(t.p.heapSize(h, 0, p) == size, "HeapSize");
            if ((flags & HEAP_ZERO_MEMORY) != 0) {
                requireFilled(p, 0, size, 0, "HEAP_ZERO_MEMORY");
            } else if (freeChecking && size < threshold) {
                for (long i = 0; i + 4 <= size; i += 4) {
                    long at = i;
                    require(t.mem.readU32(p + i) == 0xBAADF00DL, () -> "0xBAADF00D at +" + Long.toHexString(at));
                }
            }
            add(p, size);
        }

        void free() {
            long p = pickLive();
            operation = String.format("HeapFree(%x) of %x bytes", p, shadow.get(p).size());
            require(t.p.heapFree(h, 0, p), "HeapFree of a live block");
            remove(p);
        }

        void reAlloc() {
            long p = pickLive();
            Live old = shadow.get(p);
            long size = randomSize();
            long flags = randomFlags();
            operation = String.format("HeapReAlloc(%x, %x, %x bytes -> %x)", flags, p, old.size(), size);
            t.p.setLastError(0);
            long r = t.p.heapReAlloc(h, flags, p, size);
            boolean inPlaceOnly = (flags & HEAP_REALLOC_IN_PLACE_ONLY) != 0;
            if (r == 0) {
                require(inPlaceOnly || !growable, "a movable realloc failed on a growable heap");
                require(t.p.lastError() == ERROR_NOT_ENOUGH_MEMORY, "failure sets ERROR_NOT_ENOUGH_MEMORY");
                require(t.p.heapSize(h, 0, p) == old.size(), "a failed realloc keeps the size");
                require(!inPlaceOnly || size > old.size(), "shrinking in place never fails");
                return;
            }
            require(!inPlaceOnly || r == p, "HEAP_REALLOC_IN_PLACE_ONLY moved the block");
            require(t.p.heapSize(h, 0, r) == size, "HeapSize after realloc");
            long kept = Math.min(old.size(), size);
            requireFilled(r, 0, kept, old.fill(), "the kept prefix");
            if ((flags & HEAP_ZERO_MEMORY) != 0 && size > old.size()) {
                requireFilled(r, old.size(), size - old.size(), 0, "the zeroed growth");
            }
            remove(p);
            add(r, size);
        }

        void add(long p, long size) {
            int fill = randomFill();
            t.mem.fill(p, size, fill);
            shadow.put(p, new Live(size, fill));
            keys.add(p);
            liveBytes += size;
        }

        void remove(long p) {
            Live live = shadow.remove(p);
            int i = keys.indexOf(p);
            keys.set(i, keys.get(keys.size() - 1));
            keys.remove(keys.size() - 1);
            liveBytes -= live.size();
        }

        // -------------------------------------------------------------------------------------- the checks

        void require(boolean condition, String what) {
            if (!condition) {
                throw new AssertionError(t.arch + " step " + step + " after " + operation + ": " + what);
            }
        }

        void fail(HeapBlock b, HeapSegmentInfo seg, String what) {
            require(false, String.format("block %x of segment %d: %s", b.entry(), seg.index(), what));
        }

        /** The message is only built when the check fails. */
        void require(boolean condition, Supplier<String> what) {
            if (!condition) {
                require(false, what.get());
            }
        }

        private final byte[][] templates = new byte[256][];

        void requireFilled(long address, long offset, long length, int value, String what) {
            byte[] template = templates[value];
            if (template == null) {
                template = new byte[AddressSpace.PAGE_SIZE];
                Arrays.fill(template, (byte) value);
                templates[value] = template;
            }
            byte[] bytes = t.mem.readBytes(address + offset, (int) length);
            for (int from = 0; from < bytes.length; from += template.length) {
                int n = Math.min(template.length, bytes.length - from);
                int i = Arrays.mismatch(bytes, from, from + n, template, 0, n);
                if (i >= 0) {
                    int at = from + i;
                    require(false, String.format("%s of %x: byte %x is %02x, expected %02x", what, address,
                        offset + at, bytes[at] & 0xFF, value));
                }
            }
        }

        void check() {
            HeapInfo info = t.info(h);
            int g = t.g;
            long maxBlockBytes = info.virtualMemoryThreshold() * g;
            Map<Long, Long> busy = new HashMap<>();
            Set<Long> freeBlocks = new HashSet<>();
            long freeUnits = 0;

            for (HeapSegmentInfo seg : info.segments()) {
                List<HeapBlock> blocks = seg.blocks();
                require(!blocks.isEmpty(), () -> "segment " + seg.index() + " has blocks");
                require(blocks.get(0).entry() == (seg.index() == 0 ? h : seg.address()),
                    () -> "segment " + seg.index() + " starts with its own header");
                HeapBlock prev = null;
                int holes = 0;
                for (HeapBlock b : blocks) {
                    // Plain ifs here: this loop runs millions of times, a message is only built on failure.
                    if (prev != null && prev.isLast()) {
                        // a LAST_ENTRY block in the middle ends where a decommitted range starts; the block
                        // after the range has PreviousSize 0
                        long holeStart = prev.entry() + prev.size();
                        if (prev.kind() == HeapBlock.Kind.INTERNAL || holeStart % AddressSpace.PAGE_SIZE != 0
                            || b.entry() <= holeStart || b.entry() % AddressSpace.PAGE_SIZE != 0
                            || b.previousSize() != 0 || !seg.uncommitted().contains(
                                new HeapSegmentInfo.UncommittedRange(holeStart, b.entry() - holeStart))) {
                            fail(b, seg, "follows a LAST_ENTRY block without an uncommitted range between");
                        }
                        holes++;
                    } else if (prev != null) {
                        if (prev.entry() + prev.size() != b.entry()) {
                            fail(b, seg, "does not follow the previous block");
                        }
                        if (b.previousSize() != prev.size()) {
                            fail(b, seg, "PreviousSize");
                        }
                        if (prev.kind() == HeapBlock.Kind.FREE && b.kind() == HeapBlock.Kind.FREE
                            && prev.size() + b.size() <= maxBlockBytes) {
                            fail(b, seg, "two adjacent free blocks");
                        }
                    }
                    if (b.segmentIndex() != seg.index()) {
                        fail(b, seg, "SegmentOffset");
                    }
                    if (b.size() < 2L * g && b.kind() != HeapBlock.Kind.INTERNAL) {
                        fail(b, seg, "too small");
                    }
                    if ((b.kind() == HeapBlock.Kind.INTERNAL) != (b.entry() < seg.firstEntry())) {
                        fail(b, seg, "heap structures come first");
                    }
                    if (b.kind() == HeapBlock.Kind.BUSY) {
                        if ((b.flags() & ~HEAP_ENTRY_LAST_ENTRY) != (HEAP_ENTRY_BUSY | fillFlag)) {
                            fail(b, seg, String.format("busy flags %x", b.flags()));
                        }
                        if (busy.put(b.user(), b.requested()) != null) {
                            fail(b, seg, "listed twice");
                        }
                    } else if (b.kind() == HeapBlock.Kind.FREE) {
                        if ((b.flags() & ~HEAP_ENTRY_LAST_ENTRY) != fillFlag) {
                            fail(b, seg, String.format("free flags %x", b.flags()));
                        }
                        freeBlocks.add(b.entry());
                        freeUnits += b.size() / g;
                    }
                    prev = b;
                }
                require(prev.isLast(), () -> "segment " + seg.index() + " ends with LAST_ENTRY");
                require(t.lastEntryInSegment(h, seg.index()) == prev.entry(), "LastEntryInSegment");
                long end = prev.entry() + prev.size();
                long topUncommitted = seg.uncommitted().stream().filter(r -> r.address() >= end)
                    .mapToLong(HeapSegmentInfo.UncommittedRange::size).sum();
                require(end + topUncommitted == seg.lastValidEntry(),
                    "the last block ends where the committed pages end");
                long ucr = end;
                int inside = 0;
                for (HeapSegmentInfo.UncommittedRange range : seg.uncommitted()) {
                    if (range.address() < end) {
                        inside++;
                        continue;
                    }
                    require(range.address() == ucr, "uncommitted ranges follow the blocks");
                    ucr += range.size();
                }
                require(inside == holes, "every decommitted range lies between a LAST_ENTRY block and the next");
                long ucrPages = seg.uncommitted().stream().mapToLong(HeapSegmentInfo.UncommittedRange::size).sum()
                    / AddressSpace.PAGE_SIZE;
                require(ucrPages == seg.uncommittedPages(), "NumberOfUnCommittedPages");
                decommittedRanges += holes;
                require(ucr == seg.lastValidEntry(), "the segment is tiled up to LastValidEntry");
            }
            for (HeapBlock v : info.virtualBlocks()) {
                require(v.flags() == (HEAP_ENTRY_BUSY | HEAP_ENTRY_EXTRA_PRESENT | HEAP_ENTRY_VIRTUAL_ALLOC),
                    () -> String.format("virtual block flags %x", v.flags()));
                require(v.user() % (8L * t.arch.pointerSize()) == 0, "virtual block alignment");
                require(busy.put(v.user(), v.requested()) == null, "virtual block listed twice");
            }

            Map<Long, Long> expected = new HashMap<>();
            shadow.forEach((p, live) -> expected.put(p, live.size()));
            if (!expected.equals(busy)) {
                Map<Long, Long> missing = new HashMap<>(expected);
                busy.forEach(missing::remove);
                Map<Long, Long> extra = new HashMap<>(busy);
                expected.forEach(extra::remove);
                require(false, () -> "busy blocks differ from the shadow: missing " + hex(missing) + ", unexpected "
                    + hex(extra) + ", sizes " + (missing.isEmpty() && extra.isEmpty() ? "differ" : "-"));
            }

            Set<Long> listed = new HashSet<>();
            int listedCount = 0;
            for (FreeListInfo list : info.freeLists()) {
                int n = list.index();
                boolean bit = (info.freeListsInUse()[n >>> 5] & (1L << (n & 31))) != 0;
                require(bit == (n != 0 && !list.entries().isEmpty()), () -> "FreeListsInUse bit " + n);
                long previousLink = list.head();
                long previousUnits = 0;
                for (FreeListInfo.Entry entry : list.entries()) {
                    long units = entry.size() / g;
                    if (entry.blink() != previousLink) {
                        require(false, "FreeList[" + n + "] Blink chain");
                    }
                    if (n == 0 ? units < 128 || units < previousUnits : units != n) {
                        require(false, String.format("FreeList[%d] holds a block of %d units", n, units));
                    }
                    if (!freeBlocks.contains(entry.entry())) {
                        require(false, String.format("FreeList[%d] entry %x is not a free block of the walk", n,
                            entry.entry()));
                    }
                    listed.add(entry.entry());
                    listedCount++;
                    previousLink = entry.entry() + g;
                    previousUnits = units;
                }
                require(list.blink() == previousLink, () -> "FreeList[" + n + "] head Blink is its last entry");
            }
            require(listed.equals(freeBlocks) && listedCount == freeBlocks.size(),
                "every free block is on exactly one free list");
            require(info.totalFreeSize() == freeUnits, "TotalFreeSize");
            require(t.p.heapValidate(h, 0, 0), () -> "HeapValidate: " + t.errors(h));

            for (Map.Entry<Long, Live> e : shadow.entrySet()) {
                requireFilled(e.getKey(), 0, e.getValue().size(), e.getValue().fill(), "user data");
            }
        }

        private static String hex(Map<Long, Long> m) {
            StringBuilder sb = new StringBuilder("{");
            new TreeMap<>(m).forEach((k, v) -> sb.append(String.format(" %x:%x", k, v)));
            return sb.append(" }").toString();
        }
    }

    @ParameterizedTest(name = "{0} {1} heap, global flags {2}, {3} operations, seed {4}, pages {5}")
    @MethodSource("configurations")
    void randomWorkloadsKeepTheHeapConsistent(Arch arch, HeapKind kind, long globalFlags, int operations, long seed,
                                              boolean pages) {
        new Workload(arch, kind, globalFlags, operations, seed, pages).run();
    }
}
