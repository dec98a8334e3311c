package heaplab.engine.inspect;

import heaplab.engine.crt.CrtBlockHeader;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapManager;
import heaplab.engine.pageheap.DphLayout;
import heaplab.engine.pageheap.PageHeap;

/**
 * The one reader of a block's layers: which layer owns which bytes of a block and what it wrote there (heap-facts.md
 * 1.4, 1.8, 2, 3.2, 3.3, 4.1, 4.2). The block inspector turns its spans into byte kinds ({@link ByteClassifier}),
 * the heap map into parts and damaged ranges (heaplab.engine.process.HeapAnatomy), so both apply the same rules.
 *
 * <p>Spans go to a {@link Sink}, outer layers first: a later span overrides an earlier one where they overlap (a CRT
 * block inside an NT block's data). Every span is clipped to the block's bytes, so a damaged size field cannot make
 * a layer spill over the next block. Patterns are passed as a little-endian value of 1 or 4 bytes, so that the heap
 * map reads thousands of blocks per step without allocating a pattern per span.
 */
public final class BlockReader {
    /** What the layers expect, as the heap map words a damaged range. */
    public static final String TAIL_DAMAGE = "0xAB (tail fill): written past the requested size";
    public static final String FREE_FILL_DAMAGE = "0xFEEEFEEE (free fill): written after the block was freed";
    public static final String NO_MANS_LAND_DAMAGE =
        "0xFD (no-man's land): the CRT reports it at free or _CrtCheckMemory";
    public static final String DEAD_LAND_DAMAGE = "0xDD (dead land): written after the CRT block was freed";
    public static final String CHUNK_HEADER_DAMAGE = "LFH chunk header: an overrun of the chunk before it";
    public static final String START_STAMP_DAMAGE = "start stamp of DPH_BLOCK_INFORMATION: the verifier stops at free";
    public static final String END_STAMP_DAMAGE = "end stamp of DPH_BLOCK_INFORMATION: the verifier stops at free";
    public static final String FULL_SUFFIX_DAMAGE =
        "0xD0 (page heap suffix): the verifier stops at free (corrupted suffix pattern)";
    public static final String LIGHT_SUFFIX_DAMAGE = "0xA0 (light page heap suffix): the verifier reports it at free";
    public static final String PAGE_HEAP_FREED_DAMAGE = "0xF0 (freed page heap block): written after free";

    /** Receives a block's spans. */
    public interface Sink {
        /**
         * @param from         first address
         * @param to           end address (exclusive), after {@code from}
         * @param kind         what the bytes are
         * @param expect       how they are checked against the pattern
         * @param pattern      the expected bytes as a little-endian value, repeated from {@code from}
         * @param patternBytes the pattern's length (1 or 4; 0 for {@link ByteSpan.Expect#LABEL})
         * @param otherwise    for {@link ByteSpan.Expect#FILL}: the kind of bytes that do not hold the fill
         * @param damage       for {@link ByteSpan.Expect#STRICT}: what a differing byte breaks, in words
         */
        void span(long from, long to, ByteKind kind, ByteSpan.Expect expect, long pattern, int patternBytes,
                  ByteKind otherwise, String damage);
    }

    /**
     * Where the debug CRT's blocks are: given the address where a _CrtMemBlockHeader would start, its data address
     * and size when a block on the CRT's list starts there, else null.
     */
    @FunctionalInterface
    public interface CrtLookup {
        CrtLookup NONE = header -> null;

        /** {data address, data size}, or null. */
        long[] at(long header);
    }

    private final AddressSpace mem;
    private final HeapManager heaps;
    private final CrtBlockHeader crtHeaders;
    private final int g;
    private final int p;
    private Sink out;
    private long lo;
    private long hi;

    public BlockReader(AddressSpace mem, HeapManager heaps) {
        this.mem = mem;
        this.heaps = heaps;
        this.crtHeaders = new CrtBlockHeader(mem);
        this.g = heaps.layout().g;
        this.p = heaps.layout().p;
    }

    /** The size of a _CrtMemBlockHeader: a CRT block's data starts this far after its header. */
    public int crtHeaderSize() {
        return crtHeaders.size();
    }

    /**
     * Whether a heap is the NormalHeap of a light page heap: the only heap whose blocks hold a
     * DPH_BLOCK_INFORMATION (a block of another heap whose data happens to start with a stamp is just data).
     */
    public boolean isLightNormalHeap(long heap) {
        PageHeap pageHeap = heaps.pageHeap();
        for (long handle : pageHeap.handles()) {
            if ((pageHeap.pageHeapFlags(handle) & DphLayout.ENABLE_PAGE_HEAP) == 0
                && pageHeap.normalHeap(handle) == heap) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------ NT blocks

    /**
     * An NT block of a segment or a virtual block, with what it holds: a free block's links and fill; a busy
     * block's data, slack, 0xAB tail and HEAP_ENTRY_EXTRA; inside its data a light page heap block's
     * DPH_BLOCK_INFORMATION, data and suffix (when {@code lightPageHeap} and the stamps say so), and a debug CRT
     * block's header, no-man's land and data. An LFH UserBlocks is one busy block here: its chunks are
     * {@link #lfhChunk}'s.
     *
     * @param lightPageHeap whether the block's heap is a light page heap's NormalHeap (only there can a block hold a
     *                      DPH_BLOCK_INFORMATION)
     * @param crt           where the CRT's blocks are
     * @return the address a CRT header would start at (the innermost layer's data), 0 for a free or internal block
     */
    public long ntBlock(HeapBlock b, boolean lightPageHeap, CrtLookup crt, Sink sink) {
        long start = start(b);
        begin(start, b.entry() + b.size(), sink);
        long end = hi;
        boolean free = b.kind() == HeapBlock.Kind.FREE;
        label(start, b.user(), free ? ByteKind.FREE_ENTRY : ByteKind.HEAP_ENTRY);
        if (free) {
            long body = b.user() + 2L * p;
            label(b.user(), Math.min(body, end), ByteKind.FREE_LINKS);
            if ((b.flags() & HeapConstants.HEAP_ENTRY_FILL_PATTERN) != 0) {
                strict(body, end, ByteKind.FREE_FILL, 0xFEEEFEEEL, 4, FREE_FILL_DAMAGE);
            } else {
                label(body, end, ByteKind.FREE_DATA);
            }
            return 0;
        }
        if (b.kind() == HeapBlock.Kind.INTERNAL) {
            return 0;
        }
        long extra = heaps.tags().extraAddress(b.entry(), heaps.entries());
        long dataEnd = b.user() + b.requested();
        long slackEnd = extra != 0 && extra > b.user() && extra < end ? extra : end;
        fill(b.user(), dataEnd, ByteKind.BUSY_FILL, 0xBAADF00DL, 4, ByteKind.DATA);
        label(dataEnd, slackEnd, ByteKind.SLACK);
        if ((b.flags() & HeapConstants.HEAP_ENTRY_FILL_PATTERN) != 0) {
            strict(dataEnd, Math.min(dataEnd + g, slackEnd), ByteKind.TAIL_FILL, 0xAB, 1, TAIL_DAMAGE);
        }
        if (extra != 0 && slackEnd < end) {
            label(extra, end, ByteKind.ENTRY_EXTRA);
        }
        long inner = b.user();
        if (lightPageHeap && heaps.pageHeap().lightInfoAt(b.user()) != null) {
            inner = pageHeapInfo(b.user(), false);
        }
        crtBlock(inner, crt);
        return inner;
    }

    /**
     * Where a block's bytes start: its _HEAP_ENTRY, or a virtual block's _HEAP_VIRTUAL_ALLOC_ENTRY at the start of
     * its region (links, HEAP_ENTRY_EXTRA, CommitSize, ReserveSize, then the busy block's header).
     */
    public long start(HeapBlock b) {
        return b.kind() == HeapBlock.Kind.VIRTUAL ? b.entry() - heaps.layout().vaBusyBlock : b.entry();
    }

    // ------------------------------------------------------------------------------------------ LFH

    /**
     * A chunk of an LFH UserBlocks: the 8-byte header the LFH wrote and relies on (its distance to the UserBlocks,
     * bucket and state; a free chunk's requested size 0), the data and slack of a busy chunk with a CRT block inside
     * when there is one, a free chunk's bytes.
     *
     * @param userBlocks the UserBlocks' address (its _HEAP_USERDATA_HEADER)
     * @param bucket     the bucket whose list holds the UserBlocks
     * @param header     the chunk header's address
     * @param stride     the distance between chunk headers
     * @param busy       what the UserBlocks' bitmap says
     * @param end        the end of the back-end block holding the UserBlocks (a chunk never goes past it)
     * @return the chunk's requested size as its header says (0 for a free chunk)
     */
    public int lfhChunk(long userBlocks, int bucket, long header, long stride, boolean busy, long end,
                        CrtLookup crt, Sink sink) {
        begin(header, Math.min(end, header + stride), sink);
        long user = header + LowFragmentationHeap.CHUNK_HEADER;
        long chunkEnd = hi;
        label(header, user, ByteKind.LFH_HEADER);
        strict(header, header + 4, ByteKind.LFH_HEADER, ((header - userBlocks) / 8) & 0xFFFF_FFFFL, 4,
            CHUNK_HEADER_DAMAGE);
        if (!busy) {
            strict(header + 4, header + 6, ByteKind.LFH_HEADER, 0, 1, CHUNK_HEADER_DAMAGE);
        }
        strict(header + 6, header + 7, ByteKind.LFH_HEADER, bucket & 0xFF, 1, CHUNK_HEADER_DAMAGE);
        strict(header + 7, header + 8, ByteKind.LFH_HEADER,
            busy ? LowFragmentationHeap.CHUNK_BUSY : LowFragmentationHeap.CHUNK_FREE, 1, CHUNK_HEADER_DAMAGE);
        if (!busy) {
            label(user, chunkEnd, ByteKind.FREE_DATA);
            return 0;
        }
        int requested = mem.isReadable(header + 4, 2) ? mem.readU16(header + 4) : 0;
        long dataEnd = Math.min(chunkEnd, user + requested);
        label(user, dataEnd, ByteKind.DATA);
        label(dataEnd, chunkEnd, ByteKind.SLACK);
        crtBlock(user, crt);
        return requested;
    }

    // ------------------------------------------------------------------------------------------ page heap

    /**
     * A full page heap block on its own pages: the alignment bytes before its DPH_BLOCK_INFORMATION, the
     * information with its stamps, data, 0xD0 suffix up to the guard page, and the guard page; a CRT block inside.
     * A freed block's pages are decommitted: unreadable.
     *
     * @return the address a CRT header would start at (the block's user address)
     */
    public long fullPageHeap(PageHeap.DphBlock b, CrtLookup crt, Sink sink) {
        DphLayout d = heaps.pageHeap().layout();
        long guardEnd = b.virtual() + b.virtualSize();
        long guard = guardEnd - AddressSpace.PAGE_SIZE;
        long info = b.user() - d.infoSize();
        begin(b.virtual(), guardEnd, sink);
        label(b.virtual(), info, ByteKind.SLACK);
        long user = pageHeapInfo(info, true);
        label(guard, guardEnd, ByteKind.UNREADABLE);
        crtBlock(user, crt);
        return user;
    }

    /** Where a full page heap block's guard page starts. */
    public static long guardPage(PageHeap.DphBlock b) {
        return b.virtual() + b.virtualSize() - AddressSpace.PAGE_SIZE;
    }

    /**
     * The DPH_BLOCK_INFORMATION at `info` and the data and suffix after it (heap-facts.md 3.3). Returns the block's
     * user address, where a CRT header would start.
     */
    private long pageHeapInfo(long info, boolean full) {
        DphLayout d = heaps.pageHeap().layout();
        long user = info + d.infoSize();
        label(info, user, ByteKind.DPH_INFO);
        if (!mem.isReadable(info, d.infoSize())) {
            return user;
        }
        long start = mem.readU32(info + d.infoStartStamp);
        DphLayout.Stamps expected = DphLayout.Stamps.of(start, full);
        boolean freed = expected.freed();
        long expectedStart = expected.start();
        long expectedEnd = expected.end();
        long requested = mem.readPtr(info + d.infoRequestedSize);
        strict(info + d.infoStartStamp, info + d.infoStartStamp + 4, ByteKind.DPH_INFO, expectedStart, 4,
            START_STAMP_DAMAGE);
        strict(info + d.infoEndStamp, info + d.infoEndStamp + 4, ByteKind.DPH_INFO, expectedEnd, 4,
            END_STAMP_DAMAGE);
        long dataEnd = clip(user + requested);
        long suffixEnd = full ? user + AddressSpace.alignUp(requested, d.alignment) : user + requested + d.lightSuffix;
        if (freed) {
            strict(user, dataEnd, ByteKind.PAGE_HEAP_FREED, DphLayout.FREE_FILL, 1, PAGE_HEAP_FREED_DAMAGE);
        } else {
            fill(user, dataEnd, ByteKind.PAGE_HEAP_FILL, full ? DphLayout.FULL_FILL : DphLayout.LIGHT_FILL, 1,
                ByteKind.DATA);
        }
        strict(dataEnd, suffixEnd, ByteKind.PAGE_HEAP_SUFFIX, full ? DphLayout.FULL_SUFFIX : DphLayout.LIGHT_SUFFIX,
            1, full ? FULL_SUFFIX_DAMAGE : LIGHT_SUFFIX_DAMAGE);
        return user;
    }

    // ------------------------------------------------------------------------------------------ debug CRT

    /**
     * The CRT block whose header starts at `header`, when the CRT's list has one there and it fits in the block:
     * its header, the 0xFD no-man's land on each side, its data (0xCD while fresh, 0xDD once freed).
     */
    private void crtBlock(long header, CrtLookup crt) {
        long[] found = crt.at(header);
        if (found == null) {
            return;
        }
        int land = CrtBlockHeader.NO_MANS_LAND_SIZE;
        long data = found[0];
        long size = found[1];
        if (data - land < header || size < 0 || data + size + land > hi || data + size + land < data) {
            return; // a header damaged past its block: the layers below say what the bytes are
        }
        boolean freed = mem.isReadable(header, crtHeaders.size())
            && (crtHeaders.blockUse(header) & 0xFFFF) == heaplab.engine.crt.CrtConstants.FREE_BLOCK;
        label(header, data - land, ByteKind.CRT_HEADER);
        strict(data - land, data, ByteKind.NO_MANS_LAND, CrtBlockHeader.NO_MANS_LAND_FILL, 1, NO_MANS_LAND_DAMAGE);
        if (freed) {
            strict(data, data + size, ByteKind.DEAD_FILL, CrtBlockHeader.DEAD_LAND_FILL, 1, DEAD_LAND_DAMAGE);
        } else {
            fill(data, data + size, ByteKind.CLEAN_FILL, CrtBlockHeader.CLEAN_LAND_FILL, 1, ByteKind.DATA);
        }
        strict(data + size, data + size + land, ByteKind.NO_MANS_LAND, CrtBlockHeader.NO_MANS_LAND_FILL, 1,
            NO_MANS_LAND_DAMAGE);
    }

    // ------------------------------------------------------------------------------------------ spans

    private void begin(long from, long to, Sink sink) {
        this.lo = from;
        this.hi = to;
        this.out = sink;
    }

    private long clip(long address) {
        return Math.max(lo, Math.min(hi, address));
    }

    private void label(long from, long to, ByteKind kind) {
        emit(from, to, kind, ByteSpan.Expect.LABEL, 0, 0, kind, null);
    }

    private void fill(long from, long to, ByteKind kind, long pattern, int bytes, ByteKind otherwise) {
        emit(from, to, kind, ByteSpan.Expect.FILL, pattern, bytes, otherwise, null);
    }

    private void strict(long from, long to, ByteKind kind, long pattern, int bytes, String damage) {
        emit(from, to, kind, ByteSpan.Expect.STRICT, pattern, bytes, kind, damage);
    }

    private void emit(long from, long to, ByteKind kind, ByteSpan.Expect expect, long pattern, int bytes,
                      ByteKind otherwise, String damage) {
        long a = clip(from);
        long b = clip(to);
        if (b > a) {
            out.span(a, b, kind, expect, pattern, bytes, otherwise, damage);
        }
    }
}
