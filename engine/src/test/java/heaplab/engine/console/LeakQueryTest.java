package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leaks {@code !heap -l} reports, as the heap map asks for them. */
class LeakQueryTest {
    @Test
    void theLeakedBlocksAreTheOnesTheCommandLists() {
        Process p = new Process(ProcessConfig.defaults(Arch.X86));
        long h = p.heapCreate(0, 0, 0);
        long kept = p.heapAlloc(h, 0, 0x20);
        p.writeVariable("kept", kept, null);
        long lost = p.heapAlloc(h, 0, 0x40);
        assertEquals(List.of(lost), Console.leakedBlocks(p));
        String out = new Console().execute(p, "!heap -l").output();
        assertTrue(out.contains(p.arch().ptr(lost)) && !out.contains(p.arch().ptr(kept)), out);
        assertTrue(out.endsWith("1 leaks detected.\n"), out);
    }

    @Test
    void onlyTheLeakSearchItselfCounts() {
        assertTrue(Console.isLeakSearch("!heap -l"));
        assertTrue(Console.isLeakSearch("  !heap   -l "));
        assertTrue(Console.isLeakSearch("!heap -l; db 0"));
        assertTrue(Console.isLeakSearch("!HEAP -L"));
        assertTrue(Console.isLeakSearch("!ext.heap -l"));
        assertFalse(Console.isLeakSearch("!heap -lx"));
        assertFalse(Console.isLeakSearch("!heap -a"));
        assertFalse(Console.isLeakSearch(null));
    }
}
