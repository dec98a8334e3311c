package heaplab.engine.trace;

import heaplab.engine.scenario.ScenarioException;

/**
 * A trace's text read line by line (CR, LF or CRLF; a byte order mark skipped) with a cursor in the current line, for
 * the trace readers: the fields a call line holds (names, numbers, pointers, expected punctuation) and messages that
 * give the place of the field that is wrong.
 */
abstract class TraceLineReader {
    final String source;
    final String text;
    /** Where the next line starts. */
    int position;
    int lineNumber;
    int lineStart;
    int lineEnd;
    /** The cursor in the current line. */
    int at;

    TraceLineReader(String source, String text) {
        this.source = source;
        this.text = text;
        if (text.startsWith("\uFEFF")) {
            position = 1;
        } else if (text.startsWith("\u00EF\u00BB\u00BF")) {
            position = 3; // a BOM read as ISO-8859-1
        }
    }

    /** True when a call starts at offset {@code from} of the line, right after a number (old valgrinds). */
    abstract boolean callStartsAt(int from);

    /** Moves to the next line (CR, LF or CRLF ends one); false at the end of the text. */
    boolean nextLine() {
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

    String identifier() {
        int start = at;
        while (at < lineEnd && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')
            && text.charAt(at) < 0x80) {
            at++;
        }
        return text.substring(start, at);
    }

    void skipSpaces() {
        while (at < lineEnd && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
    }

    void expect(String what, String name) throws ScenarioException {
        if (!text.startsWith(what, at) || at + what.length() > lineEnd) {
            throw error(at, at >= lineEnd ? "the " + name + " call ends early: '" + what.strip() + "' expected"
                : "'" + what.strip() + "' expected in the " + name + " call, not '" + field(at) + "'");
        }
        at += what.length();
    }

    /** An unsigned decimal number, or 0x hex (ltrace prints large values of unknown types so). */
    long number(String name, String what) throws ScenarioException {
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
    long pointer(String name) throws ScenarioException {
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

    long hex(String name, String what) throws ScenarioException {
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
        if (at < lineEnd && isWordPart(text.charAt(at))) {
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

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** The text from {@code from} to the next separator, for messages. */
    String field(int from) {
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

    String rest(int from) {
        return text.substring(from, Math.min(lineEnd, from + 40));
    }

    ScenarioException error(int offset, String detail) {
        return new ScenarioException(source, lineNumber, offset - lineStart + 1, detail);
    }
}
