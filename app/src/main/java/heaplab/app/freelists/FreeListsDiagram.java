package heaplab.app.freelists;

import heaplab.app.canvas.CanvasPainting;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.canvas.PickableDiagram;
import heaplab.app.freelists.FreeListsModel.FreeEntry;
import heaplab.app.freelists.FreeListsModel.FreeListRow;
import heaplab.app.freelists.FreeListsModel.HeapFreeLists;
import heaplab.app.freelists.FreeListsModel.LfhBucketRow;
import heaplab.app.freelists.FreeListsModel.UserBlocksBox;
import heaplab.app.heapmap.BlockText;
import heaplab.app.theme.Palette;
import heaplab.engine.Arch;
import heaplab.engine.diff.HeapDiff;
import heaplab.engine.lfh.LowFragmentationHeap;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;

/**
 * The free lists: per heap, FreeListsInUse as a 4 x 32 grid (set bits filled, each cell numbered), then each list
 * shown as a row: its head, its free blocks as boxes (address, size), Flink arrows above (solid) and Blink arrows
 * below (dashed); a link that does not point where it should is drawn red and crossed. Then the LFH buckets in use:
 * per bucket its UserBlocks in list order, each with its chunks as a grid of cells (busy filled, free hollow).
 */
public final class FreeListsDiagram implements PickableDiagram {
    private static final double MARGIN = 16;
    private static final double CELL_W = 20;
    private static final double CELL_H = 18;
    private static final double GRID_LEFT = MARGIN;
    private static final double BOX_H = 40;
    private static final double ARROW_GAP = 46;
    private static final double ROW_STEP = BOX_H + 22;
    private static final double HEAD_W = 168;
    static final int MAX_ENTRIES_SHOWN = 12;
    static final int MAX_USER_BLOCKS_SHOWN = 6;
    private static final int CHUNK_COLUMNS = 16;
    private static final double CHUNK_CELL = 9;
    private static final double USER_BLOCKS_W = CHUNK_COLUMNS * CHUNK_CELL + 14;
    private static final double USER_BLOCKS_TEXT = 40;

    private final FreeListsModel model;
    private final Palette p;
    private final Arch arch;
    private final double entryWidth;
    private final List<Box> boxes = new ArrayList<>();
    private final double width;
    private final double height;

    /** A clickable or hoverable box: a free block (address != 0) or a list head (address == 0). */
    record Box(double x, double y, double w, double h, long address, String tooltip, FreeEntry entry) {
        boolean contains(double px, double py) {
            return px >= x && px < x + w && py >= y && py < y + h;
        }
    }

    public FreeListsDiagram(FreeListsModel model, Palette palette) {
        this.model = model;
        this.p = palette;
        this.arch = model.arch();
        this.entryWidth = Math.max(96, DiagramFonts.width(arch.ptr(0), DiagramFonts.MONO_BOLD) + 18);
        double maxRight = Math.max(GRID_LEFT + 32 * CELL_W + MARGIN,
            LEGEND_RIGHT_X + DiagramFonts.width(BROKEN_KEY, DiagramFonts.LABEL) + MARGIN);
        if (!model.changes().isEmpty()) {
            maxRight = Math.max(maxRight, LEGEND_RIGHT_X + DiagramFonts.width(DIFF_KEY, DiagramFonts.LABEL) + MARGIN);
        }
        double y = 40;
        for (HeapFreeLists heap : model.heaps()) {
            y += 30 + 4 * CELL_H + 6 + 16 * heap.note().split("\n").length + 10;
            for (FreeListRow row : heap.lists()) {
                int shown = Math.min(MAX_ENTRIES_SHOWN, row.entries().size());
                maxRight = Math.max(maxRight, entryX(shown) + 120);
                y += ROW_STEP;
            }
            y += heap.lists().isEmpty() ? 40 : 16;
            if (!heap.buckets().isEmpty()) {
                maxRight = Math.max(maxRight, LFH_TEXT_WIDTH);
                y += LFH_TITLE;
                for (LfhBucketRow row : heap.buckets()) {
                    int shown = Math.min(MAX_USER_BLOCKS_SHOWN, row.userBlocks().size());
                    maxRight = Math.max(maxRight, userBlocksX(shown) + 120);
                    y += bucketRowHeight(row) + 22;
                }
                y += 16;
            }
        }
        if (!model.process().crtBlocks().isEmpty() || !model.process().pageHeaps().isEmpty()) {
            maxRight = Math.max(maxRight, listX(LIST_PER_ROW) + MARGIN);
        }
        y += processHeight();
        this.width = maxRight;
        this.height = y + (model.message().isEmpty() ? 0 : 40);
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public double height() {
        return height;
    }

    @Override
    public void render(GraphicsContext gc) {
        gc.save();
        boxes.clear();
        gc.setFill(p.background());
        gc.fillRect(0, 0, width, height);
        legend(gc);
        double y = 40;
        if (!model.message().isEmpty()) {
            CanvasPainting.text(gc, model.message(), MARGIN, y, DiagramFonts.LABEL, p.text());
            y += 40;
        }
        for (HeapFreeLists heap : model.heaps()) {
            y = renderHeap(gc, heap, y);
        }
        renderProcess(gc, y);
        gc.restore();
    }

    private void legend(GraphicsContext gc) {
        double y = 14;
        CanvasPainting.arrow(gc, MARGIN, y, MARGIN + 34, y, p.flink(), 1.6, false);
        CanvasPainting.text(gc, "Flink (next)", MARGIN + 40, y - 7, DiagramFonts.LABEL, p.text());
        CanvasPainting.arrow(gc, MARGIN + 160, y, MARGIN + 126, y, p.blink(), 1.6, true);
        CanvasPainting.text(gc, "Blink (previous)", MARGIN + 166, y - 7, DiagramFonts.LABEL, p.text());
        CanvasPainting.text(gc, BROKEN_KEY, LEGEND_RIGHT_X, y - 7, DiagramFonts.LABEL, p.brokenLink());
        if (!model.changes().isEmpty()) {
            CanvasPainting.text(gc, DIFF_KEY, LEGEND_RIGHT_X, y + 10, DiagramFonts.LABEL, p.text());
        }
    }

    private static final double LEGEND_RIGHT_X = MARGIN + 300;
    private static final String BROKEN_KEY = "\u2717 red: link does not point where it should";
    private static final String DIFF_KEY = "Diff since the compared step:  + allocated   \u2212 freed   ~ modified";

    private double renderHeap(GraphicsContext gc, HeapFreeLists heap, double y) {
        CanvasPainting.text(gc, heap.title(), MARGIN, y, DiagramFonts.TITLE, p.text());
        y += 24;
        CanvasPainting.text(gc, "FreeListsInUse", MARGIN, y, DiagramFonts.MONO_BOLD, p.textMuted());
        y += 16;
        // The set colour is dark in the light theme and light in the dark one: pick the readable text for it.
        Color onSet = p.bitmapSet().getBrightness() > 0.6 ? p.textOnLight() : p.textOnDark();
        for (int n = 0; n < 128; n++) {
            double cx = GRID_LEFT + (n % 32) * CELL_W;
            double cy = y + (n / 32) * CELL_H;
            boolean set = heap.bits()[n];
            gc.setFill(set ? p.bitmapSet() : p.bitmapClear());
            gc.fillRect(cx, cy, CELL_W, CELL_H);
            gc.setStroke(heap.mismatched()[n] ? p.bitmapMismatch() : p.grid());
            gc.setLineWidth(heap.mismatched()[n] ? 2.5 : 1);
            gc.strokeRect(cx + 0.5, cy + 0.5, CELL_W - 1, CELL_H - 1);
            CanvasPainting.centredText(gc, Integer.toString(n), cx + CELL_W / 2, cy + CELL_H / 2,
                DiagramFonts.MONO_TINY, set ? onSet : p.textMuted());
        }
        y += 4 * CELL_H + 6;
        for (String line : heap.note().split("\n")) {
            CanvasPainting.text(gc, line, MARGIN, y, DiagramFonts.LABEL, p.textMuted());
            y += 16;
        }
        y += 10;
        if (heap.lists().isEmpty()) {
            CanvasPainting.text(gc, "Every free list is empty.", MARGIN, y, DiagramFonts.LABEL, p.text());
            return y + 40;
        }
        for (FreeListRow row : heap.lists()) {
            renderRow(gc, row, y);
            y += ROW_STEP;
        }
        y += 16;
        if (heap.buckets().isEmpty()) {
            return y;
        }
        CanvasPainting.text(gc, "Low Fragmentation Heap", MARGIN, y, DiagramFonts.TITLE, p.text());
        CanvasPainting.text(gc, "A bucket's UserBlocks, linked by Next: each is one back-end busy block cut into"
            + " equal chunks.", MARGIN, y + 24, DiagramFonts.LABEL, p.textMuted());
        CanvasPainting.text(gc, "A chunk is an 8-byte header and the bucket's bytes. Filled cells: busy chunks;"
            + " hollow: free.", MARGIN, y + 40, DiagramFonts.LABEL, p.textMuted());
        y += LFH_TITLE;
        for (LfhBucketRow row : heap.buckets()) {
            renderBucket(gc, row, y);
            y += bucketRowHeight(row) + 22;
        }
        return y + 16;
    }

    private static final double LFH_TITLE = 68;
    /** Room for the LFH section's two lines of explanation. */
    private static final double LFH_TEXT_WIDTH = 720;

    private static double bucketRowHeight(LfhBucketRow row) {
        int most = 0;
        for (UserBlocksBox ub : row.userBlocks().subList(0, Math.min(MAX_USER_BLOCKS_SHOWN, row.userBlocks().size()))) {
            most = Math.max(most, ub.busy().length);
        }
        int gridRows = (most + CHUNK_COLUMNS - 1) / CHUNK_COLUMNS;
        return Math.max(62, USER_BLOCKS_TEXT + gridRows * CHUNK_CELL + 6);
    }

    private void renderBucket(GraphicsContext gc, LfhBucketRow row, double y) {
        double h = bucketRowHeight(row);
        gc.setFill(p.grid());
        gc.fillRect(MARGIN, y, HEAD_W, h);
        gc.setStroke(p.blockOutline());
        gc.setLineWidth(1);
        gc.strokeRect(MARGIN, y, HEAD_W, h);
        CanvasPainting.text(gc, "Bucket " + row.bucket(), MARGIN + 6, y + 4, DiagramFonts.LABEL_BOLD, p.text());
        int busy = 0;
        int chunks = 0;
        for (UserBlocksBox ub : row.userBlocks()) {
            busy += ub.busyCount();
            chunks += ub.busy().length;
        }
        CanvasPainting.text(gc, BlockText.hex(LowFragmentationHeap.bucketSize(row.bucket())) + " bytes", MARGIN + 6,
            y + 22, DiagramFonts.MONO, p.text());
        CanvasPainting.text(gc, busy + " of " + chunks + " busy", MARGIN + 6, y + 40, DiagramFonts.MONO, p.text());
        boxes.add(new Box(MARGIN, y, HEAD_W, h, 0, "LFH bucket " + row.bucket() + ": " + row.sizeClass() + "\n"
            + row.userBlocks().size() + " UserBlocks, " + busy + " of " + chunks + " chunks busy", null));
        int shown = Math.min(MAX_USER_BLOCKS_SHOWN, row.userBlocks().size());
        double prevRight = MARGIN + HEAD_W;
        for (int i = 0; i < shown; i++) {
            double x = userBlocksX(i);
            CanvasPainting.arrow(gc, prevRight + 2, y + 14, x - 2, y + 14, p.flink(), 1.6, false);
            renderUserBlocks(gc, row.userBlocks().get(i), x, y, h);
            prevRight = x + USER_BLOCKS_W;
        }
        if (shown < row.userBlocks().size()) {
            CanvasPainting.text(gc, "\u2026 and " + (row.userBlocks().size() - shown) + " more", prevRight + 10,
                y + 6, DiagramFonts.LABEL, p.textMuted());
        }
    }

    private void renderUserBlocks(GraphicsContext gc, UserBlocksBox ub, double x, double y, double h) {
        gc.setFill(p.grid());
        gc.fillRect(x, y, USER_BLOCKS_W, h);
        gc.setStroke(ub.active() ? p.flink() : p.blockOutline());
        gc.setLineWidth(ub.active() ? 2.5 : 1);
        gc.strokeRect(x + 0.5, y + 0.5, USER_BLOCKS_W - 1, h - 1);
        CanvasPainting.text(gc, arch.ptr(ub.address()), x + 6, y + 4, DiagramFonts.MONO_BOLD, p.text());
        CanvasPainting.text(gc, ub.busyCount() + "/" + ub.busy().length + " busy" + (ub.active() ? ", active" : ""),
            x + 6, y + 21, DiagramFonts.LABEL, p.text());
        boxes.add(new Box(x, y, USER_BLOCKS_W, USER_BLOCKS_TEXT, ub.address(), "UserBlocks " + arch.ptr(ub.address())
            + "\n" + ub.busy().length + " chunks of " + BlockText.hex(ub.stride()) + " bytes, " + ub.busyCount()
            + " busy" + (ub.active() ? "\nactive: the bucket's next request takes its lowest free chunk" : "")
            + "\nclick to inspect", null));
        double gridX = x + 7;
        double gridY = y + USER_BLOCKS_TEXT;
        for (int i = 0; i < ub.busy().length; i++) {
            double cx = gridX + (i % CHUNK_COLUMNS) * CHUNK_CELL;
            double cy = gridY + (i / CHUNK_COLUMNS) * CHUNK_CELL;
            long user = ub.chunkUsers()[i];
            boolean selected = model.selected() != 0 && model.selected() >= user - 8
                && model.selected() < user - 8 + ub.stride();
            gc.setFill(ub.busy()[i] ? p.busy() : p.free());
            gc.fillRect(cx, cy, CHUNK_CELL - 1, CHUNK_CELL - 1);
            gc.setStroke(selected ? p.selected() : ub.busy()[i] ? p.busyHeader() : p.freeBorder());
            gc.setLineWidth(selected ? 2 : 0.8);
            gc.strokeRect(cx + 0.5, cy + 0.5, CHUNK_CELL - 2, CHUNK_CELL - 2);
            HeapDiff.Kind change = model.change(user);
            if (change != null) {
                // Too small for a badge: the shape tells the change (outline: allocated, cross: freed, outline and
                // dot: modified), the colour repeats it.
                gc.setStroke(changeColour(change));
                gc.setLineWidth(2);
                if (change == HeapDiff.Kind.FREED) {
                    gc.strokeLine(cx, cy, cx + CHUNK_CELL - 1, cy + CHUNK_CELL - 1);
                    gc.strokeLine(cx + CHUNK_CELL - 1, cy, cx, cy + CHUNK_CELL - 1);
                } else {
                    gc.strokeRect(cx - 1, cy - 1, CHUNK_CELL + 1, CHUNK_CELL + 1);
                }
                if (change == HeapDiff.Kind.MODIFIED) {
                    gc.setFill(changeColour(change));
                    gc.fillOval(cx + 2, cy + 2, CHUNK_CELL - 5, CHUNK_CELL - 5);
                }
            }
            boxes.add(new Box(cx, cy, CHUNK_CELL, CHUNK_CELL, user, (ub.busy()[i] ? "Busy" : "Free") + " LFH chunk "
                + i + "\nheader " + arch.ptr(user - 8) + ", data " + arch.ptr(user) + changeText(change)
                + "\nclick to inspect", null));
        }
    }

    private static double userBlocksX(int i) {
        return MARGIN + HEAD_W + ARROW_GAP + i * (USER_BLOCKS_W + ARROW_GAP);
    }

    private void renderRow(GraphicsContext gc, FreeListRow row, double y) {
        gc.setFill(p.grid());
        gc.fillRect(MARGIN, y, HEAD_W, BOX_H);
        gc.setStroke(p.blockOutline());
        gc.setLineWidth(1);
        gc.strokeRect(MARGIN, y, HEAD_W, BOX_H);
        CanvasPainting.text(gc, "FreeList[" + row.index() + "]", MARGIN + 6, y + 4, DiagramFonts.LABEL_BOLD,
            p.text());
        CanvasPainting.text(gc, "head " + arch.ptr(row.head()), MARGIN + 6, y + 22, DiagramFonts.MONO, p.text());
        boxes.add(new Box(MARGIN, y, HEAD_W, BOX_H, 0, "FreeList[" + row.index() + "]: free blocks of "
            + row.sizeClass() + "\nhead at " + arch.ptr(row.head()) + "\nFlink " + arch.ptr(row.flink())
            + "   Blink " + arch.ptr(row.blink()), null));
        int shown = Math.min(MAX_ENTRIES_SHOWN, row.entries().size());
        double prevRight = MARGIN + HEAD_W;
        for (int i = 0; i < shown; i++) {
            FreeEntry e = row.entries().get(i);
            double x = entryX(i);
            links(gc, prevRight, x, y, i == 0 || row.entries().get(i - 1).flinkOk(), e.blinkOk());
            renderEntry(gc, e, x, y);
            prevRight = x + entryWidth;
        }
        if (shown < row.entries().size()) {
            CanvasPainting.text(gc, "\u2026 and " + (row.entries().size() - shown) + " more", prevRight + 10,
                y + 12, DiagramFonts.LABEL, p.textMuted());
        } else if (shown > 0) {
            FreeEntry last = row.entries().get(shown - 1);
            Color c = last.flinkOk() ? p.flink() : p.brokenLink();
            CanvasPainting.arrow(gc, prevRight, y + BOX_H / 3, prevRight + 28, y + BOX_H / 3, c, 1.6, false);
            CanvasPainting.text(gc, (last.flinkOk() ? "" : "\u2717 ") + "back to head", prevRight + 32, y + 5,
                DiagramFonts.LABEL, c);
        }
    }

    private void links(GraphicsContext gc, double from, double to, double y, boolean flinkOk, boolean blinkOk) {
        double top = y + BOX_H / 3;
        double bottom = y + 2 * BOX_H / 3;
        CanvasPainting.arrow(gc, from + 2, top, to - 2, top, flinkOk ? p.flink() : p.brokenLink(), 1.6, false);
        CanvasPainting.arrow(gc, to - 2, bottom, from + 2, bottom, blinkOk ? p.blink() : p.brokenLink(), 1.6, true);
        if (!flinkOk || !blinkOk) {
            CanvasPainting.centredText(gc, "\u2717", (from + to) / 2, y + BOX_H / 2, DiagramFonts.LABEL_BOLD,
                p.brokenLink());
        }
    }

    private void renderEntry(GraphicsContext gc, FreeEntry e, double x, double y) {
        gc.setFill(p.free());
        gc.fillRect(x, y, entryWidth, BOX_H);
        CanvasPainting.dashedRect(gc, x + 0.5, y + 0.5, entryWidth - 1, BOX_H - 1, p.freeBorder(), 1.2);
        if (model.selected() != 0 && e.contains(model.selected())) {
            gc.setStroke(p.selected());
            gc.setLineWidth(3);
            gc.strokeRect(x - 1, y - 1, entryWidth + 2, BOX_H + 2);
        }
        CanvasPainting.text(gc, arch.ptr(e.entry()), x + 6, y + 4, DiagramFonts.MONO_BOLD, p.text());
        CanvasPainting.text(gc, "size " + BlockText.hex(e.size()), x + 6, y + 22, DiagramFonts.MONO, p.text());
        HeapDiff.Kind change = model.change(e.entry() + arch.granularity());
        changeMark(gc, change, x, y, entryWidth, BOX_H);
        boxes.add(new Box(x, y, entryWidth, BOX_H, e.entry(), "Free block " + arch.ptr(e.entry()) + "\nsize "
            + BlockText.size(e.size()) + "\nFlink " + arch.ptr(e.flink()) + (e.flinkOk() ? "" : "  (wrong)")
            + "\nBlink " + arch.ptr(e.blink()) + (e.blinkOk() ? "" : "  (wrong)") + changeText(change)
            + "\nclick to inspect", e));
    }

    /**
     * The Diff view's mark on a box: a thick outline and a corner badge whose symbol (+ allocated, \u2212 freed,
     * ~ modified) tells the change apart without relying on its colour.
     */
    private void changeMark(GraphicsContext gc, HeapDiff.Kind change, double x, double y, double w, double h) {
        if (change == null) {
            return;
        }
        Color c = changeColour(change);
        gc.setStroke(c);
        gc.setLineWidth(2.5);
        gc.strokeRect(x - 2, y - 2, w + 4, h + 4);
        double size = 16;
        gc.setFill(c);
        gc.fillRect(x + w - size + 2, y - 2, size, size);
        CanvasPainting.centredText(gc, changeSymbol(change), x + w - size / 2 + 2, y + size / 2 - 2,
            DiagramFonts.LABEL_BOLD, p.background());
    }

    private Color changeColour(HeapDiff.Kind change) {
        return switch (change) {
            case ALLOCATED -> p.diffAllocated();
            case FREED -> p.diffFreed();
            case MODIFIED -> p.diffModified();
        };
    }

    private static String changeSymbol(HeapDiff.Kind change) {
        return switch (change) {
            case ALLOCATED -> "+";
            case FREED -> "\u2212";
            case MODIFIED -> "~";
        };
    }

    private static String changeText(HeapDiff.Kind change) {
        return change == null ? "" : switch (change) {
            case ALLOCATED -> "\nallocated since the compared step";
            case FREED -> "\nfreed since the compared step";
            case MODIFIED -> "\nmodified since the compared step";
        };
    }

    // ------------------------------------------------------------------------------------------ process lists

    private static final int LIST_PER_ROW = 6;
    private static final double LIST_BOX_W = 168;
    private static final double LIST_BOX_H = 74;
    private static final double LIST_GAP = 30;
    private static final double LIST_ROW = LIST_BOX_H + 18;
    private static final double SECTION_TITLE = 48;

    private static double listX(int column) {
        return MARGIN + column * (LIST_BOX_W + LIST_GAP);
    }

    private static double listHeight(int boxes) {
        int shown = Math.min(boxes, MAX_ENTRIES_SHOWN);
        int rows = Math.max(1, (shown + LIST_PER_ROW - 1) / LIST_PER_ROW);
        return rows * LIST_ROW + (boxes > shown ? 20 : 0);
    }

    private double processHeight() {
        double h = 0;
        if (!model.process().crtBlocks().isEmpty()) {
            h += SECTION_TITLE + listHeight(model.process().crtBlocks().size()) + 16;
        }
        for (FreeListsModel.PageHeapRow row : model.process().pageHeaps()) {
            if (row.delayed().isEmpty() && row.freedFull().isEmpty()) {
                h += SECTION_TITLE + 16;
            }
            if (!row.delayed().isEmpty()) {
                h += SECTION_TITLE + listHeight(row.delayed().size()) + 16;
            }
            if (!row.freedFull().isEmpty()) {
                h += SECTION_TITLE + listHeight(row.freedFull().size()) + 16;
            }
        }
        return h;
    }

    /** The CRT's block list (newest first) and each page heap's delayed-free queue and freed full-page blocks. */
    private void renderProcess(GraphicsContext gc, double y) {
        List<FreeListsModel.CrtRow> crt = model.process().crtBlocks();
        if (!crt.isEmpty()) {
            y = sectionTitle(gc, y, "CRT debug heap: its block list, newest first",
                "From __acrt_first_block along _block_header_next: {request} address, data size, type and where "
                    + "it was allocated.");
            List<ListBox> boxes = new ArrayList<>();
            for (FreeListsModel.CrtRow row : crt) {
                boxes.add(new ListBox(row.user(), "{" + row.request() + "} " + arch.ptr(row.user()),
                    BlockText.hex(row.size()) + " bytes", row.type(),
                    row.damaged() ? "\u2717 no-man's land damaged" : row.origin(), row.damaged(), false,
                    "CRT block {" + row.request() + "} at " + arch.ptr(row.user()) + "\n" + row.size() + " bytes, "
                        + row.type() + (row.origin().isEmpty() ? "" : "\nallocated at " + row.origin())
                        + (row.damaged() ? "\nits no-man's land (0xFD) is damaged" : "") + "\nclick to inspect"));
            }
            y = renderList(gc, boxes, y) + 16;
        }
        for (FreeListsModel.PageHeapRow row : model.process().pageHeaps()) {
            if (row.delayed().isEmpty() && row.freedFull().isEmpty()) {
                y = sectionTitle(gc, y, "Page heap " + arch.ptr(row.handle()) + ": no freed blocks kept",
                    "Its delayed-free queue (light blocks) and its freed full-page blocks are empty.") + 16;
            }
            if (!row.delayed().isEmpty()) {
                y = sectionTitle(gc, y, "Page heap " + arch.ptr(row.handle()) + ": delayed-free queue, oldest first",
                    "Freed light blocks wait here filled with 0xF0; the oldest go back to the NormalHeap, checked, "
                        + "past 1 MB.");
                List<ListBox> queue = new ArrayList<>();
                for (FreeListsModel.FreedBlock b : row.delayed()) {
                    queue.add(new ListBox(b.user(), arch.ptr(b.user()), BlockText.hex(b.size()) + " bytes",
                        "light block, freed", "filled with 0xF0", false, true, "Light page heap block "
                        + arch.ptr(b.user()) + ", freed\n" + b.size() + " bytes, waiting in the delayed-free queue"
                        + "\nclick to inspect"));
                }
                y = renderList(gc, queue, y) + 16;
            }
            if (!row.freedFull().isEmpty()) {
                y = sectionTitle(gc, y, "Page heap " + arch.ptr(row.handle()) + ": freed full-page blocks",
                    "Decommitted and no-access: any touch faults at once.");
                List<ListBox> freed = new ArrayList<>();
                for (FreeListsModel.FreedBlock b : row.freedFull()) {
                    freed.add(new ListBox(b.user(), arch.ptr(b.user()), BlockText.hex(b.size()) + " bytes",
                        "full-page block, freed", "no access", false, true, "Full page heap block "
                        + arch.ptr(b.user()) + ", freed\n" + b.size() + " bytes; its pages are no-access: a use after "
                        + "free faults"));
                }
                y = renderList(gc, freed, y) + 16;
            }
        }
    }

    /** One box of a process list. */
    private record ListBox(long address, String line1, String line2, String line3, String line4, boolean damaged,
                           boolean freed, String tooltip) {
    }

    private double sectionTitle(GraphicsContext gc, double y, String title, String note) {
        CanvasPainting.text(gc, title, MARGIN, y, DiagramFonts.TITLE, p.text());
        CanvasPainting.text(gc, note, MARGIN, y + 24, DiagramFonts.LABEL, p.textMuted());
        return y + SECTION_TITLE;
    }

    private double renderList(GraphicsContext gc, List<ListBox> list, double y) {
        if (list.isEmpty()) {
            CanvasPainting.text(gc, "(empty)", MARGIN, y, DiagramFonts.LABEL, p.textMuted());
            return y + LIST_ROW;
        }
        int shown = Math.min(MAX_ENTRIES_SHOWN, list.size());
        for (int i = 0; i < shown; i++) {
            ListBox b = list.get(i);
            double x = listX(i % LIST_PER_ROW);
            double by = y + (i / LIST_PER_ROW) * LIST_ROW;
            gc.setFill(b.freed() ? p.free() : p.grid());
            gc.fillRect(x, by, LIST_BOX_W, LIST_BOX_H);
            if (b.damaged()) {
                gc.setStroke(p.brokenLink());
                gc.setLineWidth(2.5);
                gc.strokeRect(x, by, LIST_BOX_W, LIST_BOX_H);
            } else if (b.freed()) {
                CanvasPainting.dashedRect(gc, x + 0.5, by + 0.5, LIST_BOX_W - 1, LIST_BOX_H - 1, p.freeBorder(), 1.2);
            } else {
                gc.setStroke(p.blockOutline());
                gc.setLineWidth(1);
                gc.strokeRect(x + 0.5, by + 0.5, LIST_BOX_W - 1, LIST_BOX_H - 1);
            }
            if (model.selected() != 0 && model.selected() == b.address()) {
                gc.setStroke(p.selected());
                gc.setLineWidth(3);
                gc.strokeRect(x - 1, by - 1, LIST_BOX_W + 2, LIST_BOX_H + 2);
            }
            changeMark(gc, model.change(b.address()), x, by, LIST_BOX_W, LIST_BOX_H);
            CanvasPainting.text(gc, b.line1(), x + 6, by + 4, DiagramFonts.MONO_BOLD, p.text());
            CanvasPainting.text(gc, b.line2(), x + 6, by + 21, DiagramFonts.MONO, p.text());
            CanvasPainting.text(gc, b.line3(), x + 6, by + 37, DiagramFonts.LABEL, p.text());
            CanvasPainting.text(gc, b.line4(), x + 6, by + 53, DiagramFonts.LABEL,
                b.damaged() ? p.brokenLink() : p.textMuted());
            if (i % LIST_PER_ROW != 0) {
                CanvasPainting.arrow(gc, x - LIST_GAP + 2, by + LIST_BOX_H / 2, x - 2, by + LIST_BOX_H / 2, p.flink(),
                    1.6, false);
            }
            boxes.add(new Box(x, by, LIST_BOX_W, LIST_BOX_H, b.address(), b.tooltip(), null));
        }
        double end = y + ((shown + LIST_PER_ROW - 1) / LIST_PER_ROW) * LIST_ROW;
        if (shown < list.size()) {
            CanvasPainting.text(gc, "\u2026 and " + (list.size() - shown) + " more", MARGIN, end - 12,
                DiagramFonts.LABEL, p.textMuted());
            end += 20;
        }
        return end;
    }

    private double entryX(int i) {
        return MARGIN + HEAD_W + ARROW_GAP + i * (entryWidth + ARROW_GAP);
    }

    private Box boxAt(double x, double y) {
        if (boxes.isEmpty()) {
            // Hit testing before the first render (an export, or a test): lay out by rendering off-screen once.
            render(new javafx.scene.canvas.Canvas(1, 1).getGraphicsContext2D());
        }
        for (Box b : boxes) {
            if (b.contains(x, y)) {
                return b;
            }
        }
        return null;
    }

    @Override
    public long addressAt(double x, double y) {
        Box b = boxAt(x, y);
        return b == null ? 0 : b.address();
    }

    @Override
    public String tooltipAt(double x, double y) {
        Box b = boxAt(x, y);
        return b == null ? null : b.tooltip();
    }
}
