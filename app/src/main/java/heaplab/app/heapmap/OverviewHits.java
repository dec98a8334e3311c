package heaplab.app.heapmap;

import heaplab.app.heapmap.HeapMapLayout.OverviewBand;

/** What lies under a point of the address space overview's strips: for clicks and tooltips. */
final class OverviewHits {
    private final AddressSpaceOverview overview;
    private final OverviewBand band;
    private final OverviewPainter painter;
    private final HeapMapModel model;

    OverviewHits(AddressSpaceOverview overview, OverviewBand band, OverviewPainter painter, HeapMapModel model) {
        this.overview = overview;
        this.band = band;
        this.painter = painter;
        this.model = model;
    }

    /** The address under a point of the strips (the start of a region's tick in the whole space's), or -1. */
    long addressAt(double x, double y) {
        if (band.inDetail(x, y)) {
            long address = overview.addressAt((x - band.x()) / band.w());
            return overview.regionAt(address) == null ? -1 : address;
        }
        if (band.inSpace(x, y)) {
            double best = 4; // logical pixels: a region is a tick a pixel or two wide
            long found = -1;
            for (AddressSpaceOverview.Region r : overview.regions()) {
                double rx = painter.spaceXOf(r.start());
                double d = x < rx ? rx - x : Math.max(0, x - painter.spaceXOf(r.end()));
                if (r.topLevel() && d < best) {
                    best = d;
                    found = r.start();
                }
            }
            return found;
        }
        return -1;
    }

    /** The tooltip for a point of the strips: a free gap, or a region and the block near the point; else null. */
    String tooltipAt(double x, double y) {
        if (!(band.inDetail(x, y) || band.inSpace(x, y))) {
            return null;
        }
        if (band.inDetail(x, y)) {
            AddressSpaceOverview.Stretch s = overview.stretchAt((x - band.x()) / band.w());
            if (s != null && !s.reserved()) {
                return (s.shortened() ? "\u2248 (shortened, not to scale) " : "") + "free address space "
                    + model.arch().ptr(s.start()) + " - " + model.arch().ptr(s.end()) + "\n"
                    + BlockText.hex(s.end() - s.start()) + " bytes not reserved";
            }
        }
        long address = addressAt(x, y);
        AddressSpaceOverview.Region region = address < 0 ? null : overview.regionAt(address);
        if (region == null) {
            return null;
        }
        MapBlock b = band.inDetail(x, y) ? model.blockAt(address) : null;
        return overview.describe(region) + (b == null ? "" : "\n\nnear " + model.arch().ptr(address) + ":\n"
            + model.describe(b));
    }
}
