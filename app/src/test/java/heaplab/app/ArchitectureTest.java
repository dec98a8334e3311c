package heaplab.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Layering rules of the engineering guide, checked on the sources: app → engine, never back; MVVM view models. */
class ArchitectureTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
    }

    private static List<String> offenders(List<Path> files, String forbiddenImport) throws IOException {
        List<String> bad = new java.util.ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                String t = line.strip();
                if ((t.startsWith("import " + forbiddenImport) || t.startsWith("import static " + forbiddenImport))) {
                    bad.add(ROOT.relativize(f) + ": " + t);
                }
            }
        }
        return bad;
    }

    @Test
    void engineImportsNoJavaFxNorAwt() throws IOException {
        List<Path> engine = javaFiles(ROOT.resolve("engine/src/main/java"));
        assertFalse(engine.isEmpty());
        assertEquals(List.of(), offenders(engine, "javafx."));
        assertEquals(List.of(), offenders(engine, "java.awt."));
        assertEquals(List.of(), offenders(engine, "heaplab.app."));
    }

    @Test
    void viewModelsDoNotTouchTheSceneGraph() throws IOException {
        List<Path> viewModels = javaFiles(ROOT.resolve("app/src/main/java")).stream()
            .filter(p -> p.getFileName().toString().endsWith("ViewModel.java")).collect(Collectors.toList());
        assertEquals(List.of(), offenders(viewModels, "javafx.scene"));
    }

    @Test
    void enginePomHasNoJavaFxDependency() throws IOException {
        String pom = Files.readString(ROOT.resolve("engine/pom.xml"));
        assertFalse(pom.contains("org.openjfx"), "engine/pom.xml must not depend on JavaFX");
    }
}
