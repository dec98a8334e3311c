package heaplab.engine.nt;

import heaplab.engine.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static heaplab.engine.nt.HeapConstants.ERROR_INVALID_PARAMETER;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_BUSY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeapFree: coalescing (heap-facts.md 1.5) and what happens to pointers that are not busy blocks. */
class NtHeapFreeTest {

    private static List<HeapBlock> userBlocks(HeapHarness t, long h) {
        return t.info(h).segments().get(0).blocks().stream().filter(b -> b.kind() != HeapBlock.Kind.INTERNAL)
            .toList();
    }

    /** Validation checks a free list's links both ways: a damaged Blink is found (as safe unlinking would). */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void validationFindsADamagedBlink(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, t.request(3));
        t.alloc(h, t.request(2));
        long b = t.alloc(h, t.request(3));
        t.alloc(h, t.request(2));
        t.free(h, a);
        t.free(h, b);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
        long blink = b + arch.pointerSize();
        long old = t.p.memory().readPtr(blink);
        t.p.memory().writePtr(blink, old ^ 0x100);
        assertFalse(t.p.heapValidate(h, 0, 0));
        assertTrue(t.errors(h).contains("FreeList[3] entry " + Long.toHexString(b - arch.granularity()) + ": Blink "
            + Long.toHexString(old ^ 0x100) + " is not the entry before it"), t.errors(h));
        t.p.memory().writePtr(blink, old);
        long head = t.p.memory().readPtr(a + arch.pointerSize());
        long headBlink = head + arch.pointerSize();
        long last = t.p.memory().readPtr(headBlink);
        t.p.memory().writePtr(headBlink, a);
        assertFalse(t.p.heapValidate(h, 0, 0));
        assertTrue(t.errors(h).contains("FreeList[3] head's Blink " + Long.toHexString(a) + " is not its last entry ("
            + Long.toHexString(last) + ")"), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void freeMergesWithThePreviousBlock(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, t.request(3));
        long b = t.alloc(h, t.request(4));
        long guard = t.alloc(h, t.request(2));
        t.free(h, a);
        assertEquals(List.of(a), t.freeList(h, 3));
        t.free(h, b);
        assertEquals(List.of(a), t.freeList(h, 7), "a and b are one 7-unit block at a");
        assertEquals(List.of(7), t.bits(h));
        assertEquals(7, t.units(a));
        assertEquals(7, t.previousUnits(guard), "the next block's PreviousSize follows the merge");
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void freeMergesWithTheNextBlock(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, t.request(3));
        long b = t.alloc(h, t.request(4));
        long guard = t.alloc(h, t.request(2));
        t.free(h, b);
        t.free(h, a);
        assertEquals(List.of(a), t.freeList(h, 7));
        assertEquals(List.of(7), t.bits(h));
        assertEquals(7, t.previousUnits(guard));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void freeMergesWithBothNeighbours(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, t.request(3));
        long b = t.alloc(h, t.request(4));
        long c = t.alloc(h, t.request(5));
        long d = t.alloc(h, t.request(6));
        t.free(h, a);
        t.free(h, c);
        assertEquals(List.of(3, 5), t.bits(h));
        t.free(h, b);
        assertEquals(List.of(a), t.freeList(h, 12));
        assertEquals(List.of(12), t.bits(h), "FreeList[3] and [5] emptied");
        assertEquals(12, t.previousUnits(d));
        List<HeapBlock> blocks = userBlocks(t, h);
        assertEquals(t.entry(a), blocks.get(0).entry());
        assertEquals(12L * t.g, blocks.get(0).size());
        assertEquals(HeapBlock.Kind.FREE, blocks.get(0).kind());
        assertEquals(t.entry(d), blocks.get(1).entry());
        assertEquals(HeapBlock.Kind.FREE, blocks.get(2).kind());
        assertEquals(3, blocks.size());

        t.free(h, d);
        blocks = userBlocks(t, h);
        assertEquals(1, blocks.size(), "everything merged into the last free block");
        assertTrue(blocks.get(0).isLast());
        assertEquals(t.entry(a), t.lastEntryInSegment(h, 0));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void freeOfNullSucceeds(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        assertTrue(t.p.heapFree(t.p.getProcessHeap(), 0, 0));
        assertTrue(t.p.debugOutput().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void invalidAndDoubleFreesFailAndSaySo(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, 0x40);
        long b = t.alloc(h, 0x40);
        long c = t.alloc(h, 0x40);
        long[] invalid = {a + 1, a + t.g, a + 2L * t.g, h + 0x8000, 0x12340000L};
        for (long bad : invalid) {
            t.p.setLastError(0);
            assertFalse(t.p.heapFree(h, 0, bad), Long.toHexString(bad));
            assertEquals(ERROR_INVALID_PARAMETER, t.p.lastError());
        }
        t.free(h, b);
        t.p.setLastError(0);
        assertFalse(t.p.heapFree(h, 0, b), "double free");
        assertEquals(ERROR_INVALID_PARAMETER, t.p.lastError());
        assertFalse(t.p.heapValidate(h, 0, b), "a freed block is not valid");
        assertEquals(arch.pointerMask(), t.p.heapSize(h, 0, b), "HeapSize of a freed block is (SIZE_T)-1");

        int digits = arch.pointerDigits();
        Pattern shape = Pattern.compile("HEAP\\[demo\\.exe\\]: Invalid address specified to RtlFreeHeap\\( "
            + "([0-9A-F]{" + digits + "}), ([0-9A-F]{" + digits + "}) \\)");
        List<String> out = t.p.debugOutput();
        assertEquals(invalid.length + 3, out.size(), out.toString());
        assertEquals(List.of("RtlValidateHeap", "RtlSizeHeap"), out.subList(out.size() - 2, out.size()).stream()
            .map(line -> line.replaceAll(".* to (\\w+)\\(.*", "$1")).toList(), "the same pointer's messages");
        Matcher m = shape.matcher(out.get(out.size() - 3));
        assertTrue(m.matches(), out.get(out.size() - 3));
        assertEquals(h, Long.parseUnsignedLong(m.group(1), 16));
        assertEquals(b, Long.parseUnsignedLong(m.group(2), 16));
        Matcher first = shape.matcher(out.get(0));
        assertTrue(first.matches(), out.get(0));
        assertEquals(a + 1, Long.parseUnsignedLong(first.group(2), 16));

        assertEquals(HEAP_ENTRY_BUSY, t.flags(a) & HEAP_ENTRY_BUSY, "the failed frees changed nothing");
        assertEquals(HEAP_ENTRY_BUSY, t.flags(c) & HEAP_ENTRY_BUSY);
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aBlockOfAnotherHeapIsInvalid(Arch arch) {
        HeapHarness t = new HeapHarness(arch);
        long h1 = t.p.heapCreate(0, 0, 0);
        long h2 = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h1, 0x20);
        assertFalse(t.p.heapFree(h2, 0, a));
        assertEquals(ERROR_INVALID_PARAMETER, t.p.lastError());
        assertTrue(t.p.heapValidate(h1, 0, a));
        t.free(h1, a);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void coalescingCanBeDisabledByGlobalFlag(Arch arch) {
        HeapHarness t = new HeapHarness(arch, 0x00200000);
        long h = t.p.heapCreate(0, 0, 0);
        long a = t.alloc(h, t.request(3));
        long b = t.alloc(h, t.request(4));
        t.alloc(h, t.request(2));
        t.free(h, a);
        t.free(h, b);
        assertEquals(List.of(a), t.freeList(h, 3));
        assertEquals(List.of(b), t.freeList(h, 4));
        assertTrue(t.p.heapValidate(h, 0, 0), t.errors(h));
    }
}
