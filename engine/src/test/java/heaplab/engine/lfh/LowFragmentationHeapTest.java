package heaplab.engine.lfh;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LFH front end: buckets, chunk placement in UserBlocks, reuse, HeapSize, HeapReAlloc (heap-facts.md 2). */
class LowFragmentationHeapTest {

    private static Process process(Arch arch) {
        Process p = new Process(new ProcessConfig(arch, 0, "demo.exe", "off", "full"));
        // The LFH's own answers to bad pointers on both architectures (see HeapHarness).
        p.memory().writeU32(p.terminationOnCorruptionSwitch(), 0);
        return p;
    }

    private static long alloc(Process p, long h, long size) {
        long a = p.heapAlloc(h, 0, size);
        assertNotEquals(0, a, "HeapAlloc(" + size + ") failed, error " + p.lastError());
        return a;
    }

    @Test
    void bucketsFollowTheTable() {
        assertEquals(1, LowFragmentationHeap.bucketOf(0));
        assertEquals(1, LowFragmentationHeap.bucketOf(8));
        assertEquals(2, LowFragmentationHeap.bucketOf(9));
        assertEquals(32, LowFragmentationHeap.bucketOf(256));
        assertEquals(33, LowFragmentationHeap.bucketOf(257));
        assertEquals(48, LowFragmentationHeap.bucketOf(512));
        assertEquals(49, LowFragmentationHeap.bucketOf(513));
        assertEquals(64, LowFragmentationHeap.bucketOf(1024));
        assertEquals(80, LowFragmentationHeap.bucketOf(2048));
        assertEquals(96, LowFragmentationHeap.bucketOf(4096));
        assertEquals(112, LowFragmentationHeap.bucketOf(8192));
        assertEquals(128, LowFragmentationHeap.bucketOf(16384));
        assertEquals(0, LowFragmentationHeap.bucketOf(16385));
        for (int bucket = 1; bucket <= LowFragmentationHeap.BUCKETS; bucket++) {
            long size = LowFragmentationHeap.bucketSize(bucket);
            assertEquals(bucket, LowFragmentationHeap.bucketOf(size), "largest request of bucket " + bucket);
            assertEquals(bucket == LowFragmentationHeap.BUCKETS ? 0 : bucket + 1,
                LowFragmentationHeap.bucketOf(size + 1), "one more byte, bucket " + bucket);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void chunksOfOneClassSitSideBySideInOneBusyBackEndBlock(Arch arch) {
        Process p = process(arch);
        long h = LfhHeaps.create(p);
        long a = alloc(p, h, 0x20);
        long b = alloc(p, h, 0x1C);
        long stride = arch == Arch.X86 ? 0x28 : 0x30; // bucket 4 (25..32 bytes) + 8-byte header, x64 rounded to 16
        assertEquals(stride, b - a, "the same bucket: the next chunk");
        assertEquals(0, a % arch.granularity(), "user data aligned as the back end's");
        assertEquals(0x81, p.memory().readByte(a - 1), "a busy LFH chunk's last header byte");

        HeapBlock userBlocks = p.heaps().findBlock(a);
        assertNotNull(userBlocks);
        assertEquals(HeapBlock.Kind.BUSY, userBlocks.kind(), "UserBlocks is one busy back-end block");
        assertTrue(userBlocks.contains(b));
        assertEquals(LowFragmentationHeap.USER_BLOCKS_SIGNATURE,
            p.memory().readU32(userBlocks.user() + arch.pointerSize()));
        assertTrue(p.heaps().read(h).allBlocks().stream().noneMatch(x -> x.user() == a), "no back-end entry at a");

        long c = alloc(p, h, 0x100);
        assertFalse(userBlocks.contains(c), "another bucket: another UserBlocks");
        assertTrue(p.heapValidate(h, 0, a));
        assertTrue(p.heapValidate(h, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void freedChunksAreReusedAndADoubleFreeFails(Arch arch) {
        Process p = process(arch);
        long h = LfhHeaps.create(p);
        long a = alloc(p, h, 40);
        long b = alloc(p, h, 40);
        long c = alloc(p, h, 40);
        assertTrue(p.heapFree(h, 0, b));
        assertEquals(0x80, p.memory().readByte(b - 1), "a free LFH chunk");
        assertFalse(p.heapValidate(h, 0, b));
        assertEquals(b, alloc(p, h, 33), "the freed chunk comes back for its bucket");
        assertTrue(p.heapFree(h, 0, a));
        assertFalse(p.heapFree(h, 0, a), "a second free of the chunk");
        assertEquals(HeapConstants.ERROR_INVALID_PARAMETER, p.lastError());
        assertEquals(a, alloc(p, h, 35));
        assertTrue(p.heapFree(h, 0, c));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFullUserBlocksIsFollowedByAnotherOne(Arch arch) {
        Process p = process(arch);
        long h = LfhHeaps.create(p);
        Set<Long> blocks = new HashSet<>();
        Set<Long> chunks = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long a = alloc(p, h, 8);
            assertTrue(chunks.add(a));
            blocks.add(p.heaps().findBlock(a).entry());
        }
        assertEquals(2, blocks.size(), "128 chunks per UserBlocks for the smallest bucket");
        assertTrue(p.heapValidate(h, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void heapSizeReAllocAndTheSixteenKilobyteLimit(Arch arch) {
        Process p = process(arch);
        long h = LfhHeaps.create(p);
        long a = alloc(p, h, 50);
        assertEquals(50, p.heapSize(h, 0, a));
        p.memory().fill(a, 50, 0x41);
        assertEquals(a, p.heapReAlloc(h, 0, a, 56), "the same bucket (49..56): in place");
        assertEquals(56, p.heapSize(h, 0, a));
        assertEquals(0, p.heapReAlloc(h, HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY, a, 100));
        assertEquals(HeapConstants.ERROR_NOT_ENOUGH_MEMORY, p.lastError());
        long moved = p.heapReAlloc(h, HeapConstants.HEAP_ZERO_MEMORY, a, 100);
        assertNotEquals(0, moved);
        assertNotEquals(a, moved);
        assertEquals(100, p.heapSize(h, 0, moved));
        assertEquals(0x41, p.memory().readByte(moved + 49));
        assertEquals(0, p.memory().readByte(moved + 99), "grown bytes zeroed");
        assertFalse(p.heapValidate(h, 0, a), "the old chunk is free");

        long big = alloc(p, h, 0x4000);
        assertFalse(p.heaps().isBusyBlock(h, big), "16 KB: still an LFH chunk");
        assertEquals(0x4000, p.heapSize(h, 0, big));
        long bigger = alloc(p, h, 0x4001);
        assertTrue(p.heaps().isBusyBlock(h, bigger), "above 16 KB: the back end");
        long back = p.heapReAlloc(h, 0, moved, 0x5000);
        assertTrue(p.heaps().isBusyBlock(h, back), "grown past 16 KB: moved to the back end");
        assertEquals(0x41, p.memory().readByte(back));
        assertTrue(p.heapFree(h, 0, big));
        assertTrue(p.heapValidate(h, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void zeroMemoryChunksAreZeroed(Arch arch) {
        Process p = process(arch);
        long h = LfhHeaps.create(p);
        long a = alloc(p, h, 64);
        p.memory().fill(a, 64, 0x55);
        assertTrue(p.heapFree(h, 0, a));
        long z = p.heapAlloc(h, HeapConstants.HEAP_ZERO_MEMORY, 64);
        assertEquals(a, z);
        assertArrayEquals(new byte[64], p.memory().readBytes(z, 64));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void heapsWithoutTheLfhKeepTheBackEnd(Arch arch) {
        Process p = process(arch);
        long h = p.heapCreate(0, 0, 0);
        long a = alloc(p, h, 0x20);
        assertTrue(p.heaps().isBusyBlock(h, a));
        assertEquals(0, p.memory().readPtr(h + p.heaps().layout().heapFrontEndHeap));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theLfhsOwnBlocksAreNotTheProgramsToFree(Arch arch) {
        Process p = process(arch);
        long h = LfhHeaps.create(p);
        long a = alloc(p, h, 0x20);
        long userBlocks = p.heaps().lfh().chunkAt(h, a).userBlocks();
        long structure = p.heaps().lfh().structure(h);
        for (long own : new long[] {userBlocks, structure}) {
            assertFalse(p.heapFree(h, 0, own));
            assertEquals(HeapConstants.ERROR_INVALID_PARAMETER, p.lastError());
            assertEquals(arch.pointerMask(), p.heapSize(h, 0, own));
            assertEquals(0, p.heapReAlloc(h, 0, own, 8));
            assertFalse(p.heapValidate(h, 0, own));
        }
        assertFalse(p.heapFree(h, 0, a + 8), "inside a chunk");
        assertEquals(0x20, p.heapSize(h, 0, a));
        assertTrue(p.heapValidate(h, 0, 0));
    }

    /**
     * A pointer whose header cannot be read (nothing mapped there, a reserved page, a PAGE_NOACCESS page) is an
     * invalid address to every call, as the heap's own guarded reads find it, and the call changes nothing.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void pointersWhoseHeaderCannotBeReadAreInvalid(Arch arch) {
        Process p = process(arch);
        long h = LfhHeaps.create(p);
        long a = alloc(p, h, 0x20);
        long reserved = p.virtualAlloc(0, 0x2000, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
        long guarded = p.virtualAlloc(0, 0x2000, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        p.memory().writeU64(guarded + 0x1000 - 8, p.memory().readU64(a - 8)); // a chunk header before a wall
        assertEquals(Protection.PAGE_READWRITE,
            p.memory().virtualProtect(guarded + 0x1000, 0x1000, Protection.PAGE_NOACCESS));
        long unmapped = arch == Arch.X86 ? 0x12340000L : 0x0000123400000000L;
        for (long bad : new long[] {unmapped + 0x10, reserved + 0x10, guarded + 0x1010, guarded + 0x1000}) {
            p.setLastError(0);
            assertFalse(p.heapFree(h, 0, bad), Long.toHexString(bad));
            assertEquals(HeapConstants.ERROR_INVALID_PARAMETER, p.lastError());
            assertEquals(0, p.heapReAlloc(h, 0, bad, 0x40));
            assertEquals(arch.pointerMask(), p.heapSize(h, 0, bad));
        }
        assertEquals(0x20, p.heapSize(h, 0, a));
        assertTrue(p.heapValidate(h, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anOverrunIntoTheNextChunkHeaderFailsValidation(Arch arch) {
        Process p = process(arch);
        long h = LfhHeaps.create(p);
        long a = alloc(p, h, 0x20);
        long b = alloc(p, h, 0x20);
        assertTrue(p.heaps().validationErrors(h).isEmpty());
        p.memory().fill(a, b - a, 0x41); // a's bytes up to b: b's chunk header too
        assertFalse(p.heapValidate(h, 0, 0));
        assertEquals(List.of("LFH UserBlocks at " + arch.ptr(p.heaps().lfh().chunkAt(h, a).userBlocks())
            + ": chunk header " + arch.ptr(b - 8) + " modified"), p.heaps().validationErrors(h));
        assertFalse(p.heapFree(h, 0, b), "b's header no longer leads to its UserBlocks: an invalid address");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aDestroyedLfhHeapLeavesNothingBehind(Arch arch) {
        Process p = process(arch);
        long h = LfhHeaps.create(p);
        long a = alloc(p, h, 0x20);
        assertTrue(p.heapDestroy(h));
        assertTrue(p.memory().regionAt(a) == null, "the UserBlocks went with the heap's segment");
        long again = p.heapCreate(0, 0, 0);
        assertEquals(h, again, "the same place");
        assertEquals(0, p.heaps().compatibility(again));
        assertEquals(0, p.heaps().lfh().structure(again));
        assertTrue(p.heaps().isBusyBlock(again, alloc(p, again, 0x20)));
    }
}
