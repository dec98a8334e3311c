package heaplab.engine.nt;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Region;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;

import java.util.List;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two processes that must do the same things, one of them by a faster way to the same answers (the list 0 mirror,
 * the heap code's memos): each call runs in both, and their memories can be compared page by page.
 */
final class TwinProcesses {
    final Process first;
    final Process second;

    TwinProcesses(Process first, Process second) {
        this.first = first;
        this.second = second;
    }

    /** Runs one call in both; they must both return the same value or both fault with the same message. */
    long both(ToLongFunction<Process> call) {
        String faultA = null;
        String faultB = null;
        long a = 0;
        long b = 0;
        try {
            a = call.applyAsLong(first);
        } catch (ProcessFault f) {
            faultA = f.getMessage();
        }
        try {
            b = call.applyAsLong(second);
        } catch (ProcessFault f) {
            faultB = f.getMessage();
        }
        assertEquals(faultB, faultA);
        assertEquals(b, a);
        if (faultA != null) {
            throw new ProcessFault(0, faultA);
        }
        return a;
    }

    /** The same regions, the same committed pages and the same bytes in each. */
    void assertSameMemory() {
        List<Region> a = first.memory().regions();
        List<Region> b = second.memory().regions();
        assertEquals(b.size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(b.get(i).base(), a.get(i).base());
            for (long page = a.get(i).base(); page < a.get(i).end(); page += AddressSpace.PAGE_SIZE) {
                boolean readable = first.memory().isReadable(page);
                assertEquals(second.memory().isReadable(page), readable, () -> "page state differs");
                if (readable) {
                    long at = page;
                    assertArrayEquals(second.memory().readBytes(page, AddressSpace.PAGE_SIZE),
                        first.memory().readBytes(page, AddressSpace.PAGE_SIZE),
                        () -> "bytes differ in page " + Long.toHexString(at));
                }
            }
        }
    }
}
