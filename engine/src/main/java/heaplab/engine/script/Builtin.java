package heaplab.engine.script;

/**
 * A function of the call language, resolved by name when a statement is parsed.
 *
 * @param name     its name as scenarios write it
 * @param arity    the number of arguments it takes; a negative arity -n means "n or more"
 * @param function what a call does
 */
record Builtin(String name, int arity, Function function) {

    /** True when a call with `count` arguments is well formed. */
    boolean accepts(int count) {
        return arity >= 0 ? count == arity : count >= -arity;
    }

    /** The body of a builtin: arguments already evaluated, in order. */
    @FunctionalInterface
    interface Function {
        long call(ScriptContext context, long[] arguments);
    }
}
