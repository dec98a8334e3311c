package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NtHeapSmokeTest {
    @Test
    void splitAndCoalesceX86() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        long h = p.heapCreate(HeapConstants.HEAP_GROWABLE, 0, 0);
        assertEquals(0, h & 0xFFFF);
        long a = p.heapAlloc(h, 0, 0x20);
        long b = p.heapAlloc(h, 0, 0x20);
        assertEquals(0x28, b - a);
        assertEquals(0x20, p.heapSize(h, 0, a));
        HeapInfo info = p.heaps().read(h);
        System.out.println(info.segments().get(0).blocks());
        assertTrue(p.heapFree(h, 0, a));
        assertTrue(p.heapFree(h, 0, b));
        assertTrue(p.heapValidate(h, 0, 0), () -> p.heaps().validationErrors(h).toString());
        info = p.heaps().read(h);
        System.out.println(info.segments().get(0).blocks());
        assertEquals(3, info.segments().get(0).blocks().size());
        assertEquals(2, p.heaps().heapHandles().size());
    }

    @Test
    void growthAndVirtualX64() {
        Process p = new Process(ProcessConfig.defaults(Arch.X64));
        long h = p.getProcessHeap();
        long big = p.heapAlloc(h, 0, 0x200000);
        assertNotEquals(0, big);
        assertEquals(0, big & 63);
        long[] ptrs = new long[200];
        for (int i = 0; i < ptrs.length; i++) {
            ptrs[i] = p.heapAlloc(h, 0, 0x1000 + i);
            assertNotEquals(0, ptrs[i]);
        }
        assertTrue(p.heapValidate(h, 0, 0), () -> p.heaps().validationErrors(h).toString());
        for (int i = 0; i < ptrs.length; i += 2) {
            assertTrue(p.heapFree(h, 0, ptrs[i]));
        }
        assertTrue(p.heapFree(h, 0, big));
        assertTrue(p.heapValidate(h, 0, 0), () -> p.heaps().validationErrors(h).toString());
        System.out.println(p.heaps().read(h).segments().size() + " segments");
    }
}
