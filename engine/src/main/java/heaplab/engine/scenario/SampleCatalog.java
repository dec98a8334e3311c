package heaplab.engine.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Built-in samples read from classpath resources under a root, listed by the root's {@code index.txt}: one file name
 * a line, blank lines and {@code #} comments ignored, except {@code # Topic: NAME} lines, which file the samples below
 * them under that topic (for the sample browser's groups).
 */
final class SampleCatalog {
    private final ClassLoader loader;
    private final String root;

    SampleCatalog(ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root;
    }

    private static final String TOPIC = "# Topic:";

    /** Sample names in index order (file names without .json); empty when there is no index. */
    List<String> names() {
        return new ArrayList<>(topics().keySet());
    }

    /** Sample names in index order, each with its topic ("" before the first topic line). */
    Map<String, String> topics() {
        InputStream index = loader.getResourceAsStream(root + "index.txt");
        if (index == null) {
            return Map.of();
        }
        Map<String, String> topics = new LinkedHashMap<>();
        String topic = "";
        for (String line : read(index).split("\n")) {
            String entry = line.strip();
            if (entry.regionMatches(true, 0, TOPIC, 0, TOPIC.length())) {
                topic = entry.substring(TOPIC.length()).strip();
            } else if (!entry.isEmpty() && !entry.startsWith("#")) {
                String name = entry.endsWith(".json") ? entry.substring(0, entry.length() - ".json".length()) : entry;
                topics.put(name, topic);
            }
        }
        return topics;
    }

    List<SampleInfo> list() {
        List<SampleInfo> samples = new ArrayList<>();
        for (Map.Entry<String, String> sample : topics().entrySet()) {
            Scenario scenario = load(sample.getKey());
            samples.add(new SampleInfo(sample.getKey(), scenario.title(), scenario.summary(), sample.getValue()));
        }
        return samples;
    }

    Scenario load(String name) {
        InputStream stream = name.contains("/") ? null : loader.getResourceAsStream(root + name + ".json");
        if (stream == null) {
            throw new IllegalArgumentException("unknown sample '" + name + "' (the samples: " + String.join(", ",
                names()) + ")");
        }
        try {
            return ScenarioLoader.load("sample:" + name, read(stream));
        } catch (ScenarioException e) {
            throw new IllegalStateException("built-in sample does not load: " + e.getMessage(), e);
        }
    }

    private static String read(InputStream stream) {
        try (InputStream in = stream) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
