package heaplab.engine.session;

import heaplab.engine.process.Process;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The session's snapshots by position: position 0 always, then one every {@code interval} steps. When more than
 * {@link #CAPACITY} are kept the interval doubles and the snapshots off the new grid go, so memory stays bounded on
 * long scenarios while going back replays at most {@code interval - 1} steps.
 */
final class SnapshotStore {
    static final int CAPACITY = 256;

    private final TreeMap<Integer, Process.Snapshot> snapshots = new TreeMap<>();
    private int interval;

    /**
     * @param initial  the process at position 0
     * @param interval steps between snapshots; 0 keeps only position 0
     */
    SnapshotStore(Process.Snapshot initial, int interval) {
        this.interval = interval;
        snapshots.put(0, initial);
    }

    /** True when the session should hand over a snapshot for this position. */
    boolean wants(int position) {
        return interval > 0 && position % interval == 0 && !snapshots.containsKey(position);
    }

    void put(int position, Process.Snapshot snapshot) {
        snapshots.put(position, snapshot);
        if (snapshots.size() > CAPACITY) {
            interval *= 2;
            Iterator<Integer> positions = snapshots.keySet().iterator();
            while (positions.hasNext()) {
                if (positions.next() % interval != 0) {
                    positions.remove();
                }
            }
        }
    }

    /** The snapshot at the greatest position at or before the given one (position 0 always qualifies). */
    Map.Entry<Integer, Process.Snapshot> atOrBefore(int position) {
        return snapshots.floorEntry(position);
    }

    /** Forgets the snapshots after a position (a step was inserted there). */
    void dropAfter(int position) {
        snapshots.tailMap(position, false).clear();
    }

    int size() { return snapshots.size(); }

    int interval() { return interval; }
}
