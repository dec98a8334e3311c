package heaplab.engine.memory;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static heaplab.engine.memory.AddressSpace.PAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A recycled page array comes back all zeros, however its old bytes lay: sparse, dense, at the page's edges. */
class PagePoolTest {
    private static final byte[] ZEROS = new byte[PAGE_SIZE];

    @Test
    void takenArraysAreZeroWhateverTheyHeld() {
        Random random = new Random(7);
        PagePool pool = new PagePool();
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

    @Test
    void aPoolWithNothingKeptMakesNewArrays() {
        PagePool pool = new PagePool();
        assertNull(pool.takeForOverwrite());
        assertArrayEquals(ZEROS, pool.take());
    }
}
