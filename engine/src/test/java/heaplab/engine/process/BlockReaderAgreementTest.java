package heaplab.engine.process;

import heaplab.engine.crt.CrtBlockHeader;
import heaplab.engine.inspect.BlockAnatomy;
import heaplab.engine.inspect.BlockBytes;
import heaplab.engine.inspect.BlockInspector;
import heaplab.engine.inspect.ByteKind;
import heaplab.engine.process.HeapAnatomy.Anatomy;
import heaplab.engine.process.HeapAnatomy.Part;
import heaplab.engine.process.HeapAnatomy.PartKind;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap map's parts and damage ({@link HeapAnatomy}) and the inspector's byte kinds and damage
 * ({@link BlockInspector}) say the same of every byte of every block, at every step of the samples that make NT,
 * LFH, debug CRT, light and full page heap blocks: both read blocks through one BlockReader.
 */
class BlockReaderAgreementTest {
    /** Bytes compared per block: the inspector classifies at most this many from a block's start. */
    private static final int LIMIT = 0x4000;

    /** What the checks met, so that a sample that stopped making some kind of block is noticed. */
    private final Set<PartKind> partsSeen = EnumSet.noneOf(PartKind.class);
    private final Set<BlockAnatomy.Kind> blocksSeen = EnumSet.noneOf(BlockAnatomy.Kind.class);
    private int damagedBytesSeen;

    @ParameterizedTest
    @ValueSource(strings = {"coalescing", "tail-check", "free-check", "heap-tags", "lfh", "lfh-auto", "crt-overrun",
        "crt-underrun", "crt-delay-free", "crt-leaks", "page-heap-full", "page-heap-light", "virtual-memory"})
    void theMapAndTheInspectorAgreeOnEveryByteAtEveryStep(String sample) throws Exception {
        Session session = Session.open(ScenarioLoader.loadSample(sample));
        int blocks = 0;
        do {
            blocks += compareAll(session.process());
        } while (session.step() != null);
        assertTrue(blocks > 0, "the sample made blocks");
    }

    @Test
    void theSamplesCoverEveryLayer() throws Exception {
        for (String sample : new String[] {"lfh", "crt-overrun", "page-heap-full", "page-heap-light", "tail-check"}) {
            Session session = Session.open(ScenarioLoader.loadSample(sample));
            do {
                compareAll(session.process());
            } while (session.step() != null);
        }
        // A page heap's own pages are no block with parts of its own in the map (BlockInspectorTest decodes them).
        assertEquals(EnumSet.complementOf(EnumSet.of(BlockAnatomy.Kind.PAGE_HEAP_ROOT)), blocksSeen);
        for (PartKind kind : EnumSet.of(PartKind.HEADER, PartKind.CRT_HEADER, PartKind.NO_MANS_LAND,
            PartKind.USER_DATA, PartKind.TAIL_FILL, PartKind.UNUSED, PartKind.DPH_INFO, PartKind.SUFFIX,
            PartKind.GUARD_PAGE, PartKind.CHUNK_HEADER)) {
            assertTrue(partsSeen.contains(kind), () -> kind + " in " + partsSeen);
        }
        assertTrue(damagedBytesSeen > 0, "crt-overrun damages a no-man's land");
    }

    /** Compares every block at the current position; returns how many. */
    private int compareAll(Process process) {
        HeapAnatomy.Picture picture = HeapAnatomy.of(process, crtBlocks(process));
        BlockInspector inspector = new BlockInspector(process);
        int n = 0;
        for (Map.Entry<Long, Anatomy> e : picture.blocks().entrySet()) {
            compare(process, inspector, e.getKey(), e.getValue(), null);
            n++;
        }
        for (HeapAnatomy.UserBlocks ub : picture.userBlocks().values()) {
            for (HeapAnatomy.Chunk c : ub.chunks()) {
                compare(process, inspector, c.header(), c.anatomy(), BlockAnatomy.Kind.LFH_CHUNK);
                n++;
            }
        }
        for (HeapAnatomy.PageHeapBlock b : picture.pageHeapBlocks()) {
            if (b.busy()) {
                compare(process, inspector, b.user(), b.anatomy(), BlockAnatomy.Kind.PAGE_HEAP_FULL);
                n++;
            }
        }
        return n;
    }

    private void compare(Process process, BlockInspector inspector, long address, Anatomy map,
                         BlockAnatomy.Kind expectedKind) {
        BlockAnatomy inspected = inspector.inspect(address);
        assertNotNull(inspected, () -> "the inspector finds the block at " + Long.toHexString(address));
        if (expectedKind != null) {
            assertEquals(expectedKind, inspected.kind());
        }
        blocksSeen.add(inspected.kind());
        BlockBytes bytes = inspected.bytes(process.memory()::peekByte, LIMIT);
        long start = bytes.start();
        long end = start + bytes.length();
        Map<Long, PartKind> partAt = new HashMap<>();
        for (Part part : map.parts()) {
            partsSeen.add(part.kind());
            for (long a = Math.max(part.start(), start); a < Math.min(part.end(), end); a++) {
                partAt.put(a, part.kind());
            }
        }
        Set<Long> mapDamage = new HashSet<>();
        for (HeapAnatomy.Damage d : map.damage()) {
            for (long a = Math.max(d.start(), start); a < Math.min(d.end(), end); a++) {
                mapDamage.add(a);
            }
        }
        for (int i = 0; i < bytes.length(); i++) {
            long a = start + i;
            ByteKind kind = bytes.kind(i);
            if (kind == ByteKind.UNREADABLE && partAt.get(a) != PartKind.GUARD_PAGE) {
                continue; // unreadable bytes of another layer (never in a sample's live blocks)
            }
            PartKind expected = HeapAnatomy.partOf(kind);
            int at = i;
            assertEquals(expected, partAt.get(a), () -> String.format("%s at %x (block %x, inspector says %s)",
                inspected.kind(), a, address, bytes.kind(at)));
            assertEquals(bytes.damaged(i), mapDamage.contains(a),
                () -> String.format("damage at %x (block %x): inspector %s, map %s", a, address, bytes.damages(),
                    map.damage()));
            damagedBytesSeen += bytes.damaged(i) ? 1 : 0;
        }
    }

    /** The debug CRT's blocks as the window reads them: NT entry address to {data address, data size}. */
    private static Map<Long, long[]> crtBlocks(Process process) {
        CrtBlockHeader headers = process.crt().headers();
        Map<Long, long[]> blocks = new HashMap<>();
        for (long at = process.crt().globals().firstBlock(); at != 0; at = headers.next(at)) {
            blocks.put(at - process.heaps().layout().g, new long[] {headers.user(at), headers.dataSize(at)});
        }
        return blocks;
    }
}
