package heaplab.engine.memory;

import heaplab.engine.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static heaplab.engine.memory.AddressSpace.MEM_COMMIT;
import static heaplab.engine.memory.AddressSpace.MEM_DECOMMIT;
import static heaplab.engine.memory.AddressSpace.MEM_RELEASE;
import static heaplab.engine.memory.AddressSpace.MEM_RESERVE;
import static heaplab.engine.memory.AddressSpace.PAGE_SIZE;
import static heaplab.engine.memory.Protection.PAGE_READWRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Random workloads of writes, copies (whole pages shared between regions, and not), commits, decommits, releases,
 * snapshots and restores, checked after every operation against a shadow model of plain arrays: the page sharing,
 * the page pool and the translation cache never let one page's bytes show through another.
 */
class AddressSpacePropertyTest {
    private static final int REGIONS = 4;
    private static final int PAGES = 12;
    private static final int SIZE = PAGES * PAGE_SIZE;

    /** The shadow of one region: its base, bytes and committed pages. */
    private record Shadow(long base, byte[] bytes, boolean[] committed) {
        Shadow copy() {
            return new Shadow(base, bytes.clone(), committed.clone());
        }
    }

    private record Saved(AddressSpace.Snapshot snapshot, List<Shadow> shadows) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void theSpaceReadsAsTheShadowAfterEveryOperation(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        AddressSpace mem = new AddressSpace(Arch.X86);
        List<Shadow> shadows = new ArrayList<>();
        for (int i = 0; i < REGIONS; i++) {
            shadows.add(newRegion(mem));
        }
        List<Saved> saved = new ArrayList<>();
        for (int step = 0; step < 2000; step++) {
            String what;
            int kind = random.nextInt(100);
            if (kind < 25) {
                what = write(mem, shadows, random);
            } else if (kind < 55) {
                what = copy(mem, shadows, random);
            } else if (kind < 70) {
                what = commit(mem, shadows, random);
            } else if (kind < 78) {
                what = decommit(mem, shadows, random);
            } else if (kind < 82) {
                int r = random.nextInt(REGIONS);
                assertEquals(true, mem.virtualFree(shadows.get(r).base(), 0, MEM_RELEASE));
                shadows.set(r, newRegion(mem));
                what = "release and reserve region " + r;
            } else if (kind < 92) {
                saved.add(new Saved(mem.snapshot(), deepCopy(shadows)));
                what = "snapshot";
            } else if (!saved.isEmpty()) {
                Saved back = saved.get(random.nextInt(saved.size()));
                mem.restore(back.snapshot());
                shadows = deepCopy(back.shadows());
                what = "restore";
            } else {
                what = "nothing";
            }
            check(mem, shadows, "seed " + seed + " step " + step + " (" + what + ")");
        }
    }

    private static Shadow newRegion(AddressSpace mem) {
        long base = mem.virtualAlloc(0, SIZE, MEM_RESERVE, PAGE_READWRITE);
        assertNotEquals(0, base);
        return new Shadow(base, new byte[SIZE], new boolean[PAGES]);
    }

    private static List<Shadow> deepCopy(List<Shadow> shadows) {
        List<Shadow> copy = new ArrayList<>();
        for (Shadow s : shadows) {
            copy.add(s.copy());
        }
        return copy;
    }

    /** A run of committed pages [first, end) of a region, or null when it has none. */
    private static int[] committedRun(Shadow s, SplittableRandom random) {
        int first = random.nextInt(PAGES);
        while (first < PAGES && !s.committed()[first]) {
            first++;
        }
        if (first == PAGES) {
            return null;
        }
        int end = first;
        while (end < PAGES && s.committed()[end]) {
            end++;
        }
        return new int[] {first, end};
    }

    private static String write(AddressSpace mem, List<Shadow> shadows, SplittableRandom random) {
        Shadow s = shadows.get(random.nextInt(REGIONS));
        int[] run = committedRun(s, random);
        if (run == null) {
            return "no write";
        }
        int from = run[0] * PAGE_SIZE + random.nextInt(PAGE_SIZE);
        int length = 1 + random.nextInt(Math.min(3 * PAGE_SIZE, run[1] * PAGE_SIZE - from));
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        if (random.nextBoolean() && length >= 4) {
            mem.writeU32(s.base() + from, 0xA5A5_0000L | length); // through the cached path too
            data[0] = (byte) length;
            data[1] = (byte) (length >> 8);
            data[2] = (byte) 0xA5;
            data[3] = (byte) 0xA5;
            mem.writeBytes(s.base() + from + 4, Arrays.copyOfRange(data, 4, length));
        } else {
            mem.writeBytes(s.base() + from, data);
        }
        System.arraycopy(data, 0, s.bytes(), from, length);
        return "write " + length + " at " + Long.toHexString(s.base() + from);
    }

    /** A copy between two regions, at the same offset in the page half of the time (whole pages then shared). */
    private static String copy(AddressSpace mem, List<Shadow> shadows, SplittableRandom random) {
        int a = random.nextInt(REGIONS);
        int b = random.nextInt(REGIONS - 1);
        b = b >= a ? b + 1 : b;
        Shadow from = shadows.get(a);
        Shadow to = shadows.get(b);
        int[] source = committedRun(from, random);
        int[] target = committedRun(to, random);
        if (source == null || target == null) {
            return "no copy";
        }
        int srcOff = source[0] * PAGE_SIZE + random.nextInt(PAGE_SIZE);
        int dstOff = random.nextBoolean()
            ? target[0] * PAGE_SIZE + (srcOff & (PAGE_SIZE - 1))
            : target[0] * PAGE_SIZE + random.nextInt(PAGE_SIZE);
        if (random.nextInt(3) == 0) { // whole pages, as a large block's realloc moves them
            srcOff = source[0] * PAGE_SIZE;
            dstOff = target[0] * PAGE_SIZE;
        }
        int room = Math.min(source[1] * PAGE_SIZE - srcOff, target[1] * PAGE_SIZE - dstOff);
        if (room <= 0) {
            return "no copy";
        }
        int length = random.nextBoolean() ? room : 1 + random.nextInt(room);
        mem.copy(to.base() + dstOff, from.base() + srcOff, length);
        System.arraycopy(from.bytes(), srcOff, to.bytes(), dstOff, length);
        return "copy " + length + " from " + Long.toHexString(from.base() + srcOff) + " to "
            + Long.toHexString(to.base() + dstOff);
    }

    private static String commit(AddressSpace mem, List<Shadow> shadows, SplittableRandom random) {
        Shadow s = shadows.get(random.nextInt(REGIONS));
        int first = random.nextInt(PAGES);
        int count = 1 + random.nextInt(PAGES - first);
        assertEquals(s.base() + (long) first * PAGE_SIZE,
            mem.virtualAlloc(s.base() + (long) first * PAGE_SIZE, (long) count * PAGE_SIZE, MEM_COMMIT,
                PAGE_READWRITE));
        for (int p = first; p < first + count; p++) {
            s.committed()[p] = true; // committed pages keep their bytes; the others were zeroed at decommit
        }
        return "commit " + count + " pages at " + Long.toHexString(s.base() + (long) first * PAGE_SIZE);
    }

    private static String decommit(AddressSpace mem, List<Shadow> shadows, SplittableRandom random) {
        Shadow s = shadows.get(random.nextInt(REGIONS));
        int first = random.nextInt(PAGES);
        int count = 1 + random.nextInt(PAGES - first);
        assertEquals(true, mem.virtualFree(s.base() + (long) first * PAGE_SIZE, (long) count * PAGE_SIZE,
            MEM_DECOMMIT));
        for (int p = first; p < first + count; p++) {
            s.committed()[p] = false;
            Arrays.fill(s.bytes(), p * PAGE_SIZE, (p + 1) * PAGE_SIZE, (byte) 0); // a new commit reads as zeros
        }
        return "decommit " + count + " pages at " + Long.toHexString(s.base() + (long) first * PAGE_SIZE);
    }

    private static void check(AddressSpace mem, List<Shadow> shadows, String where) {
        for (Shadow s : shadows) {
            for (int p = 0; p < PAGES; p++) {
                long page = s.base() + (long) p * PAGE_SIZE;
                assertEquals(s.committed()[p], mem.isCommitted(page),
                    where + ": commit state of " + Long.toHexString(page));
                if (s.committed()[p]) {
                    byte[] expected = Arrays.copyOfRange(s.bytes(), p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
                    assertArrayEquals(expected, mem.readBytes(page, PAGE_SIZE), where + ": bytes of "
                        + Long.toHexString(page));
                }
            }
        }
    }
}
