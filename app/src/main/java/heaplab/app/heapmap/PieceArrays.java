package heaplab.app.heapmap;

import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;

import java.util.List;

/**
 * The layout's pieces again as columns of primitives, for the redraw's passes over many pieces (a map zoomed out to
 * thousands of rows): reading a piece's place, state and block range from arrays costs no walk through its record,
 * its block and its anatomy, which for 200,000 pieces is most of the time of a redraw. Built once per diagram.
 */
final class PieceArrays {
    static final byte ROW = 1;
    static final byte OVERVIEW = 2;
    static final byte DAMAGED = 4;
    final double[] x;
    final double[] y;
    final double[] w;
    final double[] h;
    /** The piece's block's [entry, end), or [-1, -1) for an uncommitted range. */
    final long[] blockStart;
    final long[] blockEnd;
    final byte[] state;
    final byte[] flags;

    PieceArrays(List<Piece> pieces) {
        int n = pieces.size();
        x = new double[n];
        y = new double[n];
        w = new double[n];
        h = new double[n];
        blockStart = new long[n];
        blockEnd = new long[n];
        state = new byte[n];
        flags = new byte[n];
        for (int i = 0; i < n; i++) {
            Piece p = pieces.get(i);
            x[i] = p.x();
            y[i] = p.y();
            w[i] = p.w();
            h[i] = p.h();
            MapBlock b = p.block();
            blockStart[i] = b == null ? -1 : b.entry();
            blockEnd[i] = b == null ? -1 : b.end();
            state[i] = (byte) p.state().ordinal();
            flags[i] = (byte) ((p.kind() == PieceKind.ROW ? ROW : 0) | (p.kind() == PieceKind.OVERVIEW ? OVERVIEW : 0)
                | (b != null && b.isDamaged() ? DAMAGED : 0));
        }
    }

    boolean has(int i, byte flag) {
        return (flags[i] & flag) != 0;
    }

    /** True when piece i belongs to the block holding an address (never for 0). */
    boolean holds(int i, long address) {
        return address != 0 && blockStart[i] <= address && address < blockEnd[i];
    }
}
