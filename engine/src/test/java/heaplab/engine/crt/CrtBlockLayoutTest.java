package heaplab.engine.crt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.StructLayout;
import heaplab.engine.process.Process;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.session.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** _CrtMemBlockHeader's UCRT layout (heap-facts.md 4.1) and the bytes of a block in memory (4.2). */
class CrtBlockLayoutTest {

    @Test
    void headerLayoutOnX86() {
        StructLayout layout = CrtBlockHeader.layout(Arch.X86);
        assertEquals(List.of("_block_header_next", "_block_header_prev", "_file_name", "_line_number", "_block_use",
            "_data_size", "_request_number", "_gap"), layout.fields().stream().map(StructLayout.Field::name).toList());
        assertEquals(List.of(0x00, 0x04, 0x08, 0x0C, 0x10, 0x14, 0x18, 0x1C),
            layout.fields().stream().map(StructLayout.Field::offset).toList());
        assertEquals(0x20, layout.size());
    }

    @Test
    void headerLayoutOnX64() {
        StructLayout layout = CrtBlockHeader.layout(Arch.X64);
        assertEquals(List.of(0x00, 0x08, 0x10, 0x18, 0x1C, 0x20, 0x28, 0x2C),
            layout.fields().stream().map(StructLayout.Field::offset).toList());
        assertEquals(0x30, layout.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86", "x64"})
    void blockBytesInMemory(String arch) throws ScenarioException {
        Session session = CrtScenarios.open(arch, """
            { "do": "a = _malloc_dbg(10, _NORMAL_BLOCK, \\"a.c\\", 7)" },
            { "do": "b = _malloc_dbg(3, _CLIENT_BLOCK | (5 << 16), \\"b.c\\", 9)" }
            """);
        CrtScenarios.runAllOk(session);
        Process process = session.process();
        AddressSpace memory = process.memory();
        int p = process.arch().pointerSize();
        int size = CrtScenarios.headerSize(arch);
        long a = process.readVariable("a");
        long b = process.readVariable("b");
        long headerA = a - size;
        long headerB = b - size;
        // One NT heap block: header + data + 4 bytes of no-man's land.
        assertEquals(size + 10 + 4, process.heapSize(process.getProcessHeap(), 0, headerA));
        // The list: b is the newest (list head), its "next" is the older a.
        assertEquals(headerA, memory.readPtr(headerB));
        assertEquals(0, memory.readPtr(headerB + p));
        assertEquals(0, memory.readPtr(headerA));
        assertEquals(headerB, memory.readPtr(headerA + p));
        assertEquals("a.c", process.readCString(memory.readPtr(headerA + 2L * p)));
        assertEquals(7, memory.readU32(headerA + 3L * p));
        assertEquals(1, memory.readU32(headerA + 3L * p + 4));
        assertEquals(10, memory.readPtr(headerA + 3L * p + 8));
        assertEquals(1, memory.readU32(headerA + 4L * p + 8));
        assertEquals(4 | 5 << 16, memory.readU32(headerB + 3L * p + 4));
        assertEquals(2, memory.readU32(headerB + 4L * p + 8));
        assertEquals(bytes(0xFD, 4), hex(memory.readBytes(a - 4, 4)));
        assertEquals(bytes(0xCD, 10), hex(memory.readBytes(a, 10)));
        assertEquals(bytes(0xFD, 4), hex(memory.readBytes(a + 10, 4)));
        CrtGlobals globals = process.crt().globals();
        assertEquals(headerB, globals.firstBlock());
        assertEquals(headerA, globals.lastBlock());
        assertEquals(3, globals.requestNumber());
        assertEquals(13, globals.currentAllocations());
        assertEquals(process.imageBase() + CrtGlobals.IMAGE_OFFSET, globals.base());
    }

    private static String bytes(int value, int count) {
        return String.format("%02X", value).repeat(count);
    }

    private static String hex(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (byte v : data) {
            out.append(String.format("%02X", v & 0xFF));
        }
        return out.toString();
    }
}
