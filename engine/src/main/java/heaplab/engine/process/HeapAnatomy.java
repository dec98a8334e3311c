package heaplab.engine.process;

import heaplab.engine.inspect.BlockReader;
import heaplab.engine.inspect.ByteKind;
import heaplab.engine.inspect.ByteSpan;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
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
 * <p>The rules are {@link BlockReader}'s, the same the block inspector classifies bytes with: this class turns the
 * reader's spans into parts ({@link #partOf} maps the inspector's byte kinds to the map's parts) and damaged ranges.
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
        /** Bytes of the block nobody asked for (rounding). */
        UNUSED,
        /** The HEAP_ENTRY_EXTRA in a block's last granule (EXTRA_PRESENT: its tag index and stack trace index). */
        ENTRY_EXTRA,
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
     * @param lfhStructures  the user addresses of the heaps' LFH structures (the blocks FrontEndHeap points at)
     * @param pageHeaps      every page heap's handle (their own pages: the handle's, the root's, the nodes'), in order,
     *                       to whether it is full (light: its blocks are in its NormalHeap)
     */
    public record Picture(Map<Long, Anatomy> blocks, Map<Long, UserBlocks> userBlocks,
                          List<PageHeapBlock> pageHeapBlocks, java.util.Set<Long> lfhStructures,
                          Map<Long, Boolean> pageHeaps) {
        public static final Picture NONE = new Picture(Map.of(), Map.of(), List.of(), java.util.Set.of(), Map.of());

        /** Whether a back-end block (by user address) is a heap's LFH structure, the block FrontEndHeap points at. */
        public boolean isLfhStructure(long user) {
            return lfhStructures.contains(user);
        }
    }

    private static final int MAX_DAMAGE_RANGES = 64;
    private final AddressSpace mem;
    private final HeapManager heaps;
    private final BlockReader reader;
    private final PartsSink sink;
    private final int g;

    private HeapAnatomy(Process process) {
        this.mem = process.memory();
        this.heaps = process.heaps();
        this.reader = new BlockReader(mem, heaps);
        this.sink = new PartsSink(mem);
        this.g = heaps.layout().g;
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
        return of(process, heaps, crtBlocks, new Memo());
    }

    /**
     * As {@link #of(Process, List, Map)}, reusing what the memo kept of the last picture where nothing it depends on
     * changed: the same picture as without a memo, only faster when a step changed few blocks (a window stepping
     * through a trace keeps one memo per session).
     */
    public static Picture of(Process process, List<HeapInfo> heaps, Map<Long, long[]> crtBlocks, Memo memo) {
        HeapAnatomy anatomy = new HeapAnatomy(process);
        Picture picture = anatomy.picture(heaps, crtBlocks, memo);
        memo.userBlocks = anatomy.userBlocksSeen;
        return picture;
    }

    /**
     * What the last picture found of each LFH UserBlocks, by address, with what its chunks' anatomy depends on: the
     * back-end block, bucket, stride and busy bitmap, and the 8 bytes of each chunk header. A chunk whose inputs are
     * all the same and that holds no CRT block has the same anatomy (the only bytes it checks are its header's); a
     * UserBlocks whose chunks are all the same is the same object. A 100,000-step trace has some 40,000 chunks: a
     * step reads their headers (one 8-byte read each) and rebuilds the few that changed. The memo holds one picture's
     * UserBlocks only, so it never outgrows the heaps.
     */
    public static final class Memo {
        private Map<Long, SeenUserBlocks> userBlocks = Map.of();
    }

    private record SeenUserBlocks(long entry, long end, long firstChunk, long stride, int bucket, long[] headerBytes,
                                  boolean[] busy, boolean[] plain, UserBlocks userBlocks) {
    }

    private final Map<Long, SeenUserBlocks> userBlocksSeen = new HashMap<>();
    private Memo memo = new Memo();

    /**
     * The heap map's part for a kind of byte the inspector shows: the one mapping between the two views (the bytes
     * of a free block's body are in no part: null).
     */
    public static PartKind partOf(ByteKind kind) {
        return switch (kind) {
            case HEAP_ENTRY, FREE_ENTRY -> PartKind.HEADER;
            case ENTRY_EXTRA -> PartKind.ENTRY_EXTRA;
            case SLACK -> PartKind.UNUSED;
            case FREE_LINKS, FREE_DATA, FREE_FILL -> null;
            case LFH_HEADER -> PartKind.CHUNK_HEADER;
            case DPH_INFO, DPH_ROOT -> PartKind.DPH_INFO;
            case CRT_HEADER -> PartKind.CRT_HEADER;
            case DATA, BUSY_FILL, CLEAN_FILL, DEAD_FILL, PAGE_HEAP_FILL, PAGE_HEAP_FREED -> PartKind.USER_DATA;
            case NO_MANS_LAND -> PartKind.NO_MANS_LAND;
            case TAIL_FILL -> PartKind.TAIL_FILL;
            case PAGE_HEAP_SUFFIX -> PartKind.SUFFIX;
            case UNREADABLE -> PartKind.GUARD_PAGE;
        };
    }

    private Picture picture(List<HeapInfo> heapInfos, Map<Long, long[]> crtBlocks, Memo memo) {
        this.memo = memo;
        Map<Long, Anatomy> blocks = new HashMap<>();
        Map<Long, UserBlocks> userBlocks = new HashMap<>();
        java.util.Set<Long> structures = new java.util.HashSet<>();
        BlockReader.CrtLookup crt = crtBlocks.isEmpty() ? BlockReader.CrtLookup.NONE
            : header -> crtBlocks.get(header - g);
        for (HeapInfo heap : heapInfos) {
            long handle = heap.address();
            boolean light = reader.isLightNormalHeap(handle);
            long structure = heaps.lfh().structure(handle);
            if (structure != 0) {
                structures.add(structure);
            }
            Map<Long, LowFragmentationHeap.UserBlocksInfo> infos = new HashMap<>();
            for (LowFragmentationHeap.UserBlocksInfo ub : heaps.lfh().userBlocks(handle)) {
                infos.put(ub.address(), ub);
            }
            for (HeapSegmentInfo segment : heap.segments()) {
                for (HeapBlock b : segment.blocks()) {
                    LowFragmentationHeap.UserBlocksInfo ub = b.kind() == HeapBlock.Kind.BUSY && !infos.isEmpty()
                        ? infos.get(b.user()) : null;
                    if (ub != null) {
                        userBlocks.put(b.entry(), userBlocks(b, ub, crt));
                    } else if (b.kind() != HeapBlock.Kind.INTERNAL) {
                        sink.reset();
                        reader.ntBlock(b, light, crt, sink);
                        blocks.put(b.entry(), sink.anatomy());
                    }
                }
            }
            for (HeapBlock b : heap.virtualBlocks()) {
                sink.reset();
                reader.ntBlock(b, false, crt, sink);
                blocks.put(b.entry(), sink.anatomy());
            }
        }
        Map<Long, Boolean> pageHeaps = new java.util.LinkedHashMap<>();
        for (long handle : heaps.pageHeap().handles()) {
            pageHeaps.put(handle, (heaps.pageHeap().pageHeapFlags(handle) & DphLayout.ENABLE_PAGE_HEAP) != 0);
        }
        return new Picture(blocks, userBlocks, pageHeapBlocks(crt), structures,
            java.util.Collections.unmodifiableMap(pageHeaps));
    }

    // ------------------------------------------------------------------------------------------ LFH

    private UserBlocks userBlocks(HeapBlock b, LowFragmentationHeap.UserBlocksInfo ub, BlockReader.CrtLookup crt) {
        long end = b.entry() + b.size();
        boolean[] busy = ub.busy();
        int n = busy.length;
        long stride = ub.stride();
        SeenUserBlocks seen = memo.userBlocks.get(ub.address());
        if (seen != null && (seen.entry != b.entry() || seen.end != end || seen.firstChunk != ub.firstChunk()
            || seen.stride != stride || seen.bucket != ub.bucket() || seen.busy.length != n)) {
            seen = null;
        }
        long[] headerBytes = new long[n];
        boolean[] plain = new boolean[n];
        Chunk[] chunks = new Chunk[n];
        boolean same = seen != null && seen.userBlocks.active() == ub.active();
        long header = ub.firstChunk();
        for (int i = 0; i < n; i++, header += stride) {
            long user = header + LowFragmentationHeap.CHUNK_HEADER;
            long chunkEnd = Math.min(end, header + stride);
            plain[i] = chunkEnd >= user && (!busy[i] || crt.at(user) == null);
            headerBytes[i] = plain[i] ? mem.readU64(header) : 0;
            if (seen != null && plain[i] && seen.plain[i] && seen.headerBytes[i] == headerBytes[i]
                && seen.busy[i] == busy[i]) {
                chunks[i] = seen.userBlocks.chunks().get(i);
                continue;
            }
            same = false;
            sink.reset();
            int requested = reader.lfhChunk(ub.address(), ub.bucket(), header, stride, busy[i], end, crt, sink);
            chunks[i] = new Chunk(header, user, chunkEnd, busy[i], requested, sink.anatomy());
        }
        UserBlocks result;
        if (same) {
            result = seen.userBlocks;
        } else {
            List<Part> parts = new ArrayList<>(2);
            add(parts, PartKind.HEADER, b.entry(), b.user());
            add(parts, PartKind.USER_BLOCKS_HEADER, b.user(), ub.firstChunk());
            result = new UserBlocks(b.entry(), ub.address(), ub.bucket(), ub.firstChunk(), end, ub.active(),
                java.util.Arrays.asList(chunks), new Anatomy(parts, List.of()));
        }
        userBlocksSeen.put(ub.address(), new SeenUserBlocks(b.entry(), end, ub.firstChunk(), stride, ub.bucket(),
            headerBytes, busy, plain, result));
        return result;
    }

    // ------------------------------------------------------------------------------------------ page heap

    private List<PageHeapBlock> pageHeapBlocks(BlockReader.CrtLookup crt) {
        List<PageHeapBlock> out = new ArrayList<>();
        PageHeap pageHeap = heaps.pageHeap();
        for (long handle : pageHeap.handles()) {
            if ((pageHeap.pageHeapFlags(handle) & DphLayout.ENABLE_PAGE_HEAP) == 0) {
                continue;
            }
            List<PageHeap.DphBlock> all = new ArrayList<>(pageHeap.busyBlocks(handle));
            all.addAll(pageHeap.freedBlocks(handle));
            all.sort((a, b) -> Long.compareUnsigned(a.virtual(), b.virtual()));
            for (PageHeap.DphBlock b : all) {
                long guard = BlockReader.guardPage(b);
                sink.reset();
                reader.fullPageHeap(b, crt, sink);
                out.add(new PageHeapBlock(handle, b.virtual(), guard, b.virtual() + b.virtualSize(), b.user(),
                    b.requested(), b.busy(), sink.anatomy()));
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

    /**
     * Turns the reader's spans of one block into parts and damage: where spans overlap the last one says what the
     * bytes are (as the inspector's classifier does); adjacent bytes of one part kind make one part; the bytes of a
     * STRICT span that differ from its pattern are damage (unreadable bytes never are: a guard page is where it
     * should be). Reused from block to block: its buffers are primitive arrays.
     */
    private static final class PartsSink implements BlockReader.Sink {
        private static final int MAX_SPANS = 32;
        private final AddressSpace mem;
        private final long[] from = new long[MAX_SPANS];
        private final long[] to = new long[MAX_SPANS];
        private final ByteKind[] kind = new ByteKind[MAX_SPANS];
        private final boolean[] strict = new boolean[MAX_SPANS];
        private final long[] pattern = new long[MAX_SPANS];
        private final int[] patternBytes = new int[MAX_SPANS];
        private final String[] damage = new String[MAX_SPANS];
        private final long[] bounds = new long[2 * MAX_SPANS];
        private int count;

        PartsSink(AddressSpace mem) {
            this.mem = mem;
        }

        void reset() {
            count = 0;
        }

        @Override
        public void span(long start, long end, ByteKind k, ByteSpan.Expect expect, long bytes, int length,
                         ByteKind otherwise, String what) {
            if (count == MAX_SPANS) {
                return;
            }
            from[count] = start;
            to[count] = end;
            kind[count] = k;
            strict[count] = expect == ByteSpan.Expect.STRICT;
            pattern[count] = bytes;
            patternBytes[count] = length;
            damage[count] = what;
            count++;
        }

        Anatomy anatomy() {
            int n = 0;
            for (int i = 0; i < count; i++) {
                n = insert(bounds, n, from[i]);
                n = insert(bounds, n, to[i]);
            }
            List<Part> parts = new ArrayList<>(6);
            List<Damage> damages = null;
            PartKind open = null;
            long openStart = 0;
            long openEnd = 0;
            for (int b = 0; b + 1 < n; b++) {
                long x = bounds[b];
                long y = bounds[b + 1];
                int top = -1;
                for (int i = count - 1; i >= 0; i--) {
                    if (from[i] <= x && x < to[i]) {
                        top = i;
                        break;
                    }
                }
                if (top < 0) {
                    continue;
                }
                PartKind pk = partOf(kind[top]);
                if (pk != open || x != openEnd) {
                    if (open != null) {
                        parts.add(new Part(open, openStart, openEnd));
                    }
                    open = pk;
                    openStart = x;
                }
                openEnd = y;
                if (strict[top]) {
                    damages = compare(top, x, y, damages);
                }
            }
            if (open != null) {
                parts.add(new Part(open, openStart, openEnd));
            }
            return new Anatomy(parts, damages == null ? List.of() : damages);
        }

        /** Adds a value to a sorted array of distinct values of length n; returns the new length. */
        private static int insert(long[] a, int n, long v) {
            int i = n;
            while (i > 0 && a[i - 1] > v) {
                i--;
            }
            if (i > 0 && a[i - 1] == v) {
                return n;
            }
            System.arraycopy(a, i, a, i + 1, n - i);
            a[i] = v;
            return n + 1;
        }

        /** The runs of bytes of [x, y) that break span i's pattern. */
        private List<Damage> compare(int i, long x, long y, List<Damage> out) {
            long runStart = -1;
            long at = x;
            while (at < y) {
                int n = (int) Math.min(y - at, AddressSpace.PAGE_SIZE - (at & (AddressSpace.PAGE_SIZE - 1)));
                byte[] bytes = n > 16 && mem.isReadable(at, n) ? mem.readBytes(at, n) : null;
                for (int k = 0; k < n; k++) {
                    long a = at + k;
                    int value = bytes != null ? bytes[k] & 0xFF : mem.peekByte(a);
                    int expected = (int) (pattern[i] >>> (8 * ((a - from[i]) % patternBytes[i]))) & 0xFF;
                    boolean bad = value >= 0 && value != expected;
                    if (bad && runStart < 0) {
                        runStart = a;
                    } else if (!bad && runStart >= 0) {
                        out = addDamage(out, runStart, a, damage[i]);
                        runStart = -1;
                    }
                }
                at += n;
            }
            if (runStart >= 0) {
                out = addDamage(out, runStart, y, damage[i]);
            }
            return out;
        }
    }

    private static List<Damage> addDamage(List<Damage> out, long start, long end, String what) {
        if (out == null) {
            out = new ArrayList<>(2);
        }
        if (!out.isEmpty()) {
            Damage last = out.get(out.size() - 1);
            if (last.end() == start && last.what().equals(what)) {
                out.set(out.size() - 1, new Damage(last.start(), end, what));
                return out;
            }
        }
        if (out.size() < MAX_DAMAGE_RANGES) {
            out.add(new Damage(start, end, what));
        }
        return out;
    }
}
