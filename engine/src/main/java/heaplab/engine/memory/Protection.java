package heaplab.engine.memory;

import java.util.Locale;

/** Page protection constants, as VirtualAlloc takes them. */
public final class Protection {
    public static final int PAGE_NOACCESS = 0x01;
    public static final int PAGE_READONLY = 0x02;
    public static final int PAGE_READWRITE = 0x04;
    public static final int PAGE_EXECUTE = 0x10;
    public static final int PAGE_EXECUTE_READ = 0x20;
    public static final int PAGE_EXECUTE_READWRITE = 0x40;
    public static final int PAGE_GUARD = 0x100;

    private Protection() {
    }

    public static boolean readable(int protect) {
        if ((protect & PAGE_GUARD) != 0) {
            return false;
        }
        int p = protect & 0xFF;
        return p == PAGE_READONLY || p == PAGE_READWRITE || p == PAGE_EXECUTE_READ || p == PAGE_EXECUTE_READWRITE;
    }

    public static boolean writable(int protect) {
        if ((protect & PAGE_GUARD) != 0) {
            return false;
        }
        int p = protect & 0xFF;
        return p == PAGE_READWRITE || p == PAGE_EXECUTE_READWRITE;
    }

    public static boolean valid(int protect) {
        int p = protect & 0xFF;
        return p == PAGE_NOACCESS || p == PAGE_READONLY || p == PAGE_READWRITE || p == PAGE_EXECUTE
            || p == PAGE_EXECUTE_READ || p == PAGE_EXECUTE_READWRITE;
    }

    public static String name(int protect) {
        String base = switch (protect & 0xFF) {
            case PAGE_NOACCESS -> "PAGE_NOACCESS";
            case PAGE_READONLY -> "PAGE_READONLY";
            case PAGE_READWRITE -> "PAGE_READWRITE";
            case PAGE_EXECUTE -> "PAGE_EXECUTE";
            case PAGE_EXECUTE_READ -> "PAGE_EXECUTE_READ";
            case PAGE_EXECUTE_READWRITE -> "PAGE_EXECUTE_READWRITE";
            default -> String.format(Locale.ROOT, "0x%x", protect & 0xFF);
        };
        return (protect & PAGE_GUARD) != 0 ? base + " | PAGE_GUARD" : base;
    }
}
