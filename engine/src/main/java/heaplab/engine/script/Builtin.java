package heaplab.engine.script;

/**
 * A function of the call language, resolved by name when a statement is parsed.
 *
 * @param name               its name as scenarios write it
 * @param arity              the number of arguments it takes; a negative arity -n means "n or more"
 * @param function           what a call does
 * @param structureParameter the index of the parameter that points to a structure, -1 when none
 * @param structureType      the structure that parameter takes ({@code &e} there declares {@code e} on first use)
 */
record Builtin(String name, int arity, Function function, int structureParameter, StructureType structureType) {

    Builtin(String name, int arity, Function function) {
        this(name, arity, function, -1, null);
    }

    /** The structure the parameter at `index` takes, or null. */
    StructureType structureAt(int index) {
        return index == structureParameter ? structureType : null;
    }

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
