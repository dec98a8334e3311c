package heaplab.app.cli;

import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.trace.TraceImport;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns the FILE argument into a scenario: {@code sample:NAME} is a built-in sample, anything else a path to a
 * scenario file or a trace (malloc-lab, valgrind, ltrace), told apart by content ({@link TraceImport}).
 */
final class ScenarioFiles {
    /** The prefix of a built-in sample's name on the command line. */
    static final String SAMPLE_PREFIX = "sample:";

    private ScenarioFiles() {
    }

    /**
     * @throws RunFailure when the file is missing, cannot be read or is not a valid scenario or trace; the message
     *                    is the loader's {@code file:line:column: what}, or {@code file: what} for the file as a whole
     */
    static Scenario load(String argument) throws RunFailure {
        try {
            if (argument.startsWith(SAMPLE_PREFIX)) {
                String name = argument.substring(SAMPLE_PREFIX.length());
                if (!ScenarioLoader.hasSample(name)) {
                    throw new RunFailure(argument + ": no such sample (see 'heaplab samples')");
                }
                return ScenarioLoader.loadSample(name);
            }
            return TraceImport.loadAny(readablePath(argument));
        } catch (ScenarioException e) {
            throw new RunFailure(e.getMessage());
        }
    }

    /** The path of a FILE argument that names an existing, readable file. */
    static Path readablePath(String argument) throws RunFailure {
        Path path;
        try {
            path = Path.of(argument);
        } catch (InvalidPathException e) {
            throw new RunFailure(argument + ": not a valid file name");
        }
        if (!Files.exists(path)) {
            throw new RunFailure(argument + ": no such file");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new RunFailure(argument + ": not a readable file");
        }
        return path;
    }
}
