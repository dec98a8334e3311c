package heaplab.engine;

import java.util.concurrent.CancellationException;

/**
 * Lets a long load be cancelled: the window loads on a background thread and interrupts it when the user cancels;
 * the loops that read, convert and compile steps call {@link #check} and give up with a CancellationException.
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
