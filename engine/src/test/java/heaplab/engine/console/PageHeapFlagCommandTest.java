package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gflags /p} (heap-facts.md 3.1): page heap turned on and off for the heaps the program creates next. */
class PageHeapFlagCommandTest {
    private final Process p = new Process(ProcessConfig.defaults(Arch.X86));
    private final Console console = new Console();

    private String out(String line) {
        return console.execute(p, line).output();
    }

    @Test
    void theListingSaysWhetherAndHowPageHeapIsOn() {
        assertEquals("No program has page heap enabled (gflags /p /enable demo.exe [/full]).\n", out("gflags /p"));
        assertEquals("demo.exe: page heap enabled with flags (full traces )\n"
            + GlobalFlagCommand.EXISTING_HEAPS_NOTE, out("gflags /p /enable demo.exe /full"));
        assertEquals("demo.exe: page heap enabled with flags (full traces )\n", out("gflags /p"));
        assertEquals("demo.exe: page heap enabled with flags (traces )\n" + GlobalFlagCommand.EXISTING_HEAPS_NOTE,
            out("gflags /p /enable DEMO.EXE"));
        out("gflags /p /disable demo.exe");
        assertEquals(0, p.globalFlags() & PageHeap.FLG_HEAP_PAGE_ALLOCS);
    }

    @Test
    void newHeapsGetTheModeAndOldOnesKeepTheirs() {
        long before = p.heapCreate(0, 0, 0);
        out("gflags /p /enable demo.exe /full");
        long full = p.heapCreate(0, 0, 0);
        long block = p.heapAlloc(full, 0, 0x10);
        assertTrue(p.heaps().pageHeap().isPageHeap(full));
        assertFalse(p.heaps().pageHeap().isPageHeap(before));
        assertNotNull(p.heaps().pageHeap().findFull(block), "a full page heap block, on pages of its own");
        out("gflags /p /enable demo.exe");
        long light = p.heapCreate(0, 0, 0);
        long lightBlock = p.heapAlloc(light, 0, 0x10);
        assertNull(p.heaps().pageHeap().findFull(lightBlock), "standard page heap: a block in the NormalHeap");
        out("gflags /p /disable demo.exe");
        assertFalse(p.heaps().pageHeap().isPageHeap(p.heapCreate(0, 0, 0)));
    }

    @Test
    void enablingIsAStepThatAStepBackUndoes() {
        assertTrue(Console.changesState("gflags /p /enable demo.exe /full"));
        assertTrue(Console.changesState("gflags /p /disable demo.exe"));
        assertFalse(Console.changesState("gflags /p"));
        assertFalse(Console.changesState("!gflag /p /enable demo.exe"));
        Process.Snapshot start = p.snapshot();
        out("gflags /p /enable demo.exe");
        assertFalse(p.pageHeapFull());
        p.restore(start);
        assertTrue(p.pageHeapFull(), "the scenario's default, full, comes back");
        assertEquals(0, p.globalFlags() & PageHeap.FLG_HEAP_PAGE_ALLOCS);
    }

    @Test
    void badFormsSayWhatIsTakenAndChangeNothing() {
        long flags = p.globalFlags();
        assertEquals("gflags: /p option /debug is not supported here (HeapLab's gflags /p takes /enable IMAGE [/full]"
            + " and /disable IMAGE)\n", out("gflags /p /debug"));
        assertEquals("gflags: /p /enable other.exe names another program: this one is demo.exe\n",
            out("gflags /p /enable other.exe"));
        assertEquals("gflags: /p /enable needs an image name (gflags /p /enable demo.exe)\n", out("gflags /p /enable"));
        assertEquals("gflags: /p /disable option /full is not supported here (HeapLab's gflags /p takes /enable IMAGE"
            + " [/full] and /disable IMAGE)\n", out("gflags /p /disable demo.exe /full"));
        assertTrue(out("gflags /r +hpa").startsWith("gflags: /r sets the flags of the whole system"));
        assertTrue(out("!gflag /p").startsWith("!gflag: /p is the gflags tool's"));
        assertEquals(flags, p.globalFlags());
    }
}
