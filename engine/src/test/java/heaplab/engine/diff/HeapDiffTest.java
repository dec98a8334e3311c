package heaplab.engine.diff;

import heaplab.engine.Arch;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapDiffTest {

    private static Session at(String json, int step) {
        Session session;
        try {
            session = Session.open(ScenarioLoader.load("diff.json", json));
        } catch (heaplab.engine.scenario.ScenarioException e) {
            throw new AssertionError(e);
        }
        session.jumpTo(step);
        return session;
    }

    private static final String NT = """
        {"heaplab": 1, "title": "diff", "lfh": "off", "steps": [
          {"do": "h = HeapCreate(0, 0, 0)"}, {"do": "a = HeapAlloc(h, 0, 0x20)"}, {"do": "b = HeapAlloc(h, 0, 0x30)"},
          {"do": "HeapFree(h, 0, a)"}, {"do": "c = HeapAlloc(h, 0, 0x40)"}, {"do": "b[5] = 0x41"},
          {"do": "d = HeapReAlloc(h, 0, c, 0x38)"}]}""";

    @Test
    void allocatedFreedAndModifiedBlocksAreFoundByUserAddress() {
        Session before = at(NT, 3);
        Session after = at(NT, 6);
        HeapDiff diff = HeapDiff.between(before.process(), 3, after.process(), 6);
        long a = after.process().readVariable("a");
        long b = after.process().readVariable("b");
        long c = after.process().readVariable("c");
        List<HeapDiff.Change> expected = new java.util.ArrayList<>(List.of(
            new HeapDiff.Change(HeapDiff.Kind.FREED, after.process().readVariable("h"), a, 0x20, 0x20, 0),
            new HeapDiff.Change(HeapDiff.Kind.MODIFIED, after.process().readVariable("h"), b, 0x30, 0x30, b + 5),
            new HeapDiff.Change(HeapDiff.Kind.ALLOCATED, after.process().readVariable("h"), c, 0x40, 0, 0)));
        expected.sort(java.util.Comparator.comparingLong(HeapDiff.Change::user));
        assertEquals(expected, diff.changes());
        assertEquals(new HeapDiff.Totals(2, 0x50), diff.before());
        assertEquals(new HeapDiff.Totals(2, 0x70), diff.after());
        assertNull(diff.crtDifference(), "no CRT blocks: no CRT statistics");
        assertEquals("""
            Changes from step 3 to step 6:
            64 bytes in 1 Allocated Blocks.
            32 bytes in 1 Freed Blocks.
            48 bytes in 1 Modified Blocks.
            Busy: 112 bytes in 2 blocks, was 80 bytes in 2 blocks (+32 bytes).
            """, diff.summary(Arch.X86));
    }

    @Test
    void aBlockResizedInPlaceIsModifiedAndTheSameStepGivesNoChange() {
        Session six = at(NT, 6);
        Session seven = at(NT, 7);
        HeapDiff diff = HeapDiff.between(six.process(), 6, seven.process(), 7);
        long c = six.process().readVariable("c");
        assertEquals(List.of(new HeapDiff.Change(HeapDiff.Kind.MODIFIED, six.process().readVariable("h"), c, 0x38,
            0x40, 0)), diff.changes(), "shrunk in place");
        assertTrue(HeapDiff.between(six.process(), 6, six.process(), 6).changes().isEmpty());
    }

    @Test
    void theCrtDifferenceIsAddedWhenTheDebugCrtHasBlocks() {
        String crt = """
            {"heaplab": 1, "title": "crt", "steps": [
              {"do": "p = malloc(10)"}, {"do": "q = malloc(20)"}, {"do": "free(p)"}]}""";
        HeapDiff diff = HeapDiff.between(at(crt, 1).process(), 1, at(crt, 3).process(), 3);
        assertTrue(diff.summary(Arch.X86).endsWith("""
            CRT debug heap, _CrtMemDifference:
            0 bytes in 0 Free Blocks.
            10 bytes in 0 Normal Blocks.
            0 bytes in 0 CRT Blocks.
            0 bytes in 0 Ignore Blocks.
            0 bytes in 0 Client Blocks.
            Largest number used: 20 bytes.
            Total allocations: 20 bytes.
            """), diff.summary(Arch.X86));
        assertEquals(1, diff.count(HeapDiff.Kind.ALLOCATED));
        assertEquals(1, diff.count(HeapDiff.Kind.FREED));
    }
}
