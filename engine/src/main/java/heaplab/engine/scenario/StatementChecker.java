package heaplab.engine.scenario;

import heaplab.engine.script.ScriptParser;
import heaplab.engine.script.ScriptSyntaxException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Parses the {@code do} and {@code expect} steps of a scenario in order, tracking the variables assigned so far. */
final class StatementChecker {
    private final Set<String> variables = new HashSet<>();
    /** Texts that parsed: they parse the same at any later step, since variables only accumulate. */
    private final Map<String, String> parsedStatements = new HashMap<>();
    private final Set<String> parsedExpressions = new HashSet<>();

    /**
     * Why a statement does not parse.
     *
     * @param index  0-based index in the statement text
     * @param detail what is wrong
     */
    record Failure(int index, String detail) {
    }

    /** Checks one step's text; returns null when it parses (or is a command, which the console checks when run). */
    Failure check(Step.Kind kind, String text) {
        try {
            if (kind == Step.Kind.DO) {
                String assigned = parsedStatements.containsKey(text) ? parsedStatements.get(text)
                    : ScriptParser.parseStatement(text, variables).assignedVariable();
                parsedStatements.put(text, assigned);
                if (assigned != null) {
                    variables.add(assigned);
                }
            } else if (kind == Step.Kind.EXPECT && !parsedExpressions.contains(text)) {
                ScriptParser.parseExpression(text, variables);
                parsedExpressions.add(text);
            }
            return null;
        } catch (ScriptSyntaxException e) {
            return new Failure(e.column() - 1, e.detail());
        }
    }
}
