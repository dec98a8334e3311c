package heaplab.engine.process;

import heaplab.engine.Arch;
import heaplab.engine.console.Console;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.MemoryInfo;
import heaplab.engine.memory.Protection;
import heaplab.engine.memory.RegionOrigin;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The regions the program reserves with VirtualAlloc and the debugger with .dvalloc, as the heap map lists them. */
class ProgramRegionsTest {
    private static final int RW = Protection.PAGE_READWRITE;

    @Test
    void aNewProcessHasNoneHeapsAndTheirBlocksAreNotTheProgramsOwn() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        long heap = p.heapCreate(0, 0, 0);
        p.heapAlloc(heap, 0, 0x100000); // a virtual-alloc block: the heap's region, not the program's
        assertEquals(List.of(), p.programRegions());
    }

    @Test
    void aReservationIsListedWithItsRunsAsVirtualQueryGivesThem() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        long base = p.virtualAlloc(0, 0x3000, AddressSpace.MEM_RESERVE, RW);
        p.virtualAlloc(base + 0x1000, 0x1000, AddressSpace.MEM_COMMIT, Protection.PAGE_READONLY);
        List<ProgramRegion> regions = p.programRegions();
        assertEquals(1, regions.size(), "committing inside a reservation adds no region");
        ProgramRegion r = regions.get(0);
        assertEquals(base, r.base());
        assertEquals(0x3000, r.size());
        assertEquals(RegionOrigin.PROGRAM, r.origin());
        assertEquals(0x1000, r.committed());
        assertEquals(List.of(AddressSpace.MEM_RESERVE, AddressSpace.MEM_COMMIT, AddressSpace.MEM_RESERVE),
            r.runs().stream().map(MemoryInfo::state).toList());
        assertEquals(Protection.PAGE_READONLY, r.runs().get(1).protect());
        assertEquals(base + 0x3000, r.end());
    }

    @Test
    void theRunsAreVirtualQuerysOnesAcrossProtectionsAndWords() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        long base = p.virtualAlloc(0, 0x90000, AddressSpace.MEM_RESERVE, RW);
        p.virtualAlloc(base + 0x3000, 0x50000, AddressSpace.MEM_COMMIT, RW);
        p.memory().virtualProtect(base + 0x10000, 0x2000, Protection.PAGE_READONLY);
        p.virtualAlloc(base + 0x80000, 0x1000, AddressSpace.MEM_COMMIT, Protection.PAGE_EXECUTE_READWRITE);
        List<MemoryInfo> expected = new java.util.ArrayList<>();
        for (long at = base; at < base + 0x90000; ) {
            MemoryInfo run = p.memory().query(at);
            expected.add(run);
            at = run.baseAddress() + run.regionSize();
        }
        assertEquals(expected, p.programRegions().get(0).runs());
        assertEquals(7, expected.size());
    }

    @Test
    void commitAtNullReservesTooAndAReleaseRemovesTheRegion() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        long q = p.virtualAlloc(0, 0x1000, AddressSpace.MEM_COMMIT, RW);
        assertEquals(List.of(q), p.programRegions().stream().map(ProgramRegion::base).toList());
        assertTrue(p.virtualFree(q, 0, AddressSpace.MEM_RELEASE));
        assertEquals(List.of(), p.programRegions());
    }

    @Test
    void dvallocRegionsAreTheDebuggersAndAStepBackKeepsWhoMadeThem() {
        Process p = new Process(ProcessConfig.defaults(Arch.X64));
        Process.Snapshot before = p.snapshot();
        Console console = new Console();
        console.execute(p, ".dvalloc 0n13000");
        long program = p.virtualAlloc(0, 0x2000, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT, RW);
        Process.Snapshot after = p.snapshot();
        p.restore(before);
        assertEquals(List.of(), p.programRegions());
        p.restore(after);
        List<ProgramRegion> regions = p.programRegions();
        assertEquals(2, regions.size());
        ProgramRegion dv = regions.stream().filter(r -> r.base() != program).findFirst().orElseThrow();
        assertEquals(RegionOrigin.DEBUGGER, dv.origin());
        assertEquals(0x4000, dv.committed());
        assertEquals(RegionOrigin.PROGRAM,
            regions.stream().filter(r -> r.base() == program).findFirst().orElseThrow().origin());
    }
}
