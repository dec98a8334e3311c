package heaplab.engine.scenario;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sample files with one random character changed, added or removed: the loader either reads them or reports
 * {@code file:line:column: what is wrong}; nothing else escapes.
 */
class ScenarioFuzzTest {
    private static final String NOISE = "{}[]\":,\\ \n0x19aAzZ_&()+-*/!=<>'";

    @Test
    void damagedSamplesLoadOrFailWithAPlace() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("..", "samples"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            Path file = files.get(random.nextInt(files.size()));
            StringBuilder text = new StringBuilder(Files.readString(file, StandardCharsets.UTF_8));
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                default -> text.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
            }
            try {
                ScenarioLoader.load("lab.json", text.toString());
            } catch (ScenarioException e) {
                assertTrue(e.getMessage().matches("(?s)lab\\.json:\\d+:\\d+: .+"), e.getMessage());
            }
        }
    }
}
