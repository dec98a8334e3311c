package heaplab.app.samples;

import heaplab.engine.scenario.SampleInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The grouping the sample browser and `heaplab samples` share: the index's topics, in its order. */
class SampleTopicsTest {
    @Test
    void samplesAreGroupedByTopicInIndexOrderAndUntopicedOnesUnderOtherSamples() {
        SampleInfo loose = new SampleInfo("loose", "Loose", "");
        SampleInfo a = new SampleInfo("a", "A", "", "Basics");
        SampleInfo b = new SampleInfo("b", "B", "", "Bugs");
        SampleInfo c = new SampleInfo("c", "C", "", "Basics");
        List<SampleTopics.Group> groups = SampleTopics.group(List.of(loose, a, b, c));
        assertEquals(List.of(new SampleTopics.Group(SampleTopics.NO_TOPIC, List.of(loose)),
            new SampleTopics.Group("Basics", List.of(a, c)), new SampleTopics.Group("Bugs", List.of(b))), groups);
        assertEquals(List.of(new SampleTopics.Group("Bugs", List.of(b))),
            SampleTopics.group(List.of(loose, a, b, c), s -> s.name().equals("b")), "empty topics are left out");
    }
}
