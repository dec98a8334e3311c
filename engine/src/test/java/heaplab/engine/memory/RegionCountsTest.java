package heaplab.engine.memory;

import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole-region uncommitted counts and first-fit search a Region keeps as pages change, against a page-by-page
 * count.
 */
class RegionCountsTest {
    private static final long PAGE = AddressSpace.PAGE_SIZE;

    /** Uncommitted pages, runs and the largest run of [base, base + pages * PAGE), one page at a time. */
    private static long[] byPages(AddressSpace mem, long base, long pages) {
        long count = 0;
        long runs = 0;
        long largest = 0;
        long run = 0;
        for (long i = 0; i < pages; i++) {
            if (mem.isCommitted(base + i * PAGE)) {
                run = 0;
            } else {
                count++;
                runs += run == 0 ? 1 : 0;
                largest = Math.max(largest, ++run);
            }
        }
        return new long[] {count, runs, largest};
    }

    /** The first page of the first run of `want` uncommitted pages, one page at a time, or -1. */
    private static long firstFitByPages(AddressSpace mem, long base, long pages, long want) {
        long run = 0;
        for (long i = 0; i < pages; i++) {
            run = mem.isCommitted(base + i * PAGE) ? 0 : run + 1;
            if (run == want) {
                return base + (i - want + 1) * PAGE;
            }
        }
        return -1;
    }

    @Test
    void randomCommitsAndDecommitsKeepTheCountsOfThePages() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            AddressSpace mem = new AddressSpace(Arch.X86);
            long pages = 1 + random.nextInt(round < 20 ? 200 : 3000);
            long base = mem.virtualAlloc(0, pages * PAGE, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
            AddressSpace.Snapshot saved = null;
            long[] savedCounts = null;
            for (int op = 0; op < 300; op++) {
                long first = random.nextInt((int) pages);
                long length = 1 + random.nextInt((int) Math.min(pages - first, random.nextBoolean() ? 4 : 300));
                if (random.nextBoolean()) {
                    mem.virtualAlloc(base + first * PAGE, length * PAGE, AddressSpace.MEM_COMMIT,
                        Protection.PAGE_READWRITE);
                } else {
                    mem.virtualFree(base + first * PAGE, length * PAGE, AddressSpace.MEM_DECOMMIT);
                }
                long[] expected = byPages(mem, base, pages);
                assertArrayEquals(expected, mem.uncommittedCounts(base, pages), "round " + round + " op " + op);
                for (long want : new long[] {1, 2, 3, 63, 64, 65, 130, 1 + random.nextInt((int) pages + 1)}) {
                    assertEquals(firstFitByPages(mem, base, pages, want),
                        mem.firstUncommittedRun(base, pages, want * PAGE), "round " + round + " op " + op + " " + want);
                }
                long page = base + random.nextInt((int) pages) * PAGE;
                long runStart = page;
                while (mem.isCommitted(page) && runStart > base && mem.isCommitted(runStart - PAGE)) {
                    runStart -= PAGE;
                }
                assertEquals(runStart, mem.committedRunStart(page + 5, base), "round " + round + " op " + op);
                if (op == 150) {
                    saved = mem.snapshot();
                    savedCounts = expected;
                }
            }
            mem.restore(saved);
            assertArrayEquals(savedCounts, mem.uncommittedCounts(base, pages), "after a restore");
        }
    }

    @Test
    void aReservationCommittedAtOnceHasNoUncommittedRun() {
        AddressSpace mem = new AddressSpace(Arch.X86);
        long base = mem.virtualAlloc(0, 40 * PAGE, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        assertArrayEquals(new long[] {0, 0, 0}, mem.uncommittedCounts(base, 40));
        mem.virtualFree(base, 40 * PAGE, AddressSpace.MEM_DECOMMIT);
        assertArrayEquals(new long[] {40, 1, 40}, mem.uncommittedCounts(base, 40));
    }

    /**
     * Changes at and across the 64-page words of the commit bitset (a word's last page, the next word's first), in
     * regions of one page to many words, whole words and a partial last one, with protections that differ: the counts,
     * first fits and each page's protection stay as a page-by-page model says.
     */
    @Test
    void changesAtWordBoundariesKeepTheCountsAndProtections() {
        Random random = new Random(11);
        for (int pages : new int[] {1, 2, 63, 64, 65, 127, 128, 129, 192, 257, 640}) {
            for (int round = 0; round < 6; round++) {
                AddressSpace mem = new AddressSpace(Arch.X86);
                long base = mem.virtualAlloc(0, pages * PAGE, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
                if (round % 2 == 0) {
                    mem.virtualAlloc(base, pages * PAGE, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
                }
                int[] protect = new int[pages]; // the model: 0 for a page not committed
                for (int i = 0; i < pages; i++) {
                    protect[i] = round % 2 == 0 ? Protection.PAGE_READWRITE : 0;
                }
                mem.uncommittedCounts(base, pages); // the region keeps its runs from here on
                for (int op = 0; op < 200; op++) {
                    int first = random.nextBoolean() ? random.nextInt(pages)
                        : Math.max(0, Math.min(pages - 1, random.nextInt(pages / 64 + 1) * 64 - random.nextInt(3)));
                    int length = 1 + random.nextInt(Math.min(pages - first, random.nextInt(4) == 0 ? 200 : 3));
                    if (random.nextBoolean()) {
                        int prot = random.nextInt(5) == 0 ? Protection.PAGE_READONLY : Protection.PAGE_READWRITE;
                        mem.virtualAlloc(base + first * PAGE, length * PAGE, AddressSpace.MEM_COMMIT, prot);
                        java.util.Arrays.fill(protect, first, first + length, prot);
                    } else {
                        mem.virtualFree(base + first * PAGE, length * PAGE, AddressSpace.MEM_DECOMMIT);
                        java.util.Arrays.fill(protect, first, first + length, 0);
                    }
                    String where = pages + " pages, round " + round + " op " + op;
                    assertArrayEquals(byPages(mem, base, pages), mem.uncommittedCounts(base, pages), where);
                    for (long want : new long[] {1, 2, 63, 64, 65, 1 + random.nextInt(pages)}) {
                        assertEquals(firstFitByPages(mem, base, pages, want),
                            mem.firstUncommittedRun(base, pages, want * PAGE), where + " want " + want);
                    }
                    for (int i = 0; i < pages; i++) {
                        MemoryInfo info = mem.query(base + i * PAGE);
                        assertEquals(protect[i], info.state() == AddressSpace.MEM_COMMIT ? info.protect() : 0,
                            where + " page " + i);
                    }
                }
            }
        }
    }
}
