package heaplab.engine.crt;

import heaplab.engine.memory.AddressSpace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The debug CRT's global variables (UCRT debug_heap.cpp names), kept in one page of the image's data so that
 * snapshots and step back cover them with the rest of memory; nothing of them lives on the Java side.
 *
 * <p>Offsets in the page (HeapLab's layout; the real ones are wherever the linker put them in ucrtbased.dll):
 * 0x00 _crtDbgFlag, 0x04 _crtBreakAlloc, 0x08 __acrt_current_request_number, 0x0C __acrt_check_frequency,
 * 0x10 __acrt_check_counter, 0x14 HeapLab's "exit has run" flag, 0x18 _pfnDumpClient, 0x20 __acrt_first_block
 * (newest), 0x28 __acrt_last_block (oldest), 0x30 __acrt_total_allocations, 0x38 __acrt_current_allocations,
 * 0x40 __acrt_max_allocations (pointer-sized values in 8-byte slots).
 */
public final class CrtGlobals {
    /** Where the page is, from the image base: the last page below the code (Modules.TEXT_OFFSET). */
    public static final long IMAGE_OFFSET = 0xBF000;

    private static final int DBG_FLAG = 0x00;
    private static final int BREAK_ALLOC = 0x04;
    private static final int REQUEST_NUMBER = 0x08;
    private static final int CHECK_FREQUENCY = 0x0C;
    private static final int CHECK_COUNTER = 0x10;
    private static final int EXITED = 0x14;
    private static final int DUMP_CLIENT = 0x18;
    private static final int FIRST_BLOCK = 0x20;
    private static final int LAST_BLOCK = 0x28;
    private static final int TOTAL_ALLOCATIONS = 0x30;
    private static final int CURRENT_ALLOCATIONS = 0x38;
    private static final int MAX_ALLOCATIONS = 0x40;

    /** The module whose symbols name the globals ({@code ucrtbased!_crtDbgFlag}). */
    public static final String MODULE = "ucrtbased";
    /** The globals' symbols, by their offset in the page. */
    private static final Map<String, Integer> SYMBOLS = symbols();

    private final AddressSpace memory;
    private final long base;

    /**
     * @param memory the process's memory
     * @param base   the page's address (image base + {@link #IMAGE_OFFSET}), committed read-write
     */
    public CrtGlobals(AddressSpace memory, long base) {
        this.memory = memory;
        this.base = base;
    }

    private static Map<String, Integer> symbols() {
        Map<String, Integer> symbols = new LinkedHashMap<>();
        symbols.put("_crtDbgFlag", DBG_FLAG);
        symbols.put("_crtBreakAlloc", BREAK_ALLOC);
        symbols.put("__acrt_current_request_number", REQUEST_NUMBER);
        symbols.put("__acrt_check_frequency", CHECK_FREQUENCY);
        symbols.put("__acrt_check_counter", CHECK_COUNTER);
        symbols.put("_pfnDumpClient", DUMP_CLIENT);
        symbols.put("__acrt_first_block", FIRST_BLOCK);
        symbols.put("__acrt_last_block", LAST_BLOCK);
        symbols.put("__acrt_total_allocations", TOTAL_ALLOCATIONS);
        symbols.put("__acrt_current_allocations", CURRENT_ALLOCATIONS);
        symbols.put("__acrt_max_allocations", MAX_ALLOCATIONS);
        return Collections.unmodifiableMap(symbols);
    }

    /** The page's address. */
    public long base() { return base; }

    /**
     * The address of a global by its symbol, {@code _crtDbgFlag} or {@code ucrtbased!_crtDbgFlag} (the debugger's
     * symbols are case-insensitive), or -1. The page stands in for ucrtbased.dll's data.
     */
    public long symbolAddress(String symbol) {
        String name = symbol;
        int bang = symbol.indexOf('!');
        if (bang >= 0) {
            if (!symbol.substring(0, bang).equalsIgnoreCase(MODULE)) {
                return -1;
            }
            name = symbol.substring(bang + 1);
        }
        for (Map.Entry<String, Integer> entry : SYMBOLS.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return base + entry.getValue();
            }
        }
        return -1;
    }

    /** The symbol of a global's address ({@code ucrtbased!_crtDbgFlag}), or null. */
    public String symbolAt(long address) {
        for (Map.Entry<String, Integer> entry : SYMBOLS.entrySet()) {
            if (base + entry.getValue() == address) {
                return MODULE + "!" + entry.getKey();
            }
        }
        return null;
    }

    /** Writes the start-up values: _crtDbgFlag = _CRTDBG_ALLOC_MEM_DF, _crtBreakAlloc = -1, request number 1. */
    void initialize() {
        setDbgFlag(CrtConstants.CRTDBG_ALLOC_MEM_DF);
        setBreakAlloc(-1);
        setRequestNumber(1);
    }

    public int dbgFlag() { return (int) memory.readU32(base + DBG_FLAG); }

    void setDbgFlag(int value) { memory.writeU32(base + DBG_FLAG, value & 0xFFFF_FFFFL); }

    public int breakAlloc() { return (int) memory.readU32(base + BREAK_ALLOC); }

    void setBreakAlloc(int value) { memory.writeU32(base + BREAK_ALLOC, value & 0xFFFF_FFFFL); }

    /** The number the next allocation request gets. */
    public int requestNumber() { return (int) memory.readU32(base + REQUEST_NUMBER); }

    void setRequestNumber(int value) { memory.writeU32(base + REQUEST_NUMBER, value & 0xFFFF_FFFFL); }

    public int checkFrequency() { return (int) memory.readU32(base + CHECK_FREQUENCY); }

    void setCheckFrequency(int value) { memory.writeU32(base + CHECK_FREQUENCY, value & 0xFFFF_FFFFL); }

    public int checkCounter() { return (int) memory.readU32(base + CHECK_COUNTER); }

    void setCheckCounter(int value) { memory.writeU32(base + CHECK_COUNTER, value & 0xFFFF_FFFFL); }

    boolean exited() { return memory.readU32(base + EXITED) != 0; }

    void setExited() { memory.writeU32(base + EXITED, 1); }

    /** The C string naming the built-in dump client, or 0. */
    public long dumpClient() { return memory.readPtr(base + DUMP_CLIENT); }

    void setDumpClient(long value) { memory.writePtr(base + DUMP_CLIENT, value); }

    /** The newest block's header, or 0. */
    public long firstBlock() { return memory.readPtr(base + FIRST_BLOCK); }

    void setFirstBlock(long value) { memory.writePtr(base + FIRST_BLOCK, value); }

    /** The oldest block's header, or 0. */
    public long lastBlock() { return memory.readPtr(base + LAST_BLOCK); }

    void setLastBlock(long value) { memory.writePtr(base + LAST_BLOCK, value); }

    public long totalAllocations() { return memory.readPtr(base + TOTAL_ALLOCATIONS); }

    void setTotalAllocations(long value) { memory.writePtr(base + TOTAL_ALLOCATIONS, value); }

    public long currentAllocations() { return memory.readPtr(base + CURRENT_ALLOCATIONS); }

    void setCurrentAllocations(long value) { memory.writePtr(base + CURRENT_ALLOCATIONS, value); }

    public long maxAllocations() { return memory.readPtr(base + MAX_ALLOCATIONS); }

    void setMaxAllocations(long value) { memory.writePtr(base + MAX_ALLOCATIONS, value); }
}
