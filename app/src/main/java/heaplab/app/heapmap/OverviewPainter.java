package heaplab.app.heapmap;

import heaplab.app.canvas.DiagramFonts;
import heaplab.app.canvas.PixelRaster;
import heaplab.app.canvas.TextBatch;
import heaplab.app.heapmap.AddressSpaceOverview.Region;
import heaplab.app.heapmap.AddressSpaceOverview.RegionKind;
import heaplab.app.heapmap.AddressSpaceOverview.Stretch;
import heaplab.app.heapmap.HeapMapLayout.OverviewBand;
import heaplab.app.theme.Palette;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws the address space overview at the top of the heap map ({@link AddressSpaceOverview}, placed by
 * {@link HeapMapLayout#overviewBand()}): the whole space with a tick per region, then the reserved regions to scale
 * with their blocks. Where a device column of that strip covers many blocks, it takes the colour of the state that
 * holds most of its bytes (uncommitted hatched as in the rows), so the strip stays to scale, and it is worked out
 * once per diagram and pixel width, then reused by every redraw. Damaged blocks get the warning marker under the
 * strip, the selected block and the last step's one a tick above it, the keyboard's region a frame.
 */
final class OverviewPainter {
    private static final BlockState[] STATES = BlockState.values();
    private final AddressSpaceOverview overview;
    private final OverviewBand band;
    private final Palette p;
    private final BlockPainter blocks;
    private int binnedColumns = -1;
    private byte[] columnState;
    private final List<Long> damaged = new ArrayList<>();

    OverviewPainter(AddressSpaceOverview overview, OverviewBand band, Palette palette, BlockPainter blocks) {
        this.overview = overview;
        this.band = band;
        this.p = palette;
        this.blocks = blocks;
    }

    /** The logical x of an address in the reserved regions' strip. */
    double xOf(long address) {
        return band.x() + overview.fractionOf(address) * band.w();
    }

    /** The logical x of an address in the whole space's strip. */
    double spaceXOf(long address) {
        return band.x() + overview.spaceFraction(address) * band.w();
    }

    void paint(PixelRaster r, TextBatch texts, HeapMapModel model) {
        texts.text("Address space, to scale", 12, band.titleY(), DiagramFonts.TITLE, p.text());
        long regions = overview.regions().stream().filter(Region::topLevel).count();
        texts.text(regions + (regions == 1 ? " region, " : " regions, ")
            + BlockText.hex(overview.reserved()) + " bytes reserved, " + BlockText.hex(overview.committed())
            + " committed", 12 + DiagramFonts.width("Address space, to scale", DiagramFonts.TITLE) + 14,
            band.titleY() + 3, DiagramFonts.LABEL, p.textMuted());
        paintSpace(r, texts);
        paintDetail(r, texts, model);
        paintLabels(texts);
    }

    private void paintSpace(PixelRaster r, TextBatch texts) {
        double y = band.spaceY();
        double h = OverviewBand.SPACE_HEIGHT;
        texts.rightText("space", band.x() - 8, y - 1, DiagramFonts.MONO, p.textMuted());
        r.fillRect(band.x(), y, band.w(), h, PixelRaster.argb(p.grid()));
        r.strokeRect(band.x(), y, band.w(), h, 0.8, PixelRaster.argb(p.blockOutline()), 0, 0);
        double minTick = 2 / r.scale();
        for (int i = 0; i < overview.regions().size(); i++) {
            Region region = overview.regions().get(i);
            if (!region.topLevel()) {
                continue;
            }
            double x0 = spaceXOf(region.start());
            double w = Math.max(minTick, spaceXOf(region.end()) - x0);
            r.fillRect(x0, y + 1, w, h - 2, PixelRaster.argb(kindColour(region.kind())));
            if (i == overview.focused()) {
                r.strokeRect(x0 - 2, y - 2, w + 4, h + 4, 2, PixelRaster.argb(p.selected()), 0, 0);
            }
        }
        // The reserved span, which the strip below stretches over the whole width.
        List<Stretch> stretches = overview.stretches();
        double s0 = spaceXOf(stretches.get(0).start());
        double s1 = Math.max(s0 + minTick, spaceXOf(stretches.get(stretches.size() - 1).end()));
        r.fillRect(s0, y + h + 2, s1 - s0, 2, PixelRaster.argb(p.text()));
        r.fillRect(band.x(), y + h + 6, band.w(), 1, PixelRaster.argb(p.textMuted()));
        texts.text(overview.arch().ptr(overview.spaceStart()), band.x(), y + h + 7, DiagramFonts.MONO_SMALL, p.textMuted());
        texts.rightText(overview.arch().ptr(overview.spaceEnd() - 1), band.x() + band.w(), y + h + 7, DiagramFonts.MONO_SMALL,
            p.textMuted());
        texts.centredText("\u2193 the reserved regions below, free gaps shortened (\u2248)", band.x() + band.w() / 2,
            y + h + 13, DiagramFonts.MONO_SMALL, p.textMuted());
    }

    private Color kindColour(RegionKind kind) {
        return switch (kind) {
            case SEGMENT -> p.busy();
            case VIRTUAL_BLOCK -> p.virtual();
            case PAGE_HEAP -> p.pageHeap();
            case LFH_SUBSEGMENT -> p.lfhHeader();
            case PROGRAM -> p.pages();
        };
    }

    private void paintDetail(PixelRaster r, TextBatch texts, HeapMapModel model) {
        double y = band.detailY();
        double h = OverviewBand.DETAIL_HEIGHT;
        texts.rightText("reserved", band.x() - 8, y + 8, DiagramFonts.MONO, p.textMuted());
        r.fillRect(band.x(), y, band.w(), h, PixelRaster.argb(p.grid()));
        int x0 = r.deviceX(band.x());
        int columns = Math.max(1, r.deviceX(band.x() + band.w()) - x0);
        bin(columns);
        int y0 = r.deviceY(y);
        int y1 = r.deviceY(y + h);
        int runStart = -1;
        for (int c = 0; c <= columns; c++) {
            int state = c < columns ? columnState[c] : -1;
            if (state >= 0) {
                r.fillDevice(x0 + c, y0, x0 + c + 1, y1, PixelRaster.argb(blocks.fill(STATES[state])));
            }
            boolean hatched = state == BlockState.UNCOMMITTED.ordinal() || state == BlockState.GUARD.ordinal();
            if (hatched && runStart < 0) {
                runStart = c;
            } else if (!hatched && runStart >= 0) {
                double from = band.x() + runStart * band.w() / columns;
                r.hatch(from, y, (c - runStart) * band.w() / columns, h, PixelRaster.argb(p.uncommittedHatch()), 5, 1,
                    false);
                runStart = -1;
            }
        }
        int outline = PixelRaster.argb(p.blockOutline());
        for (Stretch s : overview.stretches()) {
            if (s.shortened()) {
                double sx = band.x() + s.from() * band.w();
                double sw = (s.to() - s.from()) * band.w();
                r.fillRect(sx, y - 3, sw, h + 6, PixelRaster.argb(p.background()));
                r.fillRect(sx + 1, y - 3, 1, h + 6, outline);
                r.fillRect(sx + sw - 2, y - 3, 1, h + 6, outline);
                texts.centredText("\u2248", sx + sw / 2, y + h / 2, DiagramFonts.MONO_BOLD, p.textMuted());
            }
        }
        for (int i = 0; i < overview.regions().size(); i++) {
            Region region = overview.regions().get(i);
            double rx = xOf(region.start());
            double rw = Math.max(1 / r.scale(), xOf(region.end()) - rx);
            if (region.topLevel()) {
                r.strokeRect(rx, y, rw, h, 0.8, outline, 0, 0);
            } else {
                // An LFH subsegment: a heavy bar under its span, as the UserBlocks' heavy frame in the rows.
                r.fillRect(rx, y + h + 1, rw, 3, PixelRaster.argb(p.lfhHeader()));
            }
            if (i == overview.focused()) {
                r.strokeRect(rx - 2, y - 2, rw + 4, h + 4, 2, PixelRaster.argb(p.selected()), 0, 0);
            }
        }
        paintMarks(r, model);
    }

    /** The selected block and the last step's one as ticks above the strip, damaged blocks' markers below it. */
    private void paintMarks(PixelRaster r, HeapMapModel model) {
        double y = band.detailY();
        double h = OverviewBand.DETAIL_HEIGHT;
        double tick = 2 / r.scale();
        if (model.touched() != 0 && overview.regionAt(model.touched()) != null) {
            double x = xOf(model.touched());
            r.fillRect(x - 2, y - 7, 4 + tick, 7, PixelRaster.argb(p.touched()));
            r.strokeRect(x - 2, y - 7, 4 + tick, 7, 1, PixelRaster.argb(p.touchedBorder()), 0, 0);
        }
        if (model.selected() != 0 && overview.regionAt(model.selected()) != null) {
            r.fillRect(xOf(model.selected()) - tick / 2, y - 6, tick, h + 12, PixelRaster.argb(p.selected()));
        }
        for (long address : damaged) {
            blocks.warningMarker(xOf(address), y + h, -8);
        }
    }

    /** Each device column's state: the one holding most of the column's bytes, -1 for none. */
    private void bin(int columns) {
        if (columns == binnedColumns) {
            return;
        }
        float[] bytes = new float[columns * STATES.length];
        damaged.clear();
        for (Region region : overview.regions()) {
            if (!region.topLevel()) {
                continue;
            }
            for (MapBlock b : region.segment().blocks()) {
                add(bytes, columns, b.start(), b.end(), b.state().ordinal());
                if (b.isDamaged()) {
                    damaged.add(b.damage().get(0).start());
                }
            }
            for (MapSegment.MapRange u : region.segment().uncommitted()) {
                add(bytes, columns, u.address(), u.end(), BlockState.UNCOMMITTED.ordinal());
            }
        }
        columnState = new byte[columns];
        for (int c = 0; c < columns; c++) {
            int best = -1;
            float most = 0;
            for (int s = 0; s < STATES.length; s++) {
                if (bytes[c * STATES.length + s] > most) {
                    most = bytes[c * STATES.length + s];
                    best = s;
                }
            }
            columnState[c] = (byte) best;
        }
        binnedColumns = columns;
    }

    private void add(float[] bytes, int columns, long start, long end, int state) {
        double c0 = overview.fractionOf(start) * columns;
        double c1 = overview.fractionOf(end) * columns;
        long size = end - start;
        int first = (int) Math.max(0, Math.min(columns - 1, Math.floor(c0)));
        if (c1 - c0 <= 0 || Math.floor(c1 - 1e-9) <= first) {
            bytes[first * STATES.length + state] += size;
            return;
        }
        int last = (int) Math.min(columns - 1, Math.ceil(c1) - 1);
        for (int c = first; c <= last; c++) {
            double overlap = Math.min(c1, c + 1) - Math.max(c0, c);
            bytes[c * STATES.length + state] += (float) (size * overlap / (c1 - c0));
        }
    }

    /**
     * The regions' short names under the strip, left to right, on two lines: a region's on the first where it fits,
     * else on the second (where the LFH subsegments' go), else none; a sliver whose name would hide the next
     * region's goes to the second line first.
     */
    private void paintLabels(TextBatch texts) {
        double firstEnd = Double.NEGATIVE_INFINITY;
        double secondEnd = Double.NEGATIVE_INFINITY;
        List<Region> regions = overview.regions();
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            double x = xOf(region.start());
            double w = DiagramFonts.width(region.name(), DiagramFonts.MONO_SMALL);
            boolean lfh = !region.topLevel();
            if (lfh && xOf(region.end()) - x < w / 2) {
                continue; // many small LFH subsegments: their bars say it, names would only be a row of "LFH"
            }
            boolean sliver = !lfh && xOf(region.end()) - x < w / 2 && nextTopLevelStartsBefore(regions, i, x + w + 6);
            x = Math.min(x, band.x() + band.w() - w); // a region at the right end: its name ends with the strip
            boolean second = lfh || sliver || x < firstEnd + 6;
            if (second && x < secondEnd + 6) {
                continue;
            }
            texts.text(region.name(), x, band.labelsY() + (second ? 14 : 2), DiagramFonts.MONO_SMALL,
                lfh ? p.textMuted() : p.text());
            if (second) {
                secondEnd = x + w;
            } else {
                firstEnd = x + w;
            }
        }
    }

    /** Whether the first top-level region after region i starts left of x on the strip. */
    private boolean nextTopLevelStartsBefore(List<Region> regions, int i, double x) {
        for (int j = i + 1; j < regions.size(); j++) {
            if (regions.get(j).topLevel()) {
                return xOf(regions.get(j).start()) < x;
            }
        }
        return false;
    }
}
