package heaplab.app.inspector;

import heaplab.app.heapmap.BlockState;
import heaplab.app.heapmap.MapBlock;
import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectorViewModelTest {
    private final Map<Long, Integer> memory = new HashMap<>();
    private final LongToIntFunction peek = a -> memory.getOrDefault(a, -1);

    private void poke(long address, String hexBytes) {
        String[] parts = hexBytes.split(" ");
        for (int i = 0; i < parts.length; i++) {
            memory.put(address + i, Integer.parseInt(parts[i], 16));
        }
    }

    @Test
    void aLineLooksLikeWinDbgsDb() {
        poke(0x2405e0, "05 00 08 00 01 08 00 00 41 42 43 44 45 46 47 48");
        HexLine line = HexDump.line(Arch.X86, peek, 0x2405e0, 16, true);
        assertEquals("002405e0  05 00 08 00 01 08 00 00-41 42 43 44 45 46 47 48  ........ABCDEFGH", line.text());
        assertEquals(HexLine.Kind.HEADER, line.kind());
    }

    @Test
    void unreadableBytesArePrintedAsQuestionMarksAndShortLinesArePadded() {
        poke(0x1000, "61 62");
        HexLine line = HexDump.line(Arch.X86, peek, 0x1000, 4, false);
        assertEquals("00001000  61 62 ?? ??                                      ab??", line.text());
        HexLine none = HexDump.line(Arch.X64, peek, 0x5000, 16, false);
        assertEquals(HexLine.Kind.UNREADABLE, none.kind());
        assertTrue(none.text().startsWith("00000000`00005000  ?? ??"), none.text());
    }

    @Test
    void aLongBlockEndsWithANote() {
        List<HexLine> lines = HexDump.dump(Arch.X86, peek, 0x1000, 0x100, 0x1008, 4);
        assertEquals(5, lines.size());
        assertEquals(HexLine.Kind.NOTE, lines.get(4).kind());
        assertTrue(lines.get(4).text().startsWith("... 0xc0 more bytes"), lines.get(4).text());
    }

    @Test
    void aFreeBlockShowsItsHeaderAndItsListLinks() {
        MapBlock b = new MapBlock(0x240000, 0x240608, 0x240610, 0x18, 0x28, 0x00, 0, 0, 0, BlockState.FREE, "b");
        poke(0x240610, "90 01 24 00 90 01 24 00");
        InspectorViewModel vm = new InspectorViewModel();
        vm.update(Arch.X86, b, 0x240612, peek);
        assertEquals("Free block b at 00240610, 0x18 bytes", vm.titleProperty().get());
        Map<String, String> fields = new HashMap<>();
        vm.fields().forEach(f -> fields.put(f.name(), f.value()));
        assertEquals("00240608", fields.get("Entry address"));
        assertEquals("00240610", fields.get("User address"));
        assertEquals("0x18 (24) bytes = 3 units", fields.get("Size"));
        assertEquals("0x28 (40) bytes = 5 units", fields.get("PreviousSize"));
        assertEquals("0x00 (none)", fields.get("Flags"));
        assertEquals("00240190", fields.get("Flink"));
        assertEquals("00240190", fields.get("Blink"));
        assertEquals(2, vm.hexLines().size());
        assertEquals(vm.getModel().fields(), vm.fields());
    }

    @Test
    void aBusyBlockShowsWhatWasRequested() {
        MapBlock a = new MapBlock(0x240000, 0x2405e0, 0x2405e8, 0x28, 0x40, 0x01, 8, 0x20, 0, BlockState.BUSY, "");
        InspectorViewModel vm = new InspectorViewModel();
        vm.update(Arch.X86, a, a.user(), peek);
        assertTrue(vm.fields().contains(new HeaderField("_HEAP_ENTRY", "Requested size", "0x20 (32)",
            "what the program asked HeapAlloc for")));
        assertEquals(HexLine.Kind.UNREADABLE, vm.hexLines().get(0).kind());
    }

    @Test
    void aTaggedBlockWithATraceShowsItsTagAndItsCaller() {
        MapBlock a = new MapBlock(0x250000, 0x250638, 0x250640, 0x28, 0x28, 0x03, 16, 0x18, 0, BlockState.BUSY, "");
        InspectorViewModel vm = new InspectorViewModel();
        vm.update(Arch.X86, a, a.user(), peek, new BlockNotes("Nodes (0002)", java.util.List.of(
            "ntdll!RtlAllocateHeap+0xe64", "demo!main+0x14 [demo.c @ 5]", "demo!mainCRTStartup+0x1e")));
        HeaderField tag = vm.fields().get(vm.fields().size() - 2);
        HeaderField caller = vm.fields().get(vm.fields().size() - 1);
        assertEquals("Nodes (0002)", tag.value());
        assertEquals("demo!main+0x14 [demo.c @ 5]", caller.value());
        assertTrue(caller.description().endsWith("demo!mainCRTStartup+0x1e"), caller.description());
    }

    @Test
    void noBlockSaysWhy() {
        InspectorViewModel vm = new InspectorViewModel();
        vm.update(Arch.X86, null, 0x500000, peek);
        assertEquals("No heap block contains 00500000 at this step.", vm.titleProperty().get());
        assertTrue(vm.fields().isEmpty());
    }
}
