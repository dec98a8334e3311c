package heaplab.engine;

import java.util.Locale;

/** Target architecture: pointer size and NT heap granularity. */
public enum Arch {
    /** 32-bit: 4-byte pointers, 8-byte heap granularity. */
    X86(4, 8, 3),
    /** 64-bit: 8-byte pointers, 16-byte heap granularity. */
    X64(8, 16, 4);

    private final int pointerSize;
    private final int granularity;
    private final int shift;

    Arch(int pointerSize, int granularity, int shift) {
        this.pointerSize = pointerSize;
        this.granularity = granularity;
        this.shift = shift;
    }

    public int pointerSize() { return pointerSize; }

    /** sizeof(_HEAP_ENTRY): the unit of Size and PreviousSize. */
    public int granularity() { return granularity; }

    /** HEAP_ENTRY_SHIFT: log2 of the granularity. */
    public int shift() { return shift; }

    /** Mask of a pointer-sized value (0xFFFFFFFF on x86). */
    public long pointerMask() { return pointerSize == 4 ? 0xFFFF_FFFFL : -1L; }

    /** Hex digits of a pointer as the debugger prints it (8 or 16). */
    public int pointerDigits() { return pointerSize * 2; }

    /** A pointer as the debugger prints it: 8 digits on x86, 16 on x64. */
    public String ptr(long value) {
        return pointerSize == 4 ? String.format(Locale.ROOT,
            "%08x", value & 0xFFFF_FFFFL) : String.format(Locale.ROOT, "%016x", value);
    }

    /** A pointer as `db`/`dq` print it on x64, with a backtick after the high 32 bits. */
    public String ptrTick(long value) {
        if (pointerSize == 4) {
            return String.format(Locale.ROOT, "%08x", value & 0xFFFF_FFFFL);
        }
        return String.format(Locale.ROOT, "%08x`%08x", value >>> 32, value & 0xFFFF_FFFFL);
    }

    public static Arch parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "x86" -> X86;
            case "x64" -> X64;
            default -> throw new IllegalArgumentException("unknown arch '" + text + "' (x86 or x64)");
        };
    }
}
