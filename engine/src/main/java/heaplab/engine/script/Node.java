package heaplab.engine.script;

/** A node of a parsed expression. Evaluation is a plain virtual call: no reflection, no lookups by name. */
abstract class Node {

    abstract long evaluate(ScriptContext context);
}
