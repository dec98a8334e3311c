package heaplab.engine.script;

import java.util.Set;

/**
 * Parses the commonest statements in one pass over their characters, without tokens: a call whose arguments are
 * names or plain numbers, or a single name or number, optionally assigned to a variable ({@code p7 =
 * HeapAlloc(h, 0, 0x20)}, {@code HeapFree(h, 0, p7)}, {@code x = 5}). Generated scenarios are made of little else,
 * and parsing them the general way was most of the time it took to load one.
 *
 * <p>It gives up, returning null, on anything else (other whitespace than spaces, operators, nested calls, number
 * suffixes, characters beyond ASCII) and on anything {@link ScriptParser} would reject, which then parses the
 * statement and reports any error. What it returns is what {@link ScriptParser} returns for the same text
 * (QuickStatementParserTest compares the two).
 */
final class QuickStatementParser {
    private final String text;
    private final Set<String> variables;
    private final NodePool pool;
    private int at;

    private QuickStatementParser(String text, Set<String> variables, NodePool pool) {
        this.text = text;
        this.variables = variables;
        this.pool = pool;
    }

    /** The statement, or null when {@link ScriptParser} must parse it. */
    static Statement parse(String text, Set<String> variables, NodePool pool) {
        return new QuickStatementParser(text, variables, pool).statement();
    }

    private Statement statement() {
        skipSpaces();
        int nameStart = at;
        String name = identifier();
        if (name == null) {
            return null;
        }
        skipSpaces();
        if (peek() == '=' && peekAt(at + 1) != '=') {
            Nodes.VariableRead target = assignable(name);
            if (target == null) {
                return null;
            }
            at++;
            skipSpaces();
            Node value = assignedValue();
            return value == null ? null : Statement.assignment(text, target, value);
        }
        at = nameStart;
        Node value = value();
        return value instanceof Nodes.Call && atEnd() ? Statement.expression(text, value) : null;
    }

    /** The node of a variable that may be assigned, or null for a constant, function or structure name. */
    private Nodes.VariableRead assignable(String name) {
        if (StructureType.of(variables, name) != null) {
            return null;
        }
        // A name the pool knows was assigned or read as a variable before, so it is neither.
        Nodes.VariableRead known = pool == null ? null : pool.knownVariable(name);
        if (known != null) {
            return known;
        }
        return ScriptConstants.isConstant(name) || Builtins.isFunction(name) ? null : variable(name);
    }

    /** The value of an assignment with the end of the statement: the pool's when the same text came before. */
    private Node assignedValue() {
        String valueText = pool == null ? null : text.substring(at);
        Node value = valueText == null ? null : pool.assignedValue(valueText);
        if (value == null) {
            value = value();
            if (value == null || !atEnd()) {
                return null;
            }
            if (valueText != null) {
                pool.putAssignedValue(valueText, value);
            }
        }
        return value;
    }

    /** A call, a name or a number, followed by spaces. */
    private Node value() {
        if (isDigit(peek())) {
            return number();
        }
        String name = identifier();
        if (name == null) {
            return null;
        }
        skipSpaces();
        return peek() == '(' ? call(name) : name(name);
    }

    private Node call(String name) {
        Builtin builtin = Builtins.find(name);
        if (builtin == null || builtin.arity() < 0) {
            return null; // unknown or variadic: the general parser decides
        }
        at++;
        skipSpaces();
        Node[] arguments = new Node[builtin.arity()];
        int count = 0;
        if (peek() != ')') {
            while (true) {
                Node argument = argument();
                if (argument == null || count == arguments.length) {
                    return null;
                }
                arguments[count++] = argument;
                if (peek() != ',') {
                    break;
                }
                at++;
                skipSpaces();
            }
        }
        if (peek() != ')' || count != arguments.length) {
            return null;
        }
        at++;
        skipSpaces();
        return pool == null ? new Nodes.Call(builtin, arguments) : pool.call(builtin, arguments);
    }

    /** A name or a number, followed by spaces; a call or anything more is left to the general parser. */
    private Node argument() {
        if (isDigit(peek())) {
            return number();
        }
        String name = identifier();
        if (name == null) {
            return null;
        }
        skipSpaces();
        return peek() == '(' ? null : name(name);
    }

    private Node name(String name) {
        if (peek() == '.' || peek() == '[') {
            return null;
        }
        if (variables.contains(name)) {
            return variable(name);
        }
        return ScriptConstants.isConstant(name) ? constant(ScriptConstants.value(name)) : null;
    }

    /** A decimal number (no leading zero) or 0x hex, short enough that it cannot overflow, and no suffix. */
    private Node number() {
        int start = at;
        long value = 0;
        if (peek() == '0' && (peekAt(at + 1) == 'x' || peekAt(at + 1) == 'X')) {
            at += 2;
            int digitsStart = at;
            int digit;
            while ((digit = Character.digit(peek(), 16)) >= 0 && peek() < 0x80) {
                value = value << 4 | digit;
                at++;
            }
            if (at == digitsStart || at - digitsStart > 16) {
                return null;
            }
        } else {
            while (isDigit(peek())) {
                value = value * 10 + (peek() - '0');
                at++;
            }
            if (at - start > 18 || text.charAt(start) == '0' && at - start > 1) {
                return null;
            }
        }
        if (isIdentifierPart(peek()) || peek() >= 0x80) {
            return null;
        }
        skipSpaces();
        return constant(value);
    }

    private Nodes.VariableRead variable(String name) {
        return pool == null ? new Nodes.VariableRead(name) : pool.variableRead(name);
    }

    private Node constant(long value) {
        return pool == null ? new Nodes.Constant(value) : pool.constant(value);
    }

    private String identifier() {
        int start = at;
        if (!Lexer.isIdentifierStart((char) peek())) {
            return null;
        }
        while (isIdentifierPart(peek())) {
            at++;
        }
        return peek() >= 0x80 ? null : text.substring(start, at);
    }

    /** The end of the statement, after one optional ';' as C allows. */
    private boolean atEnd() {
        if (peek() == ';') {
            at++;
            skipSpaces();
        }
        return at == text.length();
    }

    private void skipSpaces() {
        while (peek() == ' ') {
            at++;
        }
    }

    private int peek() {
        return peekAt(at);
    }

    private int peekAt(int index) {
        return index < text.length() ? text.charAt(index) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierPart(int c) {
        return c >= 0 && c < 0x80 && Lexer.isIdentifierPart((char) c);
    }
}
