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
final class CallTraceParser {
    private final String source;
    private final String text;
    private final Tool tool;
    private int position;
    private int lineNumber;
    private int lineStart;
    private int lineEnd;
    private int at;

    /** ltrace calls begun on a line ending in {@code <unfinished ...>}, by process and function. */
    private final Map<String, Call> unfinished = new HashMap<>();

    CallTraceParser(String source, String text, Tool tool) {
        this.source = source;
        this.text = text;
        this.tool = tool;
        if (text.startsWith("\uFEFF")) {
            position = 1;
        } else if (text.startsWith("\u00EF\u00BB\u00BF")) {
            position = 3; // a BOM read as ISO-8859-1
        }
    }

    /** See {@link CallTrace#detect}. */
    static Tool detect(String text) {
        CallTraceParser valgrind = new CallTraceParser("", text, Tool.VALGRIND);
        int first = valgrind.position;
        if (text.startsWith("\u00EF\u00BB\u00BF", first)) {
            first += 3; // a UTF-8 byte order mark read as ISO-8859-1: a scenario saved by Notepad starts with it
        }
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

    private boolean nextLine() {
        if (position >= text.length()) {
            return false;
        }
        lineNumber++;
        lineStart = position;
        int end = position;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        lineEnd = end;
        position = end;
        if (position < text.length()) {
            position += text.charAt(position) == '\r' && position + 1 < text.length()
                && text.charAt(position + 1) == '\n' ? 2 : 1;
        }
        return true;
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

    // ------------------------------------------------------------------------------------------ fields

    private String identifier() {
        int start = at;
        while (at < lineEnd && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')
            && text.charAt(at) < 0x80) {
            at++;
        }
        return text.substring(start, at);
    }

    private void skipSpaces() {
        while (at < lineEnd && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
    }

    private void expect(String what, String name) throws ScenarioException {
        if (!text.startsWith(what, at) || at + what.length() > lineEnd) {
            throw error(at, at >= lineEnd ? "the " + name + " call ends early: '" + what.strip() + "' expected"
                : "'" + what.strip() + "' expected in the " + name + " call, not '" + field(at) + "'");
        }
        at += what.length();
    }

    /** An unsigned decimal number, or 0x hex (ltrace prints large values of unknown types so). */
    private long number(String name, String what) throws ScenarioException {
        int start = at;
        if (text.startsWith("0x", at) || text.startsWith("0X", at)) {
            return hex(name, what);
        }
        long value = 0;
        while (at < lineEnd && isDigit(text.charAt(at))) {
            int digit = text.charAt(at) - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                throw error(start, name + "'s " + what + " " + field(start) + " does not fit in 64 bits");
            }
            value = value * 10 + digit;
            at++;
        }
        if (at == start || (at < lineEnd && isWordPart(text.charAt(at)))) {
            at = start;
            throw error(start, name + "'s " + what + " must be a number, not '" + field(start) + "'");
        }
        return value;
    }

    /** A pointer: 0x hex, or NULL as {@code 0}, {@code nil}, {@code (nil)} or {@code NULL}. */
    private long pointer(String name) throws ScenarioException {
        for (String nil : new String[] {"(nil)", "nil", "NULL"}) {
            if (text.startsWith(nil, at) && (at + nil.length() >= lineEnd || !isWordPart(text.charAt(at
                + nil.length())))) {
                at += nil.length();
                return 0;
            }
        }
        if (text.startsWith("0x", at) || text.startsWith("0X", at)) {
            return hex(name, "pointer");
        }
        if (at < lineEnd && text.charAt(at) == '0' && (at + 1 >= lineEnd || !isWordPart(text.charAt(at + 1)))) {
            at++;
            return 0;
        }
        throw error(at, name + ": a pointer (0x...) expected, not '" + field(at) + "'");
    }

    private long hex(String name, String what) throws ScenarioException {
        int start = at;
        at += 2;
        int digits = at;
        long value = 0;
        while (at < lineEnd && Character.digit(text.charAt(at), 16) >= 0 && text.charAt(at) < 0x80) {
            if (at - digits == 16) {
                throw error(start, name + "'s " + what + " " + field(start) + " does not fit in 64 bits");
            }
            value = value << 4 | Character.digit(text.charAt(at), 16);
            at++;
        }
        if (at < lineEnd && isWordPart(text.charAt(at)) && tool == Tool.VALGRIND) {
            // An old valgrind writes the next call right after an address: 0x4A2D040free(...
            for (int end = at - 1; end > digits; end--) {
                if (callStartsAt(end)) {
                    at = end;
                    return Long.parseUnsignedLong(text, digits, end, 16);
                }
            }
        }
        if (at == digits || (at < lineEnd && isWordPart(text.charAt(at)))) {
            at = start;
            throw error(start, name + "'s " + what + " must be a hex number, not '" + field(start) + "'");
        }
        return value;
    }

    /** True when a valgrind call ({@code NAME(}) starts at offset {@code from} of the line. */
    private boolean callStartsAt(int from) {
        int end = from;
        while (end < lineEnd && isWordPart(text.charAt(end)) && text.charAt(end) < 0x80) {
            end++;
        }
        return end < lineEnd && text.charAt(end) == '(' && valgrindOp(text.substring(from, end)) != null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** The text from {@code from} to the next separator, for messages. */
    private String field(int from) {
        int start = from;
        while (start < lineEnd && text.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        while (end < lineEnd && " ,()".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return end == start && start < lineEnd ? text.substring(start, start + 1) : text.substring(start, end);
    }

    private String rest(int from) {
        return text.substring(from, Math.min(lineEnd, from + 40));
    }

    private ScenarioException error(int offset, String detail) {
        return new ScenarioException(source, lineNumber, offset - lineStart + 1, detail);
    }
}
