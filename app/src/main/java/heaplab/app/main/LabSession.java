package heaplab.app.main;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.StepOutcome;

import java.util.List;
import java.util.Map;

/**
 * What the window needs of a session: the engine's {@link heaplab.engine.session.Session} navigation, plus the
 * reads the views decode (heaps, bytes, variables). An interface so that view models are tested on a small fake;
 * {@link EngineLabSession} is the real one.
 */
public interface LabSession {
    Scenario scenario();

    /** The steps, including any added from the console. */
    List<Step> steps();

    /** Steps run, 0..steps().size(). */
    int position();

    List<StepOutcome> outcomes();

    /** The outcome of the last step run, or null at position 0. */
    StepOutcome lastOutcome();

    boolean isStopped();

    StepOutcome step();

    void stepBack();

    StepOutcome run();

    /**
     * How the last {@link #run()} stopped, when it stopped at a heap breakpoint: {@code heap breakpoint (alloc)};
     * otherwise "" (see Session#lastRunStopText for the engine's full text).
     */
    default String heapBreakpointStop() {
        return "";
    }

    void jumpTo(int position);

    /**
     * What the next step hits among the heap breakpoints ({@code alloc}, {@code free Strings},
     * {@code address 00360688}): a run would stop before it; null for none (and by default).
     */
    default String heapBreakpointBeforeNextStep() {
        return null;
    }

    /**
     * How the last {@link #run()} stopped, when it stopped at an address watch ({@code ba w4 Address}):
     * {@code data breakpoint 0 (ba w4 00360688)}; otherwise "".
     */
    default String dataBreakpointStop() {
        return "";
    }

    /** The address watch the last step run changed, as {@link #dataBreakpointStop()} names it; null for none. */
    default String dataBreakpointOfLastStep() {
        return null;
    }

    /** The address watches as {@code bl} lists them, to tell when they change; "" by default. */
    default String dataBreakpointListing() {
        return "";
    }

    /** The heap breakpoints as {@code !heap -b} lists them, to tell when they change; "" by default. */
    default String heapBreakpointListing() {
        return "";
    }

    /** True when running stops before step {@code index}: the scenario's `break`, or one the user set. */
    default boolean isBreakpoint(int index) {
        return steps().get(index).breakpoint();
    }

    /** Sets or clears the breakpoint on step {@code index} (F9, the steps' gutter). */
    default void setBreakpoint(int index, boolean on) {
        throw new UnsupportedOperationException("this session's breakpoints cannot be changed");
    }

    /**
     * Runs back to the previous breakpoint, failed expect or fault, else to the start (Session#runBack). Returns
     * how it stopped: {@code breakpoint}, {@code heap breakpoint (free)}, {@code expect failed}, {@code fault},
     * {@code start}, or "" when it did not move.
     */
    default String runBack() {
        if (position() == 0) {
            return "";
        }
        restart();
        return "start";
    }

    void restart();

    /** Runs a console line; commands that change the process become a step. */
    String console(String line);

    Arch arch();

    /** Every heap decoded from memory at the current position, the process heap first. */
    List<HeapInfo> heaps();

    /** A byte of simulated memory, -1 where it is not readable (a debugger's read: never faults). */
    int peekByte(long address);

    /** True for an address in a reserved or committed region (the console makes such addresses links). */
    default boolean isMapped(long address) {
        return peekByte(address) >= 0;
    }

    /** After a step that ran {@code !heap -l}: the user addresses of the blocks it reported; else none. */
    default List<Long> leakedBlocks() {
        return List.of();
    }

    /** The regions the program reserved with VirtualAlloc and the debugger with .dvalloc; none by default. */
    default List<heaplab.engine.process.ProgramRegion> programRegions() {
        return List.of();
    }

    /** What some heaps are beyond their handle (a page heap's NormalHeap), by heap address; none by default. */
    default Map<Long, String> heapRoles() {
        return Map.of();
    }

    /** The debug CRT's blocks: NT entry address to {data address, data size}; none by default. */
    default Map<Long, long[]> crtBlocks() {
        return Map.of();
    }

    /**
     * What changed in the heaps from step `fromStep` (0..position) to the current position; null when this session
     * cannot tell (the default).
     */
    default heaplab.engine.diff.HeapDiff diffSince(int fromStep) {
        return null;
    }

    /** The debug CRT's block list, newest first; none by default. */
    default List<heaplab.engine.crt.DebugHeap.BlockInfo> crtBlockList() {
        return List.of();
    }

    /** Each page heap's delayed-free queue (light blocks, oldest first) by page heap handle; none by default. */
    default Map<Long, List<heaplab.engine.pageheap.PageHeap.QueuedFree>> pageHeapDelayedFrees() {
        return Map.of();
    }

    /** Each page heap's freed (decommitted, no-access) full-page blocks by handle; none by default. */
    default Map<Long, List<heaplab.engine.pageheap.PageHeap.DphBlock>> pageHeapFreedBlocks() {
        return Map.of();
    }

    /** The LFH's UserBlocks by heap address (buckets in order); none by default. */
    default Map<Long, List<LowFragmentationHeap.UserBlocksInfo>> lfhUserBlocks() {
        return Map.of();
    }

    /**
     * What every block is made of and which of its bytes are damaged, LFH UserBlocks with their chunks and full page
     * heap blocks on their pages, for the heap map; none by default.
     *
     * @param heaps     {@link #heaps()} at this position
     * @param crtBlocks {@link #crtBlocks()} at this position
     */
    default heaplab.engine.process.HeapAnatomy.Picture anatomy(List<HeapInfo> heaps, Map<Long, long[]> crtBlocks) {
        return heaplab.engine.process.HeapAnatomy.Picture.NONE;
    }

    /** The tag and allocation stack a busy block's HEAP_ENTRY_EXTRA records; none by default. */
    default heaplab.app.inspector.BlockNotes blockNotes(long heap, long entry) {
        return heaplab.app.inspector.BlockNotes.NONE;
    }

    /**
     * The engine's description of the block holding an address, layer by layer (full page heap blocks included,
     * which no NT heap holds), or null when no block does; none by default.
     */
    default heaplab.engine.inspect.BlockAnatomy anatomy(long address) {
        return null;
    }

    /** The scenario's variables and their current values, in the order they were first assigned. */
    Map<String, Long> variables();

    /**
     * A new session on the same steps at position 0, with the same heap breakpoints, to sample the timeline without
     * moving this one.
     */
    LabSession replay();

    /**
     * The same as {@link #replay()} in two halves: what must read this session happens now (on its thread), the
     * building of the new session when the supplier is called (on a worker).
     */
    default java.util.function.Supplier<LabSession> replayLater() {
        LabSession replay = replay();
        return () -> replay;
    }
}
