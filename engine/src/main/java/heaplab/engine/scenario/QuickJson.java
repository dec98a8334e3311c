package heaplab.engine.scenario;

import java.util.List;

/**
 * The JSON tokens the quick reader takes, read from an array of the text's characters, with the line and column
 * Jackson would give. Strict: strings without escapes or control characters, the literals true and false, the
 * number 1. Anything else throws {@link #GIVE_UP}, which is no error, only the sign to leave the file to the full
 * reader.
 */
final class QuickJson {
    /** Not an error: the signal to leave the file to the full reader. */
    static final class GiveUp extends RuntimeException {
        private GiveUp() {
            super(null, null, false, false);
        }
    }

    /** The one GiveUp, preallocated and without a stack trace: giving up costs nothing. */
    static final GiveUp GIVE_UP = new GiveUp();

    /**
     * The text as an array: before the JIT has compiled the reader, indexing an array costs much less than
     * String.charAt, and most of a long file is read before it has.
     */
    private final char[] json;
    private int at;
    private int line = 1;
    private int lineStart;

    QuickJson(String text) {
        this.json = text.toCharArray();
    }

    /** The line of the next character. */
    int line() { return line; }

    /** The 1-based column of the next character, as Jackson counts columns. */
    int column() { return at - lineStart + 1; }

    boolean atEnd() { return at == json.length; }

    /** JSON whitespace; a line ends at \n, \r\n or a lone \r, as Jackson counts lines. */
    void skipWhitespace() {
        int length = json.length;
        while (at < length) {
            char c = json[at];
            if (c == ' ' || c == '\t') {
                at++;
            } else if (c == '\n' || c == '\r') {
                at++;
                if (c == '\r' && at < length && json[at] == '\n') {
                    at++;
                }
                line++;
                lineStart = at;
            } else {
                return;
            }
        }
    }

    /** The next character, or -1 at the end. */
    int peek() {
        return peekAt(at);
    }

    void expect(char c) {
        if (peek() != c) {
            throw GIVE_UP;
        }
        at++;
    }

    boolean accept(char c) {
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    /** A field name, as its index in the list; a name not in it gives up. */
    int name(List<String> names) {
        int start = at + 1;
        int end = endOfString();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.length() == end - start && startsWith(name, start)) {
                return i;
            }
        }
        throw GIVE_UP;
    }

    String string() {
        int start = at + 1;
        int end = endOfString();
        return new String(json, start, end - start);
    }

    /** A step's text, as an entry of the table of texts: the String of the same text seen before, if any. */
    int text(StepTextTable texts, Step.Kind kind) {
        expect('"');
        int start = at;
        int length = json.length;
        int hash = 0;
        while (true) {
            if (at >= length) {
                throw GIVE_UP;
            }
            char c = json[at];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                return escapedText(texts, kind, start);
            }
            if (c < 0x20) {
                throw GIVE_UP;
            }
            hash = 31 * hash + c;
            at++;
        }
        at++;
        return texts.entry(json, start, at - 1, hash, kind);
    }

    /**
     * The rest of {@link #text} for a text with escapes: only {@code \"} and {@code \\} (a string literal inside a
     * statement) are handled; any other escape gives up.
     */
    private int escapedText(StepTextTable texts, Step.Kind kind, int start) {
        StringBuilder text = new StringBuilder().append(json, start, at - start);
        while (true) {
            if (at >= json.length) {
                throw GIVE_UP;
            }
            char c = json[at++];
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw GIVE_UP;
            }
            if (c == '\\') {
                char next = at < json.length ? json[at++] : 0;
                if (next != '"' && next != '\\') {
                    throw GIVE_UP;
                }
                c = next;
            }
            text.append(c);
        }
        char[] chars = text.toString().toCharArray();
        int hash = 0;
        for (char c : chars) {
            hash = 31 * hash + c;
        }
        return texts.entry(chars, 0, chars.length, hash, kind);
    }

    boolean bool() {
        if (startsWith("true", at) && !isLetter(peekAt(at + 4))) {
            at += 4;
            return true;
        }
        if (startsWith("false", at) && !isLetter(peekAt(at + 5))) {
            at += 5;
            return false;
        }
        throw GIVE_UP;
    }

    /** The number 1, exactly (not 1.0, 10 or 1e0). */
    void one() {
        if (peek() != '1' || isNumberPart(peekAt(at + 1))) {
            throw GIVE_UP;
        }
        at++;
    }

    /** Moves past a string with no escapes and no control characters; returns the index of its closing quote. */
    private int endOfString() {
        expect('"');
        int length = json.length;
        while (true) {
            if (at >= length) {
                throw GIVE_UP;
            }
            char c = json[at];
            if (c == '"') {
                return at++;
            }
            if (c == '\\' || c < 0x20) {
                throw GIVE_UP;
            }
            at++;
        }
    }

    private int peekAt(int index) {
        return index < json.length ? json[index] : -1;
    }

    private boolean startsWith(String word, int index) {
        if (index + word.length() > json.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (json[index + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumberPart(int c) {
        return c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E';
    }

    private static boolean isLetter(int c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
