package heaplab.engine.script;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * One parsed statement of the call language ({@code [name =] expression}, {@code p[i] = v} or {@code s.field = v}),
 * ready to run any
 * number of times. Parse it once with {@link ScriptParser#parseStatement}; running it does no parsing and no
 * lookups by name other than the variable's own slot.
 *
 * <p>The text {@link #execute} returns, values in hex at pointer width (8 digits on x86, 16 on x64):
 * <ul>
 *   <li>an assignment: {@code a = 0x00360688}</li>
 *   <li>a bare call: {@code HeapFree returned 0x00000001}</li>
 *   <li>a byte write {@code p[i] = v}: {@code byte at 0x00360690 = 0x41}</li>
 *   <li>a field write {@code e.lpData = NULL}: {@code e.lpData = 0x00000000} (the field as read back)</li>
 *   <li>any other bare expression: {@code = 0x00000020}</li>
 * </ul>
 * A {@link heaplab.engine.process.ProcessFault} (an access violation, a heap break) propagates out of both methods.
 */
public final class Statement {
    private static final HexFormat HEX = HexFormat.of();

    private enum Kind { ASSIGNMENT, BYTE_WRITE, FIELD_WRITE, EXPRESSION }

    private final String text;
    private final Kind kind;
    private final Nodes.VariableRead variable;
    private final Node value;
    private final Node base;
    private final Node index;
    private final Nodes.FieldRead field;
    private final List<String> declarations;

    private Statement(String text, Kind kind, Nodes.VariableRead variable, Node value, Node base, Node index,
                      Nodes.FieldRead field, List<String> declarations) {
        this.text = text;
        this.kind = kind;
        this.variable = variable;
        this.value = value;
        this.base = base;
        this.index = index;
        this.field = field;
        this.declarations = declarations;
    }

    static Statement assignment(String text, Nodes.VariableRead variable, Node value) {
        return assignment(text, variable, value, List.of());
    }

    static Statement assignment(String text, Nodes.VariableRead variable, Node value, List<String> declarations) {
        return new Statement(text, Kind.ASSIGNMENT, variable, value, null, null, null, declarations);
    }

    static Statement byteWrite(String text, Nodes.ByteRead target, Node value, List<String> declarations) {
        return new Statement(text, Kind.BYTE_WRITE, null, value, target.base, target.index, null, declarations);
    }

    static Statement fieldWrite(String text, Nodes.FieldRead target, Node value, List<String> declarations) {
        return new Statement(text, Kind.FIELD_WRITE, null, value, null, null, target, declarations);
    }

    static Statement expression(String text, Node value) {
        return expression(text, value, List.of());
    }

    static Statement expression(String text, Node value, List<String> declarations) {
        return new Statement(text, Kind.EXPRESSION, null, value, null, null, null, declarations);
    }

    /** The statement as written. */
    public String text() { return text; }

    /** The variable this statement assigns, or null. */
    public String assignedVariable() { return variable == null ? null : variable.name(); }

    /**
     * The structure variables this statement creates, as C declarations ({@code "PROCESS_HEAP_ENTRY e"} for the
     * first {@code HeapWalk(h, &e)}); empty for most statements.
     */
    public List<String> declaredStructures() { return declarations; }

    /**
     * Adds the names this statement makes known to later statements (its assigned variable and the declarations of
     * the structures it creates) to a set of names as the parsers take it.
     */
    public void declareIn(Set<String> names) {
        if (variable != null) {
            names.add(variable.name());
        }
        names.addAll(declarations);
    }

    /** True when the statement is a bare call of a function ({@code HeapFree(h, 0, a)}). */
    public boolean isCall() { return kind == Kind.EXPRESSION && value instanceof Nodes.Call; }

    /** Runs the statement without building any text (replaying steps). */
    public void run(ScriptContext context) {
        switch (kind) {
            case ASSIGNMENT -> assign(context);
            case BYTE_WRITE -> writeByte(context);
            case FIELD_WRITE -> field.assign(context, value.evaluate(context));
            case EXPRESSION -> value.evaluate(context);
        }
    }

    /** Runs the statement and returns its output line (see the class comment). */
    public String execute(ScriptContext context) {
        switch (kind) {
            case ASSIGNMENT:
                return variable.name() + " = " + hex(assign(context), context);
            case BYTE_WRITE:
                long address = writeByte(context);
                return "byte at " + hex(address, context) + " = 0x" + HEX.toHexDigits((byte) readBack(context,
                    address));
            case FIELD_WRITE:
                return field.text() + " = " + hex(field.assign(context, value.evaluate(context)), context);
            default:
                long result = value.evaluate(context);
                if (value instanceof Nodes.Call call) {
                    return call.builtin.returnsVoid() ? "" : call.builtin.name() + " returned " + hex(result, context);
                }
                return "= " + hex(result, context);
        }
    }

    private long assign(ScriptContext context) {
        long result = value.evaluate(context);
        // Variables are pointer-sized slots in the simulated stack: on x86 the value is truncated to 32 bits.
        return variable.assign(context, result);
    }

    /** Writes the low byte of the value at base + index; returns the address written. */
    private long writeByte(ScriptContext context) {
        long pointer = context.size(base.evaluate(context));
        long address = context.size(pointer + index.evaluate(context));
        long byteValue = value.evaluate(context);
        context.touch(pointer);
        context.memory().writeByte(address, (int) byteValue);
        return address;
    }

    private static int readBack(ScriptContext context, long address) {
        return context.memory().peekByte(address);
    }

    /** A value in hex at pointer width: {@code 0x00360688} on x86, {@code 0x0000000000360688} on x64. */
    static String hex(long value, ScriptContext context) {
        return context.arch().pointerSize() == 4 ? "0x" + HEX.toHexDigits((int) value) : "0x" + HEX.toHexDigits(value);
    }

    @Override
    public String toString() {
        return text;
    }
}
