package heaplab.app.heapmap;

import heaplab.app.main.EngineLabSession;
import heaplab.app.main.HeapViews;
import heaplab.engine.process.HeapAnatomy.PartKind;
import heaplab.engine.process.Process;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap map's view model on real sessions: LFH UserBlocks cut into chunks, full page heap blocks on their pages,
 * the parts of a block, damaged bytes, the key and the tooltips.
 */
class HeapMapAnatomyTest {

    private static HeapMapModel mapAt(String sample, int position) throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample(sample)));
        lab.jumpTo(position);
        HeapViews views = new HeapViews(a -> { });
        views.update(lab, 0);
        return views.heapMap().getModel();
    }

    private static Process process(String sample, int position) throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample(sample)));
        lab.jumpTo(position);
        return lab.session().process();
    }

    private static Stream<MapBlock> blocks(HeapMapModel model) {
        return model.heaps().stream().flatMap(h -> Stream.concat(h.segments().stream(), h.virtualBlocks().stream()))
            .flatMap(s -> s.blocks().stream());
    }

    private static List<String> key(HeapMapModel model) {
        return HeapMapLegend.items(model).stream().map(HeapMapLegend.Item::text).toList();
    }

    @Test
    void anLfhUserBlocksIsDrawnAsItsHeaderThenItsChunks() throws Exception {
        HeapMapModel model = mapAt("lfh-auto", 38);
        long p20 = process("lfh-auto", 38).readVariable("p20");
        MapBlock chunk = model.blockAt(p20);
        assertEquals(BlockState.LFH_BUSY, chunk.state());
        assertEquals(p20, chunk.user());
        assertEquals(p20 - 8, chunk.entry(), "the chunk's 8-byte header");
        assertTrue(chunk.caption().contains("p20"), chunk.caption());
        assertEquals(List.of(PartKind.CHUNK_HEADER, PartKind.USER_DATA),
            chunk.parts().stream().map(p -> p.kind()).toList().subList(0, 2));
        MapBlock header = chunk;
        while (header.state() == BlockState.LFH_BUSY || header.state() == BlockState.LFH_FREE) {
            header = model.blockAt(header.entry() - 1);
        }
        assertEquals(BlockState.LFH_USER_BLOCKS, header.state(), "the UserBlocks header before the first chunk");
        assertTrue(header.caption().startsWith("UserBlocks bucket"), header.caption());
        assertTrue(blocks(model).filter(b -> b.state() == BlockState.LFH_FREE).count() > 10, "its free chunks");
        assertTrue(key(model).containsAll(List.of("busy LFH chunk", "free LFH chunk", "LFH chunk header",
            "LFH UserBlocks header")), key(model)::toString);
    }

    @Test
    void aVirtualBlockIsDrawnFromItsRegionsFirstByteWithItsVirtualAllocEntry() throws Exception {
        HeapMapModel model = mapAt("growth", 9);
        long c = process("growth", 9).readVariable("c");
        long region = c & -0x1000L;
        MapBlock block = model.blockAt(region);
        assertNotNull(block, "the _HEAP_VIRTUAL_ALLOC_ENTRY's bytes belong to the block");
        assertEquals(BlockState.VIRTUAL, block.state());
        assertEquals(c - 8, block.entry(), "the busy _HEAP_ENTRY after the _HEAP_VIRTUAL_ALLOC_ENTRY");
        assertEquals(region, block.start());
        assertEquals(PartKind.HEADER, block.parts().get(0).kind());
        HeapMapLayout.Piece first = HeapMapLayout.of(model).pieces().stream()
            .filter(p -> p.block() == block).findFirst().orElseThrow();
        assertEquals(region, first.start(), "the first row starts with the region, not blank up to the header");
    }

    @Test
    void aFullPageHeapBlockSitsOnItsPagesBeforeItsGuardPage() throws Exception {
        HeapMapModel model = mapAt("page-heap-full", 3);
        long p = process("page-heap-full", 3).readVariable("p");
        MapHeap pageHeap = model.heaps().get(model.heaps().size() - 1);
        assertTrue(pageHeap.title().startsWith("Page heap "), pageHeap.title());
        MapBlock block = model.blockAt(p);
        assertEquals(BlockState.PAGE_HEAP, block.state());
        assertEquals(p + 16, block.end(), "16 bytes end where the guard page begins");
        assertEquals(List.of(PartKind.UNUSED, PartKind.DPH_INFO, PartKind.USER_DATA), block.parts().stream()
            .map(x -> x.kind()).toList().subList(0, 3));
        MapBlock guard = model.blockAt(p + 16);
        assertEquals(BlockState.GUARD, guard.state());
        assertEquals(0x1000, guard.size());
        assertTrue(key(model).containsAll(List.of("page heap block", "guard page (no access)",
            "page heap stamps (DPH)")), key(model)::toString);
        assertTrue(model.describe(guard).contains("access violation"), model.describe(guard));
    }

    @Test
    void aBusyBlockUnderTailCheckingShowsItsTailFillAndTheOverwrittenByte() throws Exception {
        HeapMapModel before = mapAt("tail-check", 3);
        long p = process("tail-check", 3).readVariable("p");
        MapBlock intact = before.blockAt(p);
        Set<PartKind> kinds = intact.parts().stream().map(x -> x.kind()).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of(PartKind.HEADER, PartKind.USER_DATA, PartKind.TAIL_FILL)), kinds::toString);
        assertFalse(intact.isDamaged());
        assertFalse(key(before).contains("corrupted bytes"));

        HeapMapModel after = mapAt("tail-check", 4);
        MapBlock damaged = after.blockAt(p);
        assertTrue(damaged.isDamaged());
        assertEquals(p + 12, damaged.damage().get(0).start(), "p[12], the first tail byte");
        assertEquals(p + 13, damaged.damage().get(0).end());
        assertTrue(key(after).contains("corrupted bytes"));
        String tip = after.describe(damaged);
        assertTrue(tip.contains("CORRUPTED 1 byte at " + String.format("%08x", p + 12)), tip);
        assertTrue(tip.contains("0xAB (tail fill)"), tip);
    }

    @Test
    void aCrtOverrunMarksTheNoMansLandAndTheTooltipGivesRequestAndFileLine() throws Exception {
        HeapMapModel model = mapAt("crt-overrun", 5);
        long name = process("crt-overrun", 5).readVariable("name");
        MapBlock block = model.blockAt(name);
        assertNotNull(block);
        List<PartKind> kinds = block.parts().stream().map(x -> x.kind()).toList();
        assertEquals(List.of(PartKind.HEADER, PartKind.CRT_HEADER, PartKind.NO_MANS_LAND, PartKind.USER_DATA,
            PartKind.NO_MANS_LAND), kinds.subList(0, 5));
        assertTrue(block.isDamaged(), "the overrun wrote into the no-man's land after the data");
        assertTrue(block.damage().get(0).what().contains("no-man's land"), block.damage().toString());
        String tip = model.describe(block);
        assertTrue(tip.contains("request {1}"), tip);
        assertTrue(tip.contains("file names.c(14)"), tip);
        assertTrue(tip.contains("CORRUPTED"), tip);
    }

    @Test
    void theTooltipOfATaggedBlockNamesItsTagAndCaller() throws Exception {
        HeapMapModel model = mapAt("heap-tags", 5);
        long n2 = process("heap-tags", 5).readVariable("n2");
        String tip = model.describe(model.blockAt(n2));
        assertTrue(tip.contains("tag Nodes (0002)"), tip);
        assertTrue(tip.contains("allocated at demo!main+0x14 [demo.c @ 5]"), tip);
    }
}
