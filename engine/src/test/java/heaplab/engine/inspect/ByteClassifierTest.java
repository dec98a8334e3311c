package heaplab.engine.inspect;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classifier alone: spans and bytes in, kinds and damage out, no process. */
class ByteClassifierTest {
    private final Map<Long, Integer> memory = new HashMap<>();
    private final LongToIntFunction peek = a -> memory.getOrDefault(a, -1);

    private void poke(long address, String hexBytes) {
        String[] parts = hexBytes.split(" ");
        for (int i = 0; i < parts.length; i++) {
            memory.put(address + i, Integer.parseInt(parts[i], 16));
        }
    }

    @Test
    void anOverwrittenNoMansLandIsDamageButWrittenCleanFillIsData() {
        // [gap fd x4][data cd x4][gap fd x4], the program wrote "0123" and one byte past the data.
        poke(0x100, "fd fd fd fd 30 31 cd cd 00 fd fd fd");
        List<ByteSpan> spans = List.of(
            ByteSpan.strict(0x100, 0x104, ByteKind.NO_MANS_LAND, ByteSpan.repeat(0xFD)),
            ByteSpan.fill(0x104, 0x108, ByteKind.CLEAN_FILL, ByteSpan.repeat(0xCD), ByteKind.DATA),
            ByteSpan.strict(0x108, 0x10C, ByteKind.NO_MANS_LAND, ByteSpan.repeat(0xFD)));
        BlockBytes bytes = ByteClassifier.classify(0x100, 12, spans, peek);
        assertEquals(ByteKind.NO_MANS_LAND, bytes.kind(0));
        assertEquals(ByteKind.DATA, bytes.kind(4));
        assertEquals(ByteKind.CLEAN_FILL, bytes.kind(6));
        assertFalse(bytes.damaged(4), "writing the data is what data is for");
        assertTrue(bytes.damaged(8));
        assertFalse(bytes.damaged(9));
        assertEquals(List.of(new BlockBytes.Damage(0x108, 0x109, ByteKind.NO_MANS_LAND, "fd", "00")),
            bytes.damages());
    }

    @Test
    void aDwordFillCountsOnlyWhereTheWholeDwordHoldsIt() {
        poke(0x200, "0d f0 ad ba 0d 00 00 00 ee fe ee fe ee fe 41 fe");
        List<ByteSpan> spans = List.of(
            ByteSpan.fill(0x200, 0x208, ByteKind.BUSY_FILL, ByteSpan.littleEndian(0xBAADF00DL, 4), ByteKind.DATA),
            ByteSpan.strict(0x208, 0x210, ByteKind.FREE_FILL, ByteSpan.littleEndian(0xFEEEFEEEL, 4)));
        BlockBytes bytes = ByteClassifier.classify(0x200, 16, spans, peek);
        assertEquals(ByteKind.BUSY_FILL, bytes.kind(0));
        assertEquals(ByteKind.DATA, bytes.kind(4), "a lone 0x0d is data, not a piece of baadf00d");
        assertEquals(ByteKind.FREE_FILL, bytes.kind(8));
        assertEquals(List.of(new BlockBytes.Damage(0x20E, 0x20F, ByteKind.FREE_FILL, "ee", "41")), bytes.damages());
    }

    @Test
    void unreadableBytesAreGuardNotDamageAndLaterSpansWin() {
        poke(0x300, "d0 d0 d1 d0");
        List<ByteSpan> spans = List.of(
            ByteSpan.label(0x300, 0x308, ByteKind.DATA),
            ByteSpan.strict(0x300, 0x308, ByteKind.PAGE_HEAP_SUFFIX, ByteSpan.repeat(0xD0)));
        BlockBytes bytes = ByteClassifier.classify(0x300, 8, spans, peek);
        assertEquals(ByteKind.PAGE_HEAP_SUFFIX, bytes.kind(0));
        assertTrue(bytes.damaged(2));
        assertEquals(ByteKind.UNREADABLE, bytes.kind(5));
        assertFalse(bytes.damaged(5));
        assertEquals(-1, bytes.value(5));
        assertEquals(ByteKind.DATA, ByteClassifier.classify(0x2FF, 1, spans, a -> 1).kind(0), "outside: data");
    }
}
