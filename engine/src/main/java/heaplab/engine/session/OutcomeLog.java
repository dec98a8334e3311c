package heaplab.engine.session;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The outcomes of the steps that have run, index i for step i, kept as columns rather than one object per step:
 * a run of 200,000 steps would otherwise keep 200,000 {@link StepOutcome}s alive for the garbage collector to copy.
 * {@link #get} builds an equal outcome on demand. Most outputs are empty (a headless run formats no {@code do} line),
 * and stay null here.
 */
final class OutcomeLog extends AbstractList<StepOutcome> implements RandomAccess {
    private static final StepOutcome.Status[] STATUSES = StepOutcome.Status.values();

    private byte[] statuses = new byte[16];
    private long[] touched = new long[16];
    private String[] outputs = new String[16];
    private int size;

    @Override
    public StepOutcome get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        String output = outputs[index];
        return new StepOutcome(index, STATUSES[statuses[index]], output == null ? "" : output, touched[index]);
    }

    /** The status of step {@code index}'s outcome, without building the outcome. */
    StepOutcome.Status status(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return STATUSES[statuses[index]];
    }

    @Override
    public int size() {
        return size;
    }

    /** Records the outcome of the next step (the session keeps one outcome per step run, so its index is size()). */
    void add(StepOutcome.Status status, String output, long touchedAddress) {
        if (size == statuses.length) {
            int capacity = size * 2;
            statuses = Arrays.copyOf(statuses, capacity);
            touched = Arrays.copyOf(touched, capacity);
            outputs = Arrays.copyOf(outputs, capacity);
        }
        statuses[size] = (byte) status.ordinal();
        touched[size] = touchedAddress;
        outputs[size] = output.isEmpty() ? null : output;
        size++;
        modCount++;
    }

    /** Forgets the outcomes from this index on (the session went back). */
    void truncate(int newSize) {
        Arrays.fill(outputs, newSize, size, null);
        size = newSize;
        modCount++;
    }
}
