package heaplab.app.main;

import heaplab.app.testing.FakeLabSession;
import heaplab.app.testing.HeapFixtures;
import heaplab.app.testing.RecordingDialogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long moves (a far jump, a long run) on the worker: the test is the worker, running the queued move when it
 * chooses, so every order of events is deterministic. The UI thread is the test's too (a direct executor).
 */
class LongMovesTest {
    /** Moves queued for "the worker". */
    private final Deque<Runnable> worker = new ArrayDeque<>();
    private final BackgroundMoves moves = new BackgroundMoves(worker::add, Runnable::run, 100);
    private final RecordingDialogs dialogs = RecordingDialogs.failingOnError();

    @AfterEach
    void noInterruptLeft() {
        assertFalse(Thread.interrupted(), "a move left the thread interrupted");
    }

    private MainViewModel open(FakeLabSession session) {
        MainViewModel vm = new MainViewModel(session, null, dialogs, (view, s, selected, file) -> { });
        vm.setBackgroundMoves(moves);
        return vm;
    }

    private void runWorker() {
        while (!worker.isEmpty()) {
            worker.poll().run();
        }
    }

    private static String lastNote(MainViewModel vm) {
        var lines = vm.console().lines();
        return lines.get(lines.size() - 1).text();
    }

    @Test
    void aFarJumpRunsOnTheWorkerAndTheWindowWaitsForIt() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(2000);
        MainViewModel vm = open(session);
        vm.jumpTo(1500);
        assertEquals(1, worker.size(), "the jump went to the worker");
        assertTrue(vm.movingProperty().get());
        assertTrue(moves.busyProperty().get());
        assertEquals("Going to step 1500 \u2026", moves.messageProperty().get());
        assertEquals(0, session.position(), "nothing moved on the UI thread");
        assertFalse(vm.stepCommand().isExecutable());
        assertFalse(vm.runCommand().isExecutable());
        assertFalse(vm.goToStepCommand().isExecutable());
        assertFalse(vm.toggleBreakpointCommand().isExecutable());

        runWorker();
        assertFalse(vm.movingProperty().get());
        assertFalse(moves.busyProperty().get());
        assertEquals(1500, vm.positionProperty().get());
        assertEquals(1499, vm.steps().currentIndexProperty().get());
        assertEquals(1500, vm.timeline().positionProperty().get());
        assertTrue(vm.stepCommand().isExecutable());
        assertTrue(vm.backCommand().isExecutable());
    }

    /** The timeline's marker follows a far jump part by part, without the window reading the session. */
    @Test
    void theTimelinesMarkerFollowsAFarJump() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(2000);
        MainViewModel vm = open(session);
        List<Integer> marker = new ArrayList<>();
        vm.timeline().positionProperty().addListener((obs, old, now) -> marker.add(now.intValue()));
        vm.jumpTo(1500);
        runWorker();
        assertEquals(List.of(500, 1000, 1500), marker, "a part of the jump is 500 steps");
        assertEquals(1500, vm.timeline().positionProperty().get());

        marker.clear();
        vm.runBackCommand().execute();
        runWorker();
        assertEquals(List.of(session.position()), marker, "a run reports no progress: the marker moves at its end");
    }

    @Test
    void shortMovesStayOnTheCallersThread() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(2000);
        MainViewModel vm = open(session);
        vm.jumpTo(100);
        vm.stepCommand().execute();
        vm.backCommand().execute();
        vm.jumpTo(40);
        assertTrue(worker.isEmpty());
        assertEquals(40, vm.positionProperty().get());
        vm.jumpTo(1900);
        runWorker();
        vm.jumpTo(3); // far, but back: snapshots make it quick
        assertTrue(worker.isEmpty());
        assertEquals(3, vm.positionProperty().get());
    }

    @Test
    void cancelStopsTheJumpAtTheStepItReached() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(2000);
        MainViewModel vm = open(session);
        moves.progressProperty().addListener((o, was, now) -> {
            if (now.doubleValue() >= 0.5) {
                moves.cancel(); // the user presses Cancel half-way
            }
        });
        vm.jumpTo(2000);
        runWorker();
        assertFalse(vm.movingProperty().get());
        assertEquals(1000, session.position(), "stopped between two parts of the jump");
        assertEquals(1000, vm.positionProperty().get());
        assertEquals("Cancelled: stopped at step 1000", lastNote(vm));
        assertTrue(vm.stepCommand().isExecutable());
    }

    @Test
    void escapeCancelsOnlyWhileAMoveRuns() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(2000);
        MainViewModel vm = open(session);
        assertFalse(vm.cancelBackgroundWork(), "nothing to cancel: Escape goes to the console");
        vm.jumpTo(1500);
        assertTrue(vm.cancelBackgroundWork());
        assertTrue(moves.messageProperty().get().contains("cancelling"), moves.messageProperty().get());
        runWorker();
        assertEquals(0, session.position());
        assertFalse(vm.cancelBackgroundWork());
    }

    @Test
    void cancelBeforeTheWorkerStartsLeavesTheSessionWhereItWas() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(2000);
        MainViewModel vm = open(session);
        vm.jumpTo(10);
        vm.jumpTo(1800);
        moves.cancel();
        runWorker();
        assertEquals(10, session.position());
        assertEquals("Cancelled: still at step 10", lastNote(vm));
        assertFalse(vm.movingProperty().get());
    }

    @Test
    void aJumpAskedForDuringAMoveFollowsIt() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(2000);
        MainViewModel vm = open(session);
        vm.jumpTo(1000);
        vm.jumpTo(1200); // a drag along the timeline: only the last one counts
        vm.jumpTo(1250);
        assertEquals(1, worker.size());
        runWorker();
        assertEquals(1250, vm.positionProperty().get(), "the short jump that followed ran at once");
    }

    @Test
    void aLongRunReportsHowItStoppedWhenItIsBack() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(2000);
        session.setBreakpoint(2, false);
        session.setBreakpoint(1700, true);
        MainViewModel vm = open(session);
        vm.runCommand().execute();
        assertEquals("Running from step 0 \u2026", moves.messageProperty().get());
        assertEquals(0, session.position());
        runWorker();
        assertEquals(1700, vm.positionProperty().get());
        assertTrue(vm.statusProperty().get().contains("stopped at the breakpoint before step 1701"),
            vm.statusProperty().get());
        vm.runBackCommand().execute();
        assertEquals(1, worker.size(), "run back from far on goes to the worker too");
        runWorker();
        assertEquals(0, vm.positionProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Start"), vm.statusProperty().get());
    }

    @Test
    void duringAMoveTheWindowReadsNothingOfTheSession() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(2000);
        MainViewModel vm = open(session);
        vm.jumpTo(1500);
        vm.console().inputProperty().set("p = malloc(10)");
        vm.console().submit();
        assertTrue(session.consoleLines().isEmpty(), "the console line waited");
        assertTrue(lastNote(vm).contains("moving"), lastNote(vm));
        vm.toggleBreakpoint(5);
        assertFalse(session.isBreakpoint(5));
        vm.select(HeapFixtures.A_ENTRY + 8);
        assertEquals(HeapFixtures.A_ENTRY + 8, vm.selectedAddressProperty().get());
        runWorker();
        assertEquals(1500, vm.positionProperty().get());
        assertEquals(HeapFixtures.A_ENTRY + 8, vm.heapViews().heapMap().getModel().selected(),
            "the views show the selection once the move is done");
    }

    @Test
    void openingAnotherFileDuringAMoveDropsTheMovesResult() {
        FakeLabSession first = FakeLabSession.withFixtureHeaps(2000);
        MainViewModel vm = open(first);
        vm.jumpTo(1500);
        FakeLabSession second = FakeLabSession.withFixtureHeaps(30);
        vm.setSession(second);
        assertFalse(vm.movingProperty().get());
        assertTrue(vm.stepCommand().isExecutable());
        runWorker(); // the old move ends (cancelled before it started): the window stays on the new session
        assertEquals(0, vm.positionProperty().get());
        assertEquals(30, vm.stepCountProperty().get());
        assertEquals(0, first.position());
    }

    @Test
    void escapeAfterAnotherFileOpenedDuringAMoveIsNotSpentOnTheGivenUpMove() {
        FakeLabSession first = FakeLabSession.withFixtureHeaps(2000);
        MainViewModel vm = open(first);
        vm.jumpTo(1500);
        vm.setSession(FakeLabSession.withFixtureHeaps(30));
        assertTrue(moves.busyProperty().get(), "the given-up move's worker has not seen its Cancel yet");
        assertFalse(vm.cancelBackgroundWork(), "nothing the window still wants runs: Escape goes to the console");
        runWorker();
    }
}
