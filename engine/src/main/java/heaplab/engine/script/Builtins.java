package heaplab.engine.script;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapTags;

import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions of the call language (scenario-format.md). Win32 functions call the process method of the same
 * name; BOOL results are 1 or 0; SIZE_T and pointer arguments and results are truncated to 32 bits on x86, DWORD
 * ones to 32 bits everywhere. Memory functions go through the address space, which raises an access violation
 * (a ProcessFault) for memory that is not committed or not accessible; a faulting memset, memcpy, memmove or strcpy
 * writes nothing. {@code HeapWalk(h, &e)} takes a PROCESS_HEAP_ENTRY structure variable (see {@link StructureType}).
 * The CRT functions are in {@link CrtBuiltins}.
 */
public final class Builtins {
    private static final Map<String, Builtin> FUNCTIONS = new LinkedHashMap<>();
    private static final Set<String> PURE = new java.util.HashSet<>();

    /** Functions the format names whose simulation comes later: recognised, and reported as not simulated yet. */
    private static final Set<String> NOT_SIMULATED = Set.of();

    static {
        addPure("GetProcessHeap", 0, (c, a) -> c.size(c.process().getProcessHeap())); // reads the PEB, no more
        add("GetProcessHeaps", 2, (c, a) -> dword(c.process().getProcessHeaps(dword(a[0]), c.size(a[1]))));
        add("HeapCreate", 3, (c, a) -> c.size(c.process().heapCreate(dword(a[0]), c.size(a[1]), c.size(a[2]))));
        add("HeapDestroy", 1, (c, a) -> bool(c.process().heapDestroy(c.size(a[0]))));
        add("HeapAlloc", 3, Builtins::heapAlloc);
        add("HeapReAlloc", 4, Builtins::heapReAlloc);
        add("HeapFree", 3, Builtins::heapFree);
        add("HeapSize", 3, (c, a) -> c.size(c.process().heapSize(c.size(a[0]), dword(a[1]), c.size(a[2]))));
        add("HeapCompact", 2, (c, a) -> c.size(c.process().heapCompact(c.size(a[0]), dword(a[1]))));
        add("HeapValidate", 3, (c, a) -> bool(c.process().heapValidate(c.size(a[0]), dword(a[1]), c.size(a[2]))));
        add("HeapQueryInformation", 5, (c, a) -> bool(c.process().heaps().heapQueryInformation(c.size(a[0]),
            dword(a[1]), c.size(a[2]), c.size(a[3]), c.size(a[4]))));
        add("HeapSetInformation", 4, (c, a) -> bool(c.process().heaps().heapSetInformation(c.size(a[0]),
            dword(a[1]), c.size(a[2]), c.size(a[3]))));
        add("HeapLock", 1, (c, a) -> bool(c.process().heaps().heapLock(c.size(a[0]))));
        add("HeapUnlock", 1, (c, a) -> bool(c.process().heaps().heapLock(c.size(a[0]))));
        add("HeapCreateTags", -2, Builtins::heapCreateTags);
        // ntdll's user value and flags of a block (heap-facts.md 1.11.23), as Wine's tests call them.
        add("RtlSetUserValueHeap", 4, (c, a) -> bool(c.process().heaps().userInfo().setUserValue(c.size(a[0]),
            dword(a[1]), c.size(a[2]), c.size(a[3]))));
        add("RtlGetUserInfoHeap", 5, (c, a) -> bool(c.process().heaps().userInfo().getUserInfo(c.size(a[0]),
            dword(a[1]), c.size(a[2]), c.size(a[3]), c.size(a[4]))));
        add("RtlSetUserFlagsHeap", 5, (c, a) -> bool(c.process().heaps().userInfo().setUserFlags(c.size(a[0]),
            dword(a[1]), c.size(a[2]), dword(a[3]), dword(a[4]))));
        addPure("HEAP_MAKE_TAG_FLAGS", 2, (c, a) -> dword(a[0] + (a[1] << HeapTags.HEAP_TAG_SHIFT)));
        FUNCTIONS.put("HeapWalk", new Builtin("HeapWalk", 2,
            (c, a) -> bool(c.process().heapWalk(c.size(a[0]), c.size(a[1]))),
            Map.of(1, StructureType.PROCESS_HEAP_ENTRY)));
        add("GetLastError", 0, (c, a) -> dword(c.process().lastError()));
        FUNCTIONS.put("SetLastError", new Builtin("SetLastError", 1, (c, a) -> {
            c.process().setLastError((int) dword(a[0]));
            return 0;
        }).asVoid()); // void: no value to print or assign, as free
        add("VirtualAlloc", 4, Builtins::virtualAlloc);
        add("VirtualFree", 3, (c, a) -> bool(c.process().virtualFree(c.size(a[0]), c.size(a[1]), dword(a[2]))));
        add("memset", 3, Builtins::memset);
        add("memcpy", 3, Builtins::memmove);
        add("memmove", 3, Builtins::memmove);
        add("strcpy", 2, Builtins::strcpy);
        addPure("byte", 1, (c, a) -> c.memory().readByte(c.size(a[0])));
        addPure("word", 1, (c, a) -> c.memory().readU16(c.size(a[0])));
        addPure("dword", 1, (c, a) -> c.memory().readU32(c.size(a[0])));
        addPure("qword", 1, (c, a) -> c.memory().readU64(c.size(a[0])));
        addPure("ptr", 1, (c, a) -> c.size(c.memory().readPtr(c.size(a[0]))));
        CrtBuiltins.addAll(FUNCTIONS);
    }

    private Builtins() {
    }

    private static void add(String name, int arity, Builtin.Function function) {
        FUNCTIONS.put(name, new Builtin(name, arity, function));
    }

    /** A function without side effects: it only reads (see {@link #isPure}). */
    private static void addPure(String name, int arity, Builtin.Function function) {
        add(name, arity, function);
        PURE.add(name);
    }

    /**
     * True for a function without side effects (a memory read, a flag macro), which may be evaluated ahead of its
     * step, as a heap breakpoint's arguments are.
     */
    public static boolean isPure(String name) {
        return PURE.contains(name);
    }

    /** The builtin of that name, or null. */
    static Builtin find(String name) {
        return FUNCTIONS.get(name);
    }

    /** Names of the functions that run, for completion in the console. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(FUNCTIONS.keySet()));
    }

    /** True for a function of the format that is recognised but not simulated yet (HeapSetInformation, ...). */
    public static boolean isNotSimulatedYet(String name) {
        return NOT_SIMULATED.contains(name);
    }

    /** True for any function name of the format, simulated or not. */
    public static boolean isFunction(String name) {
        return FUNCTIONS.containsKey(name) || NOT_SIMULATED.contains(name);
    }

    private static long dword(long value) {
        return value & 0xFFFF_FFFFL;
    }

    private static long bool(boolean value) {
        return value ? 1 : 0;
    }

    /** VirtualAlloc; the step touches the pages it returns (the heap map shows the program's regions). */
    private static long virtualAlloc(ScriptContext c, long[] a) {
        long result = c.size(c.process().virtualAlloc(c.size(a[0]), c.size(a[1]), dword(a[2]), dword(a[3])));
        c.touch(result);
        return result;
    }

    private static long heapAlloc(ScriptContext c, long[] a) {
        long result = c.size(c.process().heapAlloc(c.size(a[0]), dword(a[1]), c.size(a[2])));
        c.touch(result);
        return result;
    }

    /** HeapCreateTags(h, "Name1", ...): the names are C strings in the process (literals or buffers). */
    private static long heapCreateTags(ScriptContext c, long[] a) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 1; i < a.length; i++) {
            names.add(c.process().readCString(c.size(a[i])));
        }
        return dword(c.process().heaps().heapCreateTags(c.size(a[0]), names));
    }

    private static long heapReAlloc(ScriptContext c, long[] a) {
        long pointer = c.size(a[2]);
        c.touch(pointer);
        long result = c.size(c.process().heapReAlloc(c.size(a[0]), dword(a[1]), pointer, c.size(a[3])));
        if (result != 0) {
            c.touch(result);
        }
        return result;
    }

    private static long heapFree(ScriptContext c, long[] a) {
        long pointer = c.size(a[2]);
        c.touch(pointer);
        return bool(c.process().heapFree(c.size(a[0]), dword(a[1]), pointer));
    }

    /** A count of bytes as SIZE_T; an (unsigned) huge count is capped so that it faults at the end of memory. */
    private static long length(ScriptContext c, long address, long count) {
        long n = c.size(count);
        return n < 0 ? Long.MAX_VALUE - address : Math.min(n, Long.MAX_VALUE - address);
    }

    private static long memset(ScriptContext c, long[] a) {
        long destination = c.size(a[0]);
        c.touch(destination);
        c.memory().fill(destination, length(c, destination, a[2]), (int) a[1]);
        return destination;
    }

    private static long memmove(ScriptContext c, long[] a) {
        long destination = c.size(a[0]);
        long source = c.size(a[1]);
        c.touch(destination);
        long n = Math.min(length(c, destination, a[2]), length(c, source, a[2]));
        if (n > 0) {
            c.memory().copy(destination, source, n);
        }
        return destination;
    }

    private static long strcpy(ScriptContext c, long[] a) {
        long destination = c.size(a[0]);
        long source = c.size(a[1]);
        c.touch(destination);
        AddressSpace memory = c.memory();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int value;
        do {
            value = memory.readByte(c.size(source + bytes.size()));
            bytes.write(value);
        } while (value != 0);
        memory.writeBytes(destination, bytes.toByteArray());
        return destination;
    }
}
