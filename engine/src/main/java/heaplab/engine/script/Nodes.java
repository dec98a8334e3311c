package heaplab.engine.script;

import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;

/** The kinds of expression nodes. */
final class Nodes {

    /** STATUS_INTEGER_DIVIDE_BY_ZERO: what the simulated program raises for x / 0 and x % 0. */
    static final long STATUS_INTEGER_DIVIDE_BY_ZERO = 0xC0000094L;

    private Nodes() {
    }

    enum Operator { ADD, SUBTRACT, MULTIPLY, DIVIDE, REMAINDER, AND, OR, XOR, SHIFT_LEFT, SHIFT_RIGHT,
        EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL }

    enum UnaryOperator { NEGATE, NOT, COMPLEMENT }

    static final class Constant extends Node {
        final long value;

        Constant(long value) {
            this.value = value;
        }

        @Override
        long evaluate(ScriptContext context) { return value; }
    }

    /** A string literal: the address of its NUL-terminated copy in the image's .rdata. */
    static final class StringLiteral extends Node {
        private final String text;

        StringLiteral(String text) {
            this.text = text;
        }

        @Override
        long evaluate(ScriptContext context) { return context.process().internString(text); }
    }

    /**
     * A variable by name: its value as an expression, and the target of assignments to it. It keeps the variable's
     * slot as last resolved (see Process.VariableSlot), so that a pooled node, shared by every statement naming the
     * variable, finds it without a lookup by name. The slot is immutable, so sharing the node unlocked is safe.
     */
    static final class VariableRead extends Node {
        private final String name;
        private Process.VariableSlot slot;

        VariableRead(String name) {
            this.name = name;
        }

        String name() { return name; }

        @Override
        long evaluate(ScriptContext context) {
            Process process = context.process();
            Process.VariableSlot resolved = process.slot(name, slot);
            slot = resolved;
            return process.readVariable(resolved);
        }

        /** Assigns the variable (giving it a slot on first use) and returns its new value as read back. */
        long assign(ScriptContext context, long value) {
            Process process = context.process();
            Process.VariableSlot written = process.writeVariable(name, value, slot);
            slot = written;
            return process.readVariable(written);
        }
    }

    /** {@code &s}: the address of a variable's slot in the stack region. */
    static final class VariableAddress extends Node {
        private final String name;

        VariableAddress(String name) {
            this.name = name;
        }

        @Override
        long evaluate(ScriptContext context) { return context.process().variableAddress(name); }
    }

    /**
     * {@code &s} for a structure variable: its address in the stack region. The structure is created, zeroed, the
     * first time this runs (the first use of {@code &s} in a call that takes the structure declares it).
     */
    static final class StructureAddress extends Node {
        final StructureType type;
        final String name;

        StructureAddress(StructureType type, String name) {
            this.type = type;
            this.name = name;
        }

        @Override
        long evaluate(ScriptContext context) {
            return context.process().structureAddress(type.declaration(name), type.size(context.arch()));
        }
    }

    /**
     * {@code s.field} or {@code s.array[i]}: a field of a structure variable, read from (or written to) simulated
     * memory. An index outside the array reads or writes beside it, as C does.
     */
    static final class FieldRead extends Node {
        final StructureAddress structure;
        final StructureType.Field field;
        private final Node index;

        FieldRead(StructureAddress structure, StructureType.Field field) {
            this(structure, field, null);
        }

        /** @param index the element of an array field, or null */
        FieldRead(StructureAddress structure, StructureType.Field field, Node index) {
            this.structure = structure;
            this.field = field;
            this.index = index;
        }

        /** The text of the field as a statement names it: {@code e.Region.lpFirstBlock}, {@code s.lCounts[...]}. */
        String text() { return structure.name + "." + field.path() + (index == null ? "" : "[...]"); }

        private long address(ScriptContext context) {
            long element = index == null ? 0 : index.evaluate(context) * field.elementSize(context.arch());
            return structure.evaluate(context) + field.offset(context.arch()) + element;
        }

        @Override
        long evaluate(ScriptContext context) {
            long address = address(context);
            return switch (field.width()) {
                case BYTE -> context.memory().readByte(address);
                case WORD -> context.memory().readU16(address);
                case DWORD -> context.memory().readU32(address);
                case POINTER -> context.size(context.memory().readPtr(address));
            };
        }

        /** Writes the value, truncated to the field's width, and returns the field as read back. */
        long assign(ScriptContext context, long value) {
            long address = address(context);
            switch (field.width()) {
                case BYTE -> context.memory().writeByte(address, (int) value);
                case WORD -> context.memory().writeU16(address, (int) value);
                case DWORD -> context.memory().writeU32(address, value & 0xFFFF_FFFFL);
                case POINTER -> context.memory().writePtr(address, context.size(value));
            }
            return evaluate(context);
        }
    }

    static final class Unary extends Node {
        private final UnaryOperator operator;
        private final Node operand;

        Unary(UnaryOperator operator, Node operand) {
            this.operator = operator;
            this.operand = operand;
        }

        @Override
        long evaluate(ScriptContext context) {
            long value = operand.evaluate(context);
            return switch (operator) {
                case NEGATE -> -value;
                case NOT -> value == 0 ? 1 : 0;
                case COMPLEMENT -> ~value;
            };
        }
    }

    /** A binary operator on signed 64-bit values; {@code >>} is arithmetic, comparisons give 1 or 0. */
    static final class Binary extends Node {
        private final Operator operator;
        private final Node left;
        private final Node right;

        Binary(Operator operator, Node left, Node right) {
            this.operator = operator;
            this.left = left;
            this.right = right;
        }

        @Override
        long evaluate(ScriptContext context) {
            long a = left.evaluate(context);
            long b = right.evaluate(context);
            return switch (operator) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> a / nonZero(b);
                case REMAINDER -> a % nonZero(b);
                case AND -> a & b;
                case OR -> a | b;
                case XOR -> a ^ b;
                case SHIFT_LEFT -> a << b;
                case SHIFT_RIGHT -> a >> b;
                case EQUAL -> context.comparable(a) == context.comparable(b) ? 1 : 0;
                case NOT_EQUAL -> context.comparable(a) != context.comparable(b) ? 1 : 0;
                case LESS -> a < b ? 1 : 0;
                case LESS_EQUAL -> a <= b ? 1 : 0;
                case GREATER -> a > b ? 1 : 0;
                case GREATER_EQUAL -> a >= b ? 1 : 0;
            };
        }

        private static long nonZero(long divisor) {
            if (divisor == 0) {
                throw new ProcessFault(STATUS_INTEGER_DIVIDE_BY_ZERO,
                    "Integer divide-by-zero - code c0000094 (first chance)");
            }
            return divisor;
        }
    }

    /** {@code &&} and {@code ||}: the right operand runs only when needed, as in C. */
    static final class Logical extends Node {
        private final boolean and;
        private final Node left;
        private final Node right;

        Logical(boolean and, Node left, Node right) {
            this.and = and;
            this.left = left;
            this.right = right;
        }

        @Override
        long evaluate(ScriptContext context) {
            boolean first = left.evaluate(context) != 0;
            if (and != first) {
                return first ? 1 : 0;
            }
            return right.evaluate(context) != 0 ? 1 : 0;
        }
    }

    /** {@code p[i]} as a value: the byte at p + i. */
    static final class ByteRead extends Node {
        final Node base;
        final Node index;

        ByteRead(Node base, Node index) {
            this.base = base;
            this.index = index;
        }

        @Override
        long evaluate(ScriptContext context) {
            return context.memory().readByte(context.size(base.evaluate(context) + index.evaluate(context)));
        }
    }

    static final class Call extends Node {
        final Builtin builtin;
        private final Node[] arguments;

        Call(Builtin builtin, Node[] arguments) {
            this.builtin = builtin;
            this.arguments = arguments;
        }

        @Override
        long evaluate(ScriptContext context) {
            long[] values = new long[arguments.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = arguments[i].evaluate(context);
            }
            return builtin.function().call(context, values);
        }
    }
}
