package heaplab.engine.script;

/**
 * One token.
 *
 * @param kind   what it is
 * @param start  0-based index of its first character in the statement text
 * @param end    0-based index just after its last character
 * @param number the value of a NUMBER token (integers and character literals)
 * @param text   the name of an IDENTIFIER, the decoded text of a STRING, else null
 */
record Token(TokenKind kind, int start, int end, long number, String text) {

    /** 1-based column of the token, as errors report it. */
    int column() { return start + 1; }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case END -> "end of statement";
            case IDENTIFIER -> "'" + text + "'";
            case STRING -> "string literal";
            case NUMBER -> "number";
            default -> "'" + kind.symbol() + "'";
        };
    }
}
