package heaplab.engine.lfh;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The Low Fragmentation Heap front end of one process's NT heaps (heap-facts.md section 2), for heaps whose
 * HeapCompatibilityInformation is 2. Everything lives in simulated memory, so snapshots restore it:
 * <ul>
 *   <li>{@code _HEAP.FrontEndHeap} points to HeapLab's LFH structure, a back-end busy block made at the first LFH
 *       request: 128 pointers, one per bucket, to the bucket's first UserBlocks.</li>
 *   <li>A UserBlocks is one back-end busy block (a single busy entry in {@code !heap -a}): HeapLab's
 *       {@code _HEAP_USERDATA_HEADER} (Next UserBlocks of the bucket, Signature 0xF0E0D0C0, BucketIndex,
 *       ChunkCount, ChunkStride, BusyCount, a 128-bit busy bitmap), then ChunkCount equal chunks.</li>
 *   <li>A chunk is an 8-byte header (x86 and x64) and the bucket's bytes; the header holds the chunk's distance to
 *       its UserBlocks in 8-byte units (the role of Windows' encoded SubSegmentCode), the requested size, the
 *       bucket index and 0x81 (busy) or 0x80 (free) in its last byte, where Windows' UnusedBytes marks LFH chunks
 *       with 0x80. The busy bitmap is the truth; the header is there for {@code dd} and the console.</li>
 * </ul>
 * Choices where sources are silent: on x64 the chunk stride rounds up to 16 so user data stays 16-aligned (1.11.6);
 * a UserBlocks has as many chunks as fit in a page, at least 8 and at most 128; a request takes the lowest free
 * chunk of the bucket's first UserBlocks with room (no randomisation, as before Windows 8), a new UserBlocks goes
 * at the end of its bucket's list; freed chunks stay in their UserBlocks (no coalescing, and an empty UserBlocks
 * is not given back to the back end).
 */
public final class LowFragmentationHeap {
    /** Largest request the LFH serves; bigger ones go to the back end ("approximately 16 KB"). */
    public static final long MAXIMUM_REQUEST = 16384;
    public static final int BUCKETS = 128;
    /** Requests of one size class after which lfh "auto" turns the LFH on (0x12, heap-facts.md 1.11.17). */
    public static final int AUTO_ACTIVATION_REQUESTS = 0x12;
    public static final long USER_BLOCKS_SIGNATURE = 0xF0E0D0C0L;
    /** Bytes of a chunk's header, on x86 and x64. */
    public static final int CHUNK_HEADER = 8;
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
    private final int firstChunk;

    public LowFragmentationHeap(AddressSpace mem, HeapLayout layout) {
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
        int headerEnd = bitmap + MAXIMUM_CHUNKS / 8;
        this.firstChunk = align(headerEnd + CHUNK_HEADER, g) - CHUNK_HEADER;
    }

    /** One chunk as decoded from memory. */
    public record Chunk(long userBlocks, long header, long user, int bucket, long stride, boolean busy,
                        long requested) {
    }

    /** The bucket (1 to 128) of a request of `size` bytes (0 and 1 to 8 share bucket 1), or 0 above 16 KB. */
    public static int bucketOf(long size) {
        if (size < 0 || size > MAXIMUM_REQUEST) {
            return 0;
        }
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
        return align(bucketSize(bucket) + CHUNK_HEADER, g);
    }

    private int chunksPerUserBlocks(int bucket) {
        long fit = AddressSpace.PAGE_SIZE / stride(bucket);
        return (int) Math.max(MINIMUM_CHUNKS, Math.min(MAXIMUM_CHUNKS, fit));
    }

    /** The user address of the heap's LFH structure (FrontEndHeap), or 0 before its first LFH request. */
    public long structure(long heap) {
        return mem.readPtr(heap + l.heapFrontEndHeap);
    }

    /**
     * Whether `user` is the user address of one of the heap's LFH blocks in the back end (its structure or a
     * UserBlocks): the heap's own, which HeapFree, HeapReAlloc and HeapSize refuse as they refuse any bad pointer.
     */
    public boolean isOwnBlock(long heap, long user) {
        long lfh = mem.readPtr(heap + l.heapFrontEndHeap);
        if (lfh == 0) {
            return false;
        }
        if (user == lfh) {
            return true;
        }
        for (int bucket = 1; bucket <= BUCKETS; bucket++) {
            for (long ub = mem.readPtr(lfh + (long) (bucket - 1) * p); ub != 0; ub = mem.readPtr(ub + next)) {
                if (ub == user) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the heap has its LFH structure (FrontEndHeap). */
    public boolean present(long heap) {
        return mem.readPtr(heap + l.heapFrontEndHeap) != 0;
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
        long lfh = mem.readPtr(heap + l.heapFrontEndHeap);
        if (lfh == 0) {
            lfh = backEnd.applyAsLong((long) BUCKETS * p);
            if (lfh == 0) {
                return 0;
            }
            mem.fill(lfh, (long) BUCKETS * p, 0);
            mem.writePtr(heap + l.heapFrontEndHeap, lfh);
        }
        long slot = lfh + (long) (bucket - 1) * p;
        long last = 0;
        for (long ub = mem.readPtr(slot); ub != 0; ub = mem.readPtr(ub + next)) {
            if (mem.readU32(ub + busyCount) < mem.readU16(ub + chunkCount)) {
                return take(ub, bucket, size, zero);
            }
            last = ub;
        }
        long ub = newUserBlocks(bucket, backEnd);
        if (ub == 0) {
            return 0;
        }
        mem.writePtr(last == 0 ? slot : last + next, ub);
        return take(ub, bucket, size, zero);
    }

    private long newUserBlocks(int bucket, LongUnaryOperator backEnd) {
        int count = chunksPerUserBlocks(bucket);
        long stride = stride(bucket);
        long bytes = firstChunk + count * stride;
        long ub = backEnd.applyAsLong(bytes);
        if (ub == 0) {
            return 0;
        }
        mem.fill(ub, firstChunk, 0);
        mem.writeU32(ub + signature, USER_BLOCKS_SIGNATURE);
        mem.writeU16(ub + bucketIndex, bucket);
        mem.writeU16(ub + chunkCount, count);
        mem.writeU32(ub + chunkStride, stride);
        for (int i = 0; i < count; i++) {
            long header = ub + firstChunk + i * stride;
            writeHeader(ub, header, bucket, 0, CHUNK_FREE);
        }
        return ub;
    }

    private long take(long ub, int bucket, long size, boolean zero) {
        int count = mem.readU16(ub + chunkCount);
        for (int i = 0; i < count; i++) {
            long byteAddress = ub + bitmap + i / 8;
            int bits = mem.readByte(byteAddress);
            if ((bits & (1 << (i % 8))) == 0) {
                mem.writeByte(byteAddress, bits | (1 << (i % 8)));
                mem.writeU32(ub + busyCount, mem.readU32(ub + busyCount) + 1);
                long header = ub + firstChunk + i * mem.readU32(ub + chunkStride);
                writeHeader(ub, header, bucket, size, CHUNK_BUSY);
                if (zero) {
                    mem.fill(header + CHUNK_HEADER, bucketSize(bucket), 0);
                }
                return header + CHUNK_HEADER;
            }
        }
        throw new IllegalStateException("UserBlocks " + Long.toHexString(ub) + " has no free chunk");
    }

    private void writeHeader(long ub, long header, int bucket, long requested, int state) {
        mem.writeU32(header, (header - ub) / 8);
        mem.writeU16(header + 4, (int) requested);
        mem.writeByte(header + 6, bucket);
        mem.writeByte(header + 7, state);
    }

    /** The chunk (busy or free) whose user data starts at `user`, or null when it is no LFH chunk of the heap. */
    public Chunk chunkAt(long heap, long user) {
        long lfh = mem.readPtr(heap + l.heapFrontEndHeap);
        if (lfh == 0) {
            return null;
        }
        long header = user - CHUNK_HEADER;
        for (int bucket = 1; bucket <= BUCKETS; bucket++) {
            for (long ub = mem.readPtr(lfh + (long) (bucket - 1) * p); ub != 0; ub = mem.readPtr(ub + next)) {
                long start = ub + firstChunk;
                long stride = mem.readU32(ub + chunkStride);
                int count = mem.readU16(ub + chunkCount);
                if (header >= start && header < start + count * stride && (header - start) % stride == 0) {
                    return chunk(ub, (int) ((header - start) / stride));
                }
            }
        }
        return null;
    }

    private Chunk chunk(long ub, int index) {
        long stride = mem.readU32(ub + chunkStride);
        long header = ub + firstChunk + index * stride;
        boolean busy = (mem.readByte(ub + bitmap + index / 8) & (1 << (index % 8))) != 0;
        return new Chunk(ub, header, header + CHUNK_HEADER, mem.readU16(ub + bucketIndex), stride, busy,
            busy ? mem.readU16(header + 4) : 0);
    }

    /** Every chunk of the heap's LFH, by bucket, then UserBlocks, then address. */
    public List<Chunk> chunks(long heap) {
        List<Chunk> chunks = new ArrayList<>();
        long lfh = mem.readPtr(heap + l.heapFrontEndHeap);
        if (lfh == 0) {
            return chunks;
        }
        for (int bucket = 1; bucket <= BUCKETS; bucket++) {
            for (long ub = mem.readPtr(lfh + (long) (bucket - 1) * p); ub != 0; ub = mem.readPtr(ub + next)) {
                int count = mem.readU16(ub + chunkCount);
                for (int i = 0; i < count; i++) {
                    chunks.add(chunk(ub, i));
                }
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
        List<String> errors = new ArrayList<>();
        long lfh = mem.readPtr(heap + l.heapFrontEndHeap);
        if (lfh == 0) {
            return errors;
        }
        for (int bucket = 1; bucket <= BUCKETS; bucket++) {
            for (long ub = mem.readPtr(lfh + (long) (bucket - 1) * p); ub != 0; ub = mem.readPtr(ub + next)) {
                String where = "LFH UserBlocks " + Long.toHexString(ub);
                if (mem.readU32(ub + signature) != USER_BLOCKS_SIGNATURE || mem.readU16(ub + bucketIndex) != bucket
                    || mem.readU32(ub + chunkStride) != stride(bucket)
                    || mem.readU16(ub + chunkCount) != chunksPerUserBlocks(bucket)) {
                    errors.add(where + ": bad header");
                    break;
                }
                int busy = 0;
                for (int i = 0; i < mem.readU16(ub + chunkCount); i++) {
                    Chunk chunk = chunk(ub, i);
                    busy += chunk.busy() ? 1 : 0;
                    long header = chunk.header();
                    int state = mem.readByte(header + 7);
                    if (mem.readU32(header) != (header - ub) / 8 || mem.readByte(header + 6) != bucket
                        || state != (chunk.busy() ? CHUNK_BUSY : CHUNK_FREE)
                        || chunk.busy() && bucketOf(mem.readU16(header + 4)) != bucket) {
                        errors.add(where + ": chunk header " + Long.toHexString(header) + " modified");
                    }
                }
                if (busy != mem.readU32(ub + busyCount)) {
                    errors.add(where + ": BusyCount " + mem.readU32(ub + busyCount) + " for " + busy + " busy chunks");
                }
            }
        }
        return errors;
    }

    /** Returns a busy chunk to its UserBlocks' bitmap. */
    public void free(Chunk chunk) {
        int index = (int) ((chunk.header() - chunk.userBlocks() - firstChunk) / chunk.stride());
        long byteAddress = chunk.userBlocks() + bitmap + index / 8;
        mem.writeByte(byteAddress, mem.readByte(byteAddress) & ~(1 << (index % 8)));
        mem.writeU32(chunk.userBlocks() + busyCount, mem.readU32(chunk.userBlocks() + busyCount) - 1);
        writeHeader(chunk.userBlocks(), chunk.header(), chunk.bucket(), 0, CHUNK_FREE);
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
