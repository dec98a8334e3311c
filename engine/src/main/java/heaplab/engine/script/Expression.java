package heaplab.engine.script;

/**
 * One parsed expression of the call language (an {@code expect} step), ready to evaluate any number of times.
 * Parse it once with {@link ScriptParser#parseExpression}.
 */
public final class Expression {
    private final String text;
    private final Node root;

    Expression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** The expression as written. */
    public String text() { return text; }

    /** Its value; a {@link heaplab.engine.process.ProcessFault} propagates. */
    public long evaluate(ScriptContext context) {
        return root.evaluate(context);
    }

    /** True when its value is not zero, as C's {@code if} reads it. */
    public boolean isTrue(ScriptContext context) {
        return root.evaluate(context) != 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
