package heaplab.engine.nt;

/** NT heap constants (heap-facts.md 1.1, 1.7). */
public final class HeapConstants {
    public static final int HEAP_NO_SERIALIZE = 0x00000001;
    public static final int HEAP_GROWABLE = 0x00000002;
    public static final int HEAP_GENERATE_EXCEPTIONS = 0x00000004;
    public static final int HEAP_ZERO_MEMORY = 0x00000008;
    public static final int HEAP_REALLOC_IN_PLACE_ONLY = 0x00000010;
    public static final int HEAP_TAIL_CHECKING_ENABLED = 0x00000020;
    public static final int HEAP_FREE_CHECKING_ENABLED = 0x00000040;
    public static final int HEAP_DISABLE_COALESCE_ON_FREE = 0x00000080;
    public static final int HEAP_SETTABLE_USER_VALUE = 0x00000100;
    public static final int HEAP_SETTABLE_USER_FLAGS = 0x00000E00;
    public static final int HEAP_CLASS_1 = 0x00001000;
    public static final int HEAP_CREATE_ALIGN_16 = 0x00010000;
    public static final int HEAP_CREATE_ENABLE_TRACING = 0x00020000;
    public static final int HEAP_CREATE_ENABLE_EXECUTE = 0x00040000;
    /** Set on heaps created with +ust (value from memory, heap-facts.md 1.7: unconfirmed). */
    public static final int HEAP_CAPTURE_STACK_BACKTRACES = 0x08000000;
    public static final int HEAP_SKIP_VALIDATION_CHECKS = 0x10000000;
    public static final int HEAP_VALIDATE_ALL_ENABLED = 0x20000000;
    public static final int HEAP_VALIDATE_PARAMETERS_ENABLED = 0x40000000;

    /** Flags that become ForceFlags (OR-ed into every call). */
    public static final int FORCE_FLAGS_MASK = HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS | HEAP_ZERO_MEMORY
        | HEAP_REALLOC_IN_PLACE_ONLY | HEAP_VALIDATE_PARAMETERS_ENABLED | HEAP_VALIDATE_ALL_ENABLED
        | HEAP_TAIL_CHECKING_ENABLED | HEAP_CREATE_ALIGN_16 | HEAP_FREE_CHECKING_ENABLED;

    public static final int HEAP_ENTRY_BUSY = 0x01;
    public static final int HEAP_ENTRY_EXTRA_PRESENT = 0x02;
    public static final int HEAP_ENTRY_FILL_PATTERN = 0x04;
    public static final int HEAP_ENTRY_VIRTUAL_ALLOC = 0x08;
    public static final int HEAP_ENTRY_LAST_ENTRY = 0x10;
    public static final int HEAP_ENTRY_SETTABLE_FLAG1 = 0x20;
    public static final int HEAP_ENTRY_SETTABLE_FLAG2 = 0x40;
    public static final int HEAP_ENTRY_SETTABLE_FLAG3 = 0x80;

    public static final long HEAP_SIGNATURE = 0xEEFFEEFFL;
    public static final long HEAP_SEGMENT_SIGNATURE = 0xFFEEFFEEL;
    public static final int HEAP_SEGMENTS = 64;
    public static final int HEAP_FREELISTS = 128;

    /** HEAP_INFORMATION_CLASS values of HeapQueryInformation / HeapSetInformation. */
    public static final int HEAP_COMPATIBILITY_INFORMATION = 0;
    public static final int HEAP_ENABLE_TERMINATION_ON_CORRUPTION = 1;
    /** HeapCompatibilityInformation's value for the Low Fragmentation Heap (0 is the back end alone, 1 look-asides). */
    public static final int HEAP_COMPATIBILITY_LFH = 2;

    public static final long STATUS_NO_MEMORY = 0xC0000017L;
    public static final long STATUS_ACCESS_VIOLATION = 0xC0000005L;

    public static final int ERROR_SUCCESS = 0;
    public static final int ERROR_INVALID_HANDLE = 6;
    public static final int ERROR_GEN_FAILURE = 31;
    public static final int ERROR_NOT_ENOUGH_MEMORY = 8;
    public static final int ERROR_INVALID_PARAMETER = 87;
    public static final int ERROR_INSUFFICIENT_BUFFER = 122;
    public static final int ERROR_NO_MORE_ITEMS = 259;
    public static final int ERROR_INVALID_ADDRESS = 487;
    public static final int ERROR_NOACCESS = 998;

    private HeapConstants() {
    }
}
