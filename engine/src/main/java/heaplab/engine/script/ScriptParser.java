package heaplab.engine.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of the call language (scenario-format.md): {@code [name =] expression},
 * {@code p[i] = v} and {@code s.field = v}, expressions with C operators and C precedence, calls resolved at parse
 * time. Every name is checked here: a variable must be assigned by an earlier step (the caller passes their names),
 * a call must name a simulated function with the right number of arguments, a field must be one of its structure's.
 * Errors carry the 1-based column inside the text.
 *
 * <p>Structure variables need no declaration statement: {@code &e} as the argument of a call whose parameter takes
 * a structure ({@code HeapWalk(h, &e)}) declares {@code e} as that structure (the statement reports it in
 * {@link Statement#declaredStructures()}), and the set of names passed to the parser holds it as its C declaration,
 * {@code "PROCESS_HEAP_ENTRY e"}, from then on. Its fields read as {@code e.cbData} and {@code e.Region.lpFirstBlock},
 * and may be assigned ({@code e.lpData = NULL} restarts a walk).
 */
public final class ScriptParser {
    private final String text;
    private final List<Token> tokens;
    private final Set<String> variables;
    private final NodePool pool;
    /** Structures this statement declares, as C declarations; visible to the rest of the statement. */
    private final List<String> declared = new ArrayList<>();
    private int next;

    private ScriptParser(String text, Set<String> variables, NodePool pool) throws ScriptSyntaxException {
        this.text = text;
        this.tokens = Lexer.tokenize(text);
        this.variables = variables;
        this.pool = pool;
    }

    /**
     * Parses a statement ({@code do} step or console line).
     *
     * @param text      the statement
     * @param variables names of the variables assigned before it; the statement's own target is not among them
     */
    public static Statement parseStatement(String text, Set<String> variables) throws ScriptSyntaxException {
        return parseStatement(text, variables, null);
    }

    /**
     * Parses a statement of a scenario, sharing its constants, variable reads and calls with the statements parsed
     * before it with the same pool.
     *
     * @param pool the scenario's pool, or null to share nothing
     */
    public static Statement parseStatement(String text, Set<String> variables, NodePool pool)
        throws ScriptSyntaxException {
        Statement quick = QuickStatementParser.parse(text, variables, pool);
        return quick != null ? quick : parseStatementInFull(text, variables, pool);
    }

    /** The general parser alone, without the quick path for common statements (tests compare the two). */
    static Statement parseStatementInFull(String text, Set<String> variables, NodePool pool)
        throws ScriptSyntaxException {
        return new ScriptParser(text, variables, pool).statement();
    }

    /** Parses an expression ({@code expect} step); it may not assign. */
    public static Expression parseExpression(String text, Set<String> variables) throws ScriptSyntaxException {
        return parseExpression(text, variables, null);
    }

    /** Parses an expression of a scenario, sharing nodes through the pool (or null) as statements do. */
    public static Expression parseExpression(String text, Set<String> variables, NodePool pool)
        throws ScriptSyntaxException {
        ScriptParser parser = new ScriptParser(text, variables, pool);
        Node root = parser.expression();
        if (parser.peek().kind() == TokenKind.ASSIGN) {
            throw parser.error(parser.peek(), "'=' assigns; compare with '=='");
        }
        parser.expectEnd();
        return new Expression(text, root);
    }

    /**
     * True when a console line is meant as a statement of the call language rather than a debugger command: it
     * starts with a name followed by {@code =} (not {@code ==}) or {@code [}, with a function name followed by
     * {@code (}, or with a structure field followed by {@code =} ({@code e.lpData = NULL}).
     */
    public static boolean looksLikeStatement(String line) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(line);
        } catch (ScriptSyntaxException e) {
            return false;
        }
        if (tokens.size() < 2 || tokens.get(0).kind() != TokenKind.IDENTIFIER) {
            return false;
        }
        TokenKind second = tokens.get(1).kind();
        int at = 1;
        while (tokens.get(at).kind() == TokenKind.DOT && tokens.get(at + 1).kind() == TokenKind.IDENTIFIER) {
            at += 2;
        }
        return second == TokenKind.ASSIGN || second == TokenKind.LEFT_BRACKET
            || second == TokenKind.LEFT_PAREN && Builtins.isFunction(tokens.get(0).text())
            || at > 1 && tokens.get(at).kind() == TokenKind.ASSIGN;
    }

    private Statement statement() throws ScriptSyntaxException {
        Token first = peek();
        if (first.kind() == TokenKind.IDENTIFIER && tokens.get(next + 1).kind() == TokenKind.ASSIGN) {
            String name = first.text();
            if (ScriptConstants.isConstant(name)) {
                throw error(first, "cannot assign to the constant '" + name + "'");
            }
            if (Builtins.isFunction(name)) {
                throw error(first, "cannot assign to the function '" + name + "'");
            }
            if (structureType(name) != null) {
                throw error(first, "cannot assign to the structure '" + name + "': assign one of its fields");
            }
            next += 2;
            Node value = expression();
            expectStatementEnd();
            return Statement.assignment(text, variable(name), value, List.copyOf(declared));
        }
        Node target = expression();
        Token assign = peek();
        if (assign.kind() == TokenKind.ASSIGN) {
            if (!(target instanceof Nodes.ByteRead) && !(target instanceof Nodes.FieldRead)) {
                throw error(assign, "only a variable, p[i] or s.field can be assigned");
            }
            next++;
            Node value = expression();
            expectStatementEnd();
            return target instanceof Nodes.FieldRead field
                ? Statement.fieldWrite(text, field, value, List.copyOf(declared))
                : Statement.byteWrite(text, (Nodes.ByteRead) target, value, List.copyOf(declared));
        }
        expectStatementEnd();
        return Statement.expression(text, target, List.copyOf(declared));
    }

    /** The end of a statement; one C-style ';' may close it. */
    private void expectStatementEnd() throws ScriptSyntaxException {
        if (peek().kind() == TokenKind.SEMICOLON) {
            next++;
        }
        expectEnd();
    }

    private void expectEnd() throws ScriptSyntaxException {
        Token token = peek();
        if (token.kind() != TokenKind.END) {
            throw error(token, "unexpected " + token.describe());
        }
    }

    private Node expression() throws ScriptSyntaxException {
        return binary(1);
    }

    /**
     * Precedence climbing over the C binary operators (1 = ||, 10 = * / %). Each operator nests the tree one level
     * deeper (1+1+...+1 is evaluated recursively too), so it counts towards {@link #MAX_DEPTH} while its operands parse.
     */
    private Node binary(int minimum) throws ScriptSyntaxException {
        Node left = unary();
        int start = depth;
        try {
            while (true) {
                TokenKind kind = peek().kind();
                int precedence = kind.precedence();
                if (precedence == 0 || precedence < minimum) {
                    return left;
                }
                if (++depth >= MAX_DEPTH) {
                    throw error(peek(), "the expression nests deeper than " + MAX_DEPTH + " levels");
                }
                next++;
                Node right = binary(precedence + 1);
                left = switch (kind) {
                    case OR_OR -> new Nodes.Logical(false, left, right);
                    case AND_AND -> new Nodes.Logical(true, left, right);
                    default -> new Nodes.Binary(kind.operator(), left, right);
                };
            }
        } finally {
            depth = start;
        }
    }

    /** How deep an expression may nest (parentheses, unary operators, calls): the parser and the evaluator recurse. */
    static final int MAX_DEPTH = 256;
    private int depth;

    private Node unary() throws ScriptSyntaxException {
        if (depth >= MAX_DEPTH) {
            throw error(peek(), "the expression nests deeper than " + MAX_DEPTH + " levels");
        }
        depth++;
        try {
            return unaryInside();
        } finally {
            depth--;
        }
    }

    private Node unaryInside() throws ScriptSyntaxException {
        Token token = peek();
        switch (token.kind()) {
            case MINUS:
                next++;
                return new Nodes.Unary(Nodes.UnaryOperator.NEGATE, unary());
            case PLUS:
                next++;
                return unary();
            case BANG:
                next++;
                return new Nodes.Unary(Nodes.UnaryOperator.NOT, unary());
            case TILDE:
                next++;
                return new Nodes.Unary(Nodes.UnaryOperator.COMPLEMENT, unary());
            case AMPERSAND:
                next++;
                return addressOf();
            default:
                return postfix();
        }
    }

    private Node addressOf() throws ScriptSyntaxException {
        Token name = peek();
        if (name.kind() != TokenKind.IDENTIFIER) {
            throw error(name, "'&' takes the name of a variable");
        }
        StructureType type = structureType(name.text());
        if (type != null) {
            next++;
            return structureAddress(type, name.text());
        }
        if (!variables.contains(name.text())) {
            throw error(name, "'&" + name.text() + "': '" + name.text() + "' is not a variable assigned by an "
                + "earlier step");
        }
        next++;
        return new Nodes.VariableAddress(name.text());
    }

    private Node postfix() throws ScriptSyntaxException {
        Node node = primary();
        while (peek().kind() == TokenKind.LEFT_BRACKET) {
            next++;
            Node index = expression();
            expect(TokenKind.RIGHT_BRACKET);
            node = new Nodes.ByteRead(node, index);
        }
        return node;
    }

    private Node primary() throws ScriptSyntaxException {
        Token token = peek();
        switch (token.kind()) {
            case NUMBER:
                next++;
                return constant(token.number());
            case STRING:
                next++;
                return new Nodes.StringLiteral(token.text());
            case LEFT_PAREN:
                next++;
                Node inner = expression();
                expect(TokenKind.RIGHT_PAREN);
                return inner;
            case IDENTIFIER:
                next++;
                return peek().kind() == TokenKind.LEFT_PAREN ? call(token) : name(token);
            default:
                throw error(token, "expected an expression, found " + token.describe());
        }
    }

    private Node name(Token token) throws ScriptSyntaxException {
        String name = token.text();
        if (peek().kind() == TokenKind.DOT) {
            return field(token);
        }
        if (variables.contains(name)) {
            return variable(name);
        }
        if (structureType(name) != null) {
            throw error(token, "'" + name + "' is a structure: read one of its fields (" + name + ".cbData) or pass "
                + "its address (&" + name + ")");
        }
        if (ScriptConstants.isConstant(name)) {
            return constant(ScriptConstants.value(name));
        }
        if (Builtins.isFunction(name)) {
            throw error(token, "'" + name + "' is a function: call it as " + name + "(...)");
        }
        throw error(token, "unknown constant or variable '" + name + "'");
    }

    /** {@code s.field} or {@code s.Group.field}: the structure's name was read, a '.' follows. */
    private Node field(Token structure) throws ScriptSyntaxException {
        String name = structure.text();
        StructureType type = structureType(name);
        if (type == null) {
            throw error(structure, "'" + name + "' is not a structure variable: a structure is created by its first "
                + "use as &" + name + " in a call that takes one, as HeapWalk(h, &" + name + ")");
        }
        String path = null;
        while (accept(TokenKind.DOT)) {
            Token part = peek();
            if (part.kind() != TokenKind.IDENTIFIER) {
                throw error(part, "expected a field name after '.', found " + part.describe());
            }
            next++;
            path = path == null ? part.text() : path + "." + part.text();
            StructureType.Field field = type.field(path);
            if (field != null) {
                if (peek().kind() == TokenKind.DOT) {
                    throw error(peek(), "'" + name + "." + path + "' has no fields");
                }
                if (!field.isArray()) {
                    return new Nodes.FieldRead(structureAddress(type, name), field);
                }
                if (!accept(TokenKind.LEFT_BRACKET)) {
                    throw error(peek(), "'" + name + "." + path + "' is an array of " + field.count()
                        + ": read one element, as " + name + "." + path + "[1]");
                }
                Node index = expression();
                expect(TokenKind.RIGHT_BRACKET);
                return new Nodes.FieldRead(structureAddress(type, name), field, index);
            }
            if (!type.hasGroup(path)) {
                throw error(part, type.name() + " has no field '" + path + "' (its fields: " + type.fieldList()
                    + ")");
            }
            if (peek().kind() != TokenKind.DOT) {
                throw error(part, "'" + name + "." + path + "' is a union member: read one of its fields, as "
                    + name + "." + type.firstFieldOf(path));
            }
        }
        throw new IllegalStateException("unreachable: a '.' follows the structure's name");
    }

    /** The type of a structure variable known here (declared before, or earlier in this statement), or null. */
    private StructureType structureType(String name) {
        StructureType known = StructureType.of(variables, name);
        if (known != null) {
            return known;
        }
        for (StructureType type : StructureType.values()) {
            if (declared.contains(type.declaration(name))) {
                return type;
            }
        }
        return null;
    }

    /**
     * The argument for a parameter that takes a structure: {@code &e} alone declares {@code e} there on first use
     * (scenario-format.md); anything else is an ordinary expression (a pointer the program holds).
     */
    private Node structureArgument(StructureType type) throws ScriptSyntaxException {
        if (peek().kind() != TokenKind.AMPERSAND || tokens.get(next + 1).kind() != TokenKind.IDENTIFIER) {
            return expression();
        }
        Token name = tokens.get(next + 1);
        TokenKind after = tokens.get(next + 2).kind();
        if (after != TokenKind.COMMA && after != TokenKind.RIGHT_PAREN) {
            return expression();
        }
        String text = name.text();
        StructureType known = structureType(text);
        if (known == null) {
            if (variables.contains(text)) {
                throw error(name, "'" + text + "' is a variable, not a " + type.name() + " structure");
            }
            if (ScriptConstants.isConstant(text) || Builtins.isFunction(text)) {
                throw error(name, "'" + text + "' is a constant or function, not a structure variable");
            }
            declared.add(type.declaration(text));
        } else if (known != type) {
            throw error(name, "'" + text + "' is a " + known.name() + ", not a " + type.name());
        }
        next += 2;
        return structureAddress(type, text);
    }

    private Node call(Token name) throws ScriptSyntaxException {
        Builtin builtin = Builtins.find(name.text());
        if (builtin == null) {
            throw error(name, Builtins.isNotSimulatedYet(name.text())
                ? "'" + name.text() + "' is not simulated yet" : "unknown function '" + name.text() + "'");
        }
        next++;
        List<Node> arguments = new ArrayList<>();
        if (peek().kind() != TokenKind.RIGHT_PAREN) {
            do {
                StructureType structure = builtin.structureAt(arguments.size());
                arguments.add(structure == null ? expression() : structureArgument(structure));
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.RIGHT_PAREN);
        if (!builtin.accepts(arguments.size())) {
            throw error(name, builtin.name() + " takes " + (builtin.arity() < 0
                ? "at least " + arguments(-builtin.arity()) : arguments(builtin.arity())));
        }
        Node[] values = arguments.toArray(new Node[0]);
        return pool == null ? new Nodes.Call(builtin, values) : pool.call(builtin, values);
    }

    private Nodes.StructureAddress structureAddress(StructureType type, String name) {
        return pool == null ? new Nodes.StructureAddress(type, name) : pool.structureAddress(type, name);
    }

    private Nodes.VariableRead variable(String name) {
        return pool == null ? new Nodes.VariableRead(name) : pool.variableRead(name);
    }

    private Node constant(long value) {
        return pool == null ? new Nodes.Constant(value) : pool.constant(value);
    }

    private static String arguments(int count) {
        return count == 0 ? "no arguments" : count == 1 ? "1 argument" : count + " arguments";
    }

    private Token peek() {
        return tokens.get(next);
    }

    private boolean accept(TokenKind kind) {
        if (peek().kind() == kind) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(TokenKind kind) throws ScriptSyntaxException {
        Token token = peek();
        if (token.kind() != kind) {
            throw error(token, "expected '" + kind.symbol() + "', found " + token.describe());
        }
        next++;
    }

    private ScriptSyntaxException error(Token token, String detail) {
        return new ScriptSyntaxException(token.column(), detail);
    }
}
