package heaplab.engine.trace;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.trace.CallTrace.Call;
import heaplab.engine.trace.CallTrace.Op;
import heaplab.engine.trace.CallTrace.Tool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the calls of a valgrind or ltrace log line by line, keeping the place of every field for messages.
 * Hand-written like {@link TraceParser} (no regular expressions): the formats are the tools' own printf strings.
 * <ul>
 *   <li>valgrind (coregrind/m_replacemalloc/vg_replace_malloc.c, each message after the {@code --PID-- } preamble of
 *       a debug message, with {@code --time-stamp=yes} a time before the pid): {@code #fnname "(%llu)"} then
 *       {@code " = %p\n"}; {@code "calloc(%llu,%llu)"}; {@code "realloc(%p,%llu)"} then {@code " = %p\n"} or
 *       {@code " = 0\n"}; {@code #fnname "(%p)\n"} for free and delete; {@code #fnname "(size %llu, al %llu)"} for
 *       the aligned operator new; {@code "memalign(al %llu, size %llu)"} (on macOS also
 *       {@code "memalign(%p, al %llu, size %llu)"}, the zone first); {@code "posix_memalign(al %llu, size
 *       %llu)\n"} and {@code "aligned_alloc(al %llu, size %llu)"} print no result. In older valgrinds the
 *       strings had no {@code \n}, so several calls share a line, and a realloc of NULL or to 0 prints its own
 *       {@code realloc(...)} followed by the malloc or free it turned into.</li>
 *   <li>ltrace (output.c): the prefix {@code "%u "} or {@code "[pid %u] "}, a time ({@code "%3lu.%06d "},
 *       {@code "%02d:%02d:%02d "}, {@code "%02d:%02d:%02d.%06d "}, {@code "%lu.%06d "}), {@code "[%p] "}, the
 *       indent, {@code "%s->"} (the caller's library), {@code "%s("}, the arguments joined by {@code ", "},
 *       {@code ") "}, spaces to the alignment column, {@code "= "} and the value ({@code <void>} for free; a NULL
 *       {@code void*} prints as {@code 0}, other NULL pointers as {@code nil}), then {@code " <%lu.%06d>"} with
 *       {@code -T}. A call interrupted by another ends with {@code " <unfinished ...>"} and ends later on a line
 *       {@code "<... %s resumed> "}.</li>
 * </ul>
 */
final class CallTraceParser extends TraceLineReader {
    private final Tool tool;

    /** ltrace calls begun on a line ending in {@code <unfinished ...>}, by process and function. */
    private final Map<String, Call> unfinished = new HashMap<>();

    CallTraceParser(String source, String text, Tool tool) {
        super(source, text);
        this.tool = tool;
    }

    /** See {@link CallTrace#detect}. */
    static Tool detect(String text) {
        CallTraceParser valgrind = new CallTraceParser("", text, Tool.VALGRIND);
        int first = valgrind.position;
        while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        if (first == text.length() || text.charAt(first) == '{') {
            return null;
        }
        CallTraceParser ltrace = new CallTraceParser("", text, Tool.LTRACE);
        List<Call> calls = new ArrayList<>(2);
        boolean valgrindSeen = false;
        while (valgrind.nextLine()) {
            try {
                if (valgrind.valgrindCalls(calls) > 0) {
                    return Tool.VALGRIND;
                }
            } catch (ScenarioException damaged) {
                // a damaged call is no evidence; the parse reports it once the file is taken as a trace
            }
            valgrindSeen |= valgrind.preambleEnd('=') >= 0 || valgrind.preambleEnd('-') >= 0;
            if (!valgrindSeen) {
                ltrace.lineNumber = valgrind.lineNumber;
                ltrace.lineStart = valgrind.lineStart;
                ltrace.lineEnd = valgrind.lineEnd;
                try {
                    if (ltrace.ltraceCalls(calls) > 0) {
                        return Tool.LTRACE;
                    }
                } catch (ScenarioException damaged) {
                    // as above
                }
            }
        }
        return null;
    }

    CallTrace parse() throws ScenarioException {
        List<Call> calls = new ArrayList<>();
        while (nextLine()) {
            heaplab.engine.Cancellation.check(lineNumber);
            if (tool == Tool.VALGRIND) {
                valgrindCalls(calls);
            } else {
                ltraceCalls(calls);
            }
        }
        return new CallTrace(source, tool, calls);
    }

    // ------------------------------------------------------------------------------------------ valgrind

    /**
     * The end of a valgrind preamble {@code [>...]ccPIDcc } ({@code c} is '-' for debug messages, '=' for the
     * tool's own), with an optional time stamp before the pid; -1 when the line does not start with one.
     */
    private int preambleEnd(char c) {
        int i = lineStart;
        while (i < lineEnd && text.charAt(i) == '>') {
            i++; // one '>' per level of valgrind running valgrind
        }
        if (!text.startsWith("" + c + c, i)) {
            return -1;
        }
        i += 2;
        int run = i;
        while (i < lineEnd && (isDigit(text.charAt(i)) || text.charAt(i) == ':' || text.charAt(i) == '.')) {
            i++;
        }
        if (i < lineEnd && text.charAt(i) == ' ' && i > run) {
            i++; // --time-stamp=yes: the elapsed time, then the pid
            run = i;
            while (i < lineEnd && isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i == run || !text.startsWith("" + c + c, i)) {
            return -1;
        }
        i += 2;
        return i < lineEnd && text.charAt(i) == ' ' ? i + 1 : -1;
    }

    /** Adds the calls of a valgrind line; returns how many. Lines without the debug preamble hold none. */
    private int valgrindCalls(List<Call> out) throws ScenarioException {
        int start = preambleEnd('-');
        if (start < 0) {
            return 0;
        }
        at = start;
        int added = 0;
        while (true) {
            int nameStart = at;
            String name = identifier();
            Op op = valgrindOp(name);
            if (op == null || at >= lineEnd || text.charAt(at) != '(') {
                if (nameStart == start) {
                    return 0; // another debug message (Reading syms, REDIR, ...)
                }
                throw error(nameStart, "unexpected '" + rest(nameStart) + "' after the call");
            }
            at++;
            long pointer = 0;
            long count = 1;
            long size = 0;
            if (op == Op.FREE) {
                pointer = pointer(name);
            } else if (op == Op.REALLOC) {
                pointer = pointer(name);
                expect(",", name);
                size = number(name, "size");
            } else if (op == Op.CALLOC) {
                count = number(name, "number of elements");
                expect(",", name);
                size = number(name, "size");
            } else if (name.endsWith("memalign") || name.equals("aligned_alloc")) {
                if (text.startsWith("0x", at)) {
                    pointer(name); // macOS: the zone's memalign prints the zone first
                    expect(", ", name);
                }
                expect("al ", name);
                number(name, "alignment");
                expect(", size ", name);
                size = number(name, "size");
            } else if (text.startsWith("size ", at)) {
                at += 5; // C++17 aligned operator new
                size = number(name, "size");
                expect(", al ", name);
                number(name, "alignment");
            } else {
                size = number(name, "size");
            }
            expect(")", name);
            boolean hasResult = op != Op.FREE && text.startsWith(" = ", at);
            long result = 0;
            if (hasResult) {
                at += 3;
                result = pointer(name);
            }
            // Without a result the address is unknown: posix_memalign and aligned_alloc print none, and an old
            // realloc of NULL or to 0 is followed on its line by the malloc or free it became.
            if (op == Op.FREE || hasResult) {
                out.add(new Call(op, pointer, count, size, result, lineNumber));
                added++;
            }
            if (at >= lineEnd) {
                return added;
            }
        }
    }

    private static Op valgrindOp(String name) {
        return switch (name) {
            case "malloc", "builtin_new", "__builtin_new", "__builtin_vec_new", "memalign", "posix_memalign",
                 "aligned_alloc", "__builtin_new_aligned", "__builtin_vec_new_aligned" -> Op.ALLOC;
            case "calloc" -> Op.CALLOC;
            case "realloc" -> Op.REALLOC;
            case "free", "cfree", "__builtin_delete", "__builtin_vec_delete", "__builtin_delete_aligned",
                 "__builtin_vec_delete_aligned" -> Op.FREE;
            default -> name.startsWith("_Znw") || name.startsWith("_Zna") ? Op.ALLOC
                : name.startsWith("_ZdlPv") || name.startsWith("_ZdaPv") ? Op.FREE : null;
        };
    }

    // ------------------------------------------------------------------------------------------ ltrace

    /** Adds the call a line of ltrace completes (0 or 1). */
    private int ltraceCalls(List<Call> out) throws ScenarioException {
        at = lineStart;
        String pid = "";
        boolean first = true;
        while (true) {
            skipSpaces();
            if (text.startsWith("[pid ", at)) {
                int digits = at + 5;
                int end = digits;
                while (end < lineEnd && isDigit(text.charAt(end))) {
                    end++;
                }
                if (end == digits || end >= lineEnd || text.charAt(end) != ']') {
                    return 0;
                }
                pid = text.substring(digits, end);
                at = end + 1;
            } else if (text.startsWith("[0x", at)) {
                int end = text.indexOf(']', at);
                if (end < 0 || end > lineEnd) {
                    return 0;
                }
                at = end + 1; // -i: the instruction pointer
            } else if (at < lineEnd && isDigit(text.charAt(at))) {
                int end = at;
                boolean plain = true;
                while (end < lineEnd && (isDigit(text.charAt(end)) || text.charAt(end) == ':'
                    || text.charAt(end) == '.')) {
                    plain &= isDigit(text.charAt(end));
                    end++;
                }
                if (end >= lineEnd || text.charAt(end) != ' ') {
                    return 0;
                }
                if (first && plain) {
                    pid = text.substring(at, end); // -f or -p with -o: the pid
                }
                at = end; // else a time stamp of -t, -tt, -ttt or -r
            } else {
                break;
            }
            first = false;
        }
        if (text.startsWith("<... ", at)) {
            return resumed(pid, out);
        }
        int callStart = at;
        while (at < lineEnd && text.charAt(at) != '(' && text.charAt(at) != ' ') {
            at++;
        }
        if (at >= lineEnd || text.charAt(at) != '(') {
            return 0;
        }
        int arrow = -1; // the caller prefix (lib.so->malloc), searched within this call's name only
        for (int k = at - 2; k >= callStart; k--) {
            if (text.charAt(k) == '-' && text.charAt(k + 1) == '>') {
                arrow = k;
                break;
            }
        }
        String name = text.substring(arrow >= 0 ? arrow + 2 : callStart, at);
        Op op = ltraceOp(name);
        if (op == null) {
            return 0;
        }
        at++;
        long pointer = 0;
        long count = 1;
        long size = 0;
        switch (op) {
            case FREE -> pointer = pointer(name);
            case REALLOC -> {
                pointer = pointer(name);
                expect(",", name);
                skipSpaces();
                size = number(name, "size");
            }
            case CALLOC -> {
                count = number(name, "number of elements");
                expect(",", name);
                skipSpaces();
                size = number(name, "size");
            }
            default -> size = number(name, "size");
        }
        Call call = new Call(op, pointer, count, size, 0, lineNumber);
        if (text.startsWith(" <unfinished ...>", at)) {
            unfinished.put(pid + " " + name, call);
            return 0;
        }
        if (text.startsWith(" <no return ...>", at)) {
            return 0;
        }
        expect(")", name);
        return result(call, name, out);
    }

    /** A line {@code <... NAME resumed> ) = VALUE}: the end of a call begun on an earlier line. */
    private int resumed(String pid, List<Call> out) throws ScenarioException {
        int nameStart = at + 5;
        int end = text.indexOf(" resumed>", nameStart);
        if (end < 0 || end > lineEnd) {
            return 0;
        }
        String name = text.substring(nameStart, end);
        if (ltraceOp(name) == null) {
            return 0;
        }
        Call call = unfinished.remove(pid + " " + name);
        if (call == null) {
            throw error(at, "'<... " + name + " resumed>' without a '" + name + "(' <unfinished ...> before it");
        }
        at = end + 9;
        skipSpaces();
        expect(")", name);
        return result(call, name, out);
    }

    /** The rest of an ltrace line after the closing parenthesis: spaces, {@code = VALUE}, an optional time. */
    private int result(Call call, String name, List<Call> out) throws ScenarioException {
        skipSpaces();
        expect("= ", name);
        long result = 0;
        if (call.op() == Op.FREE && text.startsWith("<void>", at)) {
            at += 6;
        } else {
            result = pointer(name);
        }
        if (text.startsWith(" <", at) && text.charAt(lineEnd - 1) == '>') {
            at = lineEnd; // -T: the time spent in the call
        }
        skipSpaces();
        if (at < lineEnd) {
            throw error(at, "unexpected '" + rest(at) + "' after the value " + name + " returned");
        }
        out.add(new Call(call.op(), call.pointer(), call.count(), call.size(), result, lineNumber));
        return 1;
    }

    private static Op ltraceOp(String name) {
        return switch (name) {
            case "malloc" -> Op.ALLOC;
            case "calloc" -> Op.CALLOC;
            case "realloc" -> Op.REALLOC;
            case "free" -> Op.FREE;
            default -> null;
        };
    }

    /** True when a valgrind call ({@code NAME(}) starts at offset {@code from} of the line. */
    @Override
    boolean callStartsAt(int from) {
        if (tool != Tool.VALGRIND) {
            return false;
        }
        int end = from;
        while (end < lineEnd && isWordPart(text.charAt(end)) && text.charAt(end) < 0x80) {
            end++;
        }
        return end < lineEnd && text.charAt(end) == '(' && valgrindOp(text.substring(from, end)) != null;
    }
}
