package heaplab.app.inspector;

import heaplab.app.theme.Palette;
import heaplab.engine.inspect.ByteKind;
import javafx.scene.paint.Color;

/**
 * The colour of each kind of byte, taken from the heap map's palette so that a reader links both views: each header
 * (_HEAP_ENTRY, LFH chunk header, _CrtMemBlockHeader, HEAP_ENTRY_EXTRA, DPH_BLOCK_INFORMATION) in the colour the map
 * gives its part, user data in the busy blue, unused bytes in the busy slack, the tail fill, the no-man's land and
 * the page heap's suffix in the map's colours for them, free bytes in the free green, unreadable pages as the map's
 * uncommitted grey. Large areas (data, fills) use a lighter tint of their map colour so the hex stays readable;
 * damage is the palette's mismatch red, which nothing else uses.
 */
public final class ByteColours {
    private static final double TINT = 0.45;
    private final Palette p;

    public ByteColours(Palette palette) {
        this.p = palette;
    }

    /** The cell's background. */
    public Color background(ByteKind kind, boolean damaged) {
        if (damaged) {
            return p.bitmapMismatch();
        }
        return switch (kind) {
            // The map's colour of the part each kind of byte belongs to (HeapAnatomy#partOf, BlockPainter#partColour).
            case HEAP_ENTRY -> p.busyHeader();
            case LFH_HEADER -> p.chunkHeader();
            case CRT_HEADER -> p.crtHeader();
            case FREE_ENTRY -> p.freeHeader();
            case ENTRY_EXTRA -> p.internalHeader();
            case DPH_INFO, DPH_ROOT -> p.dphInfo();
            case FREE_LINKS -> tint(p.freeHeader());
            case DATA -> tint(p.busy());
            case SLACK -> tint(p.busySlack());
            case TAIL_FILL -> p.tailFill();
            // Uninitialised data, as the CRT's clean fill and the page heap's fill are: a tint of the warm accent.
            case BUSY_FILL -> tint(p.virtual());
            case NO_MANS_LAND -> p.noMansLand();
            case PAGE_HEAP_SUFFIX -> p.suffix();
            case CLEAN_FILL, PAGE_HEAP_FILL -> tint(p.virtual());
            case DEAD_FILL, PAGE_HEAP_FREED -> tint(p.freeBorder());
            case FREE_FILL -> p.free();
            case FREE_DATA -> p.free();
            case UNREADABLE -> p.uncommitted();
        };
    }

    /** The text on a cell: light on the dark header shades and on damage, the canvas text elsewhere. */
    public Color text(ByteKind kind, boolean damaged) {
        if (damaged) {
            return p.textOnDark();
        }
        return switch (kind) {
            case HEAP_ENTRY, CRT_HEADER, LFH_HEADER, ENTRY_EXTRA, DPH_INFO, DPH_ROOT -> p.textOnDark();
            case FREE_ENTRY, NO_MANS_LAND, PAGE_HEAP_SUFFIX, TAIL_FILL -> p.textOnLight();
            case UNREADABLE -> p.textMuted();
            default -> p.text();
        };
    }

    /** Damage draws a border too, so it reads without colour (grey-scale print, colour blindness). */
    public Color damageBorder() {
        return p.text();
    }

    public Color hatch() {
        return p.uncommittedHatch();
    }

    /**
     * On a dark background a tint halfway to the background lands on the dark header shades (the busy blue's tint
     * was the _HEAP_ENTRY's navy): there it keeps more of its colour, so data stands apart from headers.
     */
    private Color tint(Color c) {
        Color bg = p.background();
        return bg.interpolate(c, bg.getBrightness() < 0.5 ? DARK_TINT : TINT);
    }

    private static final double DARK_TINT = 0.72;
}
