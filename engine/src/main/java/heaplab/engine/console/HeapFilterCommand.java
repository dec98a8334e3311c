package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.Process;

import java.util.List;
import java.util.Locale;

/**
 * {@code !heap -flt s Size} and {@code !heap -flt r SizeMin SizeMax} (heap-facts.md 5.5): the busy blocks whose
 * requested size is Size, or in SizeMin &lt;= size &lt; SizeMax (the doc's {@code r 0x50 0x80} shows 0x50..0x7F).
 * Per heap a {@code     _HEAP @ <handle without leading zeros>} line; before a heap's first match the column
 * header; then one row per block:
 * <pre>
 *               HEAP_ENTRY Size Prev Flags            UserPtr UserSize - state
 *         000000bd4aef08a0 0290 0000  [00]   000000bd4aef08b0    028ca - (busy)
 * </pre>
 * (x86: the header is 8 columns narrower). Size and Prev are in granularity units, Flags the header's flags byte
 * (HeapLab's heap is unencoded, so the real value), UserSize the requested bytes. Virtual-alloc blocks show
 * {@code (busy VirtualAlloc)} as observed. Free blocks are not listed (their sizes are no allocation sizes).
 * Under page heap each root's {@code _DPH_HEAP_ROOT} tables of its full blocks come before its NormalHeap
 * (heap-facts.md 3.6; see {@link PageHeapBlockFormatter#appendRootTables}).
 *
 * @param minimum smallest requested size listed
 * @param limit   first requested size not listed (unsigned)
 */
record HeapFilterCommand(long minimum, long limit) implements ConsoleCommand {
    private static final String HEADER_X86 = "      HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state\n";
    private static final String HEADER_X64 =
        "              HEAP_ENTRY Size Prev Flags            UserPtr UserSize - state\n";

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        Arch arch = process.arch();
        UserBlocks blocks = UserBlocks.of(process);
        StringBuilder out = new StringBuilder();
        PageHeap pageHeap = process.heaps().pageHeap();
        List<Long> pageHeaps = pageHeap.handles();
        for (HeapInfo heap : blocks.heaps()) {
            for (long handle : pageHeaps) {
                if (pageHeap.normalHeap(handle) == heap.address()) {
                    // Under page heap, the root's tables come before its NormalHeap (heap-facts.md 3.6).
                    new PageHeapBlockFormatter(process).appendRootTables(out, handle, minimum, limit);
                }
            }
            out.append("    _HEAP @ ").append(Texts.hex(heap.address())).append('\n');
            boolean header = false;
            for (UserBlocks.Entry entry : entries(blocks, heap)) {
                HeapBlock block = entry.block();
                if (Long.compareUnsigned(block.requested(), minimum) < 0
                    || Long.compareUnsigned(block.requested(), limit) >= 0) {
                    continue;
                }
                if (!header) {
                    out.append(header(arch));
                    header = true;
                }
                out.append(row(arch, block, block.user(), block.requested(), state(block)));
            }
        }
        return new CommandResult(out.toString(), false);
    }

    /** The column header of the block rows (x86 is 8 columns narrower). */
    static String header(Arch arch) {
        return arch == Arch.X86 ? HEADER_X86 : HEADER_X64;
    }

    /** One block row: entry, Size and Prev in units, flags, the user pointer and size given, the state. */
    static String row(Arch arch, HeapBlock block, long user, long userSize, String state) {
        return String.format(Locale.ROOT, "        %s %04x %04x  [%02x]   %s    %05x - %s\n", arch.ptr(block.entry()),
            block.size() >> arch.shift(), block.previousSize() >> arch.shift(), block.flags(), arch.ptr(user),
            userSize, state);
    }

    private static List<UserBlocks.Entry> entries(UserBlocks blocks, HeapInfo heap) {
        return blocks.entries().stream().filter(e -> e.heap() == heap).toList();
    }

    /** The state column: {@code (busy)}, or {@code (busy VirtualAlloc)} for a virtual-alloc block. */
    static String state(HeapBlock block) {
        return block.kind() == HeapBlock.Kind.VIRTUAL ? "(busy VirtualAlloc)" : "(busy)";
    }
}
