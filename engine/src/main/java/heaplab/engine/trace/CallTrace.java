package heaplab.engine.trace;

import heaplab.engine.scenario.ScenarioException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The allocation calls of a Linux program as a tracer logged them, parsed and checked; immutable. Two tools are read:
 * <ul>
 *   <li>valgrind {@code --trace-malloc=yes}: lines {@code --PID-- malloc(32) = 0x4A2D040},
 *       {@code --PID-- calloc(4,16) = 0x...}, {@code --PID-- realloc(0x...,64) = 0x...}, {@code --PID-- free(0x...)},
 *       the C++ operators ({@code _Znwm(32) = 0x...}, {@code _ZdlPv(0x...)}, {@code _ZnwmSt11align_val_t(size 32,
 *       al 64) = 0x...}), {@code memalign(al 16, size 64) = 0x...}, mixed with the tool's other lines and the
 *       program's output, which are ignored;</li>
 *   <li>ltrace {@code -e malloc+free+realloc+calloc}: lines {@code malloc(32) = 0x55d0c3a012a0},
 *       {@code free(0x55d0c3a012a0) = <void>}, with the optional prefixes of {@code -f} / {@code -p} (a pid or
 *       {@code [pid N]}), {@code -t}, {@code -tt}, {@code -ttt}, {@code -r} (times), {@code -i} ({@code [0x...]}),
 *       the caller's library ({@code libc.so.6->malloc(...)}), {@code <unfinished ...>} /
 *       {@code <... malloc resumed>} pairs and the {@code -T} time after the result; {@code +++ exited ...} and
 *       {@code --- SIGSEGV ...} lines are ignored.</li>
 * </ul>
 * A call line that does not parse is an error {@code file:line:column: what}; every other line is ignored. A text with
 * no call at all is not a trace ({@link #detect} says null).
 */
public final class CallTrace {
    /** The tool that wrote a trace. */
    public enum Tool {
        VALGRIND("a valgrind --trace-malloc=yes log"),
        LTRACE("ltrace output");

        private final String description;

        Tool(String description) {
            this.description = description;
        }

        /** How a summary names such a file. */
        public String description() { return description; }
    }

    /** What a call does to the heap. */
    public enum Op {
        /** malloc, operator new, memalign and the like: {@code size} bytes. */
        ALLOC,
        /** calloc: {@code count * size} bytes, zeroed. */
        CALLOC,
        /** realloc of {@code pointer} to {@code size} bytes. */
        REALLOC,
        /** free, operator delete: {@code pointer}. */
        FREE
    }

    /**
     * One call, as logged.
     *
     * @param op      what it does
     * @param pointer the block passed in (realloc, free); 0 for NULL
     * @param count   calloc's number of elements; 1 otherwise
     * @param size    the size asked for (calloc: of one element); 0 for free
     * @param result  the address returned (0 for NULL, and for free)
     * @param line    1-based line in the file (of the result, for an ltrace call resumed on a later line)
     */
    public record Call(Op op, long pointer, long count, long size, long result, int line) {
    }

    private final String source;
    private final Tool tool;
    private final List<Call> calls;

    CallTrace(String source, Tool tool, List<Call> calls) {
        this.source = source;
        this.tool = tool;
        this.calls = List.copyOf(calls);
    }

    /** Reads and parses a trace file; its path as given is the source in messages. */
    public static CallTrace read(Path file) throws ScenarioException {
        return parse(file.toString(), readText(file));
    }

    /**
     * Parses the text of a trace; {@code source} names it in messages.
     *
     * @throws ScenarioException {@code source:line:column: what} for a damaged call line, or at 1:1 for a text that
     *                           holds no call
     */
    public static CallTrace parse(String source, String text) throws ScenarioException {
        Tool tool = detect(text);
        if (tool == null) {
            throw new ScenarioException(source, 1, 1, "not a valgrind or ltrace trace: no malloc, calloc, realloc or"
                + " free call in it");
        }
        return new CallTraceParser(source, text, tool).parse();
    }

    /**
     * The tool that wrote a text, or null when the text is not such a trace: a JSON text (its first non-blank
     * character is '{') never is; otherwise the first well-formed call decides, a valgrind call once a line of valgrind
     * (its {@code ==PID==} header or a {@code --PID--} line) was seen, else an ltrace call.
     */
    public static Tool detect(String text) {
        return CallTraceParser.detect(text);
    }

    /** The whole file as ISO-8859-1 (every byte one character, as the malloc-lab reader does). */
    static String readText(Path file) throws ScenarioException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
    }

    /** The file it came from, as given; used in messages. */
    public String source() { return source; }

    /** The file name without its folder. */
    public String name() {
        return source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    }

    public Tool tool() { return tool; }

    /** The calls in the order they returned. */
    public List<Call> calls() { return calls; }
}
