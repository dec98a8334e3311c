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

    void restart();

    /** Runs a console line; commands that change the process become a step. */
    String console(String line);

    Arch arch();

    /** Every heap decoded from memory at the current position, the process heap first. */
    List<HeapInfo> heaps();

    /** A byte of simulated memory, -1 where it is not readable (a debugger's read: never faults). */
    int peekByte(long address);

    /** What some heaps are beyond their handle (a page heap's NormalHeap), by heap address; none by default. */
    default Map<Long, String> heapRoles() {
        return Map.of();
    }

    /** The debug CRT's blocks: NT entry address to {data address, data size}; none by default. */
    default Map<Long, long[]> crtBlocks() {
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
    default heaplab.engine.process.BlockAnatomy.Picture anatomy(List<HeapInfo> heaps, Map<Long, long[]> crtBlocks) {
        return heaplab.engine.process.BlockAnatomy.Picture.NONE;
    }

    /** The tag and allocation stack a busy block's HEAP_ENTRY_EXTRA records; none by default. */
    default heaplab.app.inspector.BlockNotes blockNotes(long heap, long entry) {
        return heaplab.app.inspector.BlockNotes.NONE;
    }

    /** The scenario's variables and their current values, in the order they were first assigned. */
    Map<String, Long> variables();

    /** A new session on the same steps at position 0, to sample the timeline without moving this one. */
    LabSession replay();
}
