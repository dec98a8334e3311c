package heaplab.app.main;

import heaplab.app.steps.TimelineModel;
import heaplab.app.testing.FakeLabSession;
import heaplab.app.testing.RecordingDialogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File > Export > Timeline draws the samples the window's sampler took off the FX thread: no second replay. */
class TimelineExportTest {
    @TempDir
    Path dir;
    private final List<TimelineModel> written = new ArrayList<>();
    private final List<Integer> markers = new ArrayList<>();
    private final PngExport export = new PngExport() {
        @Override
        public void write(String view, LabSession session, long selectedAddress, Path file) {
            throw new AssertionError("the timeline is drawn from the window's samples, not from the session");
        }

        @Override
        public void writeTimeline(TimelineModel model, int position, Path file) {
            written.add(model);
            markers.add(position);
        }
    };

    @Test
    void completeSamplesAreDrawnAtOnceWithoutAnotherReplay() {
        FakeLabSession session = FakeLabSession.withFixtureHeaps(12);
        MainViewModel vm = new MainViewModel(session, null, RecordingDialogs.recording(dir), export);
        vm.jumpTo(5);
        int replays = session.replays();
        vm.exportPng("timeline");
        assertEquals(replays, session.replays(), "no replay for the export");
        assertEquals(List.of(vm.timeline().getModel()), written);
        assertEquals(List.of(5), markers);
        assertTrue(written.get(0).samples().complete());
        assertEquals(13, written.get(0).points().size());
    }

    @Test
    void anExportAskedWhileSamplingWaitsForTheSampler() {
        Deque<Runnable> worker = new ArrayDeque<>();
        FakeLabSession session = FakeLabSession.withFixtureHeaps(12);
        MainViewModel vm = new MainViewModel(session, null, RecordingDialogs.recording(dir), export, worker::add,
            Runnable::run);
        vm.jumpTo(3);
        vm.exportPng("timeline");
        assertEquals(List.of(), written, "nothing sampled yet");
        String note = vm.console().lines().get(vm.console().lines().size() - 1).text();
        assertTrue(note.startsWith("The timeline is still being sampled"), note);
        int replays = session.replays();
        vm.jumpTo(7); // the marker stays where the export was asked for
        while (!worker.isEmpty()) {
            worker.poll().run();
        }
        assertEquals(replays, session.replays(), "the sampler's own replay, no other");
        assertEquals(1, written.size());
        assertTrue(written.get(0).samples().complete());
        assertEquals(List.of(3), markers);
    }

    @Test
    void anExportWaitingForSamplesIsDroppedWhenAnotherScenarioOpens() {
        Deque<Runnable> worker = new ArrayDeque<>();
        MainViewModel vm = new MainViewModel(FakeLabSession.withFixtureHeaps(12), null,
            RecordingDialogs.recording(dir), export, worker::add, Runnable::run);
        vm.exportPng("timeline");
        vm.setSession(FakeLabSession.withFixtureHeaps(4));
        while (!worker.isEmpty()) {
            worker.poll().run();
        }
        assertEquals(List.of(), written);
        assertTrue(vm.console().allText().contains("The timeline was not saved"), vm.console().allText());
    }
}
