package heaplab.engine.session;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotStoreTest {
    private final Process process = new Process(ProcessConfig.defaults(Arch.X86));

    @Test
    void keepsAtMostItsCapacityByDoublingTheInterval() {
        SnapshotStore store = new SnapshotStore(process.snapshot(), 4);
        Process.Snapshot snapshot = process.snapshot();
        for (int position = 1; position <= 4 * SnapshotStore.CAPACITY * 3; position++) {
            if (store.wants(position)) {
                store.put(position, snapshot);
            }
        }
        assertTrue(store.size() <= SnapshotStore.CAPACITY, "size " + store.size());
        assertEquals(16, store.interval());
        assertEquals(0, store.atOrBefore(15).getKey());
        assertEquals(16, store.atOrBefore(31).getKey());
        store.dropAfter(100);
        assertEquals(96, store.atOrBefore(5000).getKey());
    }

    @Test
    void intervalZeroKeepsOnlyPositionZero() {
        SnapshotStore store = new SnapshotStore(process.snapshot(), 0);
        assertFalse(store.wants(32));
        assertEquals(0, store.atOrBefore(1000).getKey());
    }
}
