package heaplab.app.heapmap;

import heaplab.engine.Arch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole address space as the top of the heap map shows it, worked out from the map's model by the view model:
 * the regions reserved for heaps (segments, virtual-alloc blocks, page heap blocks, and the LFH subsegments inside
 * segments), and how a strip of a given width shows them to scale.
 *
 * <p>Two strips: the user address space whole, linear ({@link #spaceFraction}), where a heap is a tick; and the
 * reserved regions ({@link #fractionOf}), from the lowest to the highest, to scale, except free gaps much larger than
 * everything reserved, which are shortened to a break marked as such ({@link Stretch#shortened()}): otherwise a
 * page heap block 200 MB above the process heap would squeeze both into a pixel each.
 *
 * @param focused the region the keyboard has reached (Page Down / Page Up in the map), or -1
 */
public record AddressSpaceOverview(Arch arch, long spaceStart, long spaceEnd, List<Region> regions,
                                   List<Stretch> stretches, int focused) {

    /** The share of the detail strip a shortened gap takes, at most (less when there are many). */
    static final double BREAK_SHARE = 0.04;
    /** A free gap is shortened when it is more than this many times all the bytes reserved. */
    static final double SHORTEN_RATIO = 0.25;

    public static final AddressSpaceOverview EMPTY = new AddressSpaceOverview(Arch.X86, 0, 1, List.of(), List.of(),
        -1);

    /** What a region is. */
    public enum RegionKind {
        SEGMENT("segment"), VIRTUAL_BLOCK("virtual-alloc block"), PAGE_HEAP("page heap block"),
        LFH_SUBSEGMENT("LFH subsegment"), PROGRAM("VirtualAlloc region");

        private final String text;

        RegionKind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * A reserved region: [start, end), of which {@code committed} bytes are committed.
     *
     * @param name    short, for the strip's labels (`H1 seg 0`, `H1 VA`, `DPH`, `LFH`)
     * @param title   the map's own title of the region, for tooltips
     * @param segment the region's blocks and uncommitted ranges (an LFH subsegment: its segment's)
     */
    public record Region(long start, long end, long committed, RegionKind kind, String name, String title,
                         MapSegment segment) {
        public long size() {
            return end - start;
        }

        public boolean contains(long address) {
            return address >= start && address < end;
        }

        /** Top-level regions are laid side by side; an LFH subsegment lies inside a segment. */
        public boolean topLevel() {
            return kind != RegionKind.LFH_SUBSEGMENT;
        }
    }

    /** A part of the detail strip: [start, end) drawn over fractions [from, to) of its width. */
    public record Stretch(long start, long end, double from, double to, boolean shortened, boolean reserved) {
    }

    /** The overview of a map's heaps. */
    public static AddressSpaceOverview of(HeapMapModel model) {
        List<Region> regions = new ArrayList<>();
        int heapNumber = 0;
        for (MapHeap heap : model.heaps()) {
            if (heap.kind() == MapHeap.Kind.PROGRAM) {
                for (MapSegment s : heap.segments()) {
                    regions.add(region(s, RegionKind.PROGRAM, s.label()));
                }
                continue;
            }
            // A full page heap's blocks each have their own pages.
            boolean pageHeap = heap.kind() == MapHeap.Kind.PAGE_HEAP;
            String h = pageHeap ? "DPH" : "H" + ++heapNumber;
            int segmentNumber = 0;
            for (MapSegment s : heap.segments()) {
                regions.add(region(s, pageHeap ? RegionKind.PAGE_HEAP : RegionKind.SEGMENT,
                    pageHeap ? h : h + " seg " + segmentNumber++));
                if (!pageHeap) {
                    addLfhSubsegments(s, h, regions);
                }
            }
            for (MapSegment v : heap.virtualBlocks()) {
                regions.add(region(v, pageHeap ? RegionKind.PAGE_HEAP : RegionKind.VIRTUAL_BLOCK,
                    pageHeap ? h : h + " VA"));
            }
        }
        regions.removeIf(r -> r.size() <= 0);
        regions.sort(Comparator.comparingLong(Region::start).thenComparing(r -> !r.topLevel()));
        Arch arch = model.arch();
        long spaceStart = 0;
        long spaceEnd = arch.pointerDigits() > 8 ? 0x8000_0000_0000L : 0x8000_0000L;
        return new AddressSpaceOverview(arch, spaceStart, spaceEnd, List.copyOf(regions), stretches(regions), -1);
    }

    private static Region region(MapSegment s, RegionKind kind, String name) {
        long start = s.base();
        long end = s.end();
        for (MapBlock b : s.blocks()) {
            start = Math.min(start, b.start());
            end = Math.max(end, b.end());
        }
        long uncommitted = 0;
        for (MapSegment.MapRange u : s.uncommitted()) {
            uncommitted += u.size();
        }
        return new Region(start, end, Math.max(0, end - start - uncommitted), kind, name, s.title(), s);
    }

    /** Each run of LFH blocks (a UserBlocks header, its chunks, its unused tail) is one LFH subsegment. */
    private static void addLfhSubsegments(MapSegment s, String heapName, List<Region> out) {
        long start = -1;
        long end = -1;
        for (MapBlock b : s.blocks()) {
            BlockState state = b.state();
            boolean opens = state == BlockState.LFH_USER_BLOCKS && !b.caption().isEmpty();
            boolean lfh = state == BlockState.LFH_USER_BLOCKS || state == BlockState.LFH_BUSY
                || state == BlockState.LFH_FREE;
            if (start >= 0 && (opens || !lfh || b.start() != end)) {
                out.add(new Region(start, end, end - start, RegionKind.LFH_SUBSEGMENT, "LFH",
                    "LFH subsegment of " + heapName, s));
                start = -1;
            }
            if (opens || (lfh && start < 0)) {
                start = b.start();
            }
            if (lfh) {
                end = b.end();
            }
        }
        if (start >= 0) {
            out.add(new Region(start, end, end - start, RegionKind.LFH_SUBSEGMENT, "LFH", "LFH subsegment of "
                + heapName, s));
        }
    }

    /** The detail strip: reserved ranges and small gaps to scale, large gaps shortened. */
    private static List<Stretch> stretches(List<Region> regions) {
        List<long[]> spans = new ArrayList<>();
        for (Region r : regions) {
            if (!r.topLevel()) {
                continue;
            }
            long[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && r.start() <= last[1]) {
                last[1] = Math.max(last[1], r.end());
            } else {
                spans.add(new long[] {r.start(), r.end()});
            }
        }
        if (spans.isEmpty()) {
            return List.of();
        }
        long reserved = 0;
        for (long[] s : spans) {
            reserved += s[1] - s[0];
        }
        List<long[]> parts = new ArrayList<>(); // start, end, reserved?, shortened?
        int shortened = 0;
        for (int i = 0; i < spans.size(); i++) {
            if (i > 0) {
                long gap = spans.get(i)[0] - spans.get(i - 1)[1];
                boolean cut = gap > SHORTEN_RATIO * reserved;
                shortened += cut ? 1 : 0;
                parts.add(new long[] {spans.get(i - 1)[1], spans.get(i)[0], 0, cut ? 1 : 0});
            }
            parts.add(new long[] {spans.get(i)[0], spans.get(i)[1], 1, 0});
        }
        double breakShare = shortened == 0 ? 0 : Math.min(BREAK_SHARE, 0.25 / shortened);
        double scaled = 0;
        for (long[] p : parts) {
            scaled += p[3] == 1 ? 0 : p[1] - p[0];
        }
        double perByte = (1 - breakShare * shortened) / scaled;
        List<Stretch> out = new ArrayList<>();
        double at = 0;
        for (long[] p : parts) {
            double w = p[3] == 1 ? breakShare : (p[1] - p[0]) * perByte;
            out.add(new Stretch(p[0], p[1], at, Math.min(1, at + w), p[3] == 1, p[2] == 1));
            at += w;
        }
        return List.copyOf(out);
    }

    public boolean isEmpty() {
        return regions.isEmpty();
    }

    /** The same overview with the keyboard on region {@code index} (-1 for none). */
    public AddressSpaceOverview withFocused(int index) {
        return new AddressSpaceOverview(arch, spaceStart, spaceEnd, regions, stretches,
            index < 0 || index >= regions.size() ? -1 : index);
    }

    /** Where an address falls in the whole address space, 0 to 1. */
    public double spaceFraction(long address) {
        return (double) (address - spaceStart) / (double) (spaceEnd - spaceStart);
    }

    /** Where an address falls across the detail strip, 0 to 1 (clamped to the reserved span). */
    public double fractionOf(long address) {
        if (stretches.isEmpty()) {
            return 0;
        }
        int lo = 0;
        int hi = stretches.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (stretches.get(mid).start() <= address) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Stretch s = stretches.get(lo);
        double t = Math.max(0, Math.min(1, (double) (address - s.start()) / (double) (s.end() - s.start())));
        return s.from() + t * (s.to() - s.from());
    }

    /** The stretch under a fraction of the detail strip, or null outside it. */
    public Stretch stretchAt(double fraction) {
        for (Stretch s : stretches) {
            if (fraction >= s.from() && fraction < s.to()) {
                return s;
            }
        }
        return null;
    }

    /** The address under a fraction of the detail strip (inside its stretch, to scale), or -1 outside it. */
    public long addressAt(double fraction) {
        Stretch s = stretchAt(fraction);
        if (s == null) {
            return -1;
        }
        double t = (fraction - s.from()) / (s.to() - s.from());
        return s.start() + (long) (t * (s.end() - s.start()));
    }

    /** The innermost region holding an address (an LFH subsegment before its segment), or null. */
    public Region regionAt(long address) {
        Region found = null;
        for (Region r : regions) {
            if (r.contains(address) && (found == null || !r.topLevel())) {
                found = r;
            }
        }
        return found;
    }

    /** Bytes reserved and committed by the top-level regions. */
    public long reserved() {
        long total = 0;
        for (Region r : regions) {
            total += r.topLevel() ? r.size() : 0;
        }
        return total;
    }

    public long committed() {
        long total = 0;
        for (Region r : regions) {
            total += r.topLevel() ? r.committed() : 0;
        }
        return total;
    }

    /** A region's tooltip: what it is, where, how much is reserved and committed. */
    public String describe(Region r) {
        return r.title() + "\n" + r.kind().text() + " " + arch.ptr(r.start()) + " - " + arch.ptr(r.end())
            + "\nreserved " + BlockText.hex(r.size()) + ", committed " + BlockText.hex(r.committed())
            + "\nclick: go to its rows";
    }
}
