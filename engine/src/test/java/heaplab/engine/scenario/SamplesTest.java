package heaplab.engine.scenario;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in samples: listed by the index, each one loads. (Running them to the end is SampleRunTest.) */
class SamplesTest {

    @Test
    void theIndexListsEverySampleFile() throws IOException {
        Path samples = Path.of("..", "samples");
        List<String> files;
        try (Stream<Path> list = Files.list(samples)) {
            files = list.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                .map(name -> name.substring(0, name.length() - ".json".length())).sorted()
                .collect(Collectors.toList());
        }
        List<String> listed = ScenarioLoader.samples().stream().map(SampleInfo::name).sorted()
            .collect(Collectors.toList());
        assertEquals(files, listed, "samples/index.txt must list every samples/*.json");
    }

    @Test
    void everySampleLoadsWithATitle() {
        for (SampleInfo info : ScenarioLoader.samples()) {
            Scenario scenario = ScenarioLoader.loadSample(info.name());
            assertEquals("sample:" + info.name(), scenario.source());
            assertFalse(scenario.title().isBlank(), info.name());
            assertEquals(scenario.title(), info.title());
            assertTrue(ScenarioLoader.hasSample(info.name()));
        }
    }

    @Test
    void anUnknownSampleIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ScenarioLoader.loadSample("no-such-sample"));
        assertTrue(e.getMessage().startsWith("unknown sample 'no-such-sample'"), e.getMessage());
        assertFalse(ScenarioLoader.hasSample("no-such-sample"));
    }

    @Test
    void aCatalogReadsItsIndex() {
        SampleCatalog catalog = new SampleCatalog(getClass().getClassLoader(), "heaplab/test-samples/");
        assertEquals(List.of(new SampleInfo("tiny", "Tiny", "A tiny sample.")), catalog.list());
        assertEquals(2, catalog.load("tiny").steps().size());
    }

    @Test
    void topicLinesFileTheSamplesBelowThem() {
        SampleCatalog catalog = new SampleCatalog(getClass().getClassLoader(), "heaplab/topic-samples/");
        assertEquals(List.of(new SampleInfo("other", "Tiny", "A tiny sample.", ""),
            new SampleInfo("tiny", "Tiny", "A tiny sample.", "Basics")), catalog.list());
        assertEquals(List.of("other", "tiny"), catalog.names());
    }

    @Test
    void everyBuiltInSampleHasATopic() {
        for (SampleInfo info : ScenarioLoader.samples()) {
            assertFalse(info.topic().isBlank(), info.name() + " is under no '# Topic:' line in samples/index.txt");
        }
        assertEquals(List.of("NT heap basics", "Finding bugs with gflags", "Page heap", "CRT debug heap",
            "Low Fragmentation Heap"), ScenarioLoader.samples().stream().map(SampleInfo::topic).distinct().toList());
    }
}
