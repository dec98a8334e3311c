package heaplab.engine.script;

import java.util.Map;

/**
 * A function of the call language, resolved by name when a statement is parsed.
 *
 * @param name       its name as scenarios write it
 * @param arity      the number of arguments it takes; a negative arity -n means "n or more"
 * @param function   what a call does
 * @param structures the parameters that point to a structure, by index, with the structure each takes
 *                   ({@code &e} there declares {@code e} on first use); empty when none
 * @param returnsVoid true for a C function returning void ({@code free}): a bare call of it prints no value
 */
record Builtin(String name, int arity, Function function, Map<Integer, StructureType> structures,
               boolean returnsVoid) {

    Builtin {
        structures = Map.copyOf(structures);
    }

    Builtin(String name, int arity, Function function) {
        this(name, arity, function, Map.of(), false);
    }

    Builtin(String name, int arity, Function function, Map<Integer, StructureType> structures) {
        this(name, arity, function, structures, false);
    }

    /** The same function, returning void. */
    Builtin asVoid() {
        return new Builtin(name, arity, function, structures, true);
    }

    /** The structure the parameter at `index` takes, or null. */
    StructureType structureAt(int index) {
        return structures.get(index);
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
