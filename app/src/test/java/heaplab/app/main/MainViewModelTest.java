package heaplab.app.main;

import heaplab.app.console.ConsoleLine;
import heaplab.app.steps.StepRow;
import heaplab.app.testing.FakeLabSession;
import heaplab.app.testing.HeapFixtures;
import heaplab.engine.session.StepOutcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main view model on a fake session: navigation, status, the shared selection, console, open, export. */
class MainViewModelTest {
    private final List<String> errors = new ArrayList<>();
    private final List<String> exports = new ArrayList<>();
    private Path nextFile = Path.of("out.png");
    private SessionLoader loader = new SessionLoader() {
        @Override
        public LabSession open(Path file) throws Exception {
            throw new Exception(file + ":3:5: unknown function 'HeapAloc'");
        }

        @Override
        public LabSession openSample(String name) {
            throw new UnsupportedOperationException();
        }
    };
    private final DialogService dialogs = new DialogService() {
        @Override
        public Optional<Path> chooseScenarioFile() {
            return Optional.ofNullable(nextFile);
        }

        @Override
        public Optional<Path> chooseExportFile(String suggestedName) {
            return Optional.ofNullable(nextFile).map(f -> f.resolveSibling(suggestedName));
        }

        @Override
        public void showError(String title, String message) {
            errors.add(title + ": " + message);
        }
    };
    private final PngExport export = (view, session, selected, file) -> {
        if (file.toString().contains("fail")) {
            throw new IOException("disk full");
        }
        exports.add(view + " " + Long.toHexString(selected) + " " + file);
    };

    private MainViewModel open(FakeLabSession session) {
        return new MainViewModel(session, loader, dialogs, export);
    }

    @Test
    void opensAtTheStartWithOnlyForwardCommandsEnabled() {
        MainViewModel vm = open(FakeLabSession.withFixtureHeaps(4));
        assertEquals(0, vm.positionProperty().get());
        assertEquals(4, vm.stepCountProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Start"));
        assertTrue(vm.stepCommand().isExecutable());
        assertTrue(vm.runCommand().isExecutable());
        assertFalse(vm.backCommand().isExecutable());
        assertFalse(vm.restartCommand().isExecutable());
        assertEquals("HeapLab \u2014 Fake scenario", vm.titleProperty().get());
        assertEquals(4, vm.steps().rows().size());
        assertEquals(-1, vm.steps().currentIndexProperty().get());
    }

    @Test
    void stepAndBackMoveThePositionAndTheCurrentStep() {
        MainViewModel vm = open(FakeLabSession.withFixtureHeaps(4));
        vm.stepCommand().execute();
        vm.stepCommand().execute();
        assertEquals(2, vm.positionProperty().get());
        assertEquals("Step 2 of 4", vm.statusProperty().get());
        assertEquals(1, vm.steps().currentIndexProperty().get());
        assertEquals(StepRow.Status.CURRENT, vm.steps().rows().get(1).status());
        assertTrue(vm.console().lines().contains(new ConsoleLine("x1 = 0x00241001", ConsoleLine.Kind.OUTPUT)));
        vm.backCommand().execute();
        assertEquals(1, vm.positionProperty().get());
        assertEquals(0, vm.steps().currentIndexProperty().get());
        assertTrue(vm.backCommand().isExecutable());
    }

    @Test
    void runStopsBeforeABreakpointAndThenAtTheEnd() {
        MainViewModel vm = open(FakeLabSession.withFixtureHeaps(4));
        vm.runCommand().execute();
        assertEquals(2, vm.positionProperty().get(), "step 3 has a breakpoint");
        vm.runCommand().execute();
        assertEquals(4, vm.positionProperty().get());
        assertEquals("Step 4 of 4 \u2014 end of the scenario", vm.statusProperty().get());
        assertFalse(vm.stepCommand().isExecutable());
        assertFalse(vm.runCommand().isExecutable());
        vm.restartCommand().execute();
        assertEquals(0, vm.positionProperty().get());
    }

    @Test
    void aFaultIsShownAsAnErrorAndStopsStepping() {
        MainViewModel vm = open(FakeLabSession.withFixtureHeaps(4).failAt(1, StepOutcome.Status.FAULT));
        vm.jumpTo(4);
        assertEquals(2, vm.positionProperty().get());
        assertTrue(vm.statusErrorProperty().get());
        assertEquals("Step 2 of 4 \u2014 fault: boom at step 1", vm.statusProperty().get());
        assertEquals(StepRow.Status.FAILED, vm.steps().rows().get(1).status());
        assertFalse(vm.stepCommand().isExecutable());
    }

    @Test
    void clickingAStepGoesToThePositionAfterIt() {
        MainViewModel vm = open(FakeLabSession.withFixtureHeaps(4));
        vm.steps().jumpToStep(2);
        assertEquals(3, vm.positionProperty().get());
        vm.steps().jumpToStep(0);
        assertEquals(1, vm.positionProperty().get());
    }

    @Test
    void oneSelectionReachesEveryView() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(2);
        MainViewModel vm = open(session);
        long a = HeapFixtures.A_ENTRY + 8;
        vm.heapViews().heapMap().select(a + 3);
        assertEquals(a + 3, vm.selectedAddressProperty().get());
        assertEquals(a + 3, vm.heapViews().heapMap().getModel().selected());
        assertEquals(a + 3, vm.heapViews().freeLists().getModel().selected());
        assertTrue(vm.heapViews().inspector().titleProperty().get().contains("002405e8"));
        vm.stepCommand().execute();
        assertTrue(vm.heapViews().inspector().titleProperty().get().contains("002405e8"), "kept across steps");
        vm.select(0);
        assertTrue(vm.heapViews().inspector().titleProperty().get().startsWith("No block selected"));
    }

    @Test
    void aConsoleStatementBecomesAStepAndEveryViewRefreshes() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(3);
        MainViewModel vm = open(session);
        vm.console().inputProperty().set("q = HeapAlloc(h, 0, 8)");
        vm.console().submit();
        assertEquals(List.of("q = HeapAlloc(h, 0, 8)"), session.consoleLines());
        assertEquals(4, vm.stepCountProperty().get());
        assertEquals(1, vm.positionProperty().get());
        assertEquals("q = HeapAlloc(h, 0, 8)", vm.steps().rows().get(0).text());
        assertEquals(new ConsoleLine("0:000> q = HeapAlloc(h, 0, 8)", ConsoleLine.Kind.ECHO),
            vm.console().lines().get(vm.console().lines().size() - 2));
    }

    @Test
    void aFileThatFailsToLoadShowsItsPlaceAndKeepsTheSession() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(3);
        MainViewModel vm = open(session);
        vm.stepCommand().execute();
        nextFile = Path.of("broken.json");
        vm.openCommand().execute();
        assertEquals(List.of("Could not open broken.json: broken.json:3:5: unknown function 'HeapAloc'"), errors);
        assertSame(session, vm.session());
        assertEquals(1, vm.positionProperty().get());
    }

    @Test
    void aFileThatLoadsReplacesTheSessionAndClearsTheSelection() {
        FakeLabSession other = FakeLabSession.withFixtureHeaps(7);
        loader = new SessionLoader() {
            @Override
            public LabSession open(Path file) {
                return other;
            }

            @Override
            public LabSession openSample(String name) {
                return other;
            }
        };
        MainViewModel vm = open(FakeLabSession.withFixtureHeaps(3));
        vm.select(HeapFixtures.A_ENTRY);
        assertTrue(vm.openFile(Path.of("good.json")));
        assertSame(other, vm.session());
        assertEquals(7, vm.stepCountProperty().get());
        assertEquals(0, vm.selectedAddressProperty().get());
    }

    @Test
    void exportWritesTheChosenViewWithTheSelection() {
        MainViewModel vm = open(FakeLabSession.withFixtureHeaps(3));
        vm.select(0x2405e8);
        vm.exportPng("heap-map");
        assertEquals(List.of("heap-map 2405e8 heap-map-step0.png"), exports);
        nextFile = Path.of("fail", "x.png");
        vm.exportPng("free-lists");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("disk full"), errors.get(0));
        nextFile = null;
        vm.exportPng("inspector");
        assertEquals(1, exports.size(), "cancelled");
    }

    @Test
    void heapsThatCannotBeReadAreReportedNotThrown() {
        MainViewModel vm = open(FakeLabSession.withFixtureHeaps(2)
            .failHeapReads(new UnsupportedOperationException("not yet")));
        assertTrue(vm.statusErrorProperty().get());
        assertTrue(vm.statusProperty().get().contains("could not be read"), vm.statusProperty().get());
        assertTrue(vm.heapViews().heapMap().getModel().message().contains("not yet"));
        vm.stepCommand().execute();
        assertEquals(1, vm.positionProperty().get());
    }

    @Test
    void theTimelineCoversEveryStepFromTheStartAndIsSampledOnce() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(5);
        MainViewModel vm = open(session);
        assertEquals(6, vm.timeline().getModel().points().size(), "positions 0..5, before any step is run");
        assertEquals(0x28 + 0x48, vm.timeline().getModel().points().get(3).busyBytes());
        assertEquals(0xa20 + 0x18 + 0x998, vm.timeline().getModel().points().get(3).freeBytes());
        vm.jumpTo(3);
        vm.backCommand().execute();
        assertEquals(2, vm.timeline().positionProperty().get());
        assertEquals(1, session.replays(), "positions are sampled once");
    }

    @Test
    void aBigFileLoadsInTheBackgroundAndCancelKeepsTheOpenSession(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path big = dir.resolve("big.rep");
        java.nio.file.Files.write(big, new byte[(int) MainViewModel.BACKGROUND_LOAD_BYTES]);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeLabSession loaded = FakeLabSession.withFixtureHeaps(7);
        loader = new SessionLoader() {
            @Override
            public LabSession open(Path file) throws Exception {
                release.await();
                return loaded;
            }

            @Override
            public LabSession openSample(String name) {
                throw new UnsupportedOperationException();
            }
        };
        FakeLabSession first = FakeLabSession.withFixtureHeaps(4);
        MainViewModel vm = open(first);
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        LoadViewModel loads = new LoadViewModel(executor, Runnable::run);
        vm.setBackgroundLoads(loads);

        assertTrue(vm.openFile(big), "started");
        assertTrue(loads.loadingProperty().get());
        assertEquals(first, vm.session(), "the open session stays while loading");
        release.countDown();
        executor.submit(() -> { }).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(loaded, vm.session());
        assertEquals(7, vm.stepCountProperty().get());

        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        loader = new SessionLoader() {
            @Override
            public LabSession open(Path file) throws Exception {
                never.await(); // interrupted by Cancel
                return first;
            }

            @Override
            public LabSession openSample(String name) {
                throw new UnsupportedOperationException();
            }
        };
        MainViewModel again = open(loaded);
        again.setBackgroundLoads(loads);
        assertTrue(again.openFile(big));
        loads.cancel();
        executor.submit(() -> { }).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(loaded, again.session(), "cancelled: the session that was open stays");
        assertTrue(errors.isEmpty(), errors.toString());
        executor.shutdownNow();
    }
}
