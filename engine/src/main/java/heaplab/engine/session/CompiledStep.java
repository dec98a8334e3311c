package heaplab.engine.session;

import heaplab.engine.console.Console;
import heaplab.engine.scenario.Step;
import heaplab.engine.script.Expression;
import heaplab.engine.script.ScriptParser;
import heaplab.engine.script.ScriptSyntaxException;
import heaplab.engine.script.Statement;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A step with its statement or expression parsed once, ready to run any number of times. */
final class CompiledStep {
    final Step step;
    final Statement statement;
    final Expression expression;
    /** A command that changes the process ({@code .dvalloc}); read-only commands need not run when replaying. */
    final boolean changesState;

    private CompiledStep(Step step, Statement statement, Expression expression) {
        this.step = step;
        this.statement = statement;
        this.expression = expression;
        this.changesState = step.kind() == Step.Kind.CMD && Console.changesState(step.text());
    }

    /**
     * Parsed statements and expressions by text, for one pass over a scenario's steps in order. A text that parsed
     * once parses to the same tree at any later step: variables only accumulate, and no variable can have the name
     * of a constant or function. Failures are not kept (the variable may be assigned later).
     */
    static final class Cache {
        private final Map<String, Statement> statements = new HashMap<>();
        private final Map<String, Expression> expressions = new HashMap<>();
    }

    /**
     * Parses a step; a {@code do} step that assigns adds its variable to {@code variables}.
     *
     * @param variables the variables assigned by the steps before it
     * @param cache     texts already parsed in this pass, or null
     */
    static CompiledStep compile(Step step, Set<String> variables, Cache cache) throws ScriptSyntaxException {
        switch (step.kind()) {
            case DO:
                // The loader parsed it already with the same variables in scope (steps run in file order).
                Statement statement = step.parsed() instanceof Statement s ? s
                    : cache == null ? null : cache.statements.get(step.text());
                if (statement == null) {
                    statement = ScriptParser.parseStatement(step.text(), variables);
                    if (cache != null) {
                        cache.statements.put(step.text(), statement);
                    }
                }
                if (statement.assignedVariable() != null) {
                    variables.add(statement.assignedVariable());
                }
                return new CompiledStep(step, statement, null);
            case EXPECT:
                Expression expression = step.parsed() instanceof Expression x ? x
                    : cache == null ? null : cache.expressions.get(step.text());
                if (expression == null) {
                    expression = ScriptParser.parseExpression(step.text(), variables);
                    if (cache != null) {
                        cache.expressions.put(step.text(), expression);
                    }
                }
                return new CompiledStep(step, null, expression);
            default:
                return new CompiledStep(step, null, null);
        }
    }
}
