package heaplab.engine.lfh;

import heaplab.engine.Arch;
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
        return new Process(new ProcessConfig(arch, globalFlags, "demo.exe", lfh, "full"));
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
    void eachClassCountsItsOwnRequestsAndFreesDoNotLowerTheCount(Arch arch) {
        Process p = process(arch, "auto", 0);
        long h = p.heapCreate(0, 0, 0);
        for (int i = 0; i < 0x11; i++) {
            long a = p.heapAlloc(h, 0, 0x20);
            p.heapAlloc(h, 0, 0x40);
            p.heapFree(h, 0, a);
        }
        assertEquals(0, p.heaps().compatibility(h), "0x11 of each class, interleaved");
        p.heapAlloc(h, 0, 0x40);
        assertEquals(2, p.heaps().compatibility(h), "the 0x12th request of 0x40");
        assertFalse(p.heaps().isBusyBlock(h, p.heapAlloc(h, 0, 0x40)), "0x40 now comes from the LFH");
        assertTrue(p.heaps().isBusyBlock(h, p.heapAlloc(h, 0, 0x20)), "0x20 has had 0x12 requests only now");
        assertFalse(p.heaps().isBusyBlock(h, p.heapAlloc(h, 0, 0x20)), "and is served by the LFH after it");
        assertTrue(p.heaps().isBusyBlock(h, p.heapAlloc(h, 0, 0x100)), "a class never asked for: back end");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void withTheValueSetByHandAClassStillWaitsForItsRequests(Arch arch) {
        Process p = process(arch, "auto", 0);
        long h = p.heapCreate(0, 0, 0);
        long info = p.heapAlloc(h, 0, 4);
        p.memory().writeU32(info, 2);
        assertTrue(p.heaps().heapSetInformation(h, 0, info, 4));
        for (int i = 0; i < 0x11; i++) {
            assertTrue(p.heaps().isBusyBlock(h, p.heapAlloc(h, 0, 0x18)), "1.11.17: 0x11 requests, no LFH block");
        }
        assertEquals(0, p.heaps().lfh().chunks(h).size());
        assertTrue(p.heaps().isBusyBlock(h, p.heapAlloc(h, 0, 0x18)), "the 0x12th");
        assertFalse(p.heaps().isBusyBlock(h, p.heapAlloc(h, 0, 0x18)));
        assertTrue(p.heaps().lfh().chunks(h).size() > 1);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void onAndASetValueInOffServeEveryClassAtOnce(Arch arch) {
        Process on = process(arch, "on", 0);
        long h = on.heapCreate(0, 0, 0);
        assertFalse(on.heaps().isBusyBlock(h, on.heapAlloc(h, 0, 0x20)));
        Process off = process(arch, "off", 0);
        long g = off.heapCreate(0, 0, 0);
        long info = off.heapAlloc(g, 0, 4);
        off.memory().writeU32(info, 2);
        assertTrue(off.heaps().heapSetInformation(g, 0, info, 4));
        assertFalse(off.heaps().isBusyBlock(g, off.heapAlloc(g, 0, 0x20)), "as Windows XP");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theCountsFollowAHeapWhenHeapDestroyMovesItInTheList(Arch arch) {
        Process p = process(arch, "auto", 0);
        long first = p.heapCreate(0, 0, 0);
        long second = p.heapCreate(0, 0, 0);
        for (int i = 0; i < 0x11; i++) {
            p.heapAlloc(second, 0, 0x30);
            p.heapAlloc(first, 0, 0x50);
        }
        assertTrue(p.heapDestroy(first));
        long third = p.heapCreate(0, 0, 0);
        p.heapAlloc(third, 0, 0x50);
        assertEquals(0, p.heaps().compatibility(third), "a new heap starts from zero");
        p.heapAlloc(second, 0, 0x30);
        assertEquals(2, p.heaps().compatibility(second), "the moved heap kept its 0x11");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void offDebugAndFixedHeapsStayWithTheBackEnd(Arch arch) {
        Process off = process(arch, "off", 0);
        Process debug = process(arch, "auto", 0x10); // +htc
        Process fixed = process(arch, "auto", 0);
        long fixedHeap = fixed.heapCreate(0, 0x10000, 0x10000);
        for (Process p : new Process[] {off, debug, fixed}) {
            long h = p == fixed ? fixedHeap : p.heapCreate(0, 0, 0);
            for (int i = 0; i < 0x20; i++) {
                p.heapAlloc(h, 0, 0x20);
            }
            assertEquals(0, p.heaps().compatibility(h));
        }
    }
}
