package heaplab.engine.memory;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Byte arrays of decommitted and released pages that nothing else holds, for the next pages written for the first
 * time after a commit: a heap that decommits and commits again at every few calls (a free of a big block, then an
 * allocation in its place) would otherwise make a new 4 KB array at each, and the garbage collector would sweep
 * hundreds of megabytes a second. An array taken is zeroed, as a fresh commit reads.
 *
 * <p>Arrays given back are zeroed ahead of need by one daemon thread shared by all pools, as Windows' zero page thread
 * zeroes free pages at idle priority so that a demand-zero fault finds one ready: random-bal commits a page every four
 * calls, and zeroing it on the spot was a tenth of its replay. What the simulation computes does not depend on it: an
 * array taken is all zeros whichever thread zeroed it, and an array is only given once nothing holds it any more.
 */
final class PagePool {
    /**
     * At most this many arrays are kept of each kind, zeroed and not (4 MB each); the rest are left to the garbage
     * collector. random-bal gives back up to 1,200 pages and takes as many in a replay: with 256 kept, a fifth of its
     * fresh pages were new arrays.
     */
    private static final int CAPACITY = 1024;
    /** Arrays as they were given back, the newest last; guarded by this pool's monitor, as are the fields below. */
    private final byte[][] dirty = new byte[CAPACITY][];
    private int dirtyCount;
    /** Arrays the zeroing thread cleared, the newest last. */
    private final byte[][] clean = new byte[CAPACITY][];
    private int cleanCount;
    /** Whether the pool waits in the zeroing thread's queue (or is being served). */
    private boolean queued;
    /** Whether the zeroing thread serves this pool; tests turn it off to see what the engine thread does alone. */
    private final boolean zeroAhead;

    PagePool() {
        this(true);
    }

    PagePool(boolean zeroAhead) {
        this.zeroAhead = zeroAhead;
    }

    /** A zeroed page array: a kept one, or a new one. */
    byte[] take() {
        byte[] data;
        synchronized (this) {
            if (cleanCount > 0) {
                data = clean[--cleanCount];
                clean[cleanCount] = null;
                return data;
            }
            if (dirtyCount == 0) {
                data = null;
            } else {
                data = dirty[--dirtyCount];
                dirty[dirtyCount] = null;
            }
        }
        if (data == null) {
            return new byte[AddressSpace.PAGE_SIZE];
        }
        zero(data);
        return data;
    }

    /** A kept array with its old bytes, for a caller that writes all of it; null when none is kept. */
    synchronized byte[] takeForOverwrite() {
        byte[] data;
        if (dirtyCount > 0) {
            data = dirty[--dirtyCount];
            dirty[dirtyCount] = null;
        } else if (cleanCount > 0) {
            data = clean[--cleanCount];
            clean[cleanCount] = null;
        } else {
            data = null;
        }
        return data;
    }

    /** Keeps the array of a page that is gone and that no other page, snapshot or cache entry holds. */
    void give(byte[] data) {
        boolean enqueue;
        synchronized (this) {
            if (dirtyCount == CAPACITY) {
                return;
            }
            dirty[dirtyCount++] = data;
            enqueue = zeroAhead && !queued && cleanCount < CAPACITY;
            if (enqueue) {
                queued = true;
            }
        }
        if (enqueue) {
            Zeroer.INSTANCE.enqueue(this);
        }
    }

    /** How many arrays are kept zeroed and not (for tests). */
    synchronized int[] counts() {
        return new int[] {cleanCount, dirtyCount};
    }

    /** The most arrays the zeroing thread takes from a pool at once, zeroes, and gives back zeroed. */
    private static final int BATCH = 16;

    /**
     * Zeroes a batch of this pool's arrays (on the zeroing thread; the engine's thread takes either kind meanwhile).
     * Returns whether arrays are left to zero, with room for them: the pool then stays queued, behind the others.
     */
    private boolean zeroBatch(byte[][] batch) {
        int n = 0;
        synchronized (this) {
            while (n < BATCH && dirtyCount > 0 && cleanCount + n < CAPACITY) {
                batch[n++] = dirty[--dirtyCount];
                dirty[dirtyCount] = null;
            }
            if (n == 0) {
                queued = false;
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            zero(batch[i]);
        }
        synchronized (this) {
            for (int i = 0; i < n; i++) {
                if (cleanCount < CAPACITY) {
                    clean[cleanCount++] = batch[i];
                }
                batch[i] = null;
            }
            if (dirtyCount > 0 && cleanCount < CAPACITY) {
                return true;
            }
            queued = false;
            return false;
        }
    }

    private static final int LINE = 64;
    /** Past this many written lines, the rest of a page is zeroed whole: the page is being filled, not sparse. */
    private static final int SPARSE_LINES = 8;
    private static final byte[] ZEROS = new byte[AddressSpace.PAGE_SIZE];

    /**
     * Zeroes a recycled array by clearing the 64-byte lines that are not zero already: a heap writes a header or two
     * in most pages it decommits (random-bal's), and writing all 4 KB of an array the CPU's caches no longer hold costs
     * more than reading it. A page with more written lines is zeroed whole from the first line past them.
     */
    static void zero(byte[] data) {
        int from = 0;
        int written = 0;
        while (from < data.length) {
            int i = Arrays.mismatch(data, from, data.length, ZEROS, from, data.length);
            if (i < 0) {
                return;
            }
            int line = (from + i) & -LINE;
            if (++written > SPARSE_LINES) {
                System.arraycopy(ZEROS, line, data, line, data.length - line); // 20% faster than a fill in cold memory
                return;
            }
            Arrays.fill(data, line, line + LINE, (byte) 0);
            from = line + LINE;
        }
    }

    /**
     * The zeroing thread: serves the pools that were given arrays, a batch each in turn. Waking a parked thread is a
     * system call of a few microseconds, too dear for every decommit, so it polls every {@link #POLL_NANOS} (or the
     * system's timer tick, if coarser) while pools keep giving, and only after {@link #IDLE_NANOS} without work
     * waits to be woken.
     */
    private static final class Zeroer implements Runnable {
        static final Zeroer INSTANCE = new Zeroer();
        private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
        private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

        private final ArrayDeque<PagePool> queue = new ArrayDeque<>();
        private Thread thread;
        private boolean sleeping;

        void enqueue(PagePool pool) {
            Thread wake = null;
            synchronized (this) {
                queue.add(pool);
                if (thread == null) {
                    thread = new Thread(this, "HeapLab zero page thread");
                    thread.setDaemon(true);
                    thread.setPriority(Thread.MIN_PRIORITY);
                    thread.start();
                } else if (sleeping) {
                    sleeping = false;
                    wake = thread;
                }
            }
            if (wake != null) {
                LockSupport.unpark(wake);
            }
        }

        private synchronized PagePool next(boolean sleep) {
            PagePool pool = queue.poll();
            if (pool == null && sleep) {
                sleeping = true;
            }
            return pool;
        }

        private synchronized void awake() {
            sleeping = false;
        }

        @Override
        public void run() {
            byte[][] batch = new byte[BATCH][];
            long lastWork = System.nanoTime();
            while (true) {
                boolean idle = System.nanoTime() - lastWork >= IDLE_NANOS;
                PagePool pool = next(idle);
                if (pool != null) {
                    lastWork = System.nanoTime();
                    boolean more;
                    try {
                        more = pool.zeroBatch(batch);
                    } catch (RuntimeException | Error e) {
                        more = false; // cannot happen (zeroing arrays); the pool's takers zero their own instead
                        java.util.Arrays.fill(batch, null);
                    }
                    if (more) {
                        requeue(pool);
                    }
                } else if (idle) {
                    LockSupport.park(this); // until enqueue clears `sleeping` (a spurious return polls again)
                    awake();
                    lastWork = System.nanoTime();
                } else {
                    LockSupport.parkNanos(this, POLL_NANOS);
                }
                Thread.interrupted(); // an interrupt would make every park return at once: nothing interrupts it
            }
        }

        private synchronized void requeue(PagePool pool) {
            queue.add(pool);
        }
    }
}
