package heaplab.engine.process;

import heaplab.engine.crt.CrtBlockHeader;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapManager;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.pageheap.DphLayout;
import heaplab.engine.pageheap.PageHeap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every heap block is made of, byte range by byte range, and which of its bytes no longer hold what their layer
 * wrote there (a damaged 0xAB tail, no-man's land, free fill, LFH chunk header or page heap stamp and suffix). Read
 * back from simulated memory as a debugger would, for the heap map: an NT block's header, CRT header, no-man's land,
 * user data, tail fill and unused bytes; an LFH UserBlocks cut into its chunks; a full page heap block on its own
 * pages, with its DPH_BLOCK_INFORMATION, 0xD0 suffix and guard page.
 *
 * <p>Known overlap: the inspector's heaplab.engine.inspect (BlockInspector, ByteClassifier) classifies one block's
 * bytes with the same rules; both were written at once, and should become one reader of block parts.
 */
public final class HeapAnatomy {
    /** A part of a block, by what wrote it. */
    public enum PartKind {
        /** The _HEAP_ENTRY (or a virtual block's HEAP_VIRTUAL_ALLOC_ENTRY). */
        HEADER,
        /** The debug CRT's _CrtMemBlockHeader. */
        CRT_HEADER,
        /** The CRT's 4 bytes of 0xFD on each side of its data. */
        NO_MANS_LAND,
        USER_DATA,
        /** The 0xAB bytes after the requested size (tail checking). */
        TAIL_FILL,
        /** Bytes of the block nobody asked for (rounding, HEAP_ENTRY_EXTRA). */
        UNUSED,
        /** A page heap block's DPH_BLOCK_INFORMATION with its start and end stamps. */
        DPH_INFO,
        /** The page heap's fill after the data: 0xD0 (full) or 0xA0 (light). */
        SUFFIX,
        /** The PAGE_NOACCESS page after a full page heap block. */
        GUARD_PAGE,
        /** The _HEAP_USERDATA_HEADER at the start of an LFH UserBlocks. */
        USER_BLOCKS_HEADER,
        /** The 8-byte header of an LFH chunk. */
        CHUNK_HEADER
    }

    /** Bytes [start, end) of one part. */
    public record Part(PartKind kind, long start, long end) {
    }

    /** Bytes [start, end) that differ from what their layer wrote, and what they should be. */
    public record Damage(long start, long end, String what) {
    }

    /** A block's parts in address order (they may leave bytes out: a free block's body) and its damage. */
    public record Anatomy(List<Part> parts, List<Damage> damage) {
        public static final Anatomy NONE = new Anatomy(List.of(), List.of());

        public Anatomy {
            parts = List.copyOf(parts);
            damage = List.copyOf(damage);
        }
    }

    /** One LFH chunk: its header, its stride, busy or free, the request it holds. */
    public record Chunk(long header, long user, long end, boolean busy, long requested, Anatomy anatomy) {
    }

    /**
     * An LFH UserBlocks in the back-end block at {@code entry}: its header up to the first chunk, the chunks, and
     * the bytes after the last chunk up to the back-end block's end.
     */
    public record UserBlocks(long entry, long address, int bucket, long firstChunk, long end, boolean active,
                             List<Chunk> chunks, Anatomy anatomy) {
        public UserBlocks {
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * A full page heap block on its own virtual block: data pages [virtual, guard), the guard page [guard,
     * guardEnd). A freed block (busy false) has had its pages decommitted.
     */
    public record PageHeapBlock(long handle, long virtual, long guard, long guardEnd, long user, long requested,
                                boolean busy, Anatomy anatomy) {
    }

    /**
     * Everything at one position.
     *
     * @param blocks         the anatomy of each busy or free NT block by its entry address (virtual blocks too)
     * @param userBlocks     the LFH UserBlocks by the entry address of the back-end block holding them
     * @param pageHeapBlocks full page heap blocks, by handle then address
     */
    public record Picture(Map<Long, Anatomy> blocks, Map<Long, UserBlocks> userBlocks,
                          List<PageHeapBlock> pageHeapBlocks) {
        public static final Picture NONE = new Picture(Map.of(), Map.of(), List.of());
    }

    private static final int MAX_DAMAGE_RANGES = 64;
    private final AddressSpace mem;
    private final HeapManager heaps;
    private final int g;
    private final int p;

    private HeapAnatomy(Process process) {
        this.mem = process.memory();
        this.heaps = process.heaps();
        this.g = heaps.layout().g;
        this.p = heaps.layout().p;
    }

    /**
     * The anatomy of every block of every heap.
     *
     * @param crtBlocks the debug CRT's blocks: NT entry address to {data address, data size}
     */
    public static Picture of(Process process, Map<Long, long[]> crtBlocks) {
        List<HeapInfo> heaps = new ArrayList<>();
        for (long handle : process.heaps().heapHandles()) {
            heaps.add(process.heaps().read(handle));
        }
        return of(process, heaps, crtBlocks);
    }

    /** As {@link #of(Process, Map)} for heaps already read at this position (the views read them once). */
    public static Picture of(Process process, List<HeapInfo> heaps, Map<Long, long[]> crtBlocks) {
        return new HeapAnatomy(process).picture(heaps, crtBlocks);
    }

    private Picture picture(List<HeapInfo> heapInfos, Map<Long, long[]> crtBlocks) {
        Map<Long, Anatomy> blocks = new HashMap<>();
        Map<Long, UserBlocks> userBlocks = new HashMap<>();
        // Only the NormalHeap of a light page heap holds blocks with a DPH_BLOCK_INFORMATION: look there alone.
        java.util.Set<Long> lightNormalHeaps = new java.util.HashSet<>();
        for (long handle : heaps.pageHeap().handles()) {
            if ((heaps.pageHeap().pageHeapFlags(handle) & DphLayout.ENABLE_PAGE_HEAP) == 0) {
                lightNormalHeaps.add(heaps.pageHeap().normalHeap(handle));
            }
        }
        for (HeapInfo heap : heapInfos) {
            long handle = heap.address();
            boolean light = lightNormalHeaps.contains(handle);
            Map<Long, List<LowFragmentationHeap.Chunk>> chunksByUserBlocks = new HashMap<>();
            for (LowFragmentationHeap.Chunk c : heaps.lfh().chunks(handle)) {
                chunksByUserBlocks.computeIfAbsent(c.userBlocks(), k -> new ArrayList<>()).add(c);
            }
            Map<Long, Long> damagedHeaders = new HashMap<>();
            for (LowFragmentationHeap.Problem problem : heaps.lfh().problems(handle)) {
                if (problem.chunkHeader()) {
                    damagedHeaders.put(problem.address(), problem.address());
                }
            }
            Map<Long, LowFragmentationHeap.UserBlocksInfo> infos = new HashMap<>();
            for (LowFragmentationHeap.UserBlocksInfo ub : heaps.lfh().userBlocks(handle)) {
                infos.put(ub.address(), ub);
            }
            for (HeapSegmentInfo segment : heap.segments()) {
                for (HeapBlock b : segment.blocks()) {
                    LowFragmentationHeap.UserBlocksInfo ub = b.kind() == HeapBlock.Kind.BUSY ? infos.get(b.user()) : null;
                    if (ub != null) {
                        userBlocks.put(b.entry(), userBlocks(b, ub, chunksByUserBlocks.getOrDefault(ub.address(),
                            List.of()), damagedHeaders.keySet(), crtBlocks));
                    } else if (b.kind() != HeapBlock.Kind.INTERNAL) {
                        blocks.put(b.entry(), ntBlock(b, crtBlocks.get(b.entry()), light));
                    }
                }
            }
            for (HeapBlock b : heap.virtualBlocks()) {
                blocks.put(b.entry(), ntBlock(b, crtBlocks.get(b.entry()), false));
            }
        }
        return new Picture(blocks, userBlocks, pageHeapBlocks());
    }

    // ------------------------------------------------------------------------------------------ NT blocks

    private Anatomy ntBlock(HeapBlock b, long[] crt, boolean lightPageHeap) {
        List<Part> parts = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        long end = b.entry() + b.size();
        add(parts, PartKind.HEADER, b.entry(), b.user());
        if (b.kind() == HeapBlock.Kind.FREE) {
            if ((b.flags() & HeapConstants.HEAP_ENTRY_FILL_PATTERN) != 0) {
                long body = b.user() + 2L * p; // after the LIST_ENTRY
                compareDword(body, end, 0xFEEEFEEEL, "0xFEEEFEEE (free fill): written after the block was freed",
                    damage);
            }
            return new Anatomy(parts, damage);
        }
        long dataEnd = b.user() + b.requested();
        Long light = lightPageHeap && b.kind() == HeapBlock.Kind.BUSY ? heaps.pageHeap().lightInfoAt(b.user()) : null;
        if (crt != null && crt[0] > b.user() && crt[0] + crt[1] <= end) {
            int land = CrtBlockHeader.NO_MANS_LAND_SIZE;
            add(parts, PartKind.CRT_HEADER, b.user(), crt[0] - land);
            add(parts, PartKind.NO_MANS_LAND, crt[0] - land, crt[0]);
            add(parts, PartKind.USER_DATA, crt[0], crt[0] + crt[1]);
            add(parts, PartKind.NO_MANS_LAND, crt[0] + crt[1], crt[0] + crt[1] + land);
            String what = "0xFD (no-man's land): the CRT reports it at free or _CrtCheckMemory";
            compareBytes(crt[0] - land, crt[0], CrtBlockHeader.NO_MANS_LAND_FILL, what, damage);
            compareBytes(crt[0] + crt[1], crt[0] + crt[1] + land, CrtBlockHeader.NO_MANS_LAND_FILL, what, damage);
            add(parts, PartKind.UNUSED, crt[0] + crt[1] + land, dataEnd);
        } else if (light != null) {
            DphLayout d = heaps.pageHeap().layout();
            long user = b.user() + d.infoSize();
            long requested = mem.readPtr(b.user() + d.infoRequestedSize);
            add(parts, PartKind.DPH_INFO, b.user(), user);
            if (user + requested + d.lightSuffix <= dataEnd) {
                add(parts, PartKind.USER_DATA, user, user + requested);
                add(parts, PartKind.SUFFIX, user + requested, user + requested + d.lightSuffix);
                if (mem.readU32(b.user() + d.infoStartStamp) == DphLayout.LIGHT_BUSY_START) {
                    compareBytes(user + requested, user + requested + d.lightSuffix, DphLayout.LIGHT_SUFFIX,
                        "0xA0 (light page heap suffix): the verifier reports it at free", damage);
                }
                add(parts, PartKind.UNUSED, user + requested + d.lightSuffix, dataEnd);
            } else {
                add(parts, PartKind.USER_DATA, user, dataEnd);
            }
        } else {
            add(parts, PartKind.USER_DATA, b.user(), dataEnd);
        }
        long unusedFrom = dataEnd;
        if (b.kind() == HeapBlock.Kind.BUSY && (b.flags() & HeapConstants.HEAP_ENTRY_FILL_PATTERN) != 0) {
            long tailEnd = Math.min(end, dataEnd + g);
            add(parts, PartKind.TAIL_FILL, dataEnd, tailEnd);
            compareBytes(dataEnd, tailEnd, 0xAB, "0xAB (tail fill): written past the requested size", damage);
            unusedFrom = tailEnd;
        }
        add(parts, PartKind.UNUSED, unusedFrom, end);
        return new Anatomy(parts, damage);
    }

    // ------------------------------------------------------------------------------------------ LFH

    private UserBlocks userBlocks(HeapBlock b, LowFragmentationHeap.UserBlocksInfo ub,
                                  List<LowFragmentationHeap.Chunk> found, java.util.Set<Long> damagedHeaders,
                                  Map<Long, long[]> crtBlocks) {
        List<Part> parts = new ArrayList<>();
        add(parts, PartKind.HEADER, b.entry(), b.user());
        add(parts, PartKind.USER_BLOCKS_HEADER, b.user(), ub.firstChunk());
        List<Chunk> chunks = new ArrayList<>();
        long end = b.entry() + b.size();
        for (LowFragmentationHeap.Chunk c : found) {
            long chunkEnd = Math.min(end, c.header() + c.stride());
            List<Part> cp = new ArrayList<>();
            List<Damage> damage = new ArrayList<>();
            add(cp, PartKind.CHUNK_HEADER, c.header(), c.user());
            if (c.busy()) {
                long[] crt = crtBlocks.get(c.user() - g);
                if (crt == null) {
                    crt = crtBlocks.get(c.header());
                }
                long dataEnd = Math.min(chunkEnd, c.user() + c.requested());
                if (crt != null && crt[0] > c.user() && crt[0] + crt[1] + CrtBlockHeader.NO_MANS_LAND_SIZE <= dataEnd) {
                    int land = CrtBlockHeader.NO_MANS_LAND_SIZE;
                    add(cp, PartKind.CRT_HEADER, c.user(), crt[0] - land);
                    add(cp, PartKind.NO_MANS_LAND, crt[0] - land, crt[0]);
                    add(cp, PartKind.USER_DATA, crt[0], crt[0] + crt[1]);
                    add(cp, PartKind.NO_MANS_LAND, crt[0] + crt[1], crt[0] + crt[1] + land);
                    String what = "0xFD (no-man's land): the CRT reports it at free or _CrtCheckMemory";
                    compareBytes(crt[0] - land, crt[0], CrtBlockHeader.NO_MANS_LAND_FILL, what, damage);
                    compareBytes(crt[0] + crt[1], crt[0] + crt[1] + land, CrtBlockHeader.NO_MANS_LAND_FILL, what,
                        damage);
                    add(cp, PartKind.UNUSED, crt[0] + crt[1] + land, chunkEnd);
                } else {
                    add(cp, PartKind.USER_DATA, c.user(), dataEnd);
                    add(cp, PartKind.UNUSED, dataEnd, chunkEnd);
                }
            }
            if (damagedHeaders.contains(c.header())) {
                damage.add(0, chunkHeaderDamage(ub, c));
            }
            chunks.add(new Chunk(c.header(), c.user(), chunkEnd, c.busy(), c.requested(), new Anatomy(cp, damage)));
        }
        return new UserBlocks(b.entry(), ub.address(), ub.bucket(), ub.firstChunk(), end, ub.active(), chunks,
            new Anatomy(parts, List.of()));
    }

    /**
     * The bytes of a chunk header that differ from what the LFH wrote (its offset to the UserBlocks, bucket, state);
     * the requested-size bytes when only they are wrong.
     */
    private Damage chunkHeaderDamage(LowFragmentationHeap.UserBlocksInfo ub, LowFragmentationHeap.Chunk c) {
        long h = c.header();
        long offset = (h - ub.address()) / 8;
        long first = -1;
        long last = -1;
        for (int i = 0; i < LowFragmentationHeap.CHUNK_HEADER; i++) {
            int expected = i < 4 ? (int) (offset >>> (8 * i)) & 0xFF : i == 6 ? ub.bucket()
                : i == 7 ? (c.busy() ? LowFragmentationHeap.CHUNK_BUSY : LowFragmentationHeap.CHUNK_FREE) : -1;
            if (expected >= 0 && mem.peekByte(h + i) != expected) {
                first = first < 0 ? h + i : first;
                last = h + i;
            }
        }
        String what = "LFH chunk header: an overrun of the chunk before it";
        return first < 0 ? new Damage(h + 4, h + 6, what) : new Damage(first, last + 1, what);
    }

    // ------------------------------------------------------------------------------------------ page heap

    private List<PageHeapBlock> pageHeapBlocks() {
        List<PageHeapBlock> out = new ArrayList<>();
        PageHeap pageHeap = heaps.pageHeap();
        DphLayout d = pageHeap.layout();
        for (long handle : pageHeap.handles()) {
            if ((pageHeap.pageHeapFlags(handle) & DphLayout.ENABLE_PAGE_HEAP) == 0) {
                continue;
            }
            List<PageHeap.DphBlock> all = new ArrayList<>(pageHeap.busyBlocks(handle));
            all.addAll(pageHeap.freedBlocks(handle));
            all.sort((a, b) -> Long.compareUnsigned(a.virtual(), b.virtual()));
            for (PageHeap.DphBlock b : all) {
                long guard = b.virtual() + b.virtualSize() - AddressSpace.PAGE_SIZE;
                long guardEnd = b.virtual() + b.virtualSize();
                if (!b.busy()) {
                    out.add(new PageHeapBlock(handle, b.virtual(), guard, guardEnd, b.user(), b.requested(), false,
                        new Anatomy(List.of(new Part(PartKind.GUARD_PAGE, guard, guardEnd)), List.of())));
                    continue;
                }
                long info = b.user() - d.infoSize();
                List<Part> parts = new ArrayList<>();
                List<Damage> damage = new ArrayList<>();
                add(parts, PartKind.UNUSED, b.virtual(), info);
                add(parts, PartKind.DPH_INFO, info, b.user());
                add(parts, PartKind.USER_DATA, b.user(), b.user() + b.requested());
                add(parts, PartKind.SUFFIX, b.user() + b.requested(), guard);
                add(parts, PartKind.GUARD_PAGE, guard, guardEnd);
                compareU32(info + d.infoStartStamp, DphLayout.FULL_BUSY_START,
                    "start stamp 0xABCDBBBB: the verifier stops at free", damage);
                compareU32(info + d.infoEndStamp, DphLayout.FULL_BUSY_END,
                    "end stamp 0xDCBABBBB: the verifier stops at free", damage);
                compareBytes(b.user() + b.requested(), guard, DphLayout.FULL_SUFFIX,
                    "0xD0 (page heap suffix): the verifier stops at free (corrupted suffix pattern)", damage);
                out.add(new PageHeapBlock(handle, b.virtual(), guard, guardEnd, b.user(), b.requested(), true,
                    new Anatomy(parts, damage)));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void add(List<Part> parts, PartKind kind, long start, long end) {
        if (end > start) {
            parts.add(new Part(kind, start, end));
        }
    }

    /** Adds the runs of bytes in [from, to) that are not `fill`. */
    private void compareBytes(long from, long to, int fill, String what, List<Damage> out) {
        long runStart = -1;
        for (long at = from; at < to; at++) {
            boolean bad = mem.peekByte(at) != fill;
            if (bad && runStart < 0) {
                runStart = at;
            } else if (!bad && runStart >= 0) {
                addDamage(out, runStart, at, what);
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            addDamage(out, runStart, to, what);
        }
    }

    /** As {@link #compareBytes} for a repeated little-endian dword pattern aligned at `from`. */
    private void compareDword(long from, long to, long pattern, String what, List<Damage> out) {
        if (to <= from) {
            return;
        }
        if (!mem.isReadable(from, to - from)) {
            addDamage(out, from, to, what);
            return;
        }
        long runStart = -1;
        long at = from;
        while (at < to) {
            int n = (int) Math.min(AddressSpace.PAGE_SIZE, to - at);
            byte[] bytes = mem.readBytes(at, n);
            for (int i = 0; i < n; i++) {
                int expected = (int) (pattern >>> (8 * ((at + i - from) & 3))) & 0xFF;
                boolean bad = (bytes[i] & 0xFF) != expected;
                if (bad && runStart < 0) {
                    runStart = at + i;
                } else if (!bad && runStart >= 0) {
                    addDamage(out, runStart, at + i, what);
                    runStart = -1;
                }
            }
            at += n;
        }
        if (runStart >= 0) {
            addDamage(out, runStart, to, what);
        }
    }

    private void compareU32(long at, long expected, String what, List<Damage> out) {
        for (int i = 0; i < 4; i++) {
            if (mem.peekByte(at + i) != ((expected >>> (8 * i)) & 0xFF)) {
                addDamage(out, at + i, at + i + 1, what);
            }
        }
    }

    private static void addDamage(List<Damage> out, long start, long end, String what) {
        if (!out.isEmpty()) {
            Damage last = out.get(out.size() - 1);
            if (last.end() == start && last.what().equals(what)) {
                out.set(out.size() - 1, new Damage(last.start(), end, what));
                return;
            }
        }
        if (out.size() < MAX_DAMAGE_RANGES) {
            out.add(new Damage(start, end, what));
        }
    }
}
