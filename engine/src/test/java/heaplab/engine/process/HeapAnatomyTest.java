package heaplab.engine.process;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.HeapAnatomy.Anatomy;
import heaplab.engine.process.HeapAnatomy.Damage;
import heaplab.engine.process.HeapAnatomy.Part;
import heaplab.engine.process.HeapAnatomy.PartKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts and damaged bytes of blocks, read back from memory for the heap map. */
class HeapAnatomyTest {
    /** FLG_HEAP_ENABLE_TAIL_CHECK | FLG_HEAP_ENABLE_FREE_CHECK. */
    private static final long HTC_HFC = 0x10 | 0x20;

    private static Process process(Arch arch, long flags, String lfh, String pageHeap) {
        return new Process(new ProcessConfig(arch, flags, "demo.exe", lfh, pageHeap));
    }

    private static HeapBlock blockOf(Process p, long heap, long user) {
        HeapInfo info = p.heaps().read(heap);
        return info.allBlocks().stream().filter(b -> b.user() == user).findFirst().orElseThrow();
    }

    private static List<PartKind> kinds(Anatomy a) {
        return a.parts().stream().map(Part::kind).toList();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aTailCheckedBlockHasHeaderDataTailFillAndUnusedBytesInOrder(Arch arch) {
        Process p = process(arch, HTC_HFC, "off", "off");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 12);
        HeapBlock b = blockOf(p, h, a);
        Anatomy anatomy = HeapAnatomy.of(p, Map.of()).blocks().get(b.entry());
        assertEquals(List.of(PartKind.HEADER, PartKind.USER_DATA, PartKind.TAIL_FILL, PartKind.UNUSED),
            kinds(anatomy).subList(0, 4));
        assertEquals(new Part(PartKind.USER_DATA, a, a + 12), anatomy.parts().get(1));
        int g = arch.granularity();
        assertEquals(new Part(PartKind.TAIL_FILL, a + 12, a + 12 + g), anatomy.parts().get(2));
        long covered = anatomy.parts().stream().mapToLong(x -> x.end() - x.start()).sum();
        assertEquals(b.size(), covered, "the parts cover the block");
        assertTrue(anatomy.damage().isEmpty());
    }

    @Test
    void bytesWrittenPastTheRequestAreTheDamageNotTheWholeTail() {
        Process p = process(Arch.X86, HTC_HFC, "off", "off");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 12);
        p.memory().writeByte(a + 12, 0x41);
        p.memory().writeByte(a + 13, 0x42);
        p.memory().writeByte(a + 15, 0x43);
        Anatomy anatomy = HeapAnatomy.of(p, Map.of()).blocks().get(blockOf(p, h, a).entry());
        assertEquals(2, anatomy.damage().size(), anatomy.damage()::toString);
        assertEquals(a + 12, anatomy.damage().get(0).start());
        assertEquals(a + 14, anatomy.damage().get(0).end());
        assertEquals(a + 15, anatomy.damage().get(1).start());
        assertTrue(anatomy.damage().get(0).what().startsWith("0xAB"));
    }

    @Test
    void aFreeBlockWrittenAfterFreeShowsWhereItsFillWasChanged() {
        Process p = process(Arch.X86, HTC_HFC, "off", "off");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0x40);
        long keep = p.heapAlloc(h, 0, 0x10);
        assertTrue(p.heapFree(h, 0, a));
        p.memory().writeU32(a + 0x20, 0x12345678);
        HeapBlock freed = blockOf(p, h, a);
        assertEquals(HeapBlock.Kind.FREE, freed.kind());
        Anatomy anatomy = HeapAnatomy.of(p, Map.of()).blocks().get(freed.entry());
        assertEquals(List.of(new Damage(a + 0x20, a + 0x24, anatomy.damage().get(0).what())), anatomy.damage());
        assertTrue(anatomy.damage().get(0).what().contains("FEEEFEEE"));
        assertTrue(keep != 0);
    }

    @Test
    void aCrtBlockShowsItsHeaderAndNoMansLandsAndADamagedLand() {
        Process p = process(Arch.X86, 0, "off", "off");
        long h = p.getProcessHeap();
        long user = p.heapAlloc(h, 0, 0x20 + 10 + 4);
        long data = user + 0x20;
        AddressSpace m = p.memory();
        m.fill(data - 4, 4, 0xFD);
        m.fill(data + 10, 4, 0xFD);
        m.writeByte(data + 10, 0); // the terminating zero of an 11-character string
        new heaplab.engine.crt.CrtBlockHeader(m).setBlockUse(user, 1); // _NORMAL_BLOCK: a busy block
        HeapBlock b = blockOf(p, h, user);
        Anatomy anatomy = HeapAnatomy.of(p, Map.of(b.entry(), new long[] {data, 10})).blocks().get(b.entry());
        assertEquals(List.of(PartKind.HEADER, PartKind.CRT_HEADER, PartKind.NO_MANS_LAND, PartKind.USER_DATA,
            PartKind.NO_MANS_LAND), kinds(anatomy).subList(0, 5));
        assertEquals(List.of(new Damage(data + 10, data + 11, anatomy.damage().get(0).what())), anatomy.damage());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFullPageHeapBlockHasItsStampsDataSuffixAndGuardPage(Arch arch) {
        Process p = process(arch, PageHeap.FLG_HEAP_PAGE_ALLOCS, "off", "full");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 12);
        HeapAnatomy.PageHeapBlock block = HeapAnatomy.of(p, Map.of()).pageHeapBlocks().stream()
            .filter(b -> b.user() == a).findFirst().orElseThrow();
        assertTrue(block.busy());
        assertEquals(a + 16, block.guard(), "12 bytes rounded to 8 (x86) or 16 (x64) end at the guard page");
        assertEquals(block.guard() + AddressSpace.PAGE_SIZE, block.guardEnd());
        assertEquals(List.of(PartKind.UNUSED, PartKind.DPH_INFO, PartKind.USER_DATA, PartKind.SUFFIX,
            PartKind.GUARD_PAGE), kinds(block.anatomy()));
        assertTrue(block.anatomy().damage().isEmpty());
        p.memory().writeByte(a + 13, 0x41);
        p.memory().writeByte(a - p.heaps().pageHeap().layout().infoSize(), 0x00);
        HeapAnatomy.PageHeapBlock damaged = HeapAnatomy.of(p, Map.of()).pageHeapBlocks().stream()
            .filter(b -> b.user() == a).findFirst().orElseThrow();
        List<Damage> damage = damaged.anatomy().damage();
        assertEquals(2, damage.size(), damage::toString);
        assertTrue(damage.get(0).what().startsWith("start stamp"));
        assertEquals(new Damage(a + 13, a + 14, damage.get(1).what()), damage.get(1));
    }

    @Test
    void aFreedFullPageHeapBlockIsListedDecommitted() {
        Process p = process(Arch.X86, PageHeap.FLG_HEAP_PAGE_ALLOCS, "off", "full");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 0x30);
        assertTrue(p.heapFree(h, 0, a));
        HeapAnatomy.PageHeapBlock block = HeapAnatomy.of(p, Map.of()).pageHeapBlocks().stream()
            .filter(b -> b.user() == a).findFirst().orElseThrow();
        assertTrue(!block.busy());
    }

    @Test
    void anLfhUserBlocksIsCutIntoItsChunksAndAnOverrunMarksTheNextChunkHeader() {
        Process p = process(Arch.X86, 0, "on", "off");
        long h = p.heapCreate(0, 0, 0);
        long a = p.heapAlloc(h, 0, 20);
        long b = p.heapAlloc(h, 0, 20);
        assertEquals(p.heaps().lfh().stride(3), b - a, "side by side in one UserBlocks");
        HeapAnatomy.Picture picture = HeapAnatomy.of(p, Map.of());
        assertEquals(1, picture.userBlocks().size());
        HeapAnatomy.UserBlocks ub = picture.userBlocks().values().iterator().next();
        HeapAnatomy.Chunk first = ub.chunks().get(0);
        assertEquals(a, first.user());
        assertTrue(first.busy());
        assertEquals(List.of(PartKind.CHUNK_HEADER, PartKind.USER_DATA, PartKind.UNUSED), kinds(first.anatomy()));
        assertTrue(ub.chunks().stream().filter(c -> !c.busy()).count() > 0, "free chunks are listed too");
        assertEquals(ub.firstChunk(), first.header());
        assertTrue(ub.chunks().get(ub.chunks().size() - 1).end() <= ub.end());
        // Twelve bytes past a's 20 overwrite its 4 unused bytes and b's chunk header.
        p.memory().fill(a + 20, 12, 0x41);
        HeapAnatomy.Chunk second = HeapAnatomy.of(p, Map.of()).userBlocks().values().iterator().next().chunks()
            .get(1);
        assertNotNull(second.anatomy());
        // The distance, bucket and state bytes are what the LFH relies on; a busy chunk's requested size is any value.
        List<Damage> damage = second.anatomy().damage();
        assertEquals(List.of(new Damage(b - 8, b - 4, damage.get(0).what()), new Damage(b - 2, b, damage.get(0).what())),
            damage);
        assertTrue(damage.get(0).what().contains("chunk header"));
    }
}
