package heaplab.engine.console;

import heaplab.engine.nt.HeapManager;
import heaplab.engine.process.Process;

import java.util.List;

/**
 * A parsed {@code !heap} command of the supported kinds.
 *
 * @param mode       which output
 * @param argument   the Heap (handle, 1-based index, or 0 for all) or, for {@code -x}, the Address; null if absent
 * @param fields     {@code -h}: the _HEAP field block
 * @param freeLists  {@code -f}: the free lists
 * @param segments   {@code -m}: the segments and their entries
 * @param verbose    {@code -v}: validate the heaps (listing), or search memory for pointers to the block ({@code -x})
 * @param extras     tag tables and back traces: {@link HeapListingFormatter#TAGS} and the other bits there
 */
record HeapCommand(Mode mode, Long argument, boolean fields, boolean freeLists, boolean segments, boolean verbose,
                   int extras) implements ConsoleCommand {

    HeapCommand(Mode mode, Long argument, boolean fields, boolean freeLists, boolean segments, boolean verbose) {
        this(mode, argument, fields, freeLists, segments, verbose, 0);
    }

    /** The outputs of {@code !heap} this version prints. */
    enum Mode {
        /** {@code !heap}: the new debugger's list of heaps and their types. */
        LIST,
        /** {@code !heap [-a|-h|-f|-m] [-v] [Heap]}: the index listing with the chosen parts. */
        DETAIL,
        /** {@code !heap -x [-v] Address}. */
        ENTRY
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        if (mode == Mode.LIST) {
            return new CommandResult(HeapListingFormatter.list(process), false);
        }
        if (mode == Mode.ENTRY) {
            return HeapEntryFormatter.format(process, argument, verbose);
        }
        List<Long> heaps = resolve(process.heaps(), argument);
        if (heaps.isEmpty()) {
            // HeapLab's wording: the heap extension's own text for a Heap that is no heap is unconfirmed.
            return new CommandResult("Heap " + Texts.shortPtr(process.arch(), argument) + " not found\n", true);
        }
        return new CommandResult(
            HeapListingFormatter.detail(process, heaps, fields, freeLists, segments, verbose, extras), false);
    }

    /** All heaps for no Heap or 0; else the heap with that handle, or the heap with that 1-based index. */
    static List<Long> resolve(HeapManager manager, Long argument) {
        List<Long> handles = manager.heapHandles();
        if (argument == null || argument == 0) {
            return handles;
        }
        if (manager.isHeap(argument)) {
            return List.of(argument);
        }
        if (argument >= 1 && argument <= handles.size()) {
            return List.of(handles.get((int) (argument - 1)));
        }
        return List.of();
    }
}
