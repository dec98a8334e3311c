package heaplab.engine.process;

import heaplab.engine.Arch;
import heaplab.engine.pageheap.PageHeap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The modules a back trace names: verifier.dll only with page heap, and every frame's name resolves back. */
class ModulesTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void verifierIsLoadedWithPageHeapOnly(Arch arch) {
        Process plain = new Process(ProcessConfig.defaults(arch));
        Modules modules = plain.modules();
        long frame = modules.pageHeapBackTrace("RtlAllocateHeap", 1)[0];
        assertEquals("ntdll!RtlDebugAllocateHeap", modules.symbolOf(frame, 0).replaceAll("\\+.*", ""),
            "page heap turned on later: no verifier frame");
        assertNull(modules.symbolOf(modules.verifierBase() + 0x3000, 0), "no verifier.dll: its range is no code");
        assertEquals(0, plain.memory().query(modules.verifierBase()).state() & 0x1000, "and it is not mapped");

        Process paged = new Process(new ProcessConfig(arch, PageHeap.FLG_HEAP_PAGE_ALLOCS, "demo.exe", "auto",
            "full"));
        Modules loaded = paged.modules();
        long top = loaded.pageHeapBackTrace("RtlAllocateHeap", 1)[0];
        assertTrue(loaded.symbolOf(top, 0).startsWith("verifier!AVrfDebugPageHeapAllocate+0x"));
        assertEquals(loaded.verifierBase(), paged.memory().query(loaded.verifierBase()).allocationBase());
        for (String name : new String[] {"verifier!AVrfDebugPageHeapAllocate", "ntdll!RtlDebugAllocateHeap",
            "ntdll!RtlDebugFreeHeap", "ntdll!RtlAllocateHeap"}) {
            long address = loaded.addressOf(name);
            assertTrue(address > 0, name);
            assertEquals(name, loaded.symbolOf(address, 0), name);
        }
    }
}
