package heaplab.engine.session;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need the NT heap (HeapCreate, HeapAlloc, ...) call {@link #assume()}: until the heap is implemented
 * they are skipped, then they run by themselves.
 */
public final class NtHeapReady {
    private static Boolean ready;

    private NtHeapReady() {
    }

    public static void assume() {
        Assumptions.assumeTrue(isReady(), "the NT heap is not implemented yet");
    }

    private static synchronized boolean isReady() {
        if (ready == null) {
            try {
                ready = new Process(ProcessConfig.defaults(Arch.X86)).getProcessHeap() != 0;
            } catch (UnsupportedOperationException e) {
                ready = false;
            }
        }
        return ready;
    }
}
