package heaplab.app.heapmap;

import heaplab.app.heapmap.HeapMapLayout.Piece;
import heaplab.app.heapmap.HeapMapLayout.PieceKind;

import java.util.Arrays;

/**
 * The layout's pieces again as columns of primitives, for the redraw's passes over many pieces (a map zoomed out to
 * thousands of rows): reading a piece's place, state and block range from arrays costs no walk through its record,
 * its block and its anatomy, which for 200,000 pieces is most of the time of a redraw. Filled by the layout.
 */
final class PieceArrays {
    static final byte ROW = 1;
    static final byte OVERVIEW = 2;
    static final byte DAMAGED = 4;
    double[] x = new double[256];
    double[] y = new double[256];
    double[] w = new double[256];
    double[] h = new double[256];
    /** The piece's block's [entry, end), or [-1, -1) for an uncommitted range. */
    long[] blockStart = new long[256];
    long[] blockEnd = new long[256];
    byte[] state = new byte[256];
    byte[] flags = new byte[256];
    private int size;
    private MapBlock lastBlock;
    private boolean lastDamaged;

    /** Appends a piece (the layout adds each as it makes it, while its block is at hand). */
    void add(Piece p) {
        if (size == x.length) {
            int n = size * 2;
            x = Arrays.copyOf(x, n);
            y = Arrays.copyOf(y, n);
            w = Arrays.copyOf(w, n);
            h = Arrays.copyOf(h, n);
            blockStart = Arrays.copyOf(blockStart, n);
            blockEnd = Arrays.copyOf(blockEnd, n);
            state = Arrays.copyOf(state, n);
            flags = Arrays.copyOf(flags, n);
        }
        int i = size++;
        x[i] = p.x();
        y[i] = p.y();
        w[i] = p.w();
        h[i] = p.h();
        MapBlock b = p.block();
        if (b != lastBlock) {
            lastBlock = b;
            lastDamaged = b != null && b.isDamaged();
        }
        blockStart[i] = b == null ? -1 : b.start();
        blockEnd[i] = b == null ? -1 : b.end();
        state[i] = (byte) p.state().ordinal();
        flags[i] = (byte) ((p.kind() == PieceKind.ROW ? ROW : 0) | (p.kind() == PieceKind.OVERVIEW ? OVERVIEW : 0)
            | (lastDamaged ? DAMAGED : 0));
    }

    int size() {
        return size;
    }

    boolean has(int i, byte flag) {
        return (flags[i] & flag) != 0;
    }

    /** True when piece i belongs to the block holding an address (never for 0). */
    boolean holds(int i, long address) {
        return address != 0 && blockStart[i] <= address && address < blockEnd[i];
    }
}
