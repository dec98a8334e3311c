package heaplab.engine.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads scenario files (scenario-format.md) and the built-in samples. Every error is a {@link ScenarioException}
 * whose message is {@code file:line:column: what is wrong}: malformed JSON, unknown or duplicate fields, wrong
 * types or values, a step without exactly one of {@code do}/{@code cmd}/{@code expect}, a statement that does not
 * parse, an unknown function, constant or variable (a variable must be assigned by an earlier {@code do} step).
 * Statement errors point at the exact character inside the JSON string, escapes included. {@code cmd} steps are
 * checked by the console when they run.
 *
 * <p>The built-in samples are classpath resources {@code heaplab/samples/NAME.json}, listed one file name per line
 * in {@code heaplab/samples/index.txt} (blank lines and lines starting with {@code #} are ignored, except that a
 * {@code # Topic: NAME} line files the samples below it under a topic); a sample's name is its file name without
 * {@code .json}.
 */
public final class ScenarioLoader {
    private static final SampleCatalog SAMPLES =
        new SampleCatalog(ScenarioLoader.class.getClassLoader(), "heaplab/samples/");

    private ScenarioLoader() {
    }

    /** Loads a scenario file (UTF-8); its path as given is the source in messages. */
    public static Scenario load(Path file) throws ScenarioException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
        return load(file.toString(), bytes);
    }

    /**
     * Loads a scenario from a file's bytes (UTF-8); a byte that is not UTF-8 (a binary file, or text in another
     * encoding) is {@code file:line:column: not UTF-8 text (byte 0x..)} at its place.
     */
    public static Scenario load(String sourceName, byte[] bytes) throws ScenarioException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (decoder.decode(in, out, true).isError()) {
            throw ScenarioException.at(sourceName, out.flip(), out.limit(), String.format(
                "not UTF-8 text (byte 0x%02x): a scenario is JSON text, and a trace to import is text too",
                bytes[in.position()] & 0xFF));
        }
        decoder.flush(out);
        return load(sourceName, out.flip().toString());
    }

    /** Loads a scenario from its text; {@code sourceName} is the file name used in messages. */
    public static Scenario load(String sourceName, String jsonText) throws ScenarioException {
        if (jsonText.startsWith("\uFEFF")) {
            jsonText = jsonText.substring(1); // a UTF-8 byte order mark, as Notepad writes one: not part of the JSON
        }
        // Well-formed files, the usual case, take the quick way; anything else, errors included, the full one.
        Scenario scenario = new QuickScenarioReader(sourceName, jsonText).read();
        return scenario != null ? scenario : new ScenarioReader(sourceName, jsonText).read();
    }

    /** Loads a scenario from a stream (UTF-8), closing it. */
    public static Scenario load(String sourceName, InputStream stream) throws ScenarioException {
        try (InputStream in = stream) {
            return load(sourceName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ScenarioException(sourceName, 1, 1, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Loads a built-in sample by name ({@code coalescing} for samples/coalescing.json); its source in messages is
     * {@code sample:NAME}.
     *
     * @throws IllegalArgumentException when there is no such sample
     * @throws IllegalStateException    when the sample does not load (a bug: every sample is tested)
     */
    public static Scenario loadSample(String name) {
        return SAMPLES.load(name);
    }

    /** True when a built-in sample of that name exists. */
    public static boolean hasSample(String name) {
        return SAMPLES.names().contains(name);
    }

    /** The built-in samples, in the order of the index, each with its topic. */
    public static List<SampleInfo> samples() {
        return SAMPLES.list();
    }
}
