package heaplab.engine.script;

/** The kinds of tokens of the call language; binary operators carry their C precedence (1 = ||, 10 = * / %). */
enum TokenKind {
    NUMBER, STRING, IDENTIFIER,
    PLUS("+", 9, Nodes.Operator.ADD), MINUS("-", 9, Nodes.Operator.SUBTRACT),
    STAR("*", 10, Nodes.Operator.MULTIPLY), SLASH("/", 10, Nodes.Operator.DIVIDE),
    PERCENT("%", 10, Nodes.Operator.REMAINDER),
    AMPERSAND("&", 5, Nodes.Operator.AND), PIPE("|", 3, Nodes.Operator.OR), CARET("^", 4, Nodes.Operator.XOR),
    TILDE("~"),
    SHIFT_LEFT("<<", 8, Nodes.Operator.SHIFT_LEFT), SHIFT_RIGHT(">>", 8, Nodes.Operator.SHIFT_RIGHT),
    EQUAL("==", 6, Nodes.Operator.EQUAL), NOT_EQUAL("!=", 6, Nodes.Operator.NOT_EQUAL),
    LESS("<", 7, Nodes.Operator.LESS), LESS_EQUAL("<=", 7, Nodes.Operator.LESS_EQUAL),
    GREATER(">", 7, Nodes.Operator.GREATER), GREATER_EQUAL(">=", 7, Nodes.Operator.GREATER_EQUAL),
    AND_AND("&&", 2, null), OR_OR("||", 1, null), BANG("!"),
    LEFT_PAREN("("), RIGHT_PAREN(")"), LEFT_BRACKET("["), RIGHT_BRACKET("]"), COMMA(","), ASSIGN("="),
    DOT("."), SEMICOLON(";"),
    END;

    private final String symbol;
    private final int precedence;
    private final Nodes.Operator operator;

    TokenKind() {
        this(null);
    }

    TokenKind(String symbol) {
        this(symbol, 0, null);
    }

    TokenKind(String symbol, int precedence, Nodes.Operator operator) {
        this.symbol = symbol;
        this.precedence = precedence;
        this.operator = operator;
    }

    /** The operator's spelling, or null for numbers, strings, identifiers and the end. */
    String symbol() { return symbol; }

    /** C precedence as a binary operator, 0 when the token is none. */
    int precedence() { return precedence; }

    /** The operator a binary operator token stands for (null for && and ||, which short-circuit). */
    Nodes.Operator operator() { return operator; }
}
