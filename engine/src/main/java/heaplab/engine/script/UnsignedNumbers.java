package heaplab.engine.script;

/** Overflow checks for reading unsigned 64-bit numbers digit by digit, without division per digit. */
final class UnsignedNumbers {
    private static final long[] LIMIT = new long[17];
    private static final int[] LAST_DIGIT = new int[17];

    static {
        for (int radix : new int[] {2, 8, 10, 16}) {
            LIMIT[radix] = Long.divideUnsigned(-1L, radix);
            LAST_DIGIT[radix] = (int) Long.remainderUnsigned(-1L, radix);
        }
    }

    private UnsignedNumbers() {
    }

    /** True when {@code value * radix + digit} still fits in 64 unsigned bits (radix 2, 8, 10 or 16). */
    static boolean fits(long value, int digit, int radix) {
        int order = Long.compareUnsigned(value, LIMIT[radix]);
        return order < 0 || order == 0 && digit <= LAST_DIGIT[radix];
    }
}
