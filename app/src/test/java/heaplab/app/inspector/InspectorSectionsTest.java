package heaplab.app.inspector;

import heaplab.app.main.EngineLabSession;
import heaplab.app.main.HeapViews;
import heaplab.app.main.MainViewModel;
import heaplab.engine.inspect.ByteKind;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inspector on real sessions, through HeapViews as the window and the export feed it: one category per layer in
 * layer order, the bytes classified by the engine, damage in the fields, and the jump field.
 */
class InspectorSectionsTest {

    private static EngineLabSession at(String sample, int position) throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.loadSample(sample)));
        lab.jumpTo(position);
        return lab;
    }

    private static InspectorModel inspect(EngineLabSession lab, String variable, long offset) {
        HeapViews views = new HeapViews(address -> { });
        views.update(lab, lab.variables().get(variable) + offset);
        return views.inspector().getModel();
    }

    private static Map<String, String> fields(InspectorModel m, String category) {
        return m.fields().stream().filter(f -> f.category().equals(category))
            .collect(Collectors.toMap(HeaderField::name, HeaderField::value, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static ByteKind kindAt(InspectorModel m, long address) {
        for (HexLine line : m.hexLines()) {
            if (!line.bytes().isEmpty() && address >= line.address() && address < line.address() + 16) {
                return line.bytes().get((int) (address - line.address())).kind();
            }
        }
        throw new AssertionError("not in the dump: " + Long.toHexString(address));
    }

    /** First-fit's e takes freed a's place: a still points there, set before e's block was allocated. */
    @Test
    void aPointerSetBeforeTheBlockWasAllocatedIsMarkedDangling() throws Exception {
        EngineLabSession lab = at("first-fit", 14);
        InspectorModel m = inspect(lab, "e", 0);
        assertEquals("13", fields(m, "Notes").get("Allocated at step"));
        assertEquals("a (dangling), e", fields(m, "Notes").get("Pointed to by"));
        assertEquals("a", fields(inspect(at("first-fit", 11), "a", 0), "Notes").get("Pointed to by"),
            "before a is freed, a is the block's own pointer");
    }

    /** A step that returns an address into a block without allocating it (memset) makes nobody dangling. */
    @Test
    void aMemsetReturningItsDestinationMakesNoPointerDangling() throws Exception {
        EngineLabSession lab = new EngineLabSession(Session.open(ScenarioLoader.load("t.json", """
            { "heaplab": 1, "title": "T", "arch": "x86", "steps": [
              { "do": "h = HeapCreate(0, 0, 0)" },
              { "do": "q = HeapAlloc(h, 0, 0x20)" },
              { "do": "r = memset(q, 0x41, 4)" }
            ] }
            """)));
        lab.jumpTo(3);
        assertEquals("q, r", fields(inspect(lab, "q", 0), "Notes").get("Pointed to by"));
    }

    @Test
    void anNtBlockHasItsHeapEntryThenItsNotes() throws Exception {
        EngineLabSession lab = at("first-fit", 3);
        long a = lab.variables().get("a");
        InspectorModel m = inspect(lab, "a", 4);
        assertEquals(List.of("_HEAP_ENTRY", "Notes"), m.categories());
        assertEquals("Busy block a at " + lab.arch().ptr(a) + ", 0x20 bytes requested", m.title());
        assertEquals("3", fields(m, "Notes").get("Allocated at step"));
        assertEquals("a", fields(m, "Notes").get("Pointed to by"));
        assertEquals(ByteKind.HEAP_ENTRY, kindAt(m, a - 8));
        assertEquals(List.of(ByteKind.HEAP_ENTRY), m.legend().subList(0, 1));
        assertFalse(m.damaged());
    }

    @Test
    void aTaggedBlockHasItsHeapEntryExtraAfterItsHeapEntry() throws Exception {
        EngineLabSession lab = at("heap-tags", 5);
        long n2 = lab.variables().get("n2");
        InspectorModel m = inspect(lab, "n2", 0);
        assertEquals(List.of("_HEAP_ENTRY", "_HEAP_ENTRY_EXTRA", "Notes"), m.categories());
        assertEquals("0x2", fields(m, "_HEAP_ENTRY_EXTRA").get("TagIndex"));
        assertEquals("Nodes (0002)", fields(m, "Notes").get("Tag"));
        assertEquals("demo!main+0x14 [demo.c @ 5]", fields(m, "Notes").get("Allocated at"));
        HexLine last = m.hexLines().get(m.hexLines().size() - 1);
        assertEquals(ByteKind.ENTRY_EXTRA, last.bytes().get(last.bytes().size() - 1).kind());
        assertEquals(ByteKind.HEAP_ENTRY, kindAt(m, n2 - 8));
    }

    @Test
    void anLfhChunkShowsItsChunkHeaderThenItsUserBlocksEntry() throws Exception {
        EngineLabSession lab = at("lfh-auto", 28);
        long p19 = lab.variables().get("p19");
        InspectorModel m = inspect(lab, "p19", 0);
        assertEquals(List.of("LFH chunk header", "UserBlocks' _HEAP_ENTRY", "Notes"), m.categories());
        String userBlocks = fields(m, "LFH chunk header").get("UserBlocks");
        assertEquals(lab.arch().ptr(Long.parseUnsignedLong(userBlocks.substring(0, 8), 16) - 8),
            fields(m, "UserBlocks' _HEAP_ENTRY").get("Entry address"), "the _HEAP_ENTRY is the UserBlocks' own");
        assertTrue(m.title().startsWith("Busy LFH chunk p19 at " + lab.arch().ptr(p19)), m.title());
        assertEquals("0x20", fields(m, "LFH chunk header").get("RequestedSize"));
        assertEquals("28", fields(m, "Notes").get("Allocated at step"));
        assertEquals("p19", fields(m, "Notes").get("Pointed to by"));
        assertEquals(p19 - 8, m.hexLines().get(0).address());
        assertEquals(ByteKind.LFH_HEADER, kindAt(m, p19 - 8));
    }

    @Test
    void aFullPageHeapBlockIsFoundOutsideTheHeapsWithItsGuardPage() throws Exception {
        EngineLabSession lab = at("page-heap-full", 3);
        long p = lab.variables().get("p");
        InspectorModel m = inspect(lab, "p", 0);
        assertEquals(List.of("_DPH_HEAP_BLOCK", "DPH_BLOCK_INFORMATION", "Notes"), m.categories());
        assertEquals("abcdbbbb (full, busy)", fields(m, "DPH_BLOCK_INFORMATION").get("StartStamp"));
        assertEquals(ByteKind.DPH_INFO, kindAt(m, p - 0x20));
        assertEquals(ByteKind.PAGE_HEAP_FILL, kindAt(m, p));
        HexLine guard = m.hexLines().get(m.hexLines().size() - 1);
        assertEquals(HexLine.Kind.UNREADABLE, guard.kind());
        assertTrue(guard.text().contains("?? ??"), guard.text());
        assertTrue(m.legend().contains(ByteKind.UNREADABLE));
    }

    @Test
    void aLightPageHeapBlockWithAnOverrunShowsTheDamagedSuffix() throws Exception {
        EngineLabSession lab = at("page-heap-light", 5);
        long p = lab.variables().get("p");
        InspectorModel m = inspect(lab, "p", 0);
        assertEquals(List.of("Damage", "_HEAP_ENTRY", "DPH_BLOCK_INFORMATION", "Notes"), m.categories());
        assertEquals("abcdaaaa (light, busy)", fields(m, "DPH_BLOCK_INFORMATION").get("StartStamp"));
        String at = "damaged at " + lab.arch().ptr(p + 12);
        assertTrue(fields(m, "Damage").get(at).contains("expected a0, found 41"), fields(m, "Damage").toString());
        assertEquals(ByteKind.PAGE_HEAP_SUFFIX, kindAt(m, p + 12));
        assertTrue(m.damaged());
    }

    @Test
    void aCrtBlockAfterTheStrcpyShowsItsHeaderAndTheDamagedNoMansLand() throws Exception {
        EngineLabSession lab = at("crt-overrun", 4);
        long name = lab.variables().get("name");
        InspectorModel m = inspect(lab, "name", 0);
        assertEquals(List.of("Damage", "_HEAP_ENTRY", "_CrtMemBlockHeader", "Notes"), m.categories());
        assertEquals("{1}", fields(m, "_CrtMemBlockHeader").get("_request_number"));
        assertEquals("names.c(14)", fields(m, "Notes").get("File(line)"));
        assertEquals("1", fields(m, "Notes").get("Allocated at step"));
        assertEquals(Map.of("damaged at " + lab.arch().ptr(name + 10), "expected fd, found 00 (no-man's land fd)"),
            fields(m, "Damage"));
        assertEquals(ByteKind.NO_MANS_LAND, kindAt(m, name - 4));
        assertEquals(ByteKind.CRT_HEADER, kindAt(m, name - 0x20));
        assertTrue(m.title().contains(lab.arch().ptr(name)), m.title());
    }

    @Test
    void theJumpFieldTakesAVariableAnExpressionOrAnAddressAndSaysWhenNoBlockHoldsIt() throws Exception {
        EngineLabSession lab = at("crt-overrun", 4);
        MainViewModel vm = new MainViewModel(lab, null, null, null);
        InspectorViewModel inspector = vm.heapViews().inspector();
        long name = lab.variables().get("name");

        inspector.jumpTextProperty().set("name");
        inspector.jump();
        assertEquals(name, vm.selectedAddressProperty().get());
        assertTrue(inspector.titleProperty().get().contains(lab.arch().ptr(name)), inspector.titleProperty().get());
        assertFalse(inspector.jumpErrorProperty().get(), inspector.jumpMessageProperty().get());

        inspector.jumpTextProperty().set("? name-0x20+2");
        inspector.jump();
        assertEquals(name - 0x1e, vm.selectedAddressProperty().get());

        inspector.jumpTextProperty().set("10");
        inspector.jump();
        assertEquals(0x10, vm.selectedAddressProperty().get());
        assertTrue(inspector.jumpErrorProperty().get());
        assertTrue(inspector.jumpMessageProperty().get().contains("No heap block contains 00000010"),
            inspector.jumpMessageProperty().get());

        inspector.jumpTextProperty().set("nosuchname");
        inspector.jump();
        assertTrue(inspector.jumpErrorProperty().get());
        assertEquals(0x10, vm.selectedAddressProperty().get(), "a bad expression keeps the selection");
        assertEquals(4, lab.position(), "evaluating adds no step");
        assertEquals(8, lab.steps().size());

        vm.select(name);
        assertEquals("", inspector.jumpMessageProperty().get(), "another selection clears the last jump's message");
        assertFalse(inspector.jumpErrorProperty().get());
    }
}
