package heaplab.engine.crt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;

import java.util.Locale;

/**
 * The debug CRT's checks and reports (UCRT debug_heap.cpp; texts of heap-facts.md 4.5): _CrtCheckMemory, the
 * _CrtMemState functions, the object dump and the leak dump. Reports go to the debugger output, a line at a time.
 *
 * <p>A {@code _CrtMemState} is {@code pBlockHeader, lCounts[5], lSizes[5], lHighWaterCount, lTotalCount}, every
 * field pointer-sized (crtdbg.h: a pointer and size_t values), sizeof 0x34 on x86 and 0x68 on x64.
 */
public final class CrtReports {
    /** Built-in dump clients, named by a string in _CrtSetDumpClient and _CrtDoForAllClientObjects. */
    public static final String DUMP_HEX = "hex";
    /** The dump client that prints the block as a C string. */
    public static final String DUMP_STRING = "string";

    private final Process process;
    private final AddressSpace memory;
    private final CrtGlobals globals;
    private final CrtBlockHeader headers;
    private final int pointerSize;

    CrtReports(Process process, CrtGlobals globals, CrtBlockHeader headers) {
        this.process = process;
        this.memory = process.memory();
        this.globals = globals;
        this.headers = headers;
        this.pointerSize = process.arch().pointerSize();
    }

    /** sizeof(_CrtMemState) on an architecture. */
    public static int memStateSize(Arch arch) {
        return 13 * arch.pointerSize();
    }

    /** Offset of lCounts[type] in a _CrtMemState. */
    public static int countOffset(Arch arch, int type) {
        return (1 + type) * arch.pointerSize();
    }

    /** Offset of lSizes[type] in a _CrtMemState. */
    public static int sizeOffset(Arch arch, int type) {
        return (6 + type) * arch.pointerSize();
    }

    /** Offset of lHighWaterCount (lTotalCount follows it). */
    public static int highWaterOffset(Arch arch) {
        return 11 * arch.pointerSize();
    }

    private long mask(long value) { return value & process.arch().pointerMask(); }

    // ------------------------------------------------------------------------------------------ checking

    /** The free path's gap check: the report of the first damaged gap, or null when both are intact. */
    String gapDamage(long header, int blockUse) {
        String name = CrtConstants.BLOCK_USE_NAMES.get(Math.min(CrtConstants.blockType(blockUse), 4));
        if (!headers.gapBeforeIntact(header)) {
            return damage("before", name, header) + "CRT detected that the application wrote to memory before start "
                + "of heap buffer.\n" + allocatedAt(header);
        }
        if (!headers.gapAfterIntact(header)) {
            return damage("after", name, header) + "CRT detected that the application wrote to memory after end of "
                + "heap buffer.\n" + allocatedAt(header);
        }
        return null;
    }

    private String damage(String where, String name, long header) {
        return String.format(Locale.ROOT, "HEAP CORRUPTION DETECTED: %s %s block (#%d) at 0x%s.\n", where, name,
            headers.requestNumber(header), pointer(process.arch(), headers.user(header)));
    }

    /** _ALLOCATION_FILE_LINENUM when the block has a file name, else "". */
    private String allocatedAt(long header) {
        long file = headers.fileName(header);
        return file == 0 ? "" : "\nMemory allocated at " + fileText(file) + "(" + headers.lineNumber(header) + ").\n";
    }

    private String fileText(long file) {
        return memory.isReadable(file, 1) ? process.readCString(file) : "#File Error#";
    }

    /**
     * _CrtCheckMemory: TRUE at once when _CRTDBG_ALLOC_MEM_DF is off; else checks every listed block (gaps, freed
     * data still 0xDD), reporting each bad one, stops at a cycle (Floyd), then validates the process heap.
     */
    public boolean checkMemory() {
        if ((globals.dbgFlag() & CrtConstants.CRTDBG_ALLOC_MEM_DF) == 0) {
            return true;
        }
        boolean allOkay = true;
        long trail = globals.firstBlock();
        long lead = trail == 0 ? 0 : headers.next(trail);
        while (trail != 0) {
            allOkay &= checkBlock(trail);
            if (trail == lead) {
                print(process, "Cycle in block list detected while processing block located at 0x"
                    + pointer(process.arch(), trail) + ".\n");
                allOkay = false;
                break;
            }
            trail = headers.next(trail);
            if (lead != 0) {
                lead = headers.next(lead) == 0 ? 0 : headers.next(headers.next(lead));
            }
        }
        if (!process.heapValidate(process.getProcessHeap(), 0, 0)) {
            print(process, "Heap validation failed.\n");
            allOkay = false;
        }
        return allOkay;
    }

    private boolean checkBlock(long header) {
        int use = headers.blockUse(header);
        String name = CrtConstants.isValidBlockUse(use) ? CrtConstants.BLOCK_USE_NAMES.get(CrtConstants.blockType(use))
            : "DAMAGED";
        boolean okay = true;
        StringBuilder out = new StringBuilder();
        if (!headers.gapBeforeIntact(header)) {
            out.append(damage("before", name, header)).append("CRT detected that the application wrote to memory "
                + "before start of heap buffer.\n").append(allocatedAt(header));
            okay = false;
        }
        if (!headers.gapAfterIntact(header)) {
            out.append(damage("after", name, header)).append("CRT detected that the application wrote to memory "
                + "after end of heap buffer.\n").append(allocatedAt(header));
            okay = false;
        }
        if (use == CrtConstants.FREE_BLOCK && !headers.allBytes(headers.user(header), headers.dataSize(header),
            CrtBlockHeader.DEAD_LAND_FILL)) {
            out.append("HEAP CORRUPTION DETECTED: on top of Free block at 0x")
                .append(pointer(process.arch(), headers.user(header))).append(".\n")
                .append("CRT detected that the application wrote to a heap buffer that was freed.\n")
                .append(allocatedAt(header));
            okay = false;
        }
        if (!okay) {
            out.append(String.format(Locale.ROOT, "%s located at 0x%s is %s bytes long.\n", name,
                pointer(process.arch(), headers.user(header)), Long.toUnsignedString(headers.dataSize(header))))
                .append(allocatedAt(header));
            print(process, out.toString());
        }
        return okay;
    }

    // ------------------------------------------------------------------------------------------ states

    /**
     * A {@code _CrtMemState}'s values: the newest block, counts and sizes per block type, lHighWaterCount and
     * lTotalCount.
     */
    public record MemState(long newestBlock, long[] counts, long[] sizes, long highWater, long total) {
        /** The per-field difference {@code this - older}, as _CrtMemDifference computes it (pBlockHeader NULL). */
        public MemState minus(MemState older) {
            long[] c = new long[counts.length];
            long[] z = new long[sizes.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = counts[i] - older.counts[i];
                z[i] = sizes[i] - older.sizes[i];
            }
            return new MemState(0, c, z, highWater - older.highWater, total - older.total);
        }
    }

    /**
     * What _CrtMemCheckpoint would record now, read without writing anything (blocks of a bad type are not counted,
     * as the checkpoint reports and skips them). For the window's diff as well as the checkpoint itself.
     */
    public MemState state() {
        long[] counts = new long[CrtConstants.MAX_BLOCKS];
        long[] sizes = new long[CrtConstants.MAX_BLOCKS];
        int guard = 0;
        for (long header = globals.firstBlock(); header != 0 && guard < 10_000_000; header = headers.next(header),
                 guard++) {
            int type = CrtConstants.blockType(headers.blockUse(header));
            if (type < CrtConstants.MAX_BLOCKS) {
                counts[type]++;
                sizes[type] += headers.dataSize(header);
            }
        }
        return new MemState(globals.firstBlock(), counts, sizes, globals.maxAllocations(), globals.totalAllocations());
    }

    /** _CrtMemDumpStatistics' text for a state: "%Id bytes in %Id %hs Blocks." per type, then the two totals. */
    public static String statistics(MemState state) {
        StringBuilder out = new StringBuilder();
        for (int type = 0; type < CrtConstants.MAX_BLOCKS; type++) {
            out.append(state.sizes()[type]).append(" bytes in ").append(state.counts()[type]).append(' ')
                .append(CrtConstants.BLOCK_USE_NAMES.get(type)).append(" Blocks.\n");
        }
        return out.append("Largest number used: ").append(state.highWater()).append(" bytes.\n")
            .append("Total allocations: ").append(state.total()).append(" bytes.\n").toString();
    }

    /** _CrtMemCheckpoint(state): the newest block, counts and sizes per type over the list, the two totals. */
    public void memCheckpoint(long state) {
        Arch arch = process.arch();
        for (long header = globals.firstBlock(); header != 0; header = headers.next(header)) {
            if (CrtConstants.blockType(headers.blockUse(header)) >= CrtConstants.MAX_BLOCKS) {
                long file = headers.fileName(header);
                print(process, "Bad memory block found at 0x" + pointer(arch, header) + ".\n"
                    + (file == 0 ? "" : "\nMemory allocated at " + fileText(file) + "(" + headers.lineNumber(header)
                    + ").\n"));
            }
        }
        MemState now = state();
        memory.writePtr(state, now.newestBlock());
        for (int type = 0; type < CrtConstants.MAX_BLOCKS; type++) {
            memory.writePtr(state + countOffset(arch, type), mask(now.counts()[type]));
            memory.writePtr(state + sizeOffset(arch, type), mask(now.sizes()[type]));
        }
        memory.writePtr(state + highWaterOffset(arch), now.highWater());
        memory.writePtr(state + highWaterOffset(arch) + pointerSize, now.total());
    }

    /**
     * _CrtMemDifference(diff, old, new): per-type differences, of the two totals too, pBlockHeader NULL; TRUE when
     * a type other than free blocks (and CRT blocks without _CRTDBG_CHECK_CRT_DF) differs.
     */
    public boolean memDifference(long diff, long oldState, long newState) {
        Arch arch = process.arch();
        boolean significant = false;
        for (int type = 0; type < CrtConstants.MAX_BLOCKS; type++) {
            long size = mask(memory.readPtr(newState + sizeOffset(arch, type))
                - memory.readPtr(oldState + sizeOffset(arch, type)));
            long count = mask(memory.readPtr(newState + countOffset(arch, type))
                - memory.readPtr(oldState + countOffset(arch, type)));
            memory.writePtr(diff + sizeOffset(arch, type), size);
            memory.writePtr(diff + countOffset(arch, type), count);
            if (size == 0 && count == 0 || type == CrtConstants.FREE_BLOCK
                || type == CrtConstants.CRT_BLOCK && (globals.dbgFlag() & CrtConstants.CRTDBG_CHECK_CRT_DF) == 0) {
                continue;
            }
            significant = true;
        }
        for (int at = highWaterOffset(arch); at <= highWaterOffset(arch) + pointerSize; at += pointerSize) {
            memory.writePtr(diff + at, mask(memory.readPtr(newState + at) - memory.readPtr(oldState + at)));
        }
        memory.writePtr(diff, 0);
        return significant;
    }

    /** _CrtMemDumpStatistics(state): "%Id bytes in %Id %hs Blocks." per type, then the two totals (signed). */
    public void memDumpStatistics(long state) {
        Arch arch = process.arch();
        long[] counts = new long[CrtConstants.MAX_BLOCKS];
        long[] sizes = new long[CrtConstants.MAX_BLOCKS];
        for (int type = 0; type < CrtConstants.MAX_BLOCKS; type++) {
            counts[type] = signed(memory.readPtr(state + countOffset(arch, type)));
            sizes[type] = signed(memory.readPtr(state + sizeOffset(arch, type)));
        }
        print(process, statistics(new MemState(0, counts, sizes, signed(memory.readPtr(state + highWaterOffset(arch))),
            signed(memory.readPtr(state + highWaterOffset(arch) + pointerSize)))));
    }

    private long signed(long value) {
        return pointerSize == 4 ? (int) value : value;
    }

    // ------------------------------------------------------------------------------------------ dumps

    /** _CrtMemDumpAllObjectsSince(state): the blocks newer than state->pBlockHeader (all for NULL). */
    public void memDumpAllObjectsSince(long state) {
        long stop = state == 0 ? 0 : memory.readPtr(state);
        print(process, "Dumping objects ->\n");
        int flag = globals.dbgFlag();
        for (long header = globals.firstBlock(); header != 0 && header != stop; header = headers.next(header)) {
            int use = headers.blockUse(header);
            int type = CrtConstants.blockType(use);
            if (type == CrtConstants.IGNORE_BLOCK || type == CrtConstants.FREE_BLOCK
                || type == CrtConstants.CRT_BLOCK && (flag & CrtConstants.CRTDBG_CHECK_CRT_DF) == 0) {
                continue;
            }
            StringBuilder line = new StringBuilder();
            long file = headers.fileName(header);
            if (file != 0) {
                line.append(fileText(file)).append('(').append(headers.lineNumber(header)).append(") : ");
            }
            line.append('{').append(headers.requestNumber(header)).append("} ");
            long user = headers.user(header);
            String size = Long.toUnsignedString(headers.dataSize(header));
            String at = pointer(process.arch(), user);
            if (type == CrtConstants.CLIENT_BLOCK) {
                line.append("client block at 0x").append(at).append(", subtype ")
                    .append(Integer.toHexString(CrtConstants.blockSubtype(use))).append(", ").append(size)
                    .append(" bytes long.\n");
                print(process, line.toString());
                long client = globals.dumpClient();
                if (client != 0 && memory.isReadable(user, headers.dataSize(header))) {
                    dumpClient(client, user, headers.dataSize(header));
                } else {
                    printBlockData(header);
                }
            } else if (use == CrtConstants.NORMAL_BLOCK) {
                line.append("normal block at 0x").append(at).append(", ").append(size).append(" bytes long.\n");
                print(process, line.toString());
                printBlockData(header);
            } else if (type == CrtConstants.CRT_BLOCK) {
                line.append("crt block at 0x").append(at).append(", subtype ")
                    .append(Integer.toHexString(CrtConstants.blockSubtype(use))).append(", ").append(size)
                    .append(" bytes long.\n");
                print(process, line.toString());
                printBlockData(header);
            } else {
                print(process, line.toString());
            }
        }
        print(process, "Object dump complete.\n");
    }

    /** print_block_data: up to 16 bytes, printable characters as they are and others as a space, then in hex. */
    private void printBlockData(long header) {
        long user = headers.user(header);
        int n = (int) Math.min(16, headers.dataSize(header));
        StringBuilder text = new StringBuilder();
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = memory.peekByte(user + i) & 0xFF;
            text.append(c >= 0x20 && c < 0x7F ? (char) c : ' ');
            hex.append(String.format(Locale.ROOT, "%02X ", c));
        }
        print(process, " Data: <" + text + "> " + hex + "\n");
    }

    /** _CrtDumpMemoryLeaks: TRUE and the dump when normal or client blocks (or CRT ones, with CHECK_CRT) remain. */
    public boolean dumpMemoryLeaks() {
        long[] counts = new long[CrtConstants.MAX_BLOCKS];
        for (long header = globals.firstBlock(); header != 0; header = headers.next(header)) {
            int type = CrtConstants.blockType(headers.blockUse(header));
            if (type < CrtConstants.MAX_BLOCKS) {
                counts[type]++;
            }
        }
        if (counts[CrtConstants.CLIENT_BLOCK] != 0 || counts[CrtConstants.NORMAL_BLOCK] != 0
            || (globals.dbgFlag() & CrtConstants.CRTDBG_CHECK_CRT_DF) != 0 && counts[CrtConstants.CRT_BLOCK] != 0) {
            print(process, "Detected memory leaks!\n");
            memDumpAllObjectsSince(0);
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------ clients

    /** True for the name of a built-in dump client. */
    public static boolean isDumpClient(String name) {
        return DUMP_HEX.equals(name) || DUMP_STRING.equals(name);
    }

    /**
     * _CrtSetDumpClient(name): the previous client (the C string naming it, or 0). HeapLab's dump clients are built
     * in and named by a string, "hex" or "string"; NULL removes the client, and an unknown name changes nothing.
     */
    public long setDumpClient(long name) {
        long old = globals.dumpClient();
        if (name == 0 || memory.isReadable(name, 1) && isDumpClient(process.readCString(name))) {
            globals.setDumpClient(name);
        }
        return old;
    }

    /** _CrtDoForAllClientObjects(name, context): the named built-in client on each client block, newest first. */
    public void doForAllClientObjects(long name) {
        if (name == 0 || (globals.dbgFlag() & CrtConstants.CRTDBG_ALLOC_MEM_DF) == 0) {
            return;
        }
        for (long header = globals.firstBlock(); header != 0; header = headers.next(header)) {
            if (CrtConstants.blockType(headers.blockUse(header)) == CrtConstants.CLIENT_BLOCK) {
                dumpClient(name, headers.user(header), headers.dataSize(header));
            }
        }
    }

    /** Runs a built-in client: "hex" prints every byte, 16 a line; "string" prints the data as a C string. */
    private void dumpClient(long name, long user, long size) {
        String client = memory.isReadable(name, 1) ? process.readCString(name) : "";
        if (DUMP_STRING.equals(client)) {
            StringBuilder text = new StringBuilder();
            for (long i = 0; i < size && i < 256; i++) {
                int c = memory.peekByte(user + i);
                if (c <= 0) {
                    break;
                }
                text.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
            }
            print(process, " String: \"" + text + "\"\n");
        } else if (DUMP_HEX.equals(client)) {
            StringBuilder out = new StringBuilder();
            for (long i = 0; i < size; i += 16) {
                out.append(" Bytes:");
                for (long j = i; j < Math.min(size, i + 16); j++) {
                    out.append(String.format(Locale.ROOT, " %02X", memory.peekByte(user + j) & 0xFF));
                }
                out.append('\n');
            }
            print(process, out.toString());
        }
    }

    // ------------------------------------------------------------------------------------------ output

    /** %p: 8 or 16 uppercase hex digits. */
    static String pointer(Arch arch, long value) {
        return String.format(Locale.ROOT, arch == Arch.X86 ? "%08X" : "%016X", value);
    }

    /** Sends text to the debugger output, a line at a time (the final newline ends the last line). */
    static void print(Process process, String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            process.debugPrint(line);
        }
    }
}
