package heaplab.engine.memory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static heaplab.engine.memory.AddressSpace.PAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recycled page array comes back all zeros, however its old bytes lay: sparse, dense, at the page's edges. */
class PagePoolTest {
    private static final byte[] ZEROS = new byte[PAGE_SIZE];

    @Test
    void takenArraysAreZeroWhateverTheyHeld() {
        Random random = new Random(7);
        PagePool pool = new PagePool(false); // zeroed on the spot, by the taker
        for (int trial = 0; trial < 2000; trial++) {
            byte[] page = new byte[PAGE_SIZE];
            int writes = trial % 5 == 0 ? random.nextInt(4096) : random.nextInt(20); // dense or sparse
            for (int w = 0; w < writes; w++) {
                int at = random.nextInt(PAGE_SIZE);
                int length = Math.min(PAGE_SIZE - at, 1 + random.nextInt(16));
                for (int i = 0; i < length; i++) {
                    page[at + i] = (byte) (1 + random.nextInt(255));
                }
            }
            if (trial % 7 == 0) {
                page[0] = 1; // the first and the last byte of a page
                page[PAGE_SIZE - 1] = 1;
            }
            pool.give(page);
            byte[] taken = pool.take();
            assertSame(page, taken);
            assertArrayEquals(ZEROS, taken, "trial " + trial);
        }
    }

    @Test
    void onlyTheLinesPastTheSparseLimitAreZeroedWhole() {
        for (int lines = 0; lines <= 64; lines++) {
            byte[] page = new byte[PAGE_SIZE];
            for (int line = 0; line < lines; line++) {
                page[line * 64 + (line * 13) % 64] = (byte) 0xFF; // one byte somewhere in each of the first lines
            }
            PagePool.zero(page);
            assertArrayEquals(ZEROS, page, lines + " lines");
        }
    }

    /**
     * The zeroing thread clears arrays given back before they are taken; whichever thread zeroed it, an array taken is
     * all zeros, and no array is handed out twice while its taker holds it.
     */
    @Test
    void theZeroingThreadClearsArraysAheadAndNeverHandsOneOutTwice() throws InterruptedException {
        PagePool pool = new PagePool();
        byte[] first = new byte[PAGE_SIZE];
        Arrays.fill(first, (byte) 0x5A);
        pool.give(first);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pool.counts()[0] == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertArrayEquals(new int[] {1, 0}, pool.counts(), "zeroed by the thread, not by a taker");
        assertSame(first, pool.take());
        assertArrayEquals(ZEROS, first);

        Random random = new Random(11);
        Set<byte[]> held = Collections.newSetFromMap(new IdentityHashMap<>());
        List<byte[]> holding = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            if (holding.isEmpty() || random.nextInt(3) != 0) {
                boolean zeroed = random.nextBoolean();
                byte[] page = zeroed ? pool.take() : pool.takeForOverwrite(); // the latter may hold old bytes
                if (page == null) {
                    continue;
                }
                assertTrue(held.add(page), "an array handed out twice at step " + step);
                if (zeroed) {
                    assertArrayEquals(ZEROS, page, "step " + step);
                }
                holding.add(page);
                Arrays.fill(page, random.nextInt(8) * 512, PAGE_SIZE, (byte) (1 + random.nextInt(255)));
            } else {
                byte[] page = holding.remove(random.nextInt(holding.size()));
                held.remove(page);
                pool.give(page);
            }
        }
    }

    @Test
    void takenArraysAreZeroWhileTheThreadZeroesOthers() {
        PagePool pool = new PagePool();
        Random random = new Random(5);
        for (int step = 0; step < 100_000; step++) {
            byte[] page = pool.take();
            assertArrayEquals(ZEROS, page, "step " + step);
            Arrays.fill(page, random.nextInt(PAGE_SIZE), PAGE_SIZE, (byte) 0xEE);
            pool.give(page);
        }
    }

    @Test
    void aPoolWithNothingKeptMakesNewArrays() {
        PagePool pool = new PagePool();
        assertNull(pool.takeForOverwrite());
        assertArrayEquals(ZEROS, pool.take());
    }
}
