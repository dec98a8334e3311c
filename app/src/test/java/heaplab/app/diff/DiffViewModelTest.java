package heaplab.app.diff;

import heaplab.app.main.EngineLabSession;
import heaplab.engine.diff.HeapDiff;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffViewModelTest {

    @Test
    void comparingWithAnEarlierStepListsAndMarksTheChangedBlocks() {
        Session engine = Session.open(ScenarioLoader.loadSample("first-fit"));
        EngineLabSession session = new EngineLabSession(engine);
        session.jumpTo(8); // a, c busy; b freed at step 8
        List<Long> selected = new ArrayList<>();
        DiffViewModel vm = new DiffViewModel(selected::add);
        vm.update(session);
        assertEquals(8, vm.bases().size(), "steps 7 to 1 and the start");
        assertEquals("step 7: c = HeapAlloc(h, 0, 0x40)", vm.bases().get(0).label());
        assertTrue(vm.summaryProperty().get().startsWith("Choose a step"), vm.summaryProperty().get());

        assertTrue(!vm.compareWithTyped("8") && !vm.compareWithTyped("x") && vm.baseProperty().get() == null,
            "a typed step must be an earlier step");
        assertTrue(vm.compareWithTyped(" 5 "));
        assertEquals(5, vm.baseProperty().get().step());
        vm.compareWith(5);
        long b = engine.process().readVariable("b");
        long c = engine.process().readVariable("c");
        assertTrue(vm.summaryProperty().get().startsWith("""
            Changes from step 5 to step 8:
            64 bytes in 1 Allocated Blocks.
            16 bytes in 1 Freed Blocks.
            0 bytes in 0 Modified Blocks.
            """), vm.summaryProperty().get());
        assertEquals(HeapDiff.Kind.FREED, vm.marksProperty().get().get(b));
        assertEquals(HeapDiff.Kind.ALLOCATED, vm.marksProperty().get().get(c));
        assertEquals(2, vm.changes().size());
        DiffViewModel.ChangeRow allocated = vm.changes().stream()
            .filter(r -> r.kind() == HeapDiff.Kind.ALLOCATED).findFirst().orElseThrow();
        assertEquals("allocated  " + String.format("%08x", c) + "  0x40 bytes  (heap "
            + String.format("%08x", engine.process().readVariable("h")) + ")", allocated.text());
        vm.select(allocated);
        assertEquals(List.of(c), selected, "a changed block is selected everywhere");

        session.jumpTo(10); // d takes b's place
        vm.update(session);
        assertTrue(vm.summaryProperty().get().startsWith("Changes from step 5 to step 10:"));
        assertEquals(HeapDiff.Kind.MODIFIED, vm.marksProperty().get().get(b), "d reuses b's address and bytes change");

        session.jumpTo(2);
        vm.update(session);
        assertTrue(vm.summaryProperty().get().startsWith("Step 5 comes after the current step (2)"));
        assertTrue(vm.marksProperty().get().isEmpty());
        vm.clear();
        assertTrue(vm.summaryProperty().get().startsWith("Choose a step"));
    }

    @Test
    void theCliDiffMarksTheSameBlocksInTheFreeLists() {
        Session engine = Session.open(ScenarioLoader.loadSample("first-fit"));
        EngineLabSession session = new EngineLabSession(engine);
        session.jumpTo(8);
        long b = engine.process().readVariable("b");
        java.util.Map<Long, HeapDiff.Kind> changes = heaplab.app.main.Diagrams.changes(session, 5);
        assertEquals(HeapDiff.Kind.FREED, changes.get(b));
        assertTrue(heaplab.app.main.Diagrams.changes(session, heaplab.app.main.Diagrams.NO_DIFF).isEmpty());
        heaplab.app.main.HeapViews views = new heaplab.app.main.HeapViews(address -> { });
        views.update(session, 0, changes);
        assertEquals(HeapDiff.Kind.FREED, views.freeLists().getModel().change(b), "b's free block carries the mark");
        heaplab.app.heapmap.MapBlock mapped = views.heapMap().getModel().blockAt(b);
        assertEquals(HeapDiff.Kind.FREED, views.heapMap().getModel().change(mapped), "and so does the map's block");
        long c = engine.process().readVariable("c");
        assertEquals(HeapDiff.Kind.ALLOCATED, views.heapMap().getModel().change(views.heapMap().getModel().blockAt(c)));
    }
}
