package heaplab.engine.script;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import heaplab.engine.nt.HeapConstants;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named constants of the call language: Win32 heap and virtual memory flags (heap-facts.md 1.7), page
 * protections, TRUE FALSE NULL, error codes, HEAP_INFORMATION_CLASS values and the CRT debug heap names (4.3).
 */
public final class ScriptConstants {
    private static final Map<String, Long> VALUES = new LinkedHashMap<>();

    static {
        put("NULL", 0);
        put("FALSE", 0);
        put("TRUE", 1);

        put("HEAP_NO_SERIALIZE", HeapConstants.HEAP_NO_SERIALIZE);
        put("HEAP_GROWABLE", HeapConstants.HEAP_GROWABLE);
        put("HEAP_GENERATE_EXCEPTIONS", HeapConstants.HEAP_GENERATE_EXCEPTIONS);
        put("HEAP_ZERO_MEMORY", HeapConstants.HEAP_ZERO_MEMORY);
        put("HEAP_REALLOC_IN_PLACE_ONLY", HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY);
        put("HEAP_TAIL_CHECKING_ENABLED", HeapConstants.HEAP_TAIL_CHECKING_ENABLED);
        put("HEAP_FREE_CHECKING_ENABLED", HeapConstants.HEAP_FREE_CHECKING_ENABLED);
        put("HEAP_DISABLE_COALESCE_ON_FREE", HeapConstants.HEAP_DISABLE_COALESCE_ON_FREE);
        put("HEAP_SETTABLE_USER_VALUE", HeapConstants.HEAP_SETTABLE_USER_VALUE);
        put("HEAP_CREATE_SEGMENT_HEAP", 0x100);
        put("HEAP_SETTABLE_USER_FLAG1", 0x200);
        put("HEAP_SETTABLE_USER_FLAG2", 0x400);
        put("HEAP_SETTABLE_USER_FLAG3", 0x800);
        put("HEAP_SETTABLE_USER_FLAGS", HeapConstants.HEAP_SETTABLE_USER_FLAGS);
        put("HEAP_CREATE_HARDENED", 0x200);
        for (int heapClass = 0; heapClass <= 8; heapClass++) {
            put("HEAP_CLASS_" + heapClass, (long) heapClass << 12);
        }
        put("HEAP_PRIVATE", HeapConstants.HEAP_CLASS_1);
        put("HEAP_CREATE_ALIGN_16", HeapConstants.HEAP_CREATE_ALIGN_16);
        put("HEAP_CREATE_ENABLE_TRACING", HeapConstants.HEAP_CREATE_ENABLE_TRACING);
        put("HEAP_CREATE_ENABLE_EXECUTE", HeapConstants.HEAP_CREATE_ENABLE_EXECUTE);
        put("HEAP_FLAG_PAGE_ALLOCS", 0x01000000);
        put("HEAP_CAPTURE_STACK_BACKTRACES", 0x08000000);
        put("HEAP_SKIP_VALIDATION_CHECKS", HeapConstants.HEAP_SKIP_VALIDATION_CHECKS);
        put("HEAP_VALIDATE_ALL_ENABLED", HeapConstants.HEAP_VALIDATE_ALL_ENABLED);
        put("HEAP_VALIDATE_PARAMETERS_ENABLED", HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED);
        put("HEAP_LOCK_USER_ALLOCATED", 0x80000000L);
        put("HEAP_MAXIMUM_TAG", 0x0FFF);
        put("HEAP_PSEUDO_TAG_FLAG", 0x8000);
        put("HEAP_TAG_SHIFT", 18);
        put("HEAP_GLOBAL_TAG", 0x0800);

        put("PROCESS_HEAP_REGION", 0x0001);
        put("PROCESS_HEAP_UNCOMMITTED_RANGE", 0x0002);
        put("PROCESS_HEAP_ENTRY_BUSY", 0x0004);
        put("PROCESS_HEAP_ENTRY_MOVEABLE", 0x0010);
        put("PROCESS_HEAP_ENTRY_DDESHARE", 0x0020);

        put("HeapCompatibilityInformation", HeapConstants.HEAP_COMPATIBILITY_INFORMATION);
        put("HeapEnableTerminationOnCorruption", HeapConstants.HEAP_ENABLE_TERMINATION_ON_CORRUPTION);

        put("MEM_COMMIT", AddressSpace.MEM_COMMIT);
        put("MEM_RESERVE", AddressSpace.MEM_RESERVE);
        put("MEM_DECOMMIT", AddressSpace.MEM_DECOMMIT);
        put("MEM_RELEASE", AddressSpace.MEM_RELEASE);

        put("PAGE_NOACCESS", Protection.PAGE_NOACCESS);
        put("PAGE_READONLY", Protection.PAGE_READONLY);
        put("PAGE_READWRITE", Protection.PAGE_READWRITE);
        put("PAGE_EXECUTE", Protection.PAGE_EXECUTE);
        put("PAGE_EXECUTE_READ", Protection.PAGE_EXECUTE_READ);
        put("PAGE_EXECUTE_READWRITE", Protection.PAGE_EXECUTE_READWRITE);
        put("PAGE_GUARD", Protection.PAGE_GUARD);

        put("ERROR_SUCCESS", HeapConstants.ERROR_SUCCESS);
        put("ERROR_INVALID_HANDLE", HeapConstants.ERROR_INVALID_HANDLE);
        put("ERROR_GEN_FAILURE", HeapConstants.ERROR_GEN_FAILURE);
        put("ERROR_NOT_ENOUGH_MEMORY", HeapConstants.ERROR_NOT_ENOUGH_MEMORY);
        put("ERROR_INVALID_PARAMETER", HeapConstants.ERROR_INVALID_PARAMETER);
        put("ERROR_INSUFFICIENT_BUFFER", HeapConstants.ERROR_INSUFFICIENT_BUFFER);
        put("ERROR_NO_MORE_ITEMS", HeapConstants.ERROR_NO_MORE_ITEMS);
        put("ERROR_INVALID_ADDRESS", HeapConstants.ERROR_INVALID_ADDRESS);
        put("ERROR_NOACCESS", HeapConstants.ERROR_NOACCESS);

        put("_FREE_BLOCK", 0);
        put("_NORMAL_BLOCK", 1);
        put("_CRT_BLOCK", 2);
        put("_IGNORE_BLOCK", 3);
        put("_CLIENT_BLOCK", 4);
        put("_MAX_BLOCKS", 5);
        put("_UNKNOWN_BLOCK", -1);
        put("_CRTDBG_ALLOC_MEM_DF", 0x01);
        put("_CRTDBG_DELAY_FREE_MEM_DF", 0x02);
        put("_CRTDBG_CHECK_ALWAYS_DF", 0x04);
        put("_CRTDBG_RESERVED_DF", 0x08);
        put("_CRTDBG_CHECK_CRT_DF", 0x10);
        put("_CRTDBG_LEAK_CHECK_DF", 0x20);
        put("_CRTDBG_CHECK_EVERY_16_DF", 0x00100000);
        put("_CRTDBG_CHECK_EVERY_128_DF", 0x00800000);
        put("_CRTDBG_CHECK_EVERY_1024_DF", 0x04000000);
        put("_CRTDBG_CHECK_DEFAULT_DF", 0);
        put("_CRTDBG_REPORT_FLAG", -1);
        // The other crtdbg.h values of heap-facts.md 4.3: report types, report modes and allocation hook types.
        put("_CRT_WARN", 0);
        put("_CRT_ERROR", 1);
        put("_CRT_ASSERT", 2);
        put("_CRTDBG_MODE_FILE", 1);
        put("_CRTDBG_MODE_DEBUG", 2);
        put("_CRTDBG_MODE_WNDW", 4);
        put("_HOOK_ALLOC", 1);
        put("_HOOK_REALLOC", 2);
        put("_HOOK_FREE", 3);
    }

    private ScriptConstants() {
    }

    private static void put(String name, long value) {
        VALUES.put(name, value);
    }

    public static boolean isConstant(String name) {
        return VALUES.containsKey(name);
    }

    /** The constant's value; throws IllegalArgumentException for a name that is not a constant. */
    public static long value(String name) {
        Long value = VALUES.get(name);
        if (value == null) {
            throw new IllegalArgumentException("unknown constant '" + name + "'");
        }
        return value;
    }

    /** All names, sorted, for completion in the console. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(VALUES.keySet()));
    }
}
