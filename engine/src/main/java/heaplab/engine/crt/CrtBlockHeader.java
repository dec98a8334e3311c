package heaplab.engine.crt;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.StructLayout;

/**
 * The debug CRT's {@code _CrtMemBlockHeader} in simulated memory (heap-facts.md 4.1, UCRT field order): it starts
 * the NT heap block, the user data follows it (x86 +0x20, x64 +0x30), and 4 bytes of no-man's land follow the data.
 * Reads and writes go through the same {@link StructLayout} that {@code dt _CrtMemBlockHeader} prints.
 */
public final class CrtBlockHeader {
    /** Bytes of no-man's land on each side of the user data. */
    public static final int NO_MANS_LAND_SIZE = 4;
    /** Fill of the no-man's land gaps. */
    public static final int NO_MANS_LAND_FILL = 0xFD;
    /** Fill of newly allocated data (and of the grown part on realloc). */
    public static final int CLEAN_LAND_FILL = 0xCD;
    /** Fill of freed blocks. */
    public static final int DEAD_LAND_FILL = 0xDD;
    /** _line_number of an _IGNORE_BLOCK. */
    public static final int IGNORE_LINE = 0xFEDCBABC;
    /** _request_number of an _IGNORE_BLOCK. */
    public static final int IGNORE_REQUEST = 0;

    private static final StructLayout X86 = build(Arch.X86);
    private static final StructLayout X64 = build(Arch.X64);

    private final AddressSpace memory;
    private final StructLayout layout;
    private final int next;
    private final int prev;
    private final int fileName;
    private final int lineNumber;
    private final int blockUse;
    private final int dataSize;
    private final int requestNumber;
    private final int gap;

    /** Access to the headers of one address space. */
    public CrtBlockHeader(AddressSpace memory) {
        this.memory = memory;
        this.layout = layout(memory.arch());
        this.next = layout.offset("_block_header_next");
        this.prev = layout.offset("_block_header_prev");
        this.fileName = layout.offset("_file_name");
        this.lineNumber = layout.offset("_line_number");
        this.blockUse = layout.offset("_block_use");
        this.dataSize = layout.offset("_data_size");
        this.requestNumber = layout.offset("_request_number");
        this.gap = layout.offset("_gap");
    }

    /** The UCRT layout of {@code _CrtMemBlockHeader} on an architecture (sizeof 0x20 on x86, 0x30 on x64). */
    public static StructLayout layout(Arch arch) {
        return arch == Arch.X86 ? X86 : X64;
    }

    private static StructLayout build(Arch arch) {
        return new StructLayout.Builder("_CrtMemBlockHeader", arch)
            .addPointer("_block_header_next", "_CrtMemBlockHeader")
            .addPointer("_block_header_prev", "_CrtMemBlockHeader")
            .addPointer("_file_name", "Char")
            .add("_line_number", StructLayout.Kind.I32) // int, long: Int4B in the symbols
            .add("_block_use", StructLayout.Kind.I32)
            .add("_data_size", StructLayout.Kind.SIZE)
            .add("_request_number", StructLayout.Kind.I32)
            .add("_gap", StructLayout.Kind.U8, NO_MANS_LAND_SIZE)
            .build();
    }

    /** sizeof(_CrtMemBlockHeader). */
    public int size() { return layout.size(); }

    /** The user pointer of the block whose header is at {@code header}. */
    public long user(long header) { return header + layout.size(); }

    /** The header of the block whose user pointer is {@code block}. */
    public long header(long block) { return block - layout.size(); }

    public long next(long header) { return memory.readPtr(header + next); }

    public long prev(long header) { return memory.readPtr(header + prev); }

    public long fileName(long header) { return memory.readPtr(header + fileName); }

    public int lineNumber(long header) { return (int) memory.readU32(header + lineNumber); }

    public int blockUse(long header) { return (int) memory.readU32(header + blockUse); }

    public long dataSize(long header) { return memory.readPtr(header + dataSize); }

    public int requestNumber(long header) { return (int) memory.readU32(header + requestNumber); }

    /** The address of the gap before the data. */
    public long gap(long header) { return header + gap; }

    public void setNext(long header, long value) { memory.writePtr(header + next, value); }

    public void setPrev(long header, long value) { memory.writePtr(header + prev, value); }

    public void setFileName(long header, long value) { memory.writePtr(header + fileName, value); }

    public void setLineNumber(long header, int value) { memory.writeU32(header + lineNumber, value & 0xFFFF_FFFFL); }

    public void setBlockUse(long header, int value) { memory.writeU32(header + blockUse, value & 0xFFFF_FFFFL); }

    public void setDataSize(long header, long value) { memory.writePtr(header + dataSize, value); }

    public void setRequestNumber(long header, int value) {
        memory.writeU32(header + requestNumber, value & 0xFFFF_FFFFL);
    }

    /** True when the gap before the data is intact. */
    public boolean gapBeforeIntact(long header) {
        return allBytes(gap(header), NO_MANS_LAND_SIZE, NO_MANS_LAND_FILL);
    }

    /** True when the gap after the data is intact. */
    public boolean gapAfterIntact(long header) {
        return allBytes(user(header) + dataSize(header), NO_MANS_LAND_SIZE, NO_MANS_LAND_FILL);
    }

    /** True when {@code length} bytes at {@code address} all hold {@code value} (readable ones; others differ). */
    public boolean allBytes(long address, long length, int value) {
        for (long i = 0; i < length; i++) {
            if (memory.peekByte(address + i) != value) {
                return false;
            }
        }
        return true;
    }
}
