package heaplab.engine.session;

import heaplab.engine.scenario.Step;
import heaplab.engine.script.Expression;
import heaplab.engine.script.NodePool;
import heaplab.engine.script.ScriptParser;
import heaplab.engine.script.ScriptSyntaxException;
import heaplab.engine.script.Statement;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each step of a scenario, in order, the form it runs in: its {@link Statement} ({@code do}), its
 * {@link Expression} ({@code expect}) or null ({@code cmd}). Steps from the loader carry theirs already; the others
 * are parsed here, a text that parsed once being reused (it parses the same at any later step: variables and
 * structure variables only accumulate, and no variable can have the name of a constant or function). The names
 * known so far are only gathered when a step needs parsing, so a loaded scenario costs no work per step.
 */
final class StepCompiler {
    private final List<Object> forms;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, Expression> expressions = new HashMap<>();
    private final NodePool pool = new NodePool();
    private Set<String> variables;

    /** @param forms the forms of the steps so far, which {@link #add} appends to */
    StepCompiler(List<Object> forms) {
        this.forms = forms;
    }

    /** Appends the form of the next step. */
    void add(Step step) throws ScriptSyntaxException {
        Object form = switch (step.kind()) {
            case DO -> step.parsed() instanceof Statement statement ? statement : parseStatement(step.text());
            case EXPECT -> step.parsed() instanceof Expression expression ? expression
                : parseExpression(step.text());
            case CMD -> null;
        };
        if (variables != null && form instanceof Statement statement) {
            assigned(variables, statement);
        }
        forms.add(form);
    }

    /** The form of a step typed in the console, with the variables the process has now. */
    static Object compileAlone(Step step, Set<String> variables) throws ScriptSyntaxException {
        return switch (step.kind()) {
            case DO -> ScriptParser.parseStatement(step.text(), variables);
            case EXPECT -> ScriptParser.parseExpression(step.text(), variables);
            case CMD -> null;
        };
    }

    private Statement parseStatement(String text) throws ScriptSyntaxException {
        Statement statement = statements.get(text);
        if (statement == null) {
            statement = ScriptParser.parseStatement(text, variablesSoFar(), pool);
            statements.put(text, statement);
        }
        return statement;
    }

    private Expression parseExpression(String text) throws ScriptSyntaxException {
        Expression expression = expressions.get(text);
        if (expression == null) {
            expression = ScriptParser.parseExpression(text, variablesSoFar(), pool);
            expressions.put(text, expression);
        }
        return expression;
    }

    /**
     * The variables assigned and the structures declared by the steps before this one (as the parsers take them);
     * gathered from their statements on first need.
     */
    private Set<String> variablesSoFar() {
        if (variables == null) {
            variables = new HashSet<>();
            for (Object form : forms) {
                if (form instanceof Statement statement) {
                    assigned(variables, statement);
                }
            }
        }
        return variables;
    }

    private static void assigned(Set<String> variables, Statement statement) {
        statement.declareIn(variables);
    }
}
