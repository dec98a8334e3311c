package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RtlGetUserInfoHeap, RtlSetUserValueHeap and RtlSetUserFlagsHeap (heap-facts.md 1.11.23, Wine's test). */
class UserValueHeapTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aSettableBlockKeepsItsValueAndFlags(Arch arch) {
        Process p = new Process(new ProcessConfig(arch, 0, "demo.exe", "auto", "full"));
        HeapManager heaps = p.heaps();
        long h = p.getProcessHeap();
        long out = p.heapAlloc(h, HeapConstants.HEAP_ZERO_MEMORY, 16);
        long block = p.heapAlloc(h, HeapConstants.HEAP_SETTABLE_USER_VALUE | 0xc00, 123);
        assertTrue(heaps.userInfo().getUserInfo(h, 0, block, out, out + 8));
        assertEquals(0, p.memory().readPtr(out), "no value yet");
        assertEquals(0xc00, p.memory().readU32(out + 8), "1.11.23: the flags read back 0xc00");

        assertTrue(heaps.userInfo().setUserValue(h, 0, block, 0xdeadbeefL));
        assertTrue(heaps.userInfo().getUserInfo(h, 0, block, out, out + 8));
        assertEquals(0xdeadbeefL, p.memory().readPtr(out));

        assertTrue(heaps.userInfo().setUserFlags(h, 0, block, 0x400, 0x200));
        assertTrue(heaps.userInfo().getUserInfo(h, 0, block, out, out + 8));
        assertEquals(0xa00, p.memory().readU32(out + 8));
        assertEquals(123, p.heapSize(h, 0, block), "the block is untouched");
        assertTrue(p.heapValidate(h, 0, 0));

        p.setLastError(0);
        assertFalse(heaps.userInfo().setUserFlags(h, 0, block, 0, 0x1000), "a bit outside 0xE00");
        assertEquals(HeapConstants.ERROR_INVALID_PARAMETER, p.lastError());
        assertFalse(heaps.userInfo().setUserFlags(h, 0, block, 0x100, 0));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aPlainBlockHasNoValueToSetAndABadPointerFails(Arch arch) {
        Process p = new Process(new ProcessConfig(arch, 0, "demo.exe", "off", "full"));
        HeapManager heaps = p.heaps();
        long h = p.getProcessHeap();
        long plain = p.heapAlloc(h, 0, 32);
        assertFalse(heaps.userInfo().setUserValue(h, 0, plain, 1), "no HEAP_ENTRY_EXTRA to hold it");
        long out = p.heapAlloc(h, HeapConstants.HEAP_ZERO_MEMORY, 16);
        p.memory().writePtr(out, 77);
        assertTrue(heaps.userInfo().getUserInfo(h, 0, plain, out, 0));
        assertEquals(0, p.memory().readPtr(out), "a block without an extra reads 0");
        p.setLastError(0);
        assertFalse(heaps.userInfo().getUserInfo(h, 0, plain + 8, out, 0));
        assertEquals(HeapConstants.ERROR_INVALID_PARAMETER, p.lastError());
    }
}
