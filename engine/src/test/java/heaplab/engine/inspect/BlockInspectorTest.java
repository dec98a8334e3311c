package heaplab.engine.inspect;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LfhHeaps;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspector's anatomy of blocks of every layer, from the samples. */
class BlockInspectorTest {

    private static Session at(String sample, int position) throws Exception {
        Session s = Session.open(ScenarioLoader.loadSample(sample));
        s.jumpTo(position);
        return s;
    }

    private static List<String> names(BlockAnatomy a) {
        return a.sections().stream().map(BlockAnatomy.Section::name).toList();
    }

    @Test
    void aCrtBlockAfterTheOverrunShowsItsHeaderAndTheDamagedNoMansLand() throws Exception {
        Process p = at("crt-overrun", 4).process();
        long name = p.readVariable("name");
        BlockAnatomy a = new BlockInspector(p).inspect(name + 3);
        assertEquals(BlockAnatomy.Kind.NT, a.kind());
        assertEquals(name - 0x20 - 8, a.start());
        assertEquals(List.of("_CrtMemBlockHeader"), names(a));
        BlockBytes bytes = a.bytes(p.memory()::peekByte, 0x10000);
        assertEquals(ByteKind.HEAP_ENTRY, bytes.kind(0));
        assertEquals(ByteKind.CRT_HEADER, bytes.kind(8));
        assertEquals(ByteKind.NO_MANS_LAND, bytes.kind((int) (name - 4 - a.start())));
        assertEquals(ByteKind.DATA, bytes.kind((int) (name - a.start())));
        // strcpy of "0123456789" into 10 bytes writes the terminating 0 over the first byte after the data.
        assertEquals(List.of(new BlockBytes.Damage(name + 10, name + 11, ByteKind.NO_MANS_LAND, "fd", "00")),
            bytes.damages());
    }

    /**
     * An overrun over the next block's header stops the heap's walk there: the inspector shows that header's fields as
     * the bytes read, marks PreviousSize and SegmentOffset against the block before and the segment, and spans the
     * bytes to the end of the committed run (any of them finds it).
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aHeaderTheWalkStopsAtIsShownWithTheBytesAfterIt(Arch arch) throws Exception {
        Session s = heaplab.engine.session.TestScenarios.open(arch == Arch.X86 ? "x86" : "x64", """
            { "do": "h = HeapCreate(0, 0, 0)" },
            { "do": "a = HeapAlloc(h, 0, 0x10)" },
            { "do": "b = HeapAlloc(h, 0, 0x10)" },
            { "do": "memset(a, 'A', 0x40)" }
            """);
        s.run();
        Process p = s.process();
        long b = p.readVariable("b");
        int g = arch.granularity();
        BlockAnatomy a = new BlockInspector(p).inspect(b + 0x20);
        assertNotNull(a, "a byte after the damaged header");
        assertEquals(b - g, a.start());
        assertTrue(a.title().startsWith("Damaged block at "), a.title());
        assertEquals(List.of("_HEAP_ENTRY (damaged)"), names(a));
        assertEquals("0x4141", a.sections().get(0).fields().get(0).value());
        BlockBytes bytes = a.bytes(p.memory()::peekByte, 0x10000);
        assertEquals(ByteKind.HEAP_ENTRY, bytes.kind(0));
        assertTrue(bytes.damages().stream().anyMatch(d -> d.from() == b - g + p.heaps().layout().entryPreviousSize),
            bytes.damages().toString());
        assertEquals(ByteKind.FREE_DATA, bytes.kind(g));
    }

    @Test
    void aFreshCrtBlockIsCleanLandWithIntactGaps() throws Exception {
        Process p = at("crt-overrun", 1).process();
        long name = p.readVariable("name");
        BlockBytes bytes = new BlockInspector(p).inspect(name).bytes(p.memory()::peekByte, 0x10000);
        assertEquals(ByteKind.CLEAN_FILL, bytes.kind((int) (name - bytes.start())));
        assertTrue(bytes.damages().isEmpty());
    }

    @Test
    void aFullPageHeapBlockOutsideEveryNtHeap() throws Exception {
        Process p = at("page-heap-full", 3).process();
        long user = p.readVariable("p");
        assertNull(p.heaps().findBlock(user), "full page heap blocks are in no NT heap");
        BlockAnatomy a = new BlockInspector(p).inspect(user + 5);
        assertNotNull(a);
        assertEquals(BlockAnatomy.Kind.PAGE_HEAP_FULL, a.kind());
        assertEquals(List.of("_DPH_HEAP_BLOCK", "DPH_BLOCK_INFORMATION"), names(a));
        assertEquals("abcdbbbb (full, busy)", a.section("DPH_BLOCK_INFORMATION").fields().get(0).value());
        assertEquals(user - 0x20, a.start());
        BlockBytes bytes = a.bytes(p.memory()::peekByte, 0x10000);
        assertEquals(ByteKind.DPH_INFO, bytes.kind(0));
        assertEquals(ByteKind.PAGE_HEAP_FILL, bytes.kind(0x20));
        assertEquals(ByteKind.UNREADABLE, bytes.kind(0x30), "16 bytes of data end at the guard page");
        assertEquals(-1, bytes.value(0x30));
        assertTrue(a.title().startsWith("Full page heap block at " + p.arch().ptr(user)), a.title());
    }

    @Test
    void aLightPageHeapBlockWithItsSuffixOverwritten() throws Exception {
        Process p = at("page-heap-light", 5).process();
        long user = p.readVariable("p");
        BlockAnatomy a = new BlockInspector(p).inspect(user);
        assertEquals(BlockAnatomy.Kind.PAGE_HEAP_LIGHT, a.kind());
        assertTrue(names(a).contains("DPH_BLOCK_INFORMATION"), names(a).toString());
        BlockBytes bytes = a.bytes(p.memory()::peekByte, 0x10000);
        assertEquals(ByteKind.DPH_INFO, bytes.kind((int) (user - 0x20 - a.start())));
        assertEquals(ByteKind.PAGE_HEAP_FILL, bytes.kind((int) (user - a.start())));
        assertEquals(List.of(new BlockBytes.Damage(user + 12, user + 13, ByteKind.PAGE_HEAP_SUFFIX, "a0", "41")),
            bytes.damages());
    }

    @Test
    void anLfhChunkIsNarrowedFromItsUserBlocks() throws Exception {
        Process p = at("lfh-auto", 28).process();
        long p19 = p.readVariable("p19");
        BlockAnatomy a = new BlockInspector(p).inspect(p19 + 4);
        assertEquals(BlockAnatomy.Kind.LFH_CHUNK, a.kind());
        assertEquals(p19 - 8, a.start());
        assertEquals(p19, a.user());
        long h = p.readVariable("h");
        long userBlocks = p.heaps().lfh().chunkAt(h, p19).userBlocks();
        BlockAnatomy.Section entry = a.section(BlockInspector.USER_BLOCKS_ENTRY);
        assertEquals(p.arch().ptr(userBlocks - 8), entry.fields().get(1).value(), "the UserBlocks' header");
        HeapBlock block = p.heaps().read(h).blockAt(p19);
        assertEquals(block.entry(), userBlocks - 8);
        assertEquals("0x" + Long.toHexString(block.size()) + " (" + block.size() + ") bytes = " + block.size() / 8
            + " units", entry.fields().get(4).value(), "the whole UserBlocks");
        assertEquals("0x01 (busy)", entry.fields().get(6).value());
        BlockAnatomy.Section chunk = a.section("LFH chunk header");
        assertEquals(chunk, a.sections().get(0), "the chunk's own header first");
        assertEquals("0x20", chunk.fields().get(2).value());
        assertTrue(chunk.fields().get(4).value().startsWith("0x81 busy"));
        BlockBytes bytes = a.bytes(p.memory()::peekByte, 0x10000);
        assertEquals(ByteKind.LFH_HEADER, bytes.kind(0));
        assertEquals(ByteKind.DATA, bytes.kind(8));
        assertTrue(a.title().startsWith("Busy LFH chunk at"), a.title());
    }

    /** The UserBlocks' _HEAP_ENTRY section of a chunk is that header as the heap lists it, on x86 and x64. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void anLfhChunksHeapEntryIsItsUserBlocksOne(Arch arch) {
        Process p = new Process(new ProcessConfig(arch, 0, "demo.exe", "off", "full"));
        long h = LfhHeaps.create(p);
        p.heapAlloc(h, 0, 0x20);
        long chunk = p.heapAlloc(h, 0, 0x20);
        HeapBlock block = p.heaps().read(h).blockAt(chunk);
        assertEquals(p.heaps().lfh().chunkAt(h, chunk).userBlocks(), block.user());
        BlockAnatomy.Section entry = new BlockInspector(p).inspect(chunk).section(BlockInspector.USER_BLOCKS_ENTRY);
        int g = arch.granularity();
        assertEquals(List.of("busy: the UserBlocks the chunk is carved from", arch.ptr(block.entry()),
            arch.ptr(block.user()), arch.ptr(h),
            "0x" + Long.toHexString(block.size()) + " (" + block.size() + ") bytes = " + block.size() / g + " units",
            "0x" + Long.toHexString(block.previousSize()) + " (" + block.previousSize() + ") bytes = "
                + block.previousSize() / g + " units",
            String.format("0x%02x (%s)", block.flags(), HeapBlock.flagNames(block.flags())),
            "0x" + Long.toHexString(block.unusedBytes()) + " (" + block.unusedBytes() + ")",
            Integer.toString(block.segmentIndex()),
            "0x" + Long.toHexString(block.requested()) + " (" + block.requested() + ")"),
            entry.fields().stream().map(BlockAnatomy.Field::value).toList());
        assertEquals(block.entry() + g, block.user());
    }

    /**
     * x64: the entry the console prints for a chunk (a granule before its data, 8 bytes into the chunk before) opens
     * that chunk, so a click on it in !heap -x or -hl selects it; any other byte opens the chunk it lies in.
     */
    @Test
    void anX64ChunksEntryAddressOpensThatChunk() {
        Process p = new Process(new ProcessConfig(Arch.X64, 0, "demo.exe", "off", "full"));
        long h = LfhHeaps.create(p);
        long first = p.heapAlloc(h, 0, 0x20);
        long second = p.heapAlloc(h, 0, 0x20);
        BlockInspector inspector = new BlockInspector(p);
        assertEquals(first, inspector.inspect(first - 0x10).user(), "its entry lies in the UserBlocks header");
        assertEquals(second, inspector.inspect(second - 0x10).user());
        assertEquals(first, inspector.inspect(second - 0x11).user(), "the byte before it is the first chunk's");
        assertEquals(second, inspector.inspect(second - 8).user());
    }

    @Test
    void anOverrunOfTheChunkBeforeDamagesTheChunkHeader() throws Exception {
        Session s = at("lfh-auto", 29);
        s.console("memset(p19, 0x41, 0x22)"); // two bytes past p19's 0x20: into p20's chunk header
        Process p = s.process();
        long p20 = p.readVariable("p20");
        BlockBytes bytes = new BlockInspector(p).inspect(p20).bytes(p.memory()::peekByte, 0x10000);
        assertEquals(List.of(new BlockBytes.Damage(p20 - 8, p20 - 6, ByteKind.LFH_HEADER, "0a 00", "41 41")),
            bytes.damages());
    }

    @Test
    void aFullPageHeapBlockNamesTheFrameThatAllocatedIt() throws Exception {
        Process p = at("page-heap-full", 3).process();
        BlockAnatomy a = new BlockInspector(p).inspect(p.readVariable("p"));
        String trace = a.section("DPH_BLOCK_INFORMATION").fields().get(5).value();
        assertTrue(trace.contains("(demo!main+") && trace.endsWith("[demo.c @ 3])"), trace);
    }

    @Test
    void aFreeBlockUnderFreeCheckingShowsTheWriteAfterFree() throws Exception {
        Process p = at("free-check", 7).process();
        long ptr = p.readVariable("p");
        BlockAnatomy a = new BlockInspector(p).inspect(ptr);
        BlockBytes bytes = a.bytes(p.memory()::peekByte, 0x10000);
        assertEquals(ByteKind.FREE_ENTRY, bytes.kind(0));
        assertEquals(ByteKind.FREE_LINKS, bytes.kind(8));
        assertEquals(List.of(new BlockBytes.Damage(ptr + 12, ptr + 13, ByteKind.FREE_FILL, "ee", "41")),
            bytes.damages());
    }

    @Test
    void noBlockNoAnatomy() throws Exception {
        Process p = at("first-fit", 3).process();
        assertNull(new BlockInspector(p).inspect(0));
        assertNull(new BlockInspector(p).inspect(0x10));
    }

    /** A virtual block shows its region from the start: the _HEAP_VIRTUAL_ALLOC_ENTRY, then the busy header. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aVirtualBlockStartsWithItsVirtualAllocEntry(Arch arch) {
        Process p = new Process(ProcessConfig.defaults(arch));
        long heap = p.heapCreate(0, 0, 0);
        long big = p.heapAlloc(heap, 0, 0x100000);
        BlockAnatomy a = new BlockInspector(p).inspect(big);
        long base = big & -0x1000L;
        assertEquals(base, a.start());
        BlockAnatomy.Section entry = a.section("_HEAP_VIRTUAL_ALLOC_ENTRY");
        assertEquals(arch.ptr(base), entry.fields().get(0).value());
        long commit = p.memory().readPtr(base + p.heaps().layout().vaCommitSize);
        assertEquals("0x" + Long.toHexString(commit), entry.fields().get(3).value());
        long header = big - arch.granularity();
        assertEquals(0x100000, commit - p.memory().readU16(header + p.heaps().layout().entrySize), "CommitSize - Size");
        BlockBytes bytes = a.bytes(p.memory()::peekByte, 0x100);
        assertEquals(ByteKind.HEAP_ENTRY, bytes.kind(0), "the entry's links");
        assertEquals(ByteKind.DATA, bytes.kind((int) (big - base)));
    }

    /** The heap's own blocks decode as the structures they hold: the _HEAP, then its first _HEAP_SEGMENT. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void theHeapsOwnBlocksShowTheirStructures(Arch arch) {
        Process p = new Process(ProcessConfig.defaults(arch));
        long heap = p.heapCreate(0, 0, 0);
        BlockAnatomy a = new BlockInspector(p).inspect(heap + 0x10);
        assertEquals("0xeeffeeff", a.section("_HEAP").fields().get(0).value());
        long segment = p.memory().readPtr(heap + p.heaps().layout().heapSegments);
        BlockAnatomy s = new BlockInspector(p).inspect(segment + arch.granularity());
        assertEquals("0xffeeffee", s.section("_HEAP_SEGMENT").fields().get(0).value());
        assertEquals(arch.ptr(heap), s.section("_HEAP_SEGMENT").fields().get(1).value(), "BaseAddress");
    }

    /** A page heap's own pages decode too: the handle's page, the _DPH_HEAP_ROOT after it, the node pages. */
    @Test
    void aPageHeapsOwnPagesDecode() {
        Process p = new Process(new ProcessConfig(Arch.X86, heaplab.engine.pageheap.PageHeap.FLG_HEAP_PAGE_ALLOCS,
            "demo.exe", "off", "full"));
        long h = p.heapCreate(0, 0, 0);
        BlockAnatomy root = new BlockInspector(p).inspect(h + 0x1010);
        assertEquals(BlockAnatomy.Kind.PAGE_HEAP_ROOT, root.kind());
        assertEquals(h + 0x1000, root.start());
        assertEquals("0xffeeddcc", root.section("_DPH_HEAP_ROOT").fields().get(0).value());
        assertEquals(p.arch().ptr(p.heaps().pageHeap().normalHeap(h)), root.section("_DPH_HEAP_ROOT").fields().get(3)
            .value());
        assertTrue(new BlockInspector(p).inspect(h).title().startsWith("Page heap handle"));
        assertEquals(ByteKind.DPH_ROOT, root.bytes(p.memory()::peekByte, 0x10).kind(0));
    }
}
