package heaplab.engine.crt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The debug CRT heap of a debug build (UCRT debug_heap.cpp; heap-facts.md 4): malloc and friends over the process
 * heap, each block one NT heap block {@code [_CrtMemBlockHeader][data][4 x 0xFD]} on a newest-first list, with
 * request numbers, fills, the checks on free and the reports ({@link CrtReports}). All its state is in simulated
 * memory ({@link CrtGlobals}, the headers), so this object holds none that changes with the program.
 *
 * <p>Where the real CRT would show a message box (a {@code _CRT_ERROR} or {@code _CRT_ASSERT} report) the report
 * goes to the debugger output and the run stops with the break that pressing Retry gives; where it calls the
 * invalid parameter handler, the call returns the documented failure value, as if the handler let it go on.
 */
public final class DebugHeap {
    /** The code of the break that _CrtDbgBreak and a report's Retry raise. */
    public static final long STATUS_BREAKPOINT = 0x80000003L;
    private static final String BREAK_MESSAGE = "Break instruction exception - code 80000003 (first chance)";
    private static final long HEAP_MAXREQ_X86 = 0xFFFFFFE0L;
    private static final long HEAP_MAXREQ_X64 = 0xFFFFFFFFFFFFFFE0L;
    /**
     * HeapLab's commit limit for one CRT block: a larger request fails as if memory ran out. The CRT fills every
     * byte it hands out, and the simulator keeps each written page, so a 16 GB malloc on x64 would exhaust the JVM.
     */
    public static final long SIMULATED_REQUEST_LIMIT = 0x4000000;

    private final Process process;
    private final AddressSpace memory;
    private final CrtGlobals globals;
    private final CrtBlockHeader headers;
    private final CrtReports reports;

    /** The debug heap of a process; {@code globalsPage} is a committed read-write page for its globals. */
    public DebugHeap(Process process, long globalsPage) {
        this.process = process;
        this.memory = process.memory();
        this.globals = new CrtGlobals(memory, globalsPage);
        this.headers = new CrtBlockHeader(memory);
        this.reports = new CrtReports(process, globals, headers);
    }

    /** Writes the globals' start-up values (once, when the process starts). */
    public void initialize() { globals.initialize(); }

    public CrtGlobals globals() { return globals; }

    public CrtBlockHeader headers() { return headers; }

    public CrtReports reports() { return reports; }

    /**
     * A block on the CRT's list, as the views show it.
     *
     * @param file the file name given to _malloc_dbg, or "" without one
     */
    public record BlockInfo(long header, long user, long size, int request, int blockUse, String file, int line,
                            boolean gapsIntact) {
        /** "Normal", "Client (subtype 3)", ..., or "bad type 0x..." for a damaged nBlockUse. */
        public String typeName() {
            int type = CrtConstants.blockType(blockUse);
            if (type < 0 || type >= CrtConstants.MAX_BLOCKS) {
                return "bad type 0x" + Integer.toHexString(blockUse);
            }
            int subtype = blockUse >>> 16;
            return CrtConstants.BLOCK_USE_NAMES.get(type) + (subtype != 0 ? " (subtype " + subtype + ")" : "");
        }
    }

    /** The blocks on the CRT's list, newest first (__acrt_first_block onwards); a damaged list ends at the damage. */
    public List<BlockInfo> blocks() {
        List<BlockInfo> out = new ArrayList<>();
        int size = headers.size();
        Set<Long> seen = new HashSet<>();
        for (long at = globals.firstBlock(); at != 0 && seen.add(at); at = headers.next(at)) {
            if (!process.memory().isReadable(at, size)) {
                break;
            }
            long file = headers.fileName(at);
            String name = "";
            if (file != 0) {
                try {
                    name = process.readCString(file);
                } catch (RuntimeException e) {
                    name = "#File Error#"; // the CRT's text for an unreadable name (heap-facts.md 4.5)
                }
            }
            out.add(new BlockInfo(at, headers.user(at), headers.dataSize(at), headers.requestNumber(at),
                headers.blockUse(at), name, headers.lineNumber(at),
                headers.gapBeforeIntact(at) && headers.gapAfterIntact(at)));
        }
        return out;
    }

    private long heap() { return process.getProcessHeap(); }

    private long maxRequest() {
        long maxreq = process.arch() == Arch.X86 ? HEAP_MAXREQ_X86 : HEAP_MAXREQ_X64;
        return maxreq - CrtBlockHeader.NO_MANS_LAND_SIZE - headers.size();
    }

    /** A size the simulation cannot give (see {@link #SIMULATED_REQUEST_LIMIT}): the heap's "out of memory". */
    private static boolean beyondSimulation(long size) {
        return Long.compareUnsigned(size, SIMULATED_REQUEST_LIMIT) > 0;
    }

    private long mask(long value) { return value & process.arch().pointerMask(); }

    // ------------------------------------------------------------------------------------------ allocation

    /** _malloc_dbg(size, blockUse, file, line): the user pointer, or 0. */
    public long malloc(long size, int blockUse, long fileName, int line) {
        validateIfRequired();
        int request = globals.requestNumber();
        breakIfRequested(request);
        boolean ignore = CrtConstants.blockType(blockUse) != CrtConstants.CRT_BLOCK
            && (globals.dbgFlag() & CrtConstants.CRTDBG_ALLOC_MEM_DF) == 0;
        if (Long.compareUnsigned(size, maxRequest()) > 0) {
            return 0;
        }
        if (!CrtConstants.isValidBlockUse(blockUse)) {
            report("Error: memory allocation: bad memory block type.\n");
            throw breakpoint();
        }
        if (beyondSimulation(size)) {
            return 0;
        }
        long header = process.heapAlloc(heap(), 0, mask(headers.size() + size + CrtBlockHeader.NO_MANS_LAND_SIZE));
        if (header == 0) {
            return 0;
        }
        globals.setRequestNumber(request + 1);
        if (ignore) {
            headers.setNext(header, 0);
            headers.setPrev(header, 0);
            headers.setFileName(header, 0);
            headers.setLineNumber(header, CrtBlockHeader.IGNORE_LINE);
            headers.setDataSize(header, size);
            headers.setBlockUse(header, CrtConstants.IGNORE_BLOCK);
            headers.setRequestNumber(header, CrtBlockHeader.IGNORE_REQUEST);
        } else {
            long total = globals.totalAllocations();
            globals.setTotalAllocations(Long.compareUnsigned(mask(-1L) - total, size) > 0 ? total + size : mask(-1L));
            addCurrent(size);
            long first = globals.firstBlock();
            if (first != 0) {
                headers.setPrev(first, header);
            } else {
                globals.setLastBlock(header);
            }
            headers.setNext(header, first);
            headers.setPrev(header, 0);
            headers.setFileName(header, fileName);
            headers.setLineNumber(header, line);
            headers.setDataSize(header, size);
            headers.setBlockUse(header, blockUse);
            headers.setRequestNumber(header, request);
            globals.setFirstBlock(header);
        }
        long user = headers.user(header);
        memory.fill(headers.gap(header), CrtBlockHeader.NO_MANS_LAND_SIZE, CrtBlockHeader.NO_MANS_LAND_FILL);
        memory.fill(user + size, CrtBlockHeader.NO_MANS_LAND_SIZE, CrtBlockHeader.NO_MANS_LAND_FILL);
        memory.fill(user, size, CrtBlockHeader.CLEAN_LAND_FILL);
        return user;
    }

    private void addCurrent(long size) {
        long current = mask(globals.currentAllocations() + size);
        globals.setCurrentAllocations(current);
        if (Long.compareUnsigned(current, globals.maxAllocations()) > 0) {
            globals.setMaxAllocations(current);
        }
    }

    /** _calloc_dbg(count, size, ...): exactly count * size bytes zeroed; 0 when the product overflows. */
    public long calloc(long count, long size, int blockUse, long fileName, int line) {
        long maxreq = process.arch() == Arch.X86 ? HEAP_MAXREQ_X86 : HEAP_MAXREQ_X64;
        if (count != 0 && Long.compareUnsigned(Long.divideUnsigned(maxreq, count), size) < 0) {
            return 0;
        }
        long bytes = mask(count * size);
        long block = malloc(bytes, blockUse, fileName, line);
        if (block != 0) {
            memory.fill(block, bytes, 0);
        }
        return block;
    }

    /** _realloc_dbg: realloc(NULL, n) allocates, realloc(p, 0) frees and gives 0. */
    public long realloc(long block, long size, int blockUse, long fileName, int line) {
        return reallocate(block, size, blockUse, fileName, line, true);
    }

    /** _expand_dbg: resizes in place or gives 0; {@code block} must not be NULL (0 then). */
    public long expand(long block, long size, int blockUse, long fileName, int line) {
        if (block == 0 || Long.compareUnsigned(size, maxRequest()) > 0) {
            return 0;
        }
        return reallocate(block, size, blockUse, fileName, line, false);
    }

    private long reallocate(long block, long size, int blockUse, long fileName, int line, boolean mayMove) {
        if (block == 0) {
            return malloc(size, blockUse, fileName, line);
        }
        if (mayMove && size == 0) {
            free(block, blockUse);
            return 0;
        }
        validateIfRequired();
        int request = globals.requestNumber();
        breakIfRequested(request);
        int type = CrtConstants.blockType(blockUse);
        if (blockUse != CrtConstants.NORMAL_BLOCK && type != CrtConstants.CLIENT_BLOCK
            && type != CrtConstants.CRT_BLOCK) {
            report("Error: memory allocation: bad memory block type.\n"
                + (fileName != 0 ? allocatedAt(fileName, line) : ""));
            throw breakpoint();
        }
        assertion(isValidHeapPointer(block), "_CrtIsValidHeapPointer(block)");
        long oldHead = headers.header(block);
        boolean ignore = headers.blockUse(oldHead) == CrtConstants.IGNORE_BLOCK;
        if (!ignore && Long.compareUnsigned(globals.totalAllocations(), headers.dataSize(oldHead)) < 0) {
            report(String.format(Locale.ROOT, "Error: possible heap corruption at or near 0x%s", pointer(block)));
            throw breakpoint();
        }
        if (Long.compareUnsigned(size, maxRequest()) > 0 || beyondSimulation(size)) {
            return 0;
        }
        long internal = mask(headers.size() + size + CrtBlockHeader.NO_MANS_LAND_SIZE);
        long newHead = process.heapReAlloc(heap(), mayMove ? 0 : HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY, oldHead,
            internal);
        if (newHead == 0) {
            return 0;
        }
        if (!mayMove && process.arch() == Arch.X64) {
            // expand_dbg on Win64: the size the heap kept, as UCRT reads it back with HeapSize.
            size = mask(process.heapSize(heap(), 0, newHead) - headers.size() - CrtBlockHeader.NO_MANS_LAND_SIZE);
        }
        long oldSize = headers.dataSize(newHead);
        globals.setRequestNumber(request + 1);
        if (!ignore) {
            long total = globals.totalAllocations();
            if (total != mask(-1L)) {
                total = mask(total - oldSize);
                globals.setTotalAllocations(Long.compareUnsigned(mask(-1L) - total, size) > 0
                    ? total + size : mask(-1L));
            }
            addCurrent(mask(size - oldSize));
        }
        long newBlock = headers.user(newHead);
        if (Long.compareUnsigned(size, oldSize) > 0) {
            memory.fill(newBlock + oldSize, size - oldSize, CrtBlockHeader.CLEAN_LAND_FILL);
        }
        memory.fill(newBlock + size, CrtBlockHeader.NO_MANS_LAND_SIZE, CrtBlockHeader.NO_MANS_LAND_FILL);
        if (!ignore) {
            headers.setFileName(newHead, fileName);
            headers.setLineNumber(newHead, line);
            headers.setRequestNumber(newHead, request);
        }
        headers.setDataSize(newHead, size);
        if (newHead == oldHead || ignore) {
            return newBlock;
        }
        unlink(newHead);
        long first = globals.firstBlock();
        if (first != 0) {
            headers.setPrev(first, newHead);
        } else {
            globals.setLastBlock(newHead);
        }
        headers.setNext(newHead, first);
        headers.setPrev(newHead, 0);
        globals.setFirstBlock(newHead);
        return newBlock;
    }

    /** Takes the block whose links are in {@code header} off the list (its neighbours or the list's ends). */
    private void unlink(long header) {
        long next = headers.next(header);
        long prev = headers.prev(header);
        if (next != 0) {
            headers.setPrev(next, prev);
        } else {
            globals.setLastBlock(prev);
        }
        if (prev != 0) {
            headers.setNext(prev, next);
        } else {
            globals.setFirstBlock(next);
        }
    }

    /**
     * _free_dbg(block, blockUse): checks the gaps (unless _CRTDBG_CHECK_ALWAYS_DF already validated the heap); a
     * damaged one is reported and stops the run before anything changes. _UNKNOWN_BLOCK takes the header's use.
     */
    public void free(long block, int blockUse) {
        if (blockUse == CrtConstants.UNKNOWN_BLOCK && block != 0 && readable(headers.header(block))) {
            blockUse = headers.blockUse(headers.header(block));
        }
        validateIfRequired();
        if (block == 0) {
            return;
        }
        assertion(isValidHeapPointer(block), "_CrtIsValidHeapPointer(block)");
        long header = headers.header(block);
        assertion(CrtConstants.isValidBlockUse(headers.blockUse(header)), "is_block_type_valid(header->_block_use)");
        if ((globals.dbgFlag() & CrtConstants.CRTDBG_CHECK_ALWAYS_DF) == 0) {
            String damage = reports.gapDamage(header, headers.blockUse(header));
            if (damage != null) {
                report(damage);
                throw breakpoint();
            }
        }
        int use = headers.blockUse(header);
        long dataSize = headers.dataSize(header);
        long whole = headers.size() + dataSize + CrtBlockHeader.NO_MANS_LAND_SIZE;
        if (use == CrtConstants.IGNORE_BLOCK) {
            memory.fill(header, whole, CrtBlockHeader.DEAD_LAND_FILL);
            process.heapFree(heap(), 0, header);
            return;
        }
        assertion(use == blockUse || use == CrtConstants.CRT_BLOCK && blockUse == CrtConstants.NORMAL_BLOCK,
            "header->_block_use == block_use || header->_block_use == _CRT_BLOCK && block_use == _NORMAL_BLOCK");
        globals.setCurrentAllocations(mask(globals.currentAllocations() - dataSize));
        if ((globals.dbgFlag() & CrtConstants.CRTDBG_DELAY_FREE_MEM_DF) == 0) {
            unlink(header);
            memory.fill(header, whole, CrtBlockHeader.DEAD_LAND_FILL);
            process.heapFree(heap(), 0, header);
        } else {
            headers.setBlockUse(header, CrtConstants.FREE_BLOCK);
            memory.fill(block, dataSize, CrtBlockHeader.DEAD_LAND_FILL);
        }
    }

    /** _msize_dbg: the block's _data_size; (size_t)-1 for NULL. */
    public long msize(long block, int blockUse) {
        if (block == 0) {
            return mask(-1L);
        }
        validateIfRequired();
        assertion(isValidHeapPointer(block), "_CrtIsValidHeapPointer(block)");
        long header = headers.header(block);
        // UCRT's _msize_dbg asserts the block type as free does: a delayed-free block (_FREE_BLOCK) fails it.
        assertion(CrtConstants.isValidBlockUse(headers.blockUse(header)), "is_block_type_valid(header->_block_use)");
        return headers.dataSize(header);
    }

    // ------------------------------------------------------------------------------------------ control

    /** _CrtSetDbgFlag: the old flags; _CRTDBG_REPORT_FLAG only queries; invalid low bits change nothing. */
    public int setDbgFlag(int flags) {
        int old = globals.dbgFlag();
        if (flags == CrtConstants.CRTDBG_REPORT_FLAG || (flags & 0xFFFF & ~CrtConstants.VALID_FLAGS) != 0) {
            return old;
        }
        globals.setCheckFrequency((flags & CrtConstants.CRTDBG_CHECK_ALWAYS_DF) != 0 ? 1 : flags >> 16 & 0xFFFF);
        globals.setCheckCounter(0);
        globals.setDbgFlag(flags);
        return old;
    }

    /** _CrtSetBreakAlloc: sets _crtBreakAlloc and returns its previous value. */
    public int setBreakAlloc(int request) {
        int old = globals.breakAlloc();
        globals.setBreakAlloc(request);
        return old;
    }

    /** _CrtIsValidHeapPointer: HeapValidate(process heap, 0, header of block). */
    public boolean isValidHeapPointer(long block) {
        if (block == 0) {
            return false;
        }
        long header = headers.header(block);
        return readable(header) && process.heapValidate(heap(), 0, header);
    }

    /** _CrtReportBlockType: the header's _block_use, or -1 for a pointer not from this heap. */
    public int reportBlockType(long block) {
        return isValidHeapPointer(block) ? headers.blockUse(headers.header(block)) : -1;
    }

    /**
     * The process's exit: with _CRTDBG_LEAK_CHECK_DF the CRT's leak check (_CrtDumpMemoryLeaks) runs, once, however
     * many times exit is reached (the session calls this after the scenario's last step). Without the flag it
     * changes nothing, not even memory, so a program that never uses the CRT ends with the bytes it made.
     */
    public void exit() {
        if (globals.exited() || (globals.dbgFlag() & CrtConstants.CRTDBG_LEAK_CHECK_DF) == 0) {
            return;
        }
        globals.setExited();
        reports.dumpMemoryLeaks();
    }

    // ------------------------------------------------------------------------------------------ checks

    /** validate_heap_if_required: _CrtCheckMemory on every N-th call of alloc, realloc, free and msize. */
    private void validateIfRequired() {
        int frequency = globals.checkFrequency();
        if (frequency == 0) {
            return;
        }
        if (globals.checkCounter() != frequency - 1) {
            globals.setCheckCounter(globals.checkCounter() + 1);
            return;
        }
        assertion(reports.checkMemory(), "_CrtCheckMemory()");
        globals.setCheckCounter(0);
    }

    /**
     * _crtBreakAlloc: the CRT calls _CrtDbgBreak before the request of that number. The debugger's stop is the
     * session's, before the step that makes the request (as before a heap breakpoint, heaplab.engine.session), so
     * that going on from it allocates, as `g` after the break does; here the request only says that it was the one.
     */
    private void breakIfRequested(int request) {
        int breakAlloc = globals.breakAlloc();
        if (breakAlloc != -1 && request == breakAlloc) {
            // HeapLab's line: _CrtDbgBreak prints nothing.
            process.debugPrint("_crtBreakAlloc: this is allocation request {" + request + "}");
        }
    }

    /** A failed _ASSERTE: the assertion report (as the message box's lines) and the break of Retry. */
    private void assertion(boolean holds, String expression) {
        if (!holds) {
            report("Debug Assertion Failed!\nExpression: " + expression + "\n");
            throw breakpoint();
        }
    }

    private boolean readable(long address) {
        return memory.isReadable(address, headers.size());
    }

    /** Sends a report's text to the debugger output, one line at a time. */
    void report(String text) {
        CrtReports.print(process, text);
    }

    String pointer(long value) {
        return CrtReports.pointer(process.arch(), value);
    }

    private String allocatedAt(long fileName, int line) {
        return "\nMemory allocated at " + process.readCString(fileName) + "(" + line + ").\n";
    }

    static ProcessFault breakpoint() {
        return new ProcessFault(STATUS_BREAKPOINT, BREAK_MESSAGE);
    }
}
