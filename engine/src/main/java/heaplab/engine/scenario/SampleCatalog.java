package heaplab.engine.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Built-in samples read from classpath resources under a root, listed by the root's {@code index.txt}. */
final class SampleCatalog {
    private final ClassLoader loader;
    private final String root;

    SampleCatalog(ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root;
    }

    /** Sample names in index order (file names without .json); empty when there is no index. */
    List<String> names() {
        InputStream index = loader.getResourceAsStream(root + "index.txt");
        if (index == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String line : read(index).split("\n")) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                names.add(entry.endsWith(".json") ? entry.substring(0, entry.length() - ".json".length()) : entry);
            }
        }
        return names;
    }

    List<SampleInfo> list() {
        List<SampleInfo> samples = new ArrayList<>();
        for (String name : names()) {
            Scenario scenario = load(name);
            samples.add(new SampleInfo(name, scenario.title(), scenario.summary()));
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
