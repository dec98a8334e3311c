package heaplab.engine;

import java.util.concurrent.CancellationException;

/**
 * Lets a long load or move be cancelled: the window loads (and makes long jumps and runs) on a background thread and
 * interrupts it when the user cancels; the loops that read, convert and compile steps, and those of the session's
 * run, run back and jump, call {@link #check} and give up with a CancellationException.
 */
public final class Cancellation {
    private Cancellation() {
    }

    /** Every 4096th call (by `count`), throws when the current thread was interrupted; the flag stays set. */
    public static void check(int count) {
        if ((count & 0xFFF) == 0 && Thread.currentThread().isInterrupted()) {
            throw new CancellationException("loading cancelled");
        }
    }
}
