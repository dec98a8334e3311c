package heaplab.app.samples;

import heaplab.engine.scenario.SampleInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The built-in samples grouped by the topic the index files them under (the engine reads the {@code # Topic:} lines,
 * SampleInfo#topic), topics and samples in the index's order: the sample browser and {@code heaplab samples} both
 * list them so. Plain Java: the CLI loads no JavaFX class to list samples.
 */
public final class SampleTopics {
    /** The group of the samples the index files under no topic. */
    public static final String NO_TOPIC = "Other samples";

    /** A topic and its samples, in index order. */
    public record Group(String topic, List<SampleInfo> samples) {
        public Group {
            samples = List.copyOf(samples);
        }
    }

    private SampleTopics() {
    }

    /** Every sample, by topic. */
    public static List<Group> group(List<SampleInfo> samples) {
        return group(samples, sample -> true);
    }

    /** The samples that `keep` accepts, by topic; a topic with none is left out. */
    public static List<Group> group(List<SampleInfo> samples, Predicate<SampleInfo> keep) {
        Map<String, List<SampleInfo>> byTopic = new LinkedHashMap<>();
        for (SampleInfo sample : samples) {
            if (keep.test(sample)) {
                String topic = sample.topic().isBlank() ? NO_TOPIC : sample.topic();
                byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(sample);
            }
        }
        List<Group> groups = new ArrayList<>();
        byTopic.forEach((topic, list) -> groups.add(new Group(topic, list)));
        return groups;
    }
}
