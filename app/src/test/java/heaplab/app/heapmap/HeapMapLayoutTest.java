package heaplab.app.heapmap;

import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;
import heaplab.app.testing.HeapFixtures;
import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapMapLayoutTest {
    private static HeapMapLayout layoutOf(long base) {
        HeapMapViewModel vm = new HeapMapViewModel(a -> { });
        vm.update(Arch.X86, List.of(base == 0 ? HeapFixtures.firstFitHeap() : HeapFixtures.emptyHeap(base)), Map.of(),
            0, 0);
        return HeapMapLayout.of(vm.getModel());
    }

    private static List<Piece> rows(HeapMapLayout layout) {
        return layout.pieces().stream().filter(p -> p.kind() == PieceKind.ROW).toList();
    }

    @Test
    void rowPiecesAreToScaleFromTheRowsAlignedStart() {
        HeapMapLayout layout = layoutOf(0);
        double left = HeapMapLayout.left(Arch.X86);
        for (Piece p : rows(layout)) {
            long rowStart = p.start() - Math.floorMod(p.start(), HeapMapLayout.BYTES_PER_ROW);
            assertEquals(left + (p.start() - rowStart) * HeapMapLayout.PIXELS_PER_BYTE, p.x(), 1e-9);
            assertEquals((p.end() - p.start()) * HeapMapLayout.PIXELS_PER_BYTE, p.w(), 1e-9);
            assertTrue(p.x() + p.w() <= left + HeapMapLayout.ROW_WIDTH + 1e-9);
        }
    }

    @Test
    void everyCommittedByteIsDrawnOnceAndLongRunsCollapseIntoAGap() {
        HeapMapLayout layout = layoutOf(0);
        long drawn = rows(layout).stream().filter(p -> p.block() != null).mapToLong(p -> p.end() - p.start()).sum();
        long gaps = layout.pieces().stream().filter(p -> p.kind() == PieceKind.GAP && p.block() != null)
            .mapToLong(p -> p.end() - p.start()).sum();
        assertEquals(0x1000, drawn + gaps, "the committed page");
        List<Piece> uncommittedGaps = layout.pieces().stream()
            .filter(p -> p.kind() == PieceKind.GAP && p.block() == null).toList();
        assertEquals(1, uncommittedGaps.size());
        // 0xf000 uncommitted bytes: the first whole row is drawn, the rest is one gap.
        assertEquals(0xf000 - HeapMapLayout.BYTES_PER_ROW, uncommittedGaps.get(0).end()
            - uncommittedGaps.get(0).start());
    }

    @Test
    void aBlockSpanningRowsIsSplitWithOpenEdges() {
        HeapMapLayout layout = layoutOf(0);
        List<Piece> headerPieces = rows(layout).stream()
            .filter(p -> p.block() != null && p.block().caption().equals("_HEAP")).toList();
        assertEquals(3, headerPieces.size(), "0x5a0 bytes over rows of 0x200");
        assertTrue(!headerPieces.get(0).openLeft() && headerPieces.get(0).openRight());
        assertTrue(headerPieces.get(2).openLeft() && !headerPieces.get(2).openRight());
    }

    @Test
    void theOverviewStripShowsTheWholeReservedRange() {
        HeapMapLayout layout = layoutOf(0x140000);
        List<Piece> overview = layout.pieces().stream().filter(p -> p.kind() == PieceKind.OVERVIEW).toList();
        Piece last = overview.get(overview.size() - 1);
        assertEquals(HeapMapLayout.left(Arch.X86) + HeapMapLayout.ROW_WIDTH, last.x() + last.w(), 1e-6);
        assertEquals(null, last.block(), "the uncommitted tail");
    }
}
