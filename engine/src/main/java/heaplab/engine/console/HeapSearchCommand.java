package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.process.Process;

import java.util.Locale;

/**
 * {@code !heap -srch [-b|-w|-d|-q] Pattern}: the busy blocks whose requested bytes hold the pattern (a byte, word,
 * dword or qword; by default pointer-sized), compared at offsets from the user pointer that are multiples of the
 * pattern's size. Each block is listed once, in the seed's three lines, upper-case hex as there:
 * <pre>
 *     _HEAP @ 00090000
 *    in HEAP_ENTRY: Size : Prev Flags - UserPtr UserSize - state
 *         00099A48: 0018 : 0005 [01] - 00099A50 (000000B8) - (busy)
 * </pre>
 * Size and Prev are in granularity units, UserSize is the requested size; a virtual-alloc block's state reads
 * {@code (busy VirtualAlloc)}. When the pattern is a pointer-sized value that is a known symbol ({@link Symbols}), a
 * fourth line names it, as {@code ole32!...::`vftable'} in the seed. No match prints nothing.
 *
 * @param size    pattern size in bytes (1, 2, 4 or 8)
 * @param pattern the value, truncated to its size
 */
record HeapSearchCommand(int size, long pattern) implements ConsoleCommand {

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        Arch arch = process.arch();
        long value = size == 8 ? pattern : pattern & ((1L << (8 * size)) - 1);
        String symbol = size == arch.pointerSize() ? Symbols.nameOf(process, value) : null;
        StringBuilder out = new StringBuilder();
        for (UserBlocks.Entry entry : UserBlocks.of(process).entries()) {
            HeapBlock block = entry.block();
            if (!holds(process.memory(), block, value)) {
                continue;
            }
            out.append("    _HEAP @ ").append(arch.ptr(entry.heap().address())).append('\n')
                .append("   in HEAP_ENTRY: Size : Prev Flags - UserPtr UserSize - state\n")
                .append(String.format(Locale.ROOT, "        %s: %04X : %04X [%02X] - %s (%08X) - %s\n",
                    Texts.upperPtr(arch, block.entry()), block.size() >> arch.shift(),
                    block.previousSize() >> arch.shift(), block.flags(), Texts.upperPtr(arch, block.user()),
                    block.requested(), HeapFilterCommand.state(block)));
            if (symbol != null) {
                out.append("          ").append(symbol).append('\n');
            }
        }
        return new CommandResult(out.toString(), false);
    }

    /** True when the pattern is at a multiple of its size in the block's requested bytes. */
    private boolean holds(AddressSpace memory, HeapBlock block, long value) {
        long length = Math.min(block.requested(), Integer.MAX_VALUE);
        if (length < size || !memory.isReadable(block.user(), length)) {
            return false;
        }
        byte[] bytes = memory.readBytes(block.user(), (int) length);
        for (int offset = 0; offset + size <= bytes.length; offset += size) {
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                v = (v << 8) | (bytes[offset + i] & 0xFF);
            }
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
