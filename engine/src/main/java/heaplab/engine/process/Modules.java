package heaplab.engine.process;

import heaplab.engine.Arch;

import java.util.List;

/**
 * The code a simulated process runs, as far as stack traces need it: the program's {@code main} and its start-up
 * routine in the image, and the few ntdll and kernel32 functions a heap call passes through. Each has a fixed
 * address, so a captured back trace is a list of plausible return addresses that the debugger's symbol lookup
 * ({@link #symbolOf}) turns back into {@code module!Function+0xOffset}.
 *
 * <p>The scenario plays the part of {@code main}: its step n (1-based) calls from {@code main+4*n}, so a trace says
 * which step made the call; a source-line form ({@code [demo.c @ 12]}) names the step. Beyond 0xFFFF steps the
 * call sites wrap (HeapLab's choice: the image's code area is 256 KB).
 */
public final class Modules {
    /** Where the image's code starts, from the image base (strings in .rdata stay below it). */
    public static final long TEXT_OFFSET = 0xC0000;
    /** Bytes of code per step in {@code main}. */
    private static final int SITE_BYTES = 4;
    private static final long MAIN_OFFSET = TEXT_OFFSET + 0x100;
    private static final int SITES = 0xFFFF;

    /** A function of a system module: its name and its address from the module base. */
    private record Export(String name, long offset) {
    }

    private static final List<Export> NTDLL = List.of(
        new Export("RtlAllocateHeap", 0x1B000), new Export("RtlFreeHeap", 0x1C800),
        new Export("RtlReAllocateHeap", 0x1E400), new Export("RtlUserThreadStart", 0x52000));
    private static final List<Export> KERNEL32 = List.of(
        new Export("BaseThreadInitThunk", 0x17000), new Export("BaseProcessStart", 0x17A00));
    /** ntdll's debug heap entry points, which a page heap call passes through (HeapLab's offsets). */
    private static final List<Export> NTDLL_DEBUG = List.of(
        new Export("RtlDebugAllocateHeap", 0x6A000), new Export("RtlDebugFreeHeap", 0x6B000),
        new Export("RtlDebugReAllocateHeap", 0x6C000));
    /**
     * verifier.dll's page heap, as the specimens' first frames name it (heap-facts.md 3.6): x86
     * {@code 6c469abc AVrfDebugPageHeapAllocate+0x23c} from base 6c460000, x64
     * {@code 7fff11ce401f AVrfDebugPageHeapAllocate+0x39f}.
     */
    private static final List<Export> VERIFIER_X86 = List.of(
        new Export("AVrfDebugPageHeapAllocate", 0x9880), new Export("AVrfDebugPageHeapFree", 0x9C10),
        new Export("AVrfDebugPageHeapReAllocate", 0xA400));
    private static final List<Export> VERIFIER_X64 = List.of(
        new Export("AVrfDebugPageHeapAllocate", 0x3C80), new Export("AVrfDebugPageHeapFree", 0x4400),
        new Export("AVrfDebugPageHeapReAllocate", 0x4C00));

    private final Arch arch;
    private final long imageBase;
    private final String module;

    /** Whether verifier.dll is loaded: with page heap (gflags +hpa) at start, as Application Verifier loads it. */
    private final boolean verifier;

    Modules(Arch arch, long imageBase, String imageName, boolean verifier) {
        this.arch = arch;
        this.imageBase = imageBase;
        this.verifier = verifier;
        int dot = imageName.lastIndexOf('.');
        this.module = dot > 0 ? imageName.substring(0, dot) : imageName;
    }

    /** ntdll's base: XP's 0x7C900000 on x86, a Windows 10-like high address on x64. */
    public long ntdllBase() { return arch == Arch.X86 ? 0x7C900000L : 0x00007FF8E4A40000L; }

    /** kernel32's base. */
    public long kernel32Base() { return arch == Arch.X86 ? 0x7C800000L : 0x00007FF8E3B00000L; }

    /** Whether verifier.dll is loaded (page heap at start). */
    public boolean hasVerifier() { return verifier; }

    /** verifier.dll's base (the x86 specimen's 6c460000; an x64 address like the specimen's). */
    public long verifierBase() { return arch == Arch.X86 ? 0x6C460000L : 0x00007FFF11CE0000L; }

    private List<Export> verifierExports() { return arch == Arch.X86 ? VERIFIER_X86 : VERIFIER_X64; }

    /** Bytes reserved for each system module. */
    static final long SYSTEM_MODULE_SIZE = 0x100000;

    /** The return address of the call made by step `stepNumber` (1-based) in {@code main}. */
    public long callSite(int stepNumber) {
        return imageBase + MAIN_OFFSET + (long) SITE_BYTES * (1 + Math.floorMod(stepNumber - 1, SITES));
    }

    /** The step number (1-based) whose call returns to `address` in {@code main}, or 0. */
    public int stepOfCallSite(long address) {
        long offset = address - imageBase - MAIN_OFFSET;
        if (offset <= 0 || offset % SITE_BYTES != 0 || offset / SITE_BYTES > SITES) {
            return 0;
        }
        return (int) (offset / SITE_BYTES);
    }

    /**
     * The return addresses of a heap call from step `stepNumber`, innermost first: the ntdll function, the step's
     * call site in {@code main}, the C run-time start-up, then the thread start (kernel32 and, on x64, ntdll).
     * Offsets are fixed, plausible ones (HeapLab's choice; real offsets depend on the Windows build).
     */
    public long[] backTrace(String ntdllFunction, int stepNumber) {
        long api = ntdllBase() + offsetOf(NTDLL, ntdllFunction) + (arch == Arch.X86 ? 0xE64 : 0x4B);
        long crt = imageBase + TEXT_OFFSET + (arch == Arch.X86 ? 0x1E : 0x22);
        if (arch == Arch.X86) {
            return new long[] {api, callSite(stepNumber), crt, kernel32Base() + offsetOf(KERNEL32, "BaseProcessStart")
                + 0x23};
        }
        return new long[] {api, callSite(stepNumber), crt, kernel32Base() + offsetOf(KERNEL32, "BaseThreadInitThunk")
            + 0x14, ntdllBase() + offsetOf(NTDLL, "RtlUserThreadStart") + 0x21};
    }

    /**
     * The return addresses of a page heap call from step `stepNumber`: verifier's page heap routine and ntdll's debug
     * heap entry above the frames of {@link #backTrace} (the specimens of heap-facts.md 3.6 start with
     * {@code verifier!AVrfDebugPageHeapAllocate+0x23c}, {@code ntdll!RtlDebugAllocateHeap+0x30}; the free's with
     * {@code AVrfDebugPageHeapFree+0xc2}, {@code RtlDebugFreeHeap+0x3c}; HeapLab's for a reallocation).
     */
    public long[] pageHeapBackTrace(String ntdllFunction, int stepNumber) {
        PageHeapPath path = PAGE_HEAP_PATHS.getOrDefault(ntdllFunction, PAGE_HEAP_PATHS.get("RtlAllocateHeap"));
        boolean x86 = arch == Arch.X86;
        long[] rest = backTrace(ntdllFunction, stepNumber);
        int top = verifier ? 2 : 1; // page heap turned on after start (gflags +hpa): no verifier.dll loaded
        long[] frames = new long[rest.length + top];
        if (verifier) {
            frames[0] = verifierBase() + offsetOf(verifierExports(), path.verifier())
                + (x86 ? path.verifierX86() : path.verifierX64());
        }
        frames[top - 1] = ntdllBase() + offsetOf(NTDLL_DEBUG, path.debug()) + (x86 ? path.debugX86() : path.debugX64());
        System.arraycopy(rest, 0, frames, top, rest.length);
        return frames;
    }

    /** The page heap's routines a heap call passes through, with the return offsets in them on x86 and x64. */
    private record PageHeapPath(String verifier, long verifierX86, long verifierX64, String debug, long debugX86,
                                long debugX64) {
    }

    private static final java.util.Map<String, PageHeapPath> PAGE_HEAP_PATHS = java.util.Map.of(
        "RtlAllocateHeap", new PageHeapPath("AVrfDebugPageHeapAllocate", 0x23C, 0x39F, "RtlDebugAllocateHeap", 0x30,
            0x3B),
        "RtlFreeHeap", new PageHeapPath("AVrfDebugPageHeapFree", 0xC2, 0x102, "RtlDebugFreeHeap", 0x3C, 0x4B),
        "RtlReAllocateHeap", new PageHeapPath("AVrfDebugPageHeapReAllocate", 0x1A8, 0x2B5, "RtlDebugReAllocateHeap",
            0x4A, 0x5D));

    private static long offsetOf(List<Export> exports, String name) {
        for (Export export : exports) {
            if (export.name().equals(name)) {
                return export.offset();
            }
        }
        throw new IllegalArgumentException("no function " + name);
    }

    /**
     * The symbol of a code address: {@code ntdll!RtlAllocateHeap+0xe64}, {@code demo!main+0x30},
     * {@code demo!mainCRTStartup+0x1e}; null when it is not in known code. {@code digits} pads the offset
     * (8 on x86 and 16 on x64 in heap back traces, 0 for none).
     */
    public String symbolOf(long address, int digits) {
        String found = lookup(NTDLL, "ntdll", ntdllBase(), address, digits);
        if (found != null && address >= ntdllBase() + offsetOf(NTDLL_DEBUG, "RtlDebugAllocateHeap")) {
            found = lookup(NTDLL_DEBUG, "ntdll", ntdllBase(), address, digits);
        }
        if (found == null) {
            found = lookup(KERNEL32, "kernel32", kernel32Base(), address, digits);
        }
        if (found == null && verifier) {
            found = lookup(verifierExports(), "verifier", verifierBase(), address, digits);
        }
        if (found != null) {
            return found;
        }
        long text = imageBase + TEXT_OFFSET;
        if (address >= text && address < MAIN_OFFSET + imageBase) {
            return module + "!mainCRTStartup" + offset(address - text, digits);
        }
        long main = imageBase + MAIN_OFFSET;
        if (address >= main && address <= main + (long) SITE_BYTES * SITES) {
            return module + "!main" + offset(address - main, digits);
        }
        return null;
    }

    /**
     * A back-trace frame as the debugger prints it after the address: its symbol with the offset padded to
     * {@code digits} and, for a call site of {@code main}, the source line; "" when the address is no known code.
     */
    public String frameText(long address, int digits) {
        String symbol = symbolOf(address, digits);
        return (symbol == null ? "" : symbol) + sourceLineOf(address);
    }

    /**
     * The source-line suffix WinDbg adds with line information, for a call site of {@code main}: {@code [demo.c @ 12]}.
     */
    public String sourceLineOf(long address) {
        int step = stepOfCallSite(address);
        return step == 0 ? "" : " [" + module + ".c @ " + step + "]";
    }

    private static String lookup(List<Export> exports, String name, long base, long address, int digits) {
        if (address < base || address >= base + SYSTEM_MODULE_SIZE) {
            return null;
        }
        Export best = null;
        for (Export export : exports) {
            if (base + export.offset() <= address && (best == null || export.offset() > best.offset())) {
                best = export;
            }
        }
        return best == null ? name + offset(address - base, digits)
            : name + "!" + best.name() + offset(address - base - best.offset(), digits);
    }

    private static String offset(long value, int digits) {
        if (value == 0 && digits == 0) {
            return "";
        }
        String hex = Long.toHexString(value);
        return "+0x" + (hex.length() < digits ? "0".repeat(digits - hex.length()) + hex : hex);
    }

    /**
     * The address of a code symbol or module name as the debugger resolves it ({@code ntdll!RtlAllocateHeap},
     * {@code demo!main}, {@code kernel32}, {@code demo}; case-insensitive), or -1 when it names none of them.
     */
    public long addressOf(String symbol) {
        int bang = symbol.indexOf('!');
        String moduleName = (bang < 0 ? symbol : symbol.substring(0, bang)).toLowerCase(java.util.Locale.ROOT);
        String function = bang < 0 ? null : symbol.substring(bang + 1);
        if (moduleName.equals("ntdll") || moduleName.equals("kernel32") || verifier && moduleName.equals("verifier")) {
            long base = moduleName.equals("ntdll") ? ntdllBase() : moduleName.equals("kernel32") ? kernel32Base()
                : verifierBase();
            if (function == null) {
                return base;
            }
            List<Export> exports = moduleName.equals("ntdll")
                ? java.util.stream.Stream.concat(NTDLL.stream(), NTDLL_DEBUG.stream()).toList()
                : moduleName.equals("kernel32") ? KERNEL32 : verifierExports();
            for (Export export : exports) {
                if (export.name().equalsIgnoreCase(function)) {
                    return base + export.offset();
                }
            }
            return -1;
        }
        if (!moduleName.equals(module.toLowerCase(java.util.Locale.ROOT))) {
            return -1;
        }
        if (function == null) {
            return imageBase;
        }
        if (function.equalsIgnoreCase("main")) {
            return imageBase + MAIN_OFFSET;
        }
        return function.equalsIgnoreCase("mainCRTStartup") ? imageBase + TEXT_OFFSET : -1;
    }
}
