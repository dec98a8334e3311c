package heaplab.engine.lfh;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapManager;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lfh "auto": 0x12 requests of one size class turn the heap's value to 2 (heap-facts.md 1.11.17), when enabled. */
class AutoLfhTest {

    private static Process process(Arch arch, String lfh, long globalFlags) {
        Process p = new Process(new ProcessConfig(arch, globalFlags, "demo.exe", lfh, "full"));
        p.heaps().setAutoLfh(true);
        return p;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theEighteenthRequestOfAClassTurnsTheLfhOn(Arch arch) {
        Process p = process(arch, "auto", 0);
        long h = p.heapCreate(0, 0, 0);
        for (int i = 0; i < 0x11; i++) {
            assertTrue(p.heaps().isBusyBlock(h, p.heapAlloc(h, 0, 0x20)));
        }
        assertEquals(0, p.heaps().compatibility(h), "0x11 requests are not enough");
        assertTrue(p.heaps().isBusyBlock(h, p.heapAlloc(h, 0, 0x1D)), "the 0x12th, same class: back end");
        assertEquals(2, p.heaps().compatibility(h));
        long chunk = p.heapAlloc(h, 0, 0x20);
        assertFalse(p.heaps().isBusyBlock(h, chunk), "then the LFH");
        assertEquals(0x20, p.heapSize(h, 0, chunk));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void otherClassesInBetweenStartTheCountAgain(Arch arch) {
        Process p = process(arch, "auto", 0);
        long h = p.heapCreate(0, 0, 0);
        for (int i = 0; i < 0x30; i++) {
            p.heapAlloc(h, 0, i % 2 == 0 ? 0x20 : 0x40);
        }
        assertEquals(0, p.heaps().compatibility(h));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void offDebugAndFixedHeapsAndTheDefaultStayWithTheBackEnd(Arch arch) {
        Process off = process(arch, "off", 0);
        Process debug = process(arch, "auto", 0x10); // +htc
        Process byDefault = new Process(new ProcessConfig(arch, 0, "demo.exe", "auto", "full"));
        Process fixed = process(arch, "auto", 0);
        long fixedHeap = fixed.heapCreate(0, 0x10000, 0x10000);
        for (Process p : new Process[] {off, debug, byDefault, fixed}) {
            long h = p == fixed ? fixedHeap : p.heapCreate(0, 0, 0);
            for (int i = 0; i < 0x20; i++) {
                p.heapAlloc(h, 0, 0x20);
            }
            assertEquals(0, p.heaps().compatibility(h));
        }
        assertFalse(HeapManager.AUTO_LFH, "off by default (see HeapManager.AUTO_LFH)");
    }
}
