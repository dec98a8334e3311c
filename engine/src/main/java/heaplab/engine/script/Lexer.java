package heaplab.engine.script;

import java.util.ArrayList;
import java.util.List;

/** Splits one statement of the call language into tokens. Hand-written: no regular expressions. */
final class Lexer {
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int position;

    private Lexer(String text) {
        this.text = text;
    }

    /** The tokens of the text, ending with an END token placed just after the last character. */
    static List<Token> tokenize(String text) throws ScriptSyntaxException {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() throws ScriptSyntaxException {
        while (true) {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            if (position >= text.length()) {
                tokens.add(new Token(TokenKind.END, text.length(), text.length(), 0, null));
                return;
            }
            char c = text.charAt(position);
            if (isIdentifierStart(c)) {
                identifier();
            } else if (c >= '0' && c <= '9') {
                number();
            } else if (c == '"') {
                string();
            } else if (c == '\'') {
                character();
            } else {
                operator(c);
            }
        }
    }

    static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9';
    }

    private void identifier() {
        int start = position;
        while (position < text.length() && isIdentifierPart(text.charAt(position))) {
            position++;
        }
        tokens.add(new Token(TokenKind.IDENTIFIER, start, position, 0, text.substring(start, position)));
    }

    private void number() throws ScriptSyntaxException {
        int start = position;
        int radix = 10;
        if (text.startsWith("0x", position) || text.startsWith("0X", position)) {
            radix = 16;
            position += 2;
        }
        int digitsStart = position;
        long value = 0;
        boolean overflow = false;
        while (position < text.length() && Character.digit(text.charAt(position), radix) >= 0) {
            int digit = Character.digit(text.charAt(position), radix);
            overflow |= !UnsignedNumbers.fits(value, digit, radix);
            value = value * radix + digit;
            position++;
        }
        if (position == digitsStart) {
            throw new ScriptSyntaxException(start + 1, "hexadecimal number without digits");
        }
        if (radix == 10 && text.charAt(start) == '0' && position - start > 1) {
            throw new ScriptSyntaxException(start + 1,
                "octal numbers are not supported: write '0x" + text.substring(start + 1, position) + "' or a decimal");
        }
        if (overflow) {
            throw new ScriptSyntaxException(start + 1, "number too large for 64 bits");
        }
        // C integer suffixes (u, l, ul, ull) change nothing here: every value is 64 bits.
        while (position < text.length() && "uUlL".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        if (position < text.length() && isIdentifierPart(text.charAt(position))) {
            throw new ScriptSyntaxException(start + 1, "bad number '" + text.substring(start, endOfWord()) + "'");
        }
        tokens.add(new Token(TokenKind.NUMBER, start, position, value, null));
    }

    private int endOfWord() {
        int end = position;
        while (end < text.length() && isIdentifierPart(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private void string() throws ScriptSyntaxException {
        int start = position++;
        StringBuilder decoded = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw new ScriptSyntaxException(start + 1, "unterminated string literal");
            }
            char c = text.charAt(position);
            if (c == '"') {
                position++;
                break;
            }
            decoded.append(c == '\\' ? escape() : text.charAt(position++));
        }
        tokens.add(new Token(TokenKind.STRING, start, position, 0, decoded.toString()));
    }

    private void character() throws ScriptSyntaxException {
        int start = position++;
        if (position >= text.length() || text.charAt(position) == '\'') {
            throw new ScriptSyntaxException(start + 1, "empty character literal");
        }
        char value = text.charAt(position) == '\\' ? escape() : text.charAt(position++);
        if (position >= text.length() || text.charAt(position) != '\'') {
            throw new ScriptSyntaxException(start + 1, "character literal must hold one character");
        }
        position++;
        tokens.add(new Token(TokenKind.NUMBER, start, position, value & 0xFF, null));
    }

    /** Decodes the escape sequence at the current backslash: \n \t \r \0 \\ \" \' \xNN. */
    private char escape() throws ScriptSyntaxException {
        int start = position++;
        if (position >= text.length()) {
            throw new ScriptSyntaxException(start + 1, "incomplete escape sequence");
        }
        char c = text.charAt(position++);
        switch (c) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case '0': return '\0';
            case '\\': return '\\';
            case '"': return '"';
            case '\'': return '\'';
            case 'x':
                int value = 0;
                int digits = 0;
                while (digits < 2 && position < text.length() && Character.digit(text.charAt(position), 16) >= 0) {
                    value = value * 16 + Character.digit(text.charAt(position++), 16);
                    digits++;
                }
                if (digits == 0) {
                    throw new ScriptSyntaxException(start + 1, "'\\x' needs hexadecimal digits");
                }
                return (char) value;
            default:
                throw new ScriptSyntaxException(start + 1, "unknown escape sequence '\\" + c + "'");
        }
    }

    private void operator(char c) throws ScriptSyntaxException {
        char next = position + 1 < text.length() ? text.charAt(position + 1) : '\0';
        TokenKind kind = switch (c) {
            case '+' -> TokenKind.PLUS;
            case '-' -> TokenKind.MINUS;
            case '*' -> TokenKind.STAR;
            case '/' -> TokenKind.SLASH;
            case '%' -> TokenKind.PERCENT;
            case '^' -> TokenKind.CARET;
            case '~' -> TokenKind.TILDE;
            case '(' -> TokenKind.LEFT_PAREN;
            case ')' -> TokenKind.RIGHT_PAREN;
            case '[' -> TokenKind.LEFT_BRACKET;
            case ']' -> TokenKind.RIGHT_BRACKET;
            case ',' -> TokenKind.COMMA;
            case '.' -> TokenKind.DOT;
            case ';' -> TokenKind.SEMICOLON;
            case '&' -> next == '&' ? TokenKind.AND_AND : TokenKind.AMPERSAND;
            case '|' -> next == '|' ? TokenKind.OR_OR : TokenKind.PIPE;
            case '=' -> next == '=' ? TokenKind.EQUAL : TokenKind.ASSIGN;
            case '!' -> next == '=' ? TokenKind.NOT_EQUAL : TokenKind.BANG;
            case '<' -> next == '<' ? TokenKind.SHIFT_LEFT : next == '=' ? TokenKind.LESS_EQUAL : TokenKind.LESS;
            case '>' -> next == '>' ? TokenKind.SHIFT_RIGHT
                : next == '=' ? TokenKind.GREATER_EQUAL : TokenKind.GREATER;
            default -> throw new ScriptSyntaxException(position + 1, "unexpected character '" + c + "'");
        };
        int start = position;
        position += kind.symbol().length();
        tokens.add(new Token(kind, start, position, 0, null));
    }
}
