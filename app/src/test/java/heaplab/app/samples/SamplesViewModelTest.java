package heaplab.app.samples;

import heaplab.engine.scenario.SampleInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample browser's groups, filter, selection and Open, without a toolkit. */
class SamplesViewModelTest {
    private static final List<SampleInfo> SAMPLES = List.of(
        new SampleInfo("first-fit", "First fit", "Where a new block goes.", "NT heap basics"),
        new SampleInfo("coalescing", "Coalescing", "Free neighbours merge.", "NT heap basics"),
        new SampleInfo("tail-check", "Tail checking", "gflags +htc finds an overrun.", "Finding bugs with gflags"),
        new SampleInfo("lfh", "The LFH", "Buckets and subsegments.", "Low Fragmentation Heap"),
        new SampleInfo("loose", "Loose", "Filed under no topic.", ""));
    private final List<String> opened = new ArrayList<>();
    private final SamplesViewModel vm = new SamplesViewModel(SAMPLES, name -> opened.add(name));

    private static List<String> topics(SamplesViewModel vm) {
        return vm.groups().stream().map(SamplesViewModel.SampleGroup::topic).toList();
    }

    private static List<String> names(SamplesViewModel.SampleGroup group) {
        return group.samples().stream().map(SampleInfo::name).toList();
    }

    @Test
    void samplesAreGroupedByTopicInIndexOrder() {
        assertEquals(List.of("NT heap basics", "Finding bugs with gflags", "Low Fragmentation Heap",
            SamplesViewModel.NO_TOPIC), topics(vm));
        assertEquals(List.of("first-fit", "coalescing"), names(vm.groups().get(0)));
        assertEquals(List.of("loose"), names(vm.groups().get(3)));
    }

    @Test
    void theFilterLooksAtNamesTitlesAndSummariesAndDropsEmptyTopics() {
        vm.filterProperty().set("  GFLAGS ");
        assertEquals(List.of("Finding bugs with gflags"), topics(vm));
        vm.filterProperty().set("merge");
        assertEquals(List.of("NT heap basics"), topics(vm));
        assertEquals(List.of("coalescing"), names(vm.groups().get(0)));
        vm.filterProperty().set("nothing like this");
        assertTrue(vm.groups().isEmpty());
        vm.filterProperty().set("");
        assertEquals(4, vm.groups().size());
    }

    @Test
    void openOpensTheSelectedSampleOnly() {
        assertFalse(vm.canOpenProperty().get());
        assertFalse(vm.openSelected(), "a topic row opens nothing");
        vm.select("tail-check");
        assertTrue(vm.canOpenProperty().get());
        assertTrue(vm.openSelected());
        assertEquals(List.of("tail-check"), opened);
        vm.select("no-such-sample");
        assertEquals("tail-check", vm.selectedProperty().get().name(), "an unknown name changes nothing");
    }

    @Test
    void aSampleThatFailsToOpenKeepsTheBrowserOpen() {
        SamplesViewModel failing = new SamplesViewModel(SAMPLES, name -> false);
        failing.select("lfh");
        assertFalse(failing.openSelected());
    }
}
