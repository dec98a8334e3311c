package heaplab.engine.trace;

import heaplab.engine.scenario.ScenarioException;
import org.junit.jupiter.api.Assumptions;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The traces tests use: a few tiny ones copied into the test resources, and the shared folder when present. */
final class TraceFiles {
    private TraceFiles() {
    }

    /** A trace of the test resources (short1-bal, corners, malloc-free: CRLF files as the lab ships them). */
    static Path resource(String name) {
        return file(name + ".rep");
    }

    /** A file of the test resources by its whole name (demo-valgrind.log, demo-ltrace.txt). */
    static Path file(String fileName) {
        try {
            return Path.of(TraceFiles.class.getResource(fileName).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static MallocLabTrace read(String name) throws ScenarioException {
        return MallocLabTrace.read(resource(name));
    }

    /**
     * The shared malloc-lab folder ({@code ../shared/data/malloclab} next to the repository); skips the test when
     * it is not there (a fresh clone elsewhere).
     */
    static Path sharedFolder() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("engine")) && Files.isDirectory(dir.resolve("app")))) {
            dir = dir.getParent();
        }
        Path shared = dir == null || dir.getParent() == null ? null
            : dir.getParent().resolve("shared").resolve("data").resolve("malloclab");
        Assumptions.assumeTrue(shared != null && Files.isDirectory(shared),
            "the shared malloc-lab traces are not next to the repository");
        return shared;
    }
}
