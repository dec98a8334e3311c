package heaplab.engine.trace;

import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.ScenarioException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@link TraceImport} hook for WinDbg {@code !heap -a} text dumps: recognise by content, then convert. */
final class HeapDumpImport {
    /** Enough of a file for a few prompt lines and the {@code Index   Address ...} header. */
    private static final int SNIFF_BYTES = 1024;

    private HeapDumpImport() {
    }

    /** True when the file starts as a {@code !heap -a} dump ({@link HeapDump#looksLikeDump(String)}). */
    static boolean isDump(Path file) throws ScenarioException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
        return HeapDump.looksLikeDump(new String(start, StandardCharsets.ISO_8859_1));
    }

    static Scenario load(Path file) throws ScenarioException {
        return HeapDumpConverter.toScenario(HeapDump.read(file));
    }
}
