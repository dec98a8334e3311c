package heaplab.engine.script;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares equal parts between the statements of one scenario as they are parsed: one node per constant value, per
 * variable (read or assigned), per structure variable's address, per call with the same arguments, and per assigned
 * value text. A generated scenario
 * of 200,000 {@code pN = HeapAlloc(h, 0, SIZE)} steps then keeps a few thousand nodes instead of a million (most
 * of what its parsed steps would otherwise cost in memory and garbage-collection time), and parses a few hundred
 * values instead of 100,000. Shared nodes hold no state but a variable's slot cache, which is safe to share. Not
 * thread-safe: one pool per parsing pass.
 *
 * <p>Plain maps and a hand-written key rather than records and lambdas: this runs mostly before the JIT has
 * compiled anything, where a record's generated equals and hashCode are slow.
 */
public final class NodePool {
    private final Map<Long, Nodes.Constant> constants = new HashMap<>();
    private final Map<String, Nodes.VariableRead> variableReads = new HashMap<>();
    private final Map<CallKey, Nodes.Call> calls = new HashMap<>();
    private final Map<String, Node> assignedValues = new HashMap<>();
    private final Map<String, Nodes.StructureAddress> structures = new HashMap<>();

    /** A call by its function and argument nodes, compared by identity: arguments are pooled before their call. */
    private static final class CallKey {
        private final Builtin builtin;
        private final Node[] arguments;
        private final int hash;

        CallKey(Builtin builtin, Node[] arguments) {
            this.builtin = builtin;
            this.arguments = arguments;
            int h = System.identityHashCode(builtin);
            for (Node argument : arguments) {
                h = 31 * h + System.identityHashCode(argument);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof CallKey key) || key.builtin != builtin || key.arguments.length != arguments.length) {
                return false;
            }
            for (int i = 0; i < arguments.length; i++) {
                if (key.arguments[i] != arguments[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    Nodes.Constant constant(long value) {
        Long key = value;
        Nodes.Constant node = constants.get(key);
        if (node == null) {
            node = new Nodes.Constant(value);
            constants.put(key, node);
        }
        return node;
    }

    /** The node of a variable seen before (read, or assigned), or null. */
    Nodes.VariableRead knownVariable(String name) {
        return variableReads.get(name);
    }

    /** The one node of a variable, for reading it and for assigning it. */
    Nodes.VariableRead variableRead(String name) {
        Nodes.VariableRead node = variableReads.get(name);
        if (node == null) {
            node = new Nodes.VariableRead(name);
            variableReads.put(name, node);
        }
        return node;
    }

    /**
     * The value of an assignment whose text after the {@code =} was parsed before ({@code HeapAlloc(h, 0, 32)} of
     * {@code p7 = HeapAlloc(h, 0, 32)}), or null: the same text parses the same at any later step, since variables
     * only accumulate. Generated scenarios assign a few hundred values to thousands of variables.
     */
    Node assignedValue(String valueText) {
        return assignedValues.get(valueText);
    }

    void putAssignedValue(String valueText, Node value) {
        assignedValues.put(valueText, value);
    }

    /** The one {@code &s} node of a structure variable, so that equal calls on it share their node too. */
    Nodes.StructureAddress structureAddress(StructureType type, String name) {
        return structures.computeIfAbsent(type.declaration(name), key -> new Nodes.StructureAddress(type, name));
    }

    Nodes.Call call(Builtin builtin, Node[] arguments) {
        CallKey key = new CallKey(builtin, arguments);
        Nodes.Call node = calls.get(key);
        if (node == null) {
            node = new Nodes.Call(builtin, arguments);
            calls.put(key, node);
        }
        return node;
    }
}
