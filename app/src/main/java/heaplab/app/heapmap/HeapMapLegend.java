package heaplab.app.heapmap;

import heaplab.app.canvas.TextBatch;
import heaplab.app.canvas.DiagramFonts;
import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;
import heaplab.app.theme.Palette;
import heaplab.engine.diff.HeapDiff;
import heaplab.engine.process.HeapAnatomy;
import heaplab.engine.process.HeapAnatomy.PartKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The key at the top of the heap map: a swatch for every block state and block part the map shows, damaged bytes
 * when there are some, the selection and the last step's halo. Drawn with the same painter as the map so it always
 * matches, in a grid of fixed cells so that the layout knows its height without measuring text.
 */
final class HeapMapLegend {
    static final double SWATCH_W = 40;
    static final double SWATCH_H = 16;
    static final double CELL_W = 200;
    static final double LINE = 26;
    static final double TOP = 8;
    private final Palette palette;
    private final BlockPainter painter;

    /** One entry of the key. */
    record Item(String text, Piece swatch, boolean selected, boolean touched, HeapDiff.Kind change, boolean leak,
                boolean pointer) {
        Item(String text, Piece swatch, boolean selected, boolean touched) {
            this(text, swatch, selected, touched, null, false, false);
        }

        Item(String text, Piece swatch, boolean selected, boolean touched, HeapDiff.Kind change) {
            this(text, swatch, selected, touched, change, false, false);
        }
    }

    /** The key's words for the pointer arrows. */
    static final String POINTER_TEXT = "pointer to a block";

    HeapMapLegend(Palette palette, BlockPainter painter) {
        this.palette = palette;
        this.painter = painter;
    }

    /** How many cells fit on a line of the map's width. */
    static int columns(double width) {
        return Math.max(1, (int) ((width - 12) / CELL_W));
    }

    /** The key's height: its lines, then the line of explanation. */
    static double height(HeapMapModel model, double width) {
        return height(items(model), width);
    }

    static double height(List<Item> items, double width) {
        int n = items.size();
        int lines = (n + columns(width) - 1) / columns(width);
        return TOP + lines * LINE + LINE + 8;
    }

    /** The key's entries for what the model shows, states first, then parts, damage, selection and halo. */
    static List<Item> items(HeapMapModel model) {
        Set<BlockState> states = EnumSet.noneOf(BlockState.class);
        Set<PartKind> parts = EnumSet.noneOf(PartKind.class);
        boolean damaged = false;
        boolean crt = false;
        for (MapHeap heap : model.heaps()) {
            for (List<MapSegment> list : List.of(heap.segments(), heap.virtualBlocks())) {
                for (MapSegment s : list) {
                    if (!s.uncommitted().isEmpty()) {
                        states.add(BlockState.UNCOMMITTED);
                    }
                    for (MapBlock b : s.blocks()) {
                        states.add(b.state());
                        crt |= b.crtData() != 0 && b.parts().isEmpty();
                        damaged |= b.isDamaged();
                        for (HeapAnatomy.Part part : b.parts()) {
                            parts.add(part.kind());
                        }
                    }
                }
            }
        }
        if (crt) {
            parts.addAll(List.of(PartKind.HEADER, PartKind.CRT_HEADER, PartKind.NO_MANS_LAND, PartKind.USER_DATA));
        }
        List<Item> items = new ArrayList<>();
        for (BlockState state : BlockState.values()) {
            if (states.contains(state)) {
                items.add(new Item(stateText(state), stateSwatch(state), false, false));
            }
        }
        for (PartKind kind : PartKind.values()) {
            // The guard page and the UserBlocks header have a state of their own above.
            if (parts.contains(kind) && kind != PartKind.GUARD_PAGE && kind != PartKind.USER_BLOCKS_HEADER) {
                items.add(new Item(partText(kind), partSwatch(kind), false, false));
            }
        }
        if (damaged) {
            MapBlock block = new MapBlock(0, 0, 8, 40, 0, 1, 0, 32, 0, BlockState.BUSY, "", 0, 0,
                new HeapAnatomy.Anatomy(List.of(), List.of(new HeapAnatomy.Damage(12, 28, "corrupted"))));
            items.add(new Item("corrupted bytes", swatchOf(block), false, false));
        }
        if (!model.leaks().isEmpty()) {
            items.add(new Item("leak (!heap -l)", stateSwatch(BlockState.BUSY), false, false, null, true, false));
        }
        if (!model.heaps().isEmpty()) {
            // Always in the key once there are heaps, so that arrows coming and going do not move the rows.
            items.add(new Item(POINTER_TEXT, stateSwatch(BlockState.BUSY), false, false, null, false, true));
        }
        items.add(new Item("selected", stateSwatch(BlockState.BUSY), true, false));
        items.add(new Item("last step", stateSwatch(BlockState.BUSY), false, true));
        if (!model.changes().isEmpty()) {
            // The Diff view's marks: only the kinds present.
            for (HeapDiff.Kind kind : HeapDiff.Kind.values()) {
                if (model.changes().containsValue(kind)) {
                    items.add(new Item(kind.name().toLowerCase(java.util.Locale.ROOT) + " (diff)",
                        stateSwatch(kind == HeapDiff.Kind.FREED ? BlockState.FREE : BlockState.BUSY), false, false,
                        kind));
                }
            }
        }
        return items;
    }

    /** Paints the key with the painter (begun on a raster) and queues its text. */
    void render(TextBatch texts, List<Item> items, double width) {
        int columns = columns(width);
        for (int i = 0; i < items.size(); i++) {
            double x = 12 + (i % columns) * CELL_W;
            double y = TOP + (i / columns) * LINE;
            item(texts, items.get(i), x, y);
        }
        double y = TOP + ((items.size() + columns - 1) / columns) * LINE;
        texts.text("1 pixel = 1 byte; each row is " + BlockText.hex(HeapMapLayout.BYTES_PER_ROW)
            + " bytes from the address on its left", 12, y, DiagramFonts.LABEL, palette.textMuted());
    }

    private void item(TextBatch texts, Item item, double x, double y) {
        if (item.pointer()) {
            painter.paintPointerKey(x, y + 2, SWATCH_W, SWATCH_H);
            texts.text(item.text(), x + SWATCH_W + 6, y + 2, DiagramFonts.LABEL, palette.text());
            return;
        }
        Piece s = item.swatch();
        Piece placed = new Piece(x, y + 2, s.w(), s.h(), s.start(), s.end(), s.block(), s.range(), PieceKind.ROW,
            false, false);
        if (item.touched()) {
            painter.paintTouched(placed);
        }
        painter.paint(placed);
        painter.paintBadges(new Piece(placed.x(), placed.y() + 6, placed.w(), placed.h(), placed.start(),
            placed.end(), placed.block(), placed.range(), PieceKind.ROW, false, false));
        if (item.selected()) {
            painter.paintSelected(placed);
        }
        if (item.change() != null) {
            painter.paintChange(placed, item.change());
        }
        if (item.leak()) {
            painter.paintLeak(placed);
        }
        texts.text(item.text(), x + SWATCH_W + 6, y + 2, DiagramFonts.LABEL, palette.text());
    }

    private static String stateText(BlockState state) {
        return switch (state) {
            case INTERNAL -> "_HEAP / segment";
            case BUSY -> "busy block";
            case FREE -> "free block";
            case VIRTUAL -> "virtual alloc";
            case UNCOMMITTED -> "uncommitted";
            case LFH_USER_BLOCKS -> "LFH UserBlocks header";
            case LFH_BUSY -> "busy LFH chunk";
            case LFH_FREE -> "free LFH chunk";
            case PAGE_HEAP -> "page heap block";
            case GUARD -> "guard page (no access)";
            case PAGES -> "VirtualAlloc pages";
            case DAMAGED -> "past a damaged header";
        };
    }

    private static String partText(PartKind kind) {
        return switch (kind) {
            case HEADER -> "_HEAP_ENTRY header";
            case CRT_HEADER -> "_CrtMemBlockHeader";
            case NO_MANS_LAND -> "no-man's land 0xFD";
            case USER_DATA -> "user data";
            case TAIL_FILL -> "tail fill 0xAB";
            case UNUSED -> "unused";
            case ENTRY_EXTRA -> "HEAP_ENTRY_EXTRA";
            case DPH_INFO -> "page heap stamps (DPH)";
            case SUFFIX -> "suffix fill 0xD0/0xA0";
            case GUARD_PAGE -> "guard page";
            case USER_BLOCKS_HEADER -> "LFH UserBlocks header";
            case CHUNK_HEADER -> "LFH chunk header";
        };
    }

    private static Piece stateSwatch(BlockState state) {
        if (state == BlockState.UNCOMMITTED) {
            return new Piece(0, 0, SWATCH_W, SWATCH_H, 0, 40, null, new MapSegment.MapRange(0, 40), PieceKind.ROW,
                false, false);
        }
        // A 40-byte block asked for 24 bytes: 8 header, 24 data, 8 unused, so the swatch shows all three.
        long requested = state.holdsData() ? 24 : 0;
        List<HeapAnatomy.Part> parts = new ArrayList<>();
        parts.add(new HeapAnatomy.Part(PartKind.HEADER, 0, 8));
        if (requested > 0) {
            parts.add(new HeapAnatomy.Part(PartKind.USER_DATA, 8, 32));
            parts.add(new HeapAnatomy.Part(PartKind.UNUSED, 32, 40));
        }
        if (state == BlockState.GUARD || state == BlockState.INTERNAL || state == BlockState.LFH_USER_BLOCKS
            || state == BlockState.PAGES) {
            parts.clear();
            if (state == BlockState.INTERNAL) {
                parts.add(new HeapAnatomy.Part(PartKind.HEADER, 0, 8));
            }
        }
        return swatchOf(new MapBlock(0, 0, 8, 40, 0, 1, 16, requested, 0, state, "", 0, 0,
            new HeapAnatomy.Anatomy(parts, List.of())));
    }

    private static Piece partSwatch(PartKind kind) {
        BlockState state = switch (kind) {
            case DPH_INFO, SUFFIX -> BlockState.PAGE_HEAP;
            case CHUNK_HEADER -> BlockState.LFH_BUSY;
            default -> BlockState.BUSY;
        };
        return swatchOf(new MapBlock(0, 0, 0, 40, 0, 1, 0, 40, 0, state, "", 0, 0,
            new HeapAnatomy.Anatomy(List.of(new HeapAnatomy.Part(kind, 0, 40)), List.of())));
    }

    private static Piece swatchOf(MapBlock block) {
        return new Piece(0, 0, SWATCH_W, SWATCH_H, 0, 40, block, null, PieceKind.ROW, false, false);
    }
}
