package heaplab.app.heapmap;

import heaplab.engine.Arch;
import javafx.geometry.Rectangle2D;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where each part of the heap map goes, in logical pixels; no drawing here, so it is testable without JavaFX.
 *
 * <p>Each segment gets a thin overview strip with its whole reserved range to scale, then its bytes in rows of
 * {@link #BYTES_PER_ROW}, each row starting at an aligned address, one pixel per byte, the same scale for every
 * segment so sizes compare by eye. A block or uncommitted range that fills two or more further whole rows has
 * those rows drawn as one short "gap" slot that states how much it stands for: a 1 MB segment with 4 KB committed
 * stays on one screen, and every drawn row is still exactly to scale.
 */
public final class HeapMapLayout {
    /** 0x200 bytes at one pixel a byte: narrow enough to read at 80 % zoom in the window's middle pane. */
    public static final long BYTES_PER_ROW = 0x200;
    public static final double PIXELS_PER_BYTE = 1;
    public static final double ROW_WIDTH = BYTES_PER_ROW * PIXELS_PER_BYTE;
    static final double ROW_HEIGHT = 24;
    static final double ROW_SPACING = 6;
    static final double GAP_HEIGHT = 18;
    static final double OVERVIEW_HEIGHT = 10;
    static final double HEAP_TITLE_HEIGHT = 30;
    static final double SEGMENT_TITLE_HEIGHT = 20;

    /** What a piece of a row stands for. */
    public enum PieceKind { ROW, GAP, OVERVIEW }

    /** What a label is, for its font and colour. */
    public enum LabelKind { HEAP_TITLE, SEGMENT_TITLE, ROW_ADDRESS, MESSAGE }

    /**
     * A rectangle of the map standing for [start, end) of one block, or of an uncommitted range when block is null.
     * openLeft/openRight: the block goes on in the row before/after.
     */
    public record Piece(double x, double y, double w, double h, long start, long end, MapBlock block,
                        MapSegment.MapRange range, PieceKind kind, boolean openLeft, boolean openRight) {
        public boolean contains(double px, double py) {
            return px >= x && px < x + w && py >= y && py < y + h;
        }

        public BlockState state() {
            return block == null ? BlockState.UNCOMMITTED : block.state();
        }

        /** The piece's x for an address inside it (rows and the overview are to scale). */
        public double xOf(long address) {
            return x + (double) (address - start) * w / (end - start);
        }
    }

    public record Label(double x, double y, String text, LabelKind kind) {
    }

    /**
     * Where the address space overview goes: its strips span [x, x + w); the whole space's strip at spaceY, the
     * reserved regions' strip at detailY, their names from labelsY; the band ends at bottom.
     */
    public record OverviewBand(double x, double w, double titleY, double spaceY, double detailY, double labelsY,
                               double bottom) {
        public static final double SPACE_HEIGHT = 12;
        public static final double DETAIL_HEIGHT = 30;

        public boolean inSpace(double px, double py) {
            return px >= x - 3 && px < x + w + 3 && py >= spaceY - 3 && py < spaceY + SPACE_HEIGHT + 3;
        }

        public boolean inDetail(double px, double py) {
            return px >= x && px < x + w && py >= detailY && py < labelsY + 14;
        }
    }

    private final List<Piece> pieces = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private final PieceArrays arrays = new PieceArrays();
    private final Arch arch;
    private final double left;
    private double y;
    private double legendHeight;
    private OverviewBand overviewBand;
    private List<HeapMapLegend.Item> legendItems = List.of();

    private HeapMapLayout(Arch arch) {
        this.arch = arch;
        this.left = left(arch);
    }

    /** Where rows start: after the row addresses, 8 or 16 digits. */
    public static double left(Arch arch) {
        return Math.ceil(arch.pointerDigits() * 6.8 + 36);
    }

    public static double width(Arch arch) {
        return left(arch) + ROW_WIDTH + 16;
    }

    public double left() {
        return left;
    }

    public static HeapMapLayout of(HeapMapModel model) {
        return of(model, AddressSpaceOverview.EMPTY);
    }

    /** The map with the address space overview at its top (none for an empty overview). */
    public static HeapMapLayout of(HeapMapModel model, AddressSpaceOverview overview) {
        HeapMapLayout layout = new HeapMapLayout(model.arch());
        layout.legendItems = HeapMapLegend.items(model);
        layout.y = HeapMapLegend.height(layout.legendItems, width(model.arch()));
        layout.legendHeight = layout.y;
        if (!model.message().isEmpty()) {
            layout.labels.add(new Label(12, layout.y + 8, model.message(), LabelKind.MESSAGE));
            layout.y += 40;
        }
        if (!overview.isEmpty()) {
            layout.addOverview(overview);
        }
        for (MapHeap heap : model.heaps()) {
            layout.addHeap(heap);
        }
        return layout;
    }

    public List<Piece> pieces() {
        return pieces;
    }

    public List<Label> labels() {
        return labels;
    }

    /** The key's entries (worked out once: finding them goes through every block). */
    List<HeapMapLegend.Item> legendItems() {
        return legendItems;
    }

    /** Where the address space overview goes, or null when the map has none. */
    public OverviewBand overviewBand() {
        return overviewBand;
    }

    private void addOverview(AddressSpaceOverview overview) {
        double titleY = y + 6;
        double spaceY = titleY + 26;
        double detailY = spaceY + OverviewBand.SPACE_HEIGHT + 28;
        double labelsY = detailY + OverviewBand.DETAIL_HEIGHT + 4;
        y = labelsY + 30;
        overviewBand = new OverviewBand(left, ROW_WIDTH, titleY, spaceY, detailY, labelsY, y);
    }

    /**
     * The rows where an address is drawn, as a rectangle to bring into view: the row (or gap) holding it with a
     * little of what is above, or null when no row holds it.
     */
    public Rectangle2D rowsOf(long address) {
        for (Piece piece : pieces) {
            if (piece.kind() != PieceKind.OVERVIEW && address >= piece.start() && address < piece.end()) {
                return new Rectangle2D(0, Math.max(0, piece.y() - 2 * (ROW_HEIGHT + ROW_SPACING)),
                    width(arch), 5 * (ROW_HEIGHT + ROW_SPACING));
            }
        }
        return null;
    }

    /** Where the key ends and the heaps begin. */
    public double legendHeight() {
        return legendHeight;
    }

    public double height() {
        return y + 16;
    }

    private void addHeap(MapHeap heap) {
        labels.add(new Label(12, y + 8, heap.title(), LabelKind.HEAP_TITLE));
        y += HEAP_TITLE_HEIGHT;
        for (MapSegment segment : heap.segments()) {
            addSegment(segment);
        }
        for (MapSegment block : heap.virtualBlocks()) {
            addSegment(block);
        }
        y += 10;
    }

    private void addSegment(MapSegment segment) {
        labels.add(new Label(12, y + 2, segment.title(), LabelKind.SEGMENT_TITLE));
        y += SEGMENT_TITLE_HEIGHT;
        List<Run> runs = runsOf(segment);
        if (runs.isEmpty()) {
            return;
        }
        addOverview(segment, runs);
        long start = Math.min(segment.base(), runs.get(0).start);
        long end = Math.max(segment.end(), runs.get(runs.size() - 1).end);
        long row = start - Math.floorMod(start, BYTES_PER_ROW);
        int first = 0;
        while (row < end) {
            while (first < runs.size() && runs.get(first).end <= row) {
                first++;
            }
            Run run = first < runs.size() && runs.get(first).start <= row ? runs.get(first) : null;
            long gapEnd = run == null ? row : gapEnd(run, row);
            if (gapEnd > row) {
                addPiece(new Piece(left, y, ROW_WIDTH, GAP_HEIGHT, row, gapEnd, run.block, run.range,
                    PieceKind.GAP, true, true));
                y += GAP_HEIGHT + ROW_SPACING;
                row = gapEnd;
                continue;
            }
            addRow(row, runs, first);
            row += BYTES_PER_ROW;
        }
        y += 6;
    }

    /**
     * Where a gap starting at this row ends, or {@code row} when the row is drawn. A gap stands for whole rows of one
     * run after its first whole row, two or more of them, and stops before the row of the block's next part boundary
     * or damaged byte: the end of a block's data, its tail fill, a page heap block's stamps are always drawn.
     */
    private static long gapEnd(Run run, long row) {
        long firstWholeRow = run.start + Math.floorMod(-run.start, BYTES_PER_ROW);
        long end = run.end - Math.floorMod(run.end, BYTES_PER_ROW);
        if (row < firstWholeRow + BYTES_PER_ROW) {
            return row;
        }
        if (run.block != null) {
            long next = nextBoundary(run.block, row);
            if (next < end) {
                end = next - Math.floorMod(next, BYTES_PER_ROW);
            }
        }
        return end - row >= 2 * BYTES_PER_ROW ? end : row;
    }

    /** The block's first part boundary or damaged byte at or after an address (Long.MAX_VALUE for none). */
    private static long nextBoundary(MapBlock block, long from) {
        long next = Long.MAX_VALUE;
        for (var part : block.parts()) {
            if (part.start() >= from && part.start() > block.start()) {
                next = Math.min(next, part.start());
            }
            if (part.end() >= from && part.end() < block.end()) {
                next = Math.min(next, part.end());
            }
        }
        for (var damage : block.damage()) {
            if (damage.end() > from) {
                next = Math.min(next, Math.max(from, damage.start()));
            }
        }
        return next;
    }

    private void addPiece(Piece piece) {
        pieces.add(piece);
        arrays.add(piece);
    }

    /** The pieces as arrays, in the same order. */
    PieceArrays arrays() {
        return arrays;
    }

    /** The index of the first piece whose bottom is at or below y (pieces are laid out top to bottom). */
    public int firstPieceBelow(double top) {
        int lo = 0;
        int hi = pieces.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Piece m = pieces.get(mid);
            if (m.y() + m.h() < top) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The index of the first label at or below y (labels are laid out top to bottom, within a few pixels). */
    public int firstLabelBelow(double top) {
        int lo = 0;
        int hi = labels.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (labels.get(mid).y() < top) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void addRow(long row, List<Run> runs, int first) {
        long rowEnd = row + BYTES_PER_ROW;
        labels.add(new Label(left - 8, y + 6, arch.ptr(row), LabelKind.ROW_ADDRESS));
        for (int i = first; i < runs.size() && runs.get(i).start < rowEnd; i++) {
            Run r = runs.get(i);
            long s = Math.max(r.start, row);
            long e = Math.min(r.end, rowEnd);
            if (e <= s) {
                continue;
            }
            addPiece(new Piece(left + (s - row) * PIXELS_PER_BYTE, y, (e - s) * PIXELS_PER_BYTE, ROW_HEIGHT, s, e,
                r.block, r.range, PieceKind.ROW, r.start < row, r.end > rowEnd));
        }
        y += ROW_HEIGHT + ROW_SPACING;
    }

    private void addOverview(MapSegment segment, List<Run> runs) {
        long start = Math.min(segment.base(), runs.get(0).start);
        long end = Math.max(segment.end(), runs.get(runs.size() - 1).end);
        double scale = ROW_WIDTH / (double) (end - start);
        labels.add(new Label(left - 8, y - 1, "to scale", LabelKind.ROW_ADDRESS));
        for (Run r : runs) {
            addPiece(new Piece(left + (r.start - start) * scale, y, Math.max(0.5, (r.end - r.start) * scale),
                OVERVIEW_HEIGHT, r.start, r.end, r.block, r.range, PieceKind.OVERVIEW, false, false));
        }
        y += OVERVIEW_HEIGHT + 8;
    }

    /** Blocks and uncommitted ranges of a segment in address order. */
    private static List<Run> runsOf(MapSegment segment) {
        List<Run> runs = new ArrayList<>();
        for (MapBlock b : segment.blocks()) {
            if (b.size() > 0) {
                runs.add(new Run(b.start(), b.end(), b, null));
            }
        }
        for (MapSegment.MapRange u : segment.uncommitted()) {
            if (u.size() > 0) {
                runs.add(new Run(u.address(), u.end(), null, u));
            }
        }
        runs.sort(Comparator.comparingLong(Run::start));
        return runs;
    }

    private record Run(long start, long end, MapBlock block, MapSegment.MapRange range) {
    }
}
