package heaplab.engine.pageheap;

import heaplab.engine.Arch;
import heaplab.engine.process.ProcessFault;

import java.util.Locale;

/**
 * A page heap verifier stop (heap-facts.md 3.5): the report the verifier prints to the debugger, then a break the
 * run stops at. Codes follow the [MS-avrf] order of the heap stops (0x0F, the corrupted suffix, is observed).
 */
public final class VerifierStop {
    /** The heap stops HeapLab raises, with their code and title. */
    public enum Kind {
        DOUBLE_FREE(0x07, "heap block already freed"),
        CORRUPTED_HEAP_BLOCK(0x08, "corrupted heap pointer or using wrong heap"),
        CORRUPTED_FREED_HEAP_BLOCK(0x0E, "corrupted infix pattern for freed heap block"),
        CORRUPTED_SUFFIX(0x0F, "corrupted suffix pattern"),
        CORRUPTED_START_STAMP(0x10, "corrupted start stamp"),
        CORRUPTED_END_STAMP(0x11, "corrupted end stamp");

        private final int code;
        private final String title;

        Kind(int code, String title) {
            this.code = code;
            this.title = title;
        }

        public int code() { return code; }

        public String title() { return title; }
    }

    /**
     * The pid HeapLab's process reports in verifier stops and page heap prints (the engine has no pid of its own;
     * a fixed, plausible value).
     */
    public static final long PID = 0x1A2C;

    private static final String RULE = "===========================================================";

    private VerifierStop() {
    }

    /**
     * The stop's text. {@code corruption} is the first damaged byte, or 0 where the stop has no such address
     * (a double free: the line is then {@code 00000000 : }, as the XP-era sample prints its unused fourth one).
     */
    public static String text(Arch arch, Kind kind, long root, long block, long size, long corruption) {
        StringBuilder out = new StringBuilder(RULE).append('\n')
            .append(String.format(Locale.ROOT, "VERIFIER STOP %08X: pid 0x%X: %s \n\n", kind.code(), PID, kind.title()))
            .append('\t').append(upper(arch, root)).append(" : Heap handle\n")
            .append('\t').append(upper(arch, block)).append(" : Heap block\n")
            .append('\t').append(upper(arch, size)).append(" : Block size\n")
            .append('\t').append(upper(arch, corruption)).append(corruption == 0 ? " : " : " : corruption address")
            .append('\n')
            .append(RULE).append('\n')
            .append("This verifier stop is not continuable. Process will be terminated \n")
            .append("when you use the `go' debugger command.\n")
            .append(RULE);
        return out.toString();
    }

    /** The break that follows a stop: the run stops there, as under a debugger. */
    public static ProcessFault breakpoint() {
        return new ProcessFault(0x80000003L, "Break instruction exception - code 80000003 (first chance)");
    }

    private static String upper(Arch arch, long value) {
        return arch.ptr(value).toUpperCase(Locale.ROOT);
    }
}
