package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recognition, parsing, conversion and error places of WinDbg {@code !heap -a} dumps. */
class HeapDumpTest {
    @TempDir
    Path dir;

    /** A Win7+ x64 style dump: backticks in addresses, three-digit flags, no "Address Size" column line. */
    static final String X64_BACKTICKS = """
        0:000> !heap -a 00000000`02680000
        Index   Address  Name      Debugging options enabled
          1:   02680000
            Segment at 00000000`02680000 to 00000000`0277f000 (00008000 bytes committed)
            Flags:                00000002
            ForceFlags:           00000000
            Granularity:          16 bytes
            Segment00 at 00000000`02680000:
            First Entry:          00000000`02680a80
            Heap entries for Segment00 in Heap 0000000002680000
                 address: psize . size  flags   state (requested size)
                00000000`02680000: 00000 . 00a80 [101] - busy (a7f)
                00000000`02680a80: 00a80 . 00040 [101] - busy (30)
                00000000`02680ac0: 00040 . 00040 [111] - busy (3d)
                00000000`02680b00: 00040 . 00100 [100] - free
                00000000`02680c00: 00100 . 00050 [101] - busy (48)
                00000000`02680c50: 00050 . 073b0 [110] - free
                00000000`02688000:      000f7000      - uncommitted bytes.
        """;

    @Test
    void recognisesTheDumpShapes() throws IOException {
        assertTrue(HeapDump.looksLikeDump(X64_BACKTICKS));
        assertTrue(HeapDump.looksLikeDump(Files.readString(xpDump()).substring(0, 200)));
        assertTrue(HeapDump.looksLikeDump("\uFEFF\r\nIndex   Address  Name      Debugging options enabled\r\n"));
        assertTrue(HeapDump.looksLikeDump("1:0:011> !heap -a 00170000\nIndex   Address  Name      Debugging"
            + " options enabled\n"));
        assertTrue(HeapDump.looksLikeDump("0: kd> !heap -a 00250000\nIndex   Address  Name      Debugging options"
            + " enabled\n"));
    }

    @Test
    void scenariosTracesAndOtherTextAreNotDumps() throws IOException {
        assertFalse(HeapDump.looksLikeDump("{ \"heaplab\": 1, \"title\": \"Index   Address  Name      Debugging"
            + " options enabled\", \"steps\": [] }"));
        assertFalse(HeapDump.looksLikeDump(Files.readString(TraceFiles.resource("short1-bal"))));
        assertFalse(HeapDump.looksLikeDump("20000\n2\n4\n1\nIndex   Address  Name      Debugging options enabled\n"));
        assertFalse(HeapDump.looksLikeDump("==1234== malloc(16) = 0x4A2B040\n"));
        assertFalse(HeapDump.looksLikeDump(""));
        assertFalse(HeapDump.looksLikeDump("0:000> !heap -s\n  LFH Key : 0x00000\n"));
        assertFalse(HeapDump.looksLikeDump("Index   Address  Name"));
    }

    @Test
    void aDumpIsImportedWhateverItsName() throws IOException, ScenarioException {
        Path file = dir.resolve("heap.json");
        Files.writeString(file, X64_BACKTICKS);
        Scenario scenario = TraceImport.loadAny(file);
        assertEquals(Arch.X64, scenario.arch());
        assertEquals("heap.json", scenario.title());
        assertEquals("h = HeapCreate(HEAP_GROWABLE, 0, 0xff000)", scenario.steps().get(0).text());
        assertEquals("b1 = HeapAlloc(h, 0, 0x30)", scenario.steps().get(1).text());
        // 0x3d bytes give a 0x50-byte block here; the dumped 0x40 comes from a request of 0x38
        assertEquals("b2 = HeapAlloc(h, 0, 0x38)", scenario.steps().get(2).text());
        assertTrue(scenario.steps().get(2).say().contains("was 0000000002680ac0 in the dump"));
        assertEquals("f1 = HeapAlloc(h, 0, 0xf8)", scenario.steps().get(3).text());
        assertEquals("HeapFree(h, 0, f1)", scenario.steps().get(5).text());
        assertEquals(new Step(Step.Kind.CMD, "!heap -a h", "", false, 1, 1).text(), scenario.steps().get(6).text());
        assertEquals(7, scenario.steps().size());
        Session session = Session.open(scenario);
        session.run();
        assertEquals(scenario.steps().size(), session.position());
    }

    @Test
    void theSeedsXpDumpKeepsSizesFlagsAndTagNames() throws ScenarioException {
        Path file = xpDump();
        HeapDump dump = HeapDump.read(file);
        assertEquals(Arch.X86, dump.arch());
        assertEquals(0x50000062L, dump.flags());
        assertEquals(0x00250bc8L, dump.firstEntry());
        assertEquals(3, dump.elisions());
        HeapDump.Entry first = dump.entries().get(2);
        assertEquals(0x00250bc8L, first.address());
        assertEquals(0x40, first.bytes());
        assertEquals(0x07, first.flags());
        assertEquals(0x24, first.requested());
        assertTrue(first.tailFill());
        assertEquals("NTDLL!LDR Database", first.tag());

        Scenario scenario = HeapDumpConverter.toScenario(dump);
        assertEquals("+htc +hfc +hpc +htg", scenario.gflags());
        assertEquals("b1 = HeapAlloc(h, 0, 0x24)", scenario.steps().get(1).text());
        assertTrue(scenario.steps().get(0).say().contains("(flags 10000000 have no HeapLab form and are left out)"),
            scenario.steps().get(0).say());
        assertTrue(scenario.steps().get(1).say().contains("was 00250bc8 in the dump"), scenario.steps().get(1).say());
        assertTrue(scenario.summary().contains("7 named tags"), scenario.summary());
        assertTrue(scenario.summary().contains("3 '...' gaps filled with busy blocks"), scenario.summary());
        assertTrue(scenario.summary().contains("1 block of a size the simulator cannot give"), scenario.summary());

        Session session = Session.open(scenario);
        session.run();
        assertEquals(scenario.steps().size(), session.position(), session.lastRunStopText());
        HeapDump rebuilt = HeapDump.parse("rebuilt", "rebuilt", session.console("!heap -a h"));
        // The fillers keep every offset; the one free 0x10-byte block (002527b0) becomes 0x20 bytes (the smallest
        // block with tail checking and pseudo-tags), so the entries after it sit 0x10 bytes further.
        Map<Long, HeapDump.Entry> byOffset = new HashMap<>();
        long rebuiltOrigin = rebuilt.firstEntry();
        for (HeapDump.Entry e : rebuilt.entries()) {
            byOffset.put(e.address() - rebuiltOrigin, e);
        }
        int checked = 0;
        for (HeapDump.Entry e : dump.entries()) {
            if (HeapDumpConverter.isInternal(dump, e) || e.kind() == HeapDump.Entry.Kind.UNCOMMITTED || e.isLast()) {
                continue;
            }
            long offset = e.address() - dump.firstEntry() + (e.address() > 0x002527b0L ? 0x10 : 0);
            HeapDump.Entry r = byOffset.get(offset);
            String where = Long.toHexString(e.address());
            assertTrue(r != null, "no entry for " + where);
            assertEquals(e.kind(), r.kind(), where);
            assertEquals(e.address() == 0x002527b0L ? 0x20 : e.bytes(), r.bytes(), where);
            if (e.kind() == HeapDump.Entry.Kind.BUSY) {
                assertEquals(e.flags(), r.flags(), where);
                assertEquals(e.requested(), r.requested(), where);
                assertTrue(r.tailFill(), where);
            } else {
                assertTrue(r.freeFill(), where);
            }
            checked++;
        }
        assertEquals(38, checked);
    }

    @Test
    void aDamagedEntryLineSaysWhere() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, X64_BACKTICKS.replace("00040 . 00040 [111]", "00040 . 0004Z [111]"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertEquals(file + ":14:36: entry size '0004Z' is not a hex number", e.getMessage());

        Files.writeString(file, X64_BACKTICKS.replace("[100] - free", "[100] - gone"));
        e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertEquals(file + ":15:48: expected '- busy (BYTES)', '- free', 'free fill' or nothing after the flags,"
            + " not '- gone'", e.getMessage());

        Files.writeString(file, X64_BACKTICKS.replace("00a80 . 00040 [101]", "00a80 , 00040 [101]"));
        e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertEquals(file + ":13:34: expected '.' between the previous and the current size, not ','",
            e.getMessage());

        // A mistyped address: outside the segment, or before the entry above it (else the rebuild would fill the gap).
        Files.writeString(file, X64_BACKTICKS.replace("00000000`02680c00:", "00000070`02680c00:"));
        e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertEquals(file + ":16:9: entry 7002680c00 is outside the segment 2680000 - 277f000", e.getMessage());
        Files.writeString(file, X64_BACKTICKS.replace("00000000`02680c00:", "00000000`02680a00:"));
        e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertEquals(file + ":16:9: entry 2680a00 overlaps or comes before the entry before it (2680b00 up to"
            + " 2680c00)", e.getMessage());
    }

    @Test
    void aDumpWithoutEntriesSaysWhatIsMissing() throws IOException {
        Path file = dir.resolve("short.txt");
        Files.writeString(file, "0:000> !heap -h\nIndex   Address  Name      Debugging options enabled\n"
            + "  1:   00250000\n    Segment at 00250000 to 00350000 (00056000 bytes committed)\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> TraceImport.loadAny(file));
        assertTrue(e.getMessage().startsWith(file + ":5:1: the dump has no 'Heap entries"), e.getMessage());
    }

    static Path xpDump() {
        try {
            return Path.of(HeapDumpTest.class.getResource("heap-a-xp.txt").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
