package heaplab.engine.console;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;


/**
 * The symbols HeapLab knows, named the way WinDbg names them with public symbols ({@code dds}, {@code dps},
 * {@code !heap -srch}). The module is the image name without its extension ({@code demo.exe} → {@code demo}).
 * <ul>
 *   <li>A scenario variable's stack slot: {@code demo!name}. (Real locals are not module symbols; HeapLab names
 *       them so because its variables play the part of the program's globals.)</li>
 *   <li>A string literal in the image's .rdata: {@code demo!`string'}, an address inside it
 *       {@code demo!`string'+0x3}, as MSVC's literals ({@code ??_C@...}) appear in WinDbg.</li>
 *   <li>Code: {@code ntdll!RtlAllocateHeap+0xe64}, {@code kernel32!BaseThreadInitThunk+0x14}, {@code demo!main+0x14}
 *       (process.Modules), so {@code dps} on a back trace reads as a stack.</li>
 *   <li>Any other address in the image: {@code demo+0x1000}; the image base itself: {@code demo}.</li>
 * </ul>
 * Anything else (heap, stack slots not in use, other regions) has no symbol.
 */
final class Symbols {

    private Symbols() {
    }

    /** The image name without its extension. */
    static String module(Process process) {
        String image = process.imageName();
        int dot = image.lastIndexOf('.');
        return dot > 0 ? image.substring(0, dot) : image;
    }

    /** The symbol of an address, or null when it has none. */
    static String nameOf(Process process, long address) {
        String module = module(process);
        for (String variable : process.variableNames()) {
            if (process.variableAddress(variable) == address) {
                return module + "!" + variable;
            }
        }
        String crtGlobal = process.crt().globals().symbolAt(address);
        if (crtGlobal != null) {
            return crtGlobal;
        }
        String code = process.modules().symbolOf(address, 0);
        if (code != null) {
            return code; // ntdll, kernel32, demo!main and its start-up: the frames of a +ust back trace
        }
        long base = process.imageBase();
        if (address < base || address >= base + Process.IMAGE_SIZE) {
            return null;
        }
        if (address == base) {
            return module;
        }
        long rdata = base + AddressSpace.PAGE_SIZE;
        if (address >= rdata && inString(process, address, rdata)) {
            long start = address;
            while (start > rdata && process.memory().peekByte(start - 1) > 0) {
                start--;
            }
            long offset = address - start;
            return module + "!`string'" + (offset == 0 ? "" : "+0x" + Long.toHexString(offset));
        }
        return module + "+0x" + Long.toHexString(address - base);
    }

    /** True for a byte of a literal's text or its terminating NUL (literals start right after NULs or padding). */
    private static boolean inString(Process process, long address, long rdata) {
        int b = process.memory().peekByte(address);
        if (b > 0) {
            return true;
        }
        return b == 0 && address > rdata && process.memory().peekByte(address - 1) > 0;
    }
}
