package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapConstants;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Number and line formats shared by the console's formatters. */
final class Texts {
    /**
     * Where WinDbg puts its caret: under the first character of the command, after the 7-character prompt
     * ({@code 0:000> }). HeapLab always puts it there (WinDbg sometimes moves it under the bad token).
     */
    static final String CARET = "       ^ ";

    private Texts() {
    }

    static String caret(String kind, String line) {
        return CARET + kind + " in '" + line + "'\n";
    }

    /** Hex without leading zeros ({@code 250000}). */
    static String hex(long value) {
        return Long.toHexString(value);
    }

    /** Hex with at least 8 digits, as the heap extension prints ULONG and SIZE_T fields. */
    static String hex8(long value) {
        return String.format(Locale.ROOT, "%08x", value);
    }

    private static final String[] HEAP_FLAG_NAMES = {
        "HEAP_NO_SERIALIZE", "HEAP_GROWABLE", "HEAP_GENERATE_EXCEPTIONS", "HEAP_ZERO_MEMORY",
        "HEAP_REALLOC_IN_PLACE_ONLY", "HEAP_TAIL_CHECKING_ENABLED", "HEAP_FREE_CHECKING_ENABLED",
        "HEAP_DISABLE_COALESCE_ON_FREE"};

    /**
     * The names of a heap's Flags as the heap extension prints them after the value ({@code !heap -p -h}, the
     * {@code !heap -s <heap>} detail form): the low eight flags, then the two validation ones.
     */
    static List<String> heapFlagNames(long flags) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < HEAP_FLAG_NAMES.length; bit++) {
            if ((flags & (1L << bit)) != 0) {
                names.add(HEAP_FLAG_NAMES[bit]);
            }
        }
        if ((flags & HeapConstants.HEAP_VALIDATE_ALL_ENABLED) != 0) {
            names.add("HEAP_VALIDATE_ALL_ENABLED");
        }
        if ((flags & HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED) != 0) {
            names.add("HEAP_VALIDATE_PARAMETERS_ENABLED");
        }
        return names;
    }

    /** Hex with at least 5 digits, the size columns of {@code !heap -a}. */
    static String hex5(long value) {
        return String.format(Locale.ROOT, "%05x", value);
    }

    /**
     * A pointer as the heap extension's index and field lines print it: at least 8 digits, so x86 shows all 8
     * ({@code 00250000}) and x64 drops its leading zeros ({@code bd4aef0000}, a null as {@code 00000000}), as in the
     * observed outputs of both.
     */
    static String shortPtr(Arch arch, long value) {
        return hex8(value & arch.pointerMask());
    }

    /** A pointer in the target's width with upper-case digits ({@code 00099A48}), as {@code -srch} prints it. */
    static String upperPtr(Arch arch, long value) {
        return arch.ptr(value).toUpperCase(java.util.Locale.ROOT);
    }

    /** A pointer as the debugger's field lines print it, with 0x and the target's width ({@code 0x001a0000}). */
    static String ptr0x(Arch arch, long value) {
        return "0x" + arch.ptr(value);
    }

    /** Right-aligns text in a field (spaces on the left). */
    static String right(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
