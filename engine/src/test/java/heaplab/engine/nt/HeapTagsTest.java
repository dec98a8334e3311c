package heaplab.engine.nt;

import heaplab.engine.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heap tags, pseudo-tags, global tags and HEAP_ENTRY_EXTRA (heap-facts.md 1.4 step 3, 1.7). */
class HeapTagsTest {
    private static final long HTG = 0x800;
    private static final long UST = 0x1000;

    private static long heap(HeapHarness t) {
        return t.p.heapCreate(0, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void createTagsReturnsTheFirstIndexShiftedAndCountsTaggedBlocks(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = heap(t);
        HeapManager m = t.p.heaps();
        long base = m.heapCreateTags(h, List.of("Buffers", "Nodes"));
        assertEquals(1L << 18, base);
        long nodes = base + (1L << 18);
        long a = t.p.heapAlloc(h, base, 0x20);
        long b = t.p.heapAlloc(h, nodes, 0x10);
        long c = t.p.heapAlloc(h, nodes, 0x10);
        long plain = t.p.heapAlloc(h, 0, 0x10);
        assertEquals(HeapConstants.HEAP_ENTRY_EXTRA_PRESENT, t.flags(a) & HeapConstants.HEAP_ENTRY_EXTRA_PRESENT);
        assertEquals(0, t.flags(plain) & HeapConstants.HEAP_ENTRY_EXTRA_PRESENT);
        // The extra granule makes the block one unit bigger, and HeapSize is still the request.
        assertEquals(t.units(plain) + 1, t.units(b));
        assertEquals(0x10, t.p.heapSize(h, 0, b));
        assertEquals(1, m.tags().tagIndexOf(t.entry(a), m.entries()));
        assertEquals(2, m.tags().tagIndexOf(t.entry(b), m.entries()));
        assertEquals("Nodes", m.tags().name(h, t.p.globalTagHeap(), 2));
        t.free(h, c);
        List<HeapTags.TagCount> tags = m.tags().tags(h);
        assertEquals(2, tags.size());
        assertEquals(new HeapTags.TagCount(1, "Buffers", 1, 0, (long) t.units(a) * t.g), tags.get(0));
        assertEquals(new HeapTags.TagCount(2, "Nodes", 2, 1, (long) t.units(b) * t.g), tags.get(1));
        assertEquals(3, t.mem.readU16(h + t.l.heapNextAvailableTagIndex));
        assertEquals(0x7FF, t.mem.readU16(h + t.l.heapMaximumTagIndex));
        assertTrue(m.heapValidate(h, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aBlockKeepsItsTagThroughReallocationInPlaceAndMoved(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = heap(t);
        HeapManager m = t.p.heaps();
        long tag = m.heapCreateTags(h, List.of("Grow"));
        long a = t.p.heapAlloc(h, tag, 0x10);
        long fence = t.p.heapAlloc(h, 0, 0x10);
        long same = t.p.heapReAlloc(h, 0, a, 0x8);
        assertEquals(a, same);
        long moved = t.p.heapReAlloc(h, 0, a, 0x100);
        assertNotEquals(a, moved);
        assertEquals(1, m.tags().tagIndexOf(t.entry(moved), m.entries()));
        HeapTags.TagCount count = m.tags().tags(h).get(0);
        assertEquals(2, count.allocs());
        assertEquals(1, count.frees());
        assertEquals((long) t.units(moved) * t.g, count.bytes());
        t.free(h, fence);
        assertTrue(m.heapValidate(h, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void pseudoTagsCountUntaggedBlocksBySize(Arch arch) {
        HeapHarness t = new HeapHarness(arch, HTG);
        long h = heap(t);
        HeapManager m = t.p.heaps();
        assertTrue(m.tags().hasPseudoTags(h));
        long a = t.p.heapAlloc(h, 0, 0x20);
        long b = t.p.heapAlloc(h, 0, 0x20);
        long big = t.p.heapAlloc(h, 0, 0x2000);
        t.free(h, a);
        int units = t.units(big);
        List<HeapTags.TagCount> pseudo = m.tags().pseudoTags(h);
        assertEquals(2, pseudo.size());
        assertEquals(arch == Arch.X86 ? "Objects>1024" : "Objects>2048", pseudo.get(0).name());
        assertEquals(1, pseudo.get(0).allocs());
        assertEquals((long) units * t.g, pseudo.get(0).bytes());
        int small = t.units(a);
        assertEquals(String.format("Objects=%4d", small * t.g), pseudo.get(1).name());
        assertEquals(2, pseudo.get(1).allocs());
        assertEquals(1, pseudo.get(1).frees());
        assertEquals(HeapTags.HEAP_PSEUDO_TAG_FLAG | small, m.tags().tagIndexOf(t.entry(b), m.entries()));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void globalTagsLiveInTheGlobalTagHeap(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = heap(t);
        HeapManager m = t.p.heaps();
        long global = m.heapCreateTags(0, List.of("App!Strings"));
        assertEquals((long) (1 | HeapTags.HEAP_GLOBAL_TAG) << 18, global);
        t.p.heapAlloc(h, global, 0x30);
        HeapTags.TagCount count = m.tags().tags(t.p.globalTagHeap()).get(0);
        assertEquals("App!Strings", count.name());
        assertEquals(1, count.allocs());
        assertTrue(m.tags().tags(h).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void tagByDllGivesUntaggedBlocksTheImagesGlobalTag(Arch arch) {
        HeapHarness t = new HeapHarness(arch, 0x8000);
        long h = heap(t);
        HeapManager m = t.p.heaps();
        long mine = m.heapCreateTags(h, List.of("Mine"));
        long a = t.p.heapAlloc(h, 0, 0x20);
        t.p.heapAlloc(t.p.getProcessHeap(), 0, 0x10);
        long tagged = t.p.heapAlloc(h, mine, 0x20);
        assertEquals(1, m.tags().tagIndexOf(t.entry(tagged), m.entries()));
        int global = m.tags().tagIndexOf(t.entry(a), m.entries());
        assertEquals(HeapTags.HEAP_GLOBAL_TAG | 1, global);
        HeapTags.TagCount dll = m.tags().tags(t.p.globalTagHeap()).get(0);
        assertEquals("demo.exe", dll.name());
        assertEquals(2, dll.allocs(), "both heaps' untagged blocks");
        t.free(h, a);
        assertEquals(1, m.tags().tags(t.p.globalTagHeap()).get(0).frees());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void stackTracesAreKeptOncePerCallSite(Arch arch) {
        HeapHarness t = new HeapHarness(arch, UST);
        long h = heap(t);
        HeapManager m = t.p.heaps();
        t.p.setStepNumber(3);
        long a = t.p.heapAlloc(h, 0, 0x10);
        long b = t.p.heapAlloc(h, 0, 0x10);
        t.p.setStepNumber(4);
        long c = t.p.heapAlloc(h, 0, 0x10);
        int ta = m.tags().backTraceIndexOf(t.entry(a), m.entries());
        assertTrue(ta > 0);
        assertEquals(ta, m.tags().backTraceIndexOf(t.entry(b), m.entries()));
        int tc = m.tags().backTraceIndexOf(t.entry(c), m.entries());
        assertNotEquals(ta, tc);
        long[] frames = t.p.stackTraces().trace(tc);
        assertEquals(t.p.modules().callSite(4), frames[1]);
        assertEquals(arch == Arch.X86 ? "ntdll!RtlAllocateHeap+0x00000e64" : "ntdll!RtlAllocateHeap+0x000000000000004b",
            t.p.modules().symbolOf(frames[0], arch == Arch.X86 ? 8 : 16));
        assertEquals("demo!main+0x10", t.p.modules().symbolOf(frames[1], 0));
        assertEquals(" [demo.c @ 4]", t.p.modules().sourceLineOf(frames[1]));
        assertEquals(HeapConstants.HEAP_CAPTURE_STACK_BACKTRACES,
            t.p.heaps().read(h).flags() & HeapConstants.HEAP_CAPTURE_STACK_BACKTRACES);
    }
}
