package heaplab.engine.lfh;

import heaplab.engine.Arch;
import heaplab.engine.memory.AccessViolation;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapLayout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/**
 * The Low Fragmentation Heap front end of one process's NT heaps (heap-facts.md section 2), for heaps whose
 * HeapCompatibilityInformation is 2. Everything lives in simulated memory, so snapshots restore it:
 * <ul>
 *   <li>{@code _HEAP.FrontEndHeap} points to HeapLab's LFH structure, a back-end busy block made at the first LFH
 *       request: 128 pointers, one per bucket, to the bucket's first UserBlocks, then 128 pointers to the bucket's
 *       active UserBlocks, the one requests take chunks from (the role of Windows' ActiveSubsegment).</li>
 *   <li>A UserBlocks is one back-end busy block (a single busy entry in {@code !heap -a}): HeapLab's
 *       {@code _HEAP_USERDATA_HEADER} (Next UserBlocks of the bucket, Signature 0xF0E0D0C0, BucketIndex,
 *       ChunkCount, ChunkStride, BusyCount, a 128-bit busy bitmap, the LFH structure that owns it), then ChunkCount
 *       equal chunks.</li>
 *   <li>Per-bucket request counters for Windows 7's activation (the role of Windows 8's FrontEndHeapUsageData,
 *       which the XP {@code _HEAP} laid out here has no field for): a table in ntdll's data, one row of 128 USHORTs
 *       per heap, by the heap's ProcessHeapsListIndex.</li>
 *   <li>A chunk is an 8-byte header (x86 and x64) and the bucket's bytes; the header holds the chunk's distance to
 *       its UserBlocks in 8-byte units (the role of Windows' encoded SubSegmentCode), the requested size, the
 *       bucket index and 0x81 (busy) or 0x80 (free) in its last byte, where Windows' UnusedBytes marks LFH chunks
 *       with 0x80. The busy bitmap is the truth; the header is there for {@code dd} and the console.</li>
 * </ul>
 * Choices where sources are silent: on x64 the chunk stride rounds up to 16 so user data stays 16-aligned (1.11.6);
 * a UserBlocks has as many chunks as fit in a page, at least 8 and at most 128; a request takes the lowest free
 * chunk of the bucket's active UserBlocks (no randomisation, as before Windows 8); when that is full, the first of
 * the bucket's UserBlocks with room becomes active, else a new one at the end of the bucket's list; a free into
 * another UserBlocks makes that one active when the active one is full; freed chunks stay in their UserBlocks (no
 * coalescing, and an empty UserBlocks is not given back to the back end). A chunk is found from its header in O(1),
 * as Windows finds its subsegment: the header's distance leads to a UserBlocks whose signature and owner match.
 */
public final class LowFragmentationHeap {
    /** Largest request the LFH serves; bigger ones go to the back end ("approximately 16 KB"). */
    public static final long MAXIMUM_REQUEST = 16384;
    public static final int BUCKETS = 128;
    /** Requests of one size class after which lfh "auto" turns the LFH on (0x12, heap-facts.md 1.11.17). */
    public static final int AUTO_ACTIVATION_REQUESTS = 0x12;
    /** Bytes of the request counters of one heap: a USHORT per bucket. */
    public static final int USAGE_ROW = BUCKETS * 2;
    /** Heaps the counter table has rows for (the PEB's MaximumNumberOfHeaps). */
    public static final int MAXIMUM_HEAPS = 0x80;
    public static final long USER_BLOCKS_SIGNATURE = 0xF0E0D0C0L;
    /** Bytes of a chunk's header, on x86 and x64. */
    public static final int CHUNK_HEADER = 8;

    /**
     * Where a debugger's listings put a chunk's entry: a granule before its data, as a back-end block's. On x64 that
     * is 16 bytes, the _HEAP_ENTRY's first 8 (PreviousBlockPrivateData) being the last 8 of the chunk before, as in
     * Windows' x64 heap; the chunk's own 8-byte header is the entry's second half.
     */
    public static long entryOf(Arch arch, Chunk chunk) {
        return chunk.user() - arch.granularity();
    }
    public static final int CHUNK_FREE = 0x80;
    public static final int CHUNK_BUSY = 0x81;
    private static final int MAXIMUM_CHUNKS = 128;
    private static final int MINIMUM_CHUNKS = 8;

    private final AddressSpace mem;
    private final HeapLayout l;
    private final int p;
    private final int g;
    private final int next;
    private final int signature;
    private final int bucketIndex;
    private final int chunkCount;
    private final int chunkStride;
    private final int busyCount;
    private final int bitmap;
    private final int owner;
    private final int firstChunk;
    private final long usageTable;

    /** @param usageTable where the per-heap rows of request counters start (MAXIMUM_HEAPS rows of 256 bytes) */
    public LowFragmentationHeap(AddressSpace mem, HeapLayout layout, long usageTable) {
        this.mem = mem;
        this.l = layout;
        this.p = layout.p;
        this.g = layout.g;
        this.next = 0;
        this.signature = p;
        this.bucketIndex = p + 4;
        this.chunkCount = p + 6;
        this.chunkStride = p + 8;
        this.busyCount = p + 12;
        this.bitmap = p + 16;
        this.owner = bitmap + MAXIMUM_CHUNKS / 8;
        this.usageTable = usageTable;
        int headerEnd = owner + p;
        this.firstChunk = align(headerEnd + CHUNK_HEADER, g) - CHUNK_HEADER;
        for (int bucket = 1; bucket <= BUCKETS; bucket++) {
            strides[bucket] = align(bucketSize(bucket) + CHUNK_HEADER, g);
            long fit = AddressSpace.PAGE_SIZE / strides[bucket];
            chunkCounts[bucket] = (int) Math.max(MINIMUM_CHUNKS, Math.min(MAXIMUM_CHUNKS, fit));
        }
    }

    /** By bucket: a chunk's stride (its size and header, aligned to the granularity), and a UserBlocks' chunks. */
    private final long[] strides = new long[BUCKETS + 1];
    private final int[] chunkCounts = new int[BUCKETS + 1];

    /**
     * One chunk as decoded from memory; `index` is its place in the UserBlocks (0 for the first chunk), `owner` the
     * LFH structure its UserBlocks was checked against (0 when it was not checked).
     */
    public record Chunk(long userBlocks, long header, long user, int bucket, long stride, boolean busy,
                        long requested, int index, long owner) {
    }

    /** The bucket (1 to 128) of a request of `size` bytes (0 and 1 to 8 share bucket 1), or 0 above 16 KB. */
    public static int bucketOf(long size) {
        if (size < 0 || size > MAXIMUM_REQUEST) {
            return 0;
        }
        return BUCKET_OF[(int) size] & 0xFF;
    }

    /** {@link #bucketOf} by size, 0 to 16 KB (every heap request to the LFH looks its bucket up). */
    private static final byte[] BUCKET_OF = new byte[(int) MAXIMUM_REQUEST + 1];
    /** {@link #bucketSize} by bucket. */
    private static final long[] BUCKET_SIZE = new long[BUCKETS + 1];

    static {
        for (int size = 0; size <= MAXIMUM_REQUEST; size++) {
            BUCKET_OF[size] = (byte) computeBucketOf(size);
        }
        for (int bucket = 1; bucket <= BUCKETS; bucket++) {
            BUCKET_SIZE[bucket] = computeBucketSize(bucket);
        }
    }

    private static int computeBucketOf(long size) {
        if (size <= 256) {
            return (int) Math.max(1, (size + 7) / 8);
        }
        int bucket = 32;
        long base = 256;
        long granularity = 16;
        while (size > base * 2) {
            base *= 2;
            granularity *= 2;
            bucket += 16;
        }
        return bucket + (int) ((size - base + granularity - 1) / granularity);
    }

    /** The largest request of a bucket. */
    public static long bucketSize(int bucket) {
        return bucket >= 1 && bucket <= BUCKETS ? BUCKET_SIZE[bucket] : computeBucketSize(bucket);
    }

    private static long computeBucketSize(int bucket) {
        if (bucket <= 32) {
            return bucket * 8L;
        }
        long base = 256;
        long granularity = 16;
        int first = 33;
        while (bucket >= first + 16) {
            base *= 2;
            granularity *= 2;
            first += 16;
        }
        return base + (bucket - first + 1) * granularity;
    }

    /** Distance between chunks of a bucket: bucket bytes and header, rounded to the heap granularity. */
    public long stride(int bucket) {
        return bucket >= 1 && bucket <= BUCKETS ? strides[bucket] : align(bucketSize(bucket) + CHUNK_HEADER, g);
    }

    private int chunksPerUserBlocks(int bucket) {
        return chunkCounts[bucket];
    }

    /** The user address of the heap's LFH structure (FrontEndHeap), or 0 before its first LFH request. */
    public long structure(long heap) {
        if (heap == memoHeap && memoStamp == mem.changes() && memoStructure != 0) {
            return memoStructure;
        }
        long lfh = mem.readPtr(heap + l.heapFrontEndHeap);
        if (lfh != 0 && mem.untouched()) {
            remember(heap);
            memoStructure = lfh;
        }
        return lfh;
    }

    /*
     * Memos of what the heap code alone writes, so that each call need not read it again: the last heap's
     * FrontEndHeap (once set, it changes only with the heap) and its usage row, and the last UserBlocks found sound.
     * They are kept only while nothing but the heap code ever wrote a heap (AddressSpace#untouched: no write of the
     * heap code went astray through a damaged pointer) and stand while no foreign or guarded write happens
     * (AddressSpace#changes); the heap code forgets them when it changes a heap list or destroys a heap
     * ({@link #forgetMemos}). A UserBlocks' header is written once, when it is made, and it is never released.
     */
    private long memoHeap;
    private long memoStamp = -1;
    private long memoStructure;
    private long memoUsageRow = -1;
    private long memoUserBlocks;
    private long memoUserBlocksOwner;
    private int memoUserBlocksBucket;
    private long memoUserBlocksStamp = -1;
    /** The last address found to be no UserBlocks (forgotten when a UserBlocks is made). */
    private long memoNotUserBlocks;
    private long memoNotUserBlocksOwner;
    private long memoNotUserBlocksStamp = -1;

    private void remember(long heap) {
        if (heap != memoHeap || memoStamp != mem.changes()) {
            memoHeap = heap;
            memoStamp = mem.changes();
            memoStructure = 0;
            memoUsageRow = -1;
        }
    }

    /** Forgets the memos: the heap code changed a heap list, created or destroyed a heap. */
    public void forgetMemos() {
        memoHeap = 0;
        memoStamp = -1;
        memoUserBlocksStamp = -1;
        memoNotUserBlocksStamp = -1;
    }

    /**
     * Whether `user` is the user address of one of the heap's LFH blocks in the back end (its structure or a
     * UserBlocks): the heap's own, which HeapFree, HeapReAlloc and HeapSize refuse as they refuse any bad pointer.
     */
    public boolean isOwnBlock(long heap, long user) {
        long lfh = structure(heap);
        if (lfh == 0 || user == lfh) {
            return lfh != 0;
        }
        if (user == memoNotUserBlocks && lfh == memoNotUserBlocksOwner && memoNotUserBlocksStamp == mem.changes()) {
            return false; // a program's block, asked about again (a HeapReAlloc at every step)
        }
        if (userBlocksBucket(lfh, user) != 0) {
            return true;
        }
        if (mem.untouched()) {
            memoNotUserBlocks = user;
            memoNotUserBlocksOwner = lfh;
            memoNotUserBlocksStamp = mem.changes();
        }
        return false;
    }

    /**
     * The bucket of the UserBlocks at `ub` when it holds a UserBlocks header of the LFH structure `lfh` (signature,
     * owner, bucket, stride and chunk count), else 0.
     */
    private int userBlocksBucket(long lfh, long ub) {
        if (ub == memoUserBlocks && lfh == memoUserBlocksOwner && memoUserBlocksStamp == mem.changes()) {
            return memoUserBlocksBucket;
        }
        int bucket = readUserBlocksBucket(lfh, ub);
        if (bucket != 0 && mem.untouched()) {
            memoUserBlocks = ub;
            memoUserBlocksOwner = lfh;
            memoUserBlocksBucket = bucket;
            memoUserBlocksStamp = mem.changes();
        }
        return bucket;
    }

    private int readUserBlocksBucket(long lfh, long ub) {
        if (!mem.isReadable(ub, firstChunk) || mem.readU32(ub + signature) != USER_BLOCKS_SIGNATURE
            || mem.readPtr(ub + owner) != lfh) {
            return 0;
        }
        int bucket = mem.readU16(ub + bucketIndex);
        return bucket >= 1 && bucket <= BUCKETS && mem.readU32(ub + chunkStride) == stride(bucket)
            && mem.readU16(ub + chunkCount) == chunksPerUserBlocks(bucket) ? bucket : 0;
    }

    /** Whether the heap has its LFH structure (FrontEndHeap). */
    public boolean present(long heap) {
        return structure(heap) != 0;
    }

    /**
     * Serves a request from the LFH; 0 when the back end could not give the LFH structure or a new UserBlocks
     * (the caller then uses the back end). `backEnd` allocates that many bytes from the heap's back end, returning
     * the user address or 0.
     */
    public long allocate(long heap, long size, boolean zero, LongUnaryOperator backEnd) {
        int bucket = bucketOf(size);
        if (bucket == 0) {
            return 0;
        }
        long lfh = structure(heap);
        if (lfh != 0) {
            long ub = mem.readPtr(lfh + (long) (BUCKETS + bucket - 1) * p);
            long user = ub != 0 ? takeIfRoom(ub, bucket, size, zero) : 0;
            if (user != 0) {
                return user;
            }
        }
        return allocateElsewhere(heap, lfh, bucket, size, zero, backEnd);
    }

    /**
     * {@link #allocate} when the active UserBlocks has no room (or there is none, or no LFH structure yet): the
     * first UserBlocks of the bucket's list with room, else a new one. Apart, so that the common case stays small
     * enough for the JIT to inline into its caller.
     */
    private long allocateElsewhere(long heap, long lfh, int bucket, long size, boolean zero,
                                   LongUnaryOperator backEnd) {
        if (lfh == 0) {
            lfh = backEnd.applyAsLong(2L * BUCKETS * p);
            if (lfh == 0) {
                return 0;
            }
            mem.fill(lfh, 2L * BUCKETS * p, 0);
            mem.writePtr(heap + l.heapFrontEndHeap, lfh);
            forgetMemos();
        }
        long active = lfh + (long) (BUCKETS + bucket - 1) * p;
        long ub;
        long slot = lfh + (long) (bucket - 1) * p;
        long last = 0;
        for (ub = mem.readPtr(slot); ub != 0; ub = mem.readPtr(ub + next)) {
            if (hasRoom(ub)) {
                mem.writePtr(active, ub);
                return take(ub, bucket, size, zero);
            }
            last = ub;
        }
        ub = newUserBlocks(lfh, bucket, backEnd);
        if (ub == 0) {
            return 0;
        }
        mem.writePtr(last == 0 ? slot : last + next, ub);
        mem.writePtr(active, ub);
        return take(ub, bucket, size, zero);
    }

    private boolean hasRoom(long ub) {
        return mem.readU32(ub + busyCount) < mem.readU16(ub + chunkCount);
    }

    private long newUserBlocks(long lfh, int bucket, LongUnaryOperator backEnd) {
        int count = chunksPerUserBlocks(bucket);
        long stride = stride(bucket);
        long bytes = firstChunk + count * stride;
        long ub = backEnd.applyAsLong(bytes);
        if (ub == 0) {
            return 0;
        }
        memoNotUserBlocksStamp = -1; // the block may be one asked about before
        mem.fill(ub, firstChunk, 0);
        mem.writeU32(ub + signature, USER_BLOCKS_SIGNATURE);
        mem.writeU16(ub + bucketIndex, bucket);
        mem.writeU16(ub + chunkCount, count);
        mem.writeU32(ub + chunkStride, stride);
        mem.writePtr(ub + owner, lfh);
        for (int i = 0; i < count; i++) {
            long header = ub + firstChunk + i * stride;
            writeHeader(ub, header, bucket, 0, CHUNK_FREE);
        }
        return ub;
    }

    /**
     * {@link #hasRoom} then {@link #take} with nothing written between them, so without reading BusyCount and
     * ChunkCount twice; 0 when the UserBlocks has no room.
     */
    private long takeIfRoom(long ub, int bucket, long size, boolean zero) {
        long busyNow = mem.readU32(ub + busyCount);
        int count = mem.readU16(ub + chunkCount);
        return busyNow < count ? take(ub, count, busyNow, bucket, size, zero) : 0;
    }

    /** The lowest free chunk of the UserBlocks, now busy with `size` bytes. */
    private long take(long ub, int bucket, long size, boolean zero) {
        return take(ub, mem.readU16(ub + chunkCount), -1, bucket, size, zero);
    }

    /**
     * @param count   the ChunkCount just read
     * @param busyNow the BusyCount just read, or -1 to read it after the bitmap is written (a write before the take,
     *                as of the active pointer, may have changed it on a damaged heap)
     */
    private long take(long ub, int count, long busyNow, int bucket, long size, boolean zero) {
        // The bitmap read 64 chunks at a time: the lowest clear bit below ChunkCount is the lowest free chunk.
        for (int base = 0; base < count; base += 64) {
            long word = ub + bitmap + base / 8;
            long bits = mem.readU64(word);
            long free = count - base >= 64 ? ~bits : ~bits & ((1L << (count - base)) - 1);
            if (free != 0) {
                int bit = Long.numberOfTrailingZeros(free);
                mem.writeU64(word, bits | 1L << bit);
                mem.writeU32(ub + busyCount, (busyNow >= 0 ? busyNow : mem.readU32(ub + busyCount)) + 1);
                long header = ub + firstChunk + (base + bit) * mem.readU32(ub + chunkStride);
                writeHeader(ub, header, bucket, size, CHUNK_BUSY);
                if (zero) {
                    mem.fill(header + CHUNK_HEADER, bucketSize(bucket), 0);
                }
                return header + CHUNK_HEADER;
            }
        }
        throw new IllegalStateException("UserBlocks " + Long.toHexString(ub) + " has no free chunk");
    }

    /** The 8-byte chunk header in one write: distance / 8 (ULONG), requested size (USHORT), bucket, state. */
    private void writeHeader(long ub, long header, int bucket, long requested, int state) {
        mem.writeU64(header, ((header - ub) / 8 & 0xFFFF_FFFFL) | (requested & 0xFFFF) << 32
            | (long) (bucket & 0xFF) << 48 | (long) (state & 0xFF) << 56);
    }

    /** The chunk (busy or free) whose user data starts at `user`, or null when it is no LFH chunk of the heap. */
    public Chunk chunkAt(long heap, long user) {
        if (!locate(heap, user)) {
            return null;
        }
        return new Chunk(foundUserBlocks, user - CHUNK_HEADER, user, foundBucket, stride(foundBucket), foundBusy,
            foundBusy ? (foundWord >>> 32) & 0xFFFF : 0, foundIndex, foundOwner);
    }

    /** What the last {@link #locate} found: a chunk's UserBlocks, bucket, index, busy bit, header and LFH. */
    private long foundUserBlocks;
    private int foundBucket;
    private int foundIndex;
    private boolean foundBusy;
    private long foundWord;
    private long foundOwner;

    /** {@link #chunkAt} without the record (a free of every chunk made one): true and the found* fields, or false. */
    private boolean locate(long heap, long user) {
        long lfh = structure(heap);
        long header = user - CHUNK_HEADER;
        if (lfh == 0 || (user & (CHUNK_HEADER - 1)) != 0) {
            return false;
        }
        long word; // the header in one read: distance / 8, requested, bucket, state
        try {
            word = mem.readU64(header);
        } catch (AccessViolation fault) {
            return false; // not readable: no chunk (an aligned header lies in one page, so the read checks all of it)
        }
        int state = (int) (word >>> 56);
        long ub = header - (word & 0xFFFF_FFFFL) * 8;
        int bucket = state != CHUNK_BUSY && state != CHUNK_FREE || ub >= header ? 0 : userBlocksBucket(lfh, ub);
        if (bucket == 0) {
            return false;
        }
        long offset = header - (ub + firstChunk);
        int stride = (int) stride(bucket); // userBlocksBucket checked ChunkStride and ChunkCount against the bucket's
        if (offset < 0 || offset >= (long) chunksPerUserBlocks(bucket) * stride) {
            return false;
        }
        int index = (int) offset / stride; // one 32-bit division: the offset lies inside the UserBlocks
        if ((long) index * stride != offset) {
            return false;
        }
        foundUserBlocks = ub;
        foundBucket = bucket;
        foundIndex = index;
        foundBusy = (mem.readByte(ub + bitmap + (index >>> 3)) & (1 << (index & 7))) != 0;
        foundWord = word;
        foundOwner = lfh;
        return true;
    }

    /** {@link #freeChunkAt}'s answers. */
    public static final int NOT_A_CHUNK = 0;
    public static final int FREED = 1;
    public static final int NOT_BUSY = 2;

    /**
     * HeapFree's LFH part: frees the chunk at `user` when it is a busy chunk (as {@link #free} of {@link #chunkAt}'s
     * chunk), else says why not: no chunk there (the back end's block, or no block), or a free chunk.
     */
    public int freeChunkAt(long heap, long user) {
        if (!locate(heap, user)) {
            return NOT_A_CHUNK;
        }
        if (!foundBusy) {
            return NOT_BUSY;
        }
        free(foundUserBlocks, user - CHUNK_HEADER, foundBucket, foundIndex, foundOwner);
        return FREED;
    }

    private Chunk chunk(long ub, int index) {
        long stride = mem.readU32(ub + chunkStride);
        long header = ub + firstChunk + index * stride;
        boolean busy = (mem.readByte(ub + bitmap + index / 8) & (1 << (index % 8))) != 0;
        return new Chunk(ub, header, header + CHUNK_HEADER, mem.readU16(ub + bucketIndex), stride, busy,
            busy ? mem.readU16(header + 4) : 0, index, 0);
    }

    /**
     * One UserBlocks as the views show it.
     *
     * @param busy   the busy bitmap, a flag per chunk
     * @param active whether the bucket's requests take chunks from it now
     */
    public record UserBlocksInfo(long address, int bucket, long chunkSize, long stride, long firstChunk,
                                 int busyCount, boolean[] busy, boolean active) {
        /** The user address of chunk `index`. */
        public long chunkUser(int index) {
            return firstChunk + index * stride + CHUNK_HEADER;
        }
    }

    /**
     * The heap's UserBlocks by bucket, then in their list's order; a list damaged past its header checks ends there
     * (the views draw what was found).
     */
    public List<UserBlocksInfo> userBlocks(long heap) {
        List<UserBlocksInfo> out = new ArrayList<>();
        long lfh = structure(heap);
        if (lfh == 0 || !mem.isReadable(lfh, 2L * BUCKETS * p)) {
            return out;
        }
        for (int bucket = 1; bucket <= BUCKETS; bucket++) {
            long active = mem.readPtr(lfh + (long) (BUCKETS + bucket - 1) * p);
            int guard = 0;
            for (long ub = mem.readPtr(lfh + (long) (bucket - 1) * p); ub != 0 && userBlocksBucket(lfh, ub) != 0
                     && guard < 1_000_000; ub = mem.readPtr(ub + next), guard++) {
                int count = mem.readU16(ub + chunkCount);
                boolean[] busy = new boolean[count];
                for (int i = 0; i < count; i++) {
                    busy[i] = (mem.readByte(ub + bitmap + i / 8) & (1 << (i % 8))) != 0;
                }
                out.add(new UserBlocksInfo(ub, bucket, bucketSize(bucket), mem.readU32(ub + chunkStride),
                    ub + firstChunk, (int) mem.readU32(ub + busyCount), busy, ub == active));
            }
        }
        return out;
    }

    /** Every chunk of the heap's LFH, by bucket, then UserBlocks, then address. */
    public List<Chunk> chunks(long heap) {
        List<Chunk> chunks = new ArrayList<>();
        long lfh = structure(heap);
        if (lfh == 0) {
            return chunks;
        }
        for (UserBlocksInfo ub : userBlocks(heap)) {
            for (int i = 0; i < ub.busy().length; i++) {
                chunks.add(chunk(ub.address(), i));
            }
        }
        return chunks;
    }

    /**
     * Problems in the heap's LFH, empty when it is sound: per UserBlocks its signature, bucket and stride, BusyCount
     * against the bitmap, and each chunk header against its place and the bitmap (an overrun of a chunk lands in the
     * next chunk's header). HeapLab's wording; Windows' LFH checks are not documented.
     */
    public List<String> validate(long heap) {
        return problems(heap).stream().map(Problem::text).toList();
    }

    /**
     * A problem {@link #validate} finds: its text, and the damaged address (a chunk header, or the UserBlocks).
     *
     * @param chunkHeader whether the damage is a chunk header (what an overrun of the chunk before it does)
     */
    public record Problem(String text, long address, boolean chunkHeader) {
    }

    /** The problems behind {@link #validate}, with their addresses. */
    public List<Problem> problems(long heap) {
        List<Problem> errors = new ArrayList<>();
        long lfh = structure(heap);
        if (lfh == 0) {
            return errors;
        }
        // Read once per view update (the heap map checks the chunk headers at every step): each chunk's header is
        // one 8-byte read, the bitmap two, and the messages are only built for a problem.
        for (int bucket = 1; bucket <= BUCKETS; bucket++) {
            Set<Long> seen = null;
            int walked = 0;
            for (long ub = mem.readPtr(lfh + (long) (bucket - 1) * p); ub != 0; ub = mem.readPtr(ub + next)) {
                if (++walked > 1) {
                    seen = seen == null ? new HashSet<>() : seen;
                }
                if (seen != null && !seen.add(ub) || !mem.isReadable(ub, firstChunk)) {
                    errors.add(new Problem(where(ub) + ": bad link in bucket " + bucket + "'s list", ub, false));
                    break;
                }
                int count = mem.readU16(ub + chunkCount);
                long stride = mem.readU32(ub + chunkStride);
                if (mem.readU32(ub + signature) != USER_BLOCKS_SIGNATURE || mem.readU16(ub + bucketIndex) != bucket
                    || mem.readPtr(ub + owner) != lfh || stride != stride(bucket)
                    || count != chunksPerUserBlocks(bucket)) {
                    errors.add(new Problem(where(ub) + ": bad header", ub, false));
                    break;
                }
                long[] bits = {mem.readU64(ub + bitmap), mem.readU64(ub + bitmap + 8)};
                int busy = 0;
                long header = ub + firstChunk;
                for (int i = 0; i < count; i++, header += stride) {
                    boolean isBusy = (bits[i >>> 6] >>> (i & 63) & 1) != 0;
                    busy += isBusy ? 1 : 0;
                    long h = mem.readU64(header); // distance (4), requested (2), bucket (1), state (1)
                    int state = (int) (h >>> 56);
                    if ((h & 0xFFFF_FFFFL) != (header - ub) / 8 || (int) (h >>> 48 & 0xFF) != bucket
                        || state != (isBusy ? CHUNK_BUSY : CHUNK_FREE)
                        || isBusy && bucketOf(h >>> 32 & 0xFFFF) != bucket) {
                        errors.add(new Problem(where(ub) + ": chunk header " + l.arch.ptr(header) + " modified",
                            header, true));
                    }
                }
                if (busy != mem.readU32(ub + busyCount)) {
                    errors.add(new Problem(where(ub) + ": BusyCount " + mem.readU32(ub + busyCount) + " for " + busy
                        + " busy chunks", ub, false));
                }
            }
        }
        return errors;
    }

    private String where(long ub) {
        return "LFH UserBlocks at " + l.arch.ptr(ub);
    }

    /** Returns a busy chunk to its UserBlocks' bitmap. */
    public void free(Chunk chunk) {
        free(chunk.userBlocks(), chunk.header(), chunk.bucket(), chunk.index(), chunk.owner());
    }

    /** Frees chunk `index` (header at `header`) of the UserBlocks `ub`; `checkedOwner` is its LFH as chunkAt found it. */
    private void free(long ub, long header, int bucket, int index, long checkedOwner) {
        long byteAddress = ub + bitmap + (index >>> 3);
        mem.writeByte(byteAddress, mem.readByte(byteAddress) & ~(1 << (index & 7)));
        long busyNow = mem.readU32(ub + busyCount) - 1 & 0xFFFF_FFFFL;
        mem.writeU32(ub + busyCount, busyNow);
        writeHeader(ub, header, bucket, 0, CHUNK_FREE);
        // While nothing but the heap code ever wrote a heap, the UserBlocks' Owner and ChunkCount are those it was
        // made with, which chunkAt checked (AddressSpace#untouched).
        boolean untouched = mem.untouched() && checkedOwner != 0;
        long lfh = untouched ? checkedOwner : mem.readPtr(ub + owner);
        long active = lfh + (long) (BUCKETS + bucket - 1) * p;
        long current = mem.readPtr(active);
        // hasRoom(current), knowing the BusyCount written above when current is this UserBlocks (the chunk header
        // written since lies past the UserBlocks header)
        boolean room = current == ub
            ? busyNow < (untouched ? chunksPerUserBlocks(bucket) : mem.readU16(current + chunkCount))
            : current != 0 && hasRoom(current);
        if (!room) {
            mem.writePtr(active, ub);
        }
    }

    // ------------------------------------------------------------------------------------------ activation counters

    private long usageRow(long heap) {
        if (heap == memoHeap && memoStamp == mem.changes() && memoUsageRow >= 0) {
            return memoUsageRow;
        }
        int index = mem.readU16(heap + l.heapProcessHeapsListIndex);
        long row = index >= 1 && index <= MAXIMUM_HEAPS ? usageTable + (long) (index - 1) * USAGE_ROW : 0;
        if (mem.untouched()) {
            remember(heap);
            memoUsageRow = row;
        }
        return row;
    }

    /**
     * Counts a request of `bucket` (1 to 128) in the heap's row; true for the request that reaches 0x12, after which
     * {@link #bucketActive} holds. Choice (the mechanics are unconfirmed, heap-facts.md 2): a plain count per size
     * class that frees do not lower, as Wine's test observes (0x11 requests are not enough, 0x12 are).
     */
    public boolean countRequest(long heap, int bucket) {
        long row = usageRow(heap);
        if (row == 0) {
            return false;
        }
        long counter = row + (long) (bucket - 1) * 2;
        int count = mem.readU16(counter);
        if (count >= AUTO_ACTIVATION_REQUESTS) {
            return false;
        }
        mem.writeU16(counter, count + 1);
        return count + 1 == AUTO_ACTIVATION_REQUESTS;
    }

    /** Whether the heap's requests of `bucket` have reached 0x12 ({@link #countRequest}). */
    public boolean bucketActive(long heap, int bucket) {
        long row = usageRow(heap);
        return row != 0 && mem.readU16(row + (long) (bucket - 1) * 2) >= AUTO_ACTIVATION_REQUESTS;
    }

    /** Clears the counters of the heap at list index `index` (1-based), for a new heap there. */
    public void clearUsage(int index) {
        if (index >= 1 && index <= MAXIMUM_HEAPS) {
            mem.fill(usageTable + (long) (index - 1) * USAGE_ROW, USAGE_ROW, 0);
        }
    }

    /** Moves the counters of list index `from` to `to` (1-based), as HeapDestroy closes the gap in the list. */
    public void moveUsage(int from, int to) {
        if (from >= 1 && from <= MAXIMUM_HEAPS && to >= 1 && to <= MAXIMUM_HEAPS) {
            long source = usageTable + (long) (from - 1) * USAGE_ROW;
            long target = usageTable + (long) (to - 1) * USAGE_ROW;
            for (int i = 0; i < USAGE_ROW; i += 2) {
                mem.writeU16(target + i, mem.readU16(source + i));
            }
        }
    }

    /** Whether a busy chunk can hold `size` bytes in place (the same bucket); if so its requested size becomes it. */
    public boolean resizeInPlace(Chunk chunk, long size, boolean zero) {
        if (bucketOf(size) != chunk.bucket()) {
            return false;
        }
        if (zero && size > chunk.requested()) {
            mem.fill(chunk.user() + chunk.requested(), size - chunk.requested(), 0);
        }
        mem.writeU16(chunk.header() + 4, (int) size);
        return true;
    }

    private static int align(int v, int a) {
        return (v + a - 1) / a * a;
    }

    private static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }
}
