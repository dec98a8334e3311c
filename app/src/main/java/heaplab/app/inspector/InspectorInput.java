package heaplab.app.inspector;

import heaplab.app.heapmap.HeapMapModel;
import heaplab.app.heapmap.MapBlock;
import heaplab.engine.Arch;
import heaplab.engine.inspect.BlockAnatomy;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.StepOutcome;

import java.util.List;
import java.util.Map;
import java.util.function.LongToIntFunction;

/**
 * What the inspector reads for one selection, gathered by HeapViews from the session.
 *
 * @param block     the heap map's block holding the selection (null for none, and for full page heap blocks)
 * @param selected  the selected address, 0 for none
 * @param peek      reads a byte of simulated memory, -1 where it cannot be read
 * @param notes     tag, stack and CRT notes of the block
 * @param anatomy   the engine's description of the block's layers, or null
 * @param outcomes  the steps run so far (to say which one allocated the block)
 * @param steps     the session's steps (their text, for a headless run whose outcomes print no `x = 0x...` line)
 * @param variables the scenario's variables (to say which point into the block)
 * @param leaked    whether the step's !heap -l reported the block as leaked
 */
public record InspectorInput(Arch arch, MapBlock block, long selected, LongToIntFunction peek, BlockNotes notes,
                             BlockAnatomy anatomy, List<StepOutcome> outcomes, List<Step> steps,
                             Map<String, Long> variables, boolean leaked,
                             List<HeapMapModel.Pointer> pointsTo) {

    public InspectorInput {
        pointsTo = pointsTo == null ? List.of() : List.copyOf(pointsTo);
    }

    /** A selection holding no pointer the heap map draws. */
    public InspectorInput(Arch arch, MapBlock block, long selected, LongToIntFunction peek, BlockNotes notes,
                          BlockAnatomy anatomy, List<StepOutcome> outcomes, List<Step> steps,
                          Map<String, Long> variables, boolean leaked) {
        this(arch, block, selected, peek, notes, anatomy, outcomes, steps, variables, leaked, List.of());
    }

    /** A selection that no leak search reported. */
    public InspectorInput(Arch arch, MapBlock block, long selected, LongToIntFunction peek, BlockNotes notes,
                          BlockAnatomy anatomy, List<StepOutcome> outcomes, List<Step> steps,
                          Map<String, Long> variables) {
        this(arch, block, selected, peek, notes, anatomy, outcomes, steps, variables, false);
    }

    /** A selection without the engine's anatomy (view-model tests on hand-made blocks). */
    public static InspectorInput of(Arch arch, MapBlock block, long selected, LongToIntFunction peek,
                                    BlockNotes notes) {
        return new InspectorInput(arch, block, selected, peek, notes, null, List.of(), List.of(), Map.of());
    }
}
