package heaplab.engine.nt;

import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;

import java.util.List;
import java.util.Locale;

import static heaplab.engine.nt.HeapConstants.ERROR_INVALID_PARAMETER;

/**
 * What the NT heap prints and does when it finds damage (heap-facts.md 1.5, 1.8, 1.9): the {@code HEAP[demo.exe]:}
 * messages of a bad pointer, a changed tail, a free block modified after it was freed and a failed validation on
 * call, and the break that follows them (with the critical failure report once termination on corruption is on).
 */
final class HeapReports {
    private final Process process;
    private final HeapLayout l;
    private final NtHeap nt;
    private final HeapEntries e;
    private final HeapReader reader;

    HeapReports(Process process, HeapLayout l, NtHeap nt, HeapReader reader) {
        this.process = process;
        this.l = l;
        this.nt = nt;
        this.e = nt.entries();
        this.reader = reader;
    }

    /**
     * Rule: a bad pointer always prints the message and fails with ERROR_INVALID_PARAMETER; it also breaks (0x80000003)
     * when the heap is a debug heap (tail or free checking, parameter or full validation: heap-facts.md 1.5 "the debug
     * heap prints and breaks"), or anywhere once termination on corruption is on (from the start in an x64 process);
     * else the call returns FALSE / NULL and the run goes on.
     */
    void invalidAddress(String function, long heap, long mem) {
        process.setLastError(ERROR_INVALID_PARAMETER);
        printInvalidAddress(function, heap, mem);
        if ((nt.flags(heap) & DEBUG_HEAP_FLAGS) != 0 || terminatesOnCorruption()) {
            throw corruptionBreak();
        }
    }

    /**
     * HeapSize's bad pointer (RtlSizeHeap): the message and ERROR_INVALID_PARAMETER, and the break on a debug heap, as
     * {@link #invalidAddress}. Assumed: a size query is no failure that termination on corruption acts on.
     */
    void invalidAddressToSize(long heap, long mem) {
        process.setLastError(ERROR_INVALID_PARAMETER);
        printInvalidAddress("RtlSizeHeap", heap, mem);
        if ((nt.flags(heap) & DEBUG_HEAP_FLAGS) != 0) {
            throw breakpoint(); // the debug heap's break, without a critical failure report
        }
    }

    /**
     * The message of a bad pointer: HeapValidate prints it as RtlValidateHeap's (the line a debugger shows before the
     * CRT's _CrtIsValidHeapPointer assertion) and, as for damage, returns FALSE without a break.
     */
    void printInvalidAddress(String function, long heap, long mem) {
        process.debugPrint(prefix() + "Invalid address specified to " + function + "( "
            + upper(heap) + ", " + upper(mem) + " )");
    }

    static final long DEBUG_HEAP_FLAGS = HeapConstants.HEAP_TAIL_CHECKING_ENABLED
        | HeapConstants.HEAP_FREE_CHECKING_ENABLED | HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED
        | HeapConstants.HEAP_VALIDATE_ALL_ENABLED;

    /**
     * Tail checking (heap-facts.md 1.8, 1.9): a busy FILL_PATTERN block whose 0xAB tail was changed prints Windows'
     * message and breaks, before the operation changes anything. Choice: the message and the break come first, as a
     * debugger stops there, so the FALSE / NULL / ~0 that 1.11.20 gives without a debugger is never returned.
     */
    void checkTail(long entry) {
        checkTail(entry, e.flags(entry));
    }

    /** {@link #checkTail(long)} of a block whose Flags the caller has just read: `entryFlags`. */
    void checkTail(long entry, int entryFlags) {
        if (reportTail(entry, entryFlags)) {
            throw corruptionBreak();
        }
    }

    /** Free checking (heap-facts.md 1.5, 1.9): called before a free block is reused or coalesced. */
    void checkFreeFill(long entry) {
        if (reportFreeFill(entry)) {
            throw corruptionBreak();
        }
    }

    /** Prints the tail message of a busy block whose 0xAB tail changed; true when it did. */
    private boolean reportTail(long entry, int entryFlags) {
        long at = reader.tailDamage(entry, entryFlags);
        if (at != 0) {
            process.debugPrint(prefix() + "Heap block at " + upper(entry) + " modified at " + upper(at)
                + " past requested size of " + Long.toHexString(nt.requestedSize(entry)));
        }
        return at != 0;
    }

    /** Prints the message of a free block whose 0xFEEEFEEE fill changed; true when it did. */
    private boolean reportFreeFill(long entry) {
        long at = nt.freeFillDamage(entry);
        if (at != 0) {
            process.debugPrint(prefix() + "HEAP: Free Heap block " + upper(entry) + " modified at " + upper(at)
                + " after it was freed");
        }
        return at != 0;
    }

    /**
     * HeapValidate's messages (heap-facts.md 1.9: a tail is "checked at free/realloc/validate"): the block's damage
     * (`entry` not 0), else the heap's first damaged block in address order, printed as at a free. Choice: without
     * the break, so that the call returns its FALSE (Wine's test, 1.11.20, 21) and a scenario can test it; under a
     * debugger Windows stops at the break and then returns the same FALSE.
     */
    void reportOnValidate(long heap, long entry) {
        if (entry != 0) {
            reportTail(entry, e.flags(entry));
            return;
        }
        for (HeapSegmentInfo segment : reader.read(heap, 0).segments()) {
            for (HeapBlock block : segment.blocks()) {
                boolean reported = block.kind() == HeapBlock.Kind.BUSY ? reportTail(block.entry(), block.flags())
                    : block.kind() == HeapBlock.Kind.FREE && reportFreeFill(block.entry());
                if (reported) {
                    return;
                }
            }
        }
    }

    /**
     * Validate-on-call (HEAP_VALIDATE_ALL_ENABLED: gflags +hvc, {@code !heap -E}): HeapAlloc, HeapReAlloc, HeapFree
     * and HeapSize validate the whole heap before they do anything (ReactOS' debug paths; a NULL pointer to HeapFree
     * or HeapReAlloc returns before, as there). On a problem the first damaged block, in address order, gets the
     * message its damage has in heap-facts.md 1.9 (a changed tail, or a free block modified after it was freed);
     * anything else gets HeapLab's line {@code Heap <HEAP> corrupted: <what validation found>} (1.9 has no text for
     * it). Then the break, as for the other heap messages.
     */
    void validateOnCall(long heap) {
        if ((nt.flags(heap) & HeapConstants.HEAP_VALIDATE_ALL_ENABLED) == 0) {
            return;
        }
        List<String> errors = reader.validate(heap);
        if (errors.isEmpty()) {
            return;
        }
        for (HeapSegmentInfo segment : reader.read(heap, 0).segments()) {
            for (HeapBlock block : segment.blocks()) {
                if (block.kind() == HeapBlock.Kind.BUSY) {
                    checkTail(block.entry());
                } else if (block.kind() == HeapBlock.Kind.FREE) {
                    checkFreeFill(block.entry());
                }
            }
        }
        process.debugPrint(prefix() + "Heap " + upper(heap) + " corrupted: " + errors.get(0));
        throw corruptionBreak();
    }

    private String prefix() {
        return "HEAP[" + process.imageName() + "]: ";
    }

    /**
     * Whether HeapSetInformation(NULL, HeapEnableTerminationOnCorruption) was called: a switch in ntdll's data, as
     * the setting is process-wide and cannot be undone (MS docs of HeapSetInformation).
     */
    boolean terminatesOnCorruption() {
        return process.memory().readU32(process.terminationOnCorruptionSwitch()) != 0;
    }

    /**
     * The break after a heap corruption message. With termination on corruption the heap first reports a critical
     * failure, as RtlReportCriticalFailure prints it under a debugger (heap-facts.md 1.9: the process dies with
     * STATUS_HEAP_CORRUPTION); assumed: the debugger stops at its break, as at the debug heap's.
     */
    ProcessFault corruptionBreak() {
        if (terminatesOnCorruption()) {
            process.debugPrint("Critical error detected c0000374");
        }
        return breakpoint();
    }

    private static ProcessFault breakpoint() {
        return new ProcessFault(0x80000003L, "Break instruction exception - code 80000003 (first chance)");
    }

    private String upper(long value) {
        return l.arch.ptr(value).toUpperCase(Locale.ROOT);
    }
}
