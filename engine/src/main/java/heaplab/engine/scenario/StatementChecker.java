package heaplab.engine.scenario;

import heaplab.engine.script.Expression;
import heaplab.engine.script.NodePool;
import heaplab.engine.script.ScriptParser;
import heaplab.engine.script.Statement;
import heaplab.engine.script.ScriptSyntaxException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Parses the {@code do} and {@code expect} steps of a scenario in order, tracking the variables assigned and the
 * structure variables declared so far.
 */
final class StatementChecker {
    private final Set<String> variables = new HashSet<>();
    /** Texts that parsed: they parse the same at any later step, since variables only accumulate. */
    private final Map<String, Statement> parsedStatements = new HashMap<>();
    private final Map<String, Expression> parsedExpressions = new HashMap<>();
    private final NodePool pool = new NodePool();
    private Object lastParsed;

    /**
     * Why a statement does not parse.
     *
     * @param index  0-based index in the statement text
     * @param detail what is wrong
     */
    record Failure(int index, String detail) {
    }

    /** The statement or expression the last successful check parsed (null for commands). */
    Object lastParsed() { return lastParsed; }

    /** Checks one step's text; returns null when it parses (or is a command, which the console checks when run). */
    Failure check(Step.Kind kind, String text) {
        try {
            lastParsed = null;
            if (kind == Step.Kind.DO) {
                Statement statement = parsedStatements.get(text);
                if (statement == null) {
                    statement = parseStatement(text);
                    parsedStatements.put(text, statement);
                }
                lastParsed = statement;
            } else if (kind == Step.Kind.EXPECT) {
                Expression expression = parsedExpressions.get(text);
                if (expression == null) {
                    expression = ScriptParser.parseExpression(text, variables, pool);
                    parsedExpressions.put(text, expression);
                }
                lastParsed = expression;
            }
            return null;
        } catch (ScriptSyntaxException e) {
            return new Failure(e.column() - 1, e.detail());
        }
    }

    /**
     * Parses a {@code do} or {@code expect} text that did not parse before (the caller keeps its own cache of what
     * did: a text parses the same at any later step); an assignment's variable is known from then on.
     *
     * @throws ScriptSyntaxException when it does not parse at this step
     */
    Object parseNew(Step.Kind kind, String text) throws ScriptSyntaxException {
        return kind == Step.Kind.DO ? parseStatement(text) : ScriptParser.parseExpression(text, variables, pool);
    }

    private Statement parseStatement(String text) throws ScriptSyntaxException {
        Statement statement = ScriptParser.parseStatement(text, variables, pool);
        statement.declareIn(variables);
        return statement;
    }
}
