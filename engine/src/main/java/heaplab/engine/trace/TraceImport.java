package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a file that is either a scenario (JSON) or a trace to import, recognised by its content, not its name:
 * a malloc-lab trace starts with a line holding one number ({@link MallocLabTrace#looksLikeTrace}); a valgrind
 * {@code --trace-malloc=yes} log or ltrace output holds a well-formed allocation call ({@link CallTrace#detect});
 * anything else goes to {@link ScenarioLoader#load(String, byte[])}.
 */
public final class TraceImport {
    /** Enough of the start of a file to tell a trace from a scenario. */
    private static final int SNIFF_BYTES = 64;

    private TraceImport() {
    }

    /**
     * A scenario from a scenario file, a malloc-lab trace (converted on x86, the default architecture of a
     * scenario) or a valgrind or ltrace trace ({@link CallTraceConverter}).
     *
     * @throws ScenarioException {@code file:line:column: what} for a file that cannot be read or does not load
     */
    public static Scenario loadAny(Path file) throws ScenarioException {
        if (HeapDumpImport.isDump(file)) {
            return HeapDumpImport.load(file);
        }
        if (isTrace(file)) {
            return TraceConverter.toScenario(MallocLabTrace.read(file), Arch.X86);
        }
        String text = CallTrace.readText(file);
        CallTrace.Tool tool = CallTrace.detect(text);
        if (tool != null) {
            return CallTraceConverter.toScenario(new CallTraceParser(file.toString(), text, tool).parse());
        }
        requireJsonObject(file.toString(), text);
        return ScenarioLoader.load(file.toString(), text.getBytes(StandardCharsets.ISO_8859_1)); // the bytes read
    }

    /**
     * A file that is no trace must be a scenario, a JSON object: one whose first character is something else is
     * neither, and says so at that character (rather than as a JSON parser's complaint about its first word).
     * Empty files and JSON's own errors are the scenario loader's.
     */
    private static void requireJsonObject(String source, String latin1Text) throws ScenarioException {
        String text = latin1Text.startsWith("\u00EF\u00BB\u00BF") ? latin1Text.substring(3) : latin1Text; // a BOM
        int at = 0;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        if (at < text.length() && text.charAt(at) != '{') {
            throw ScenarioException.at(source, text, at, "neither a scenario (a JSON object) nor a trace HeapLab"
                + " recognises (a malloc-lab trace, a valgrind --trace-malloc=yes log, ltrace -e"
                + " malloc+free+realloc+calloc output, a WinDbg !heap -a dump)");
        }
    }

    /** True when the file's content starts as a malloc-lab trace does (the traces {@code bench} replays). */
    public static boolean isTrace(Path file) throws ScenarioException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
        return MallocLabTrace.looksLikeTrace(new String(start, StandardCharsets.ISO_8859_1));
    }
}
