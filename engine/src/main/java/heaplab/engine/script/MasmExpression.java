package heaplab.engine.script;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;

import java.util.Locale;

/**
 * The debugger's MASM expression evaluator ({@code ? expr}, and the address arguments of {@code db}, {@code !heap}
 * ...). Numbers are hex by default ({@code 20} = 0x20); {@code 0n} decimal, {@code 0x} hex, {@code 0t} octal,
 * {@code 0y} binary, an {@code h} suffix, backticks inside numbers ({@code 00000000`00360000}). Values are unsigned
 * 64-bit. Operators, loosest first: {@code | or}, {@code ^ xor}, {@code & and}, comparisons
 * {@code = == != < > <= >=} (1 or 0), {@code << >> >>>} ({@code >>} logical, {@code >>>} arithmetic), {@code + -},
 * {@code * / % mod}; unary {@code + - ~ not hi low} and the memory readers {@code poi by wo dwo qwo}.
 * Scenario variables are symbols; {@code !name} forces a symbol. Pseudo-registers: {@code @$ptrsize},
 * {@code @$pagesize}, {@code @$peb}.
 */
public final class MasmExpression {
    private enum Kind { NUMBER, WORD, OPERATOR, END }

    private final String text;
    private final Process process;
    private int position;
    private Kind kind;
    private int start;
    private String word;
    private long number;
    private int previousStart;

    private MasmExpression(String text, Process process) {
        this.text = text;
        this.process = process;
    }

    /** Evaluates an expression against a process; throws with WinDbg's error line as the message. */
    public static long evaluate(String text, Process process) throws MasmException {
        MasmExpression expression = new MasmExpression(text, process);
        expression.advance();
        long value = expression.or();
        if (expression.kind != Kind.END) {
            throw expression.error(MasmException.Kind.EXTRA_CHARACTERS, expression.start);
        }
        return value;
    }

    private long or() throws MasmException {
        long value = xor();
        while (is("|") || is("or")) {
            advance();
            value |= xor();
        }
        return value;
    }

    private long xor() throws MasmException {
        long value = and();
        while (is("^") || is("xor")) {
            advance();
            value ^= and();
        }
        return value;
    }

    private long and() throws MasmException {
        long value = comparison();
        while (is("&") || is("and")) {
            advance();
            value &= comparison();
        }
        return value;
    }

    private long comparison() throws MasmException {
        long value = shift();
        while (kind == Kind.OPERATOR && MasmSymbols.COMPARISONS.contains(word)) {
            String operator = word;
            advance();
            int order = Long.compareUnsigned(value, shift());
            boolean result = switch (operator) {
                case "=", "==" -> order == 0;
                case "!=" -> order != 0;
                case "<" -> order < 0;
                case ">" -> order > 0;
                case "<=" -> order <= 0;
                default -> order >= 0;
            };
            value = result ? 1 : 0;
        }
        return value;
    }

    private long shift() throws MasmException {
        long value = additive();
        while (is("<<") || is(">>") || is(">>>")) {
            String operator = word;
            advance();
            long count = additive();
            value = operator.equals("<<") ? value << count : operator.equals(">>") ? value >>> count : value >> count;
        }
        return value;
    }

    private long additive() throws MasmException {
        long value = multiplicative();
        while (is("+") || is("-")) {
            boolean add = is("+");
            advance();
            long right = multiplicative();
            value = add ? value + right : value - right;
        }
        return value;
    }

    private long multiplicative() throws MasmException {
        long value = unary();
        while (is("*") || is("/") || is("%") || is("mod")) {
            boolean multiply = is("*");
            boolean divide = is("/");
            advance();
            int divisorStart = start;
            long right = unary();
            if (!multiply && right == 0) {
                throw error(MasmException.Kind.DIVIDE_BY_ZERO, divisorStart);
            }
            value = multiply ? value * right
                : divide ? Long.divideUnsigned(value, right) : Long.remainderUnsigned(value, right);
        }
        return value;
    }

    /** How deep an expression may nest; deeper is a syntax error (HeapLab's bound: WinDbg's is not recorded). */
    static final int MAX_DEPTH = 256;
    private int depth;

    private long unary() throws MasmException {
        if (depth >= MAX_DEPTH) {
            throw error(MasmException.Kind.SYNTAX, start);
        }
        depth++;
        try {
            return unaryInside();
        } finally {
            depth--;
        }
    }

    private long unaryInside() throws MasmException {
        String operator = kind == Kind.OPERATOR || kind == Kind.WORD ? word.toLowerCase(Locale.ROOT) : "";
        switch (operator) {
            case "+": advance(); return unary();
            case "-": advance(); return -unary();
            case "~": advance(); return ~unary();
            case "not": advance(); return unary() == 0 ? 1 : 0;
            case "hi": advance(); return (unary() >>> 16) & 0xFFFF;
            case "low": advance(); return unary() & 0xFFFF;
            case "poi": return read(process.arch().pointerSize());
            case "by": return read(1);
            case "wo": return read(2);
            case "dwo": return read(4);
            case "qwo": return read(8);
            default: return primary();
        }
    }

    /** A memory reader applied to the operand that follows; the error names the operand's last token on. */
    private long read(int size) throws MasmException {
        advance();
        long address = unary();
        AddressSpace memory = process.memory();
        if (!memory.isReadable(address, size)) {
            throw error(MasmException.Kind.MEMORY_ACCESS, previousStart);
        }
        return memory.read(address, size);
    }

    private long primary() throws MasmException {
        switch (kind) {
            case NUMBER:
                long value = number;
                advance();
                return value;
            case WORD:
                if (MasmSymbols.isOperatorWord(word)) {
                    throw error(MasmException.Kind.NUMERIC_EXPRESSION_MISSING, start);
                }
                if (word.startsWith("@") || word.startsWith("$")) {
                    long register = pseudoRegister(word);
                    advance();
                    return register;
                }
                long symbol = MasmSymbols.resolve(word, process, this::unresolved);
                advance();
                return symbol;
            case OPERATOR:
                if (word.equals("(")) {
                    advance();
                    long inner = or();
                    if (!is(")")) {
                        throw error(MasmException.Kind.SYNTAX, start);
                    }
                    advance();
                    return inner;
                }
                throw error(MasmException.Kind.NUMERIC_EXPRESSION_MISSING, start);
            default:
                throw error(MasmException.Kind.NUMERIC_EXPRESSION_MISSING, start);
        }
    }

    /**
     * A pseudo-register, with or without its @: {@code $ptrsize} (4 or 8), {@code $pagesize} (0x1000) and {@code $peb}.
     * The simulated program has no thread context, so a register ({@code @eax}) or another pseudo-register is WinDbg's
     * {@code Bad register error}.
     */
    private long pseudoRegister(String name) throws MasmException {
        String register = (name.startsWith("@") ? name.substring(1) : name).toLowerCase(java.util.Locale.ROOT);
        return switch (register) {
            case "$ptrsize" -> process.arch().pointerSize();
            case "$pagesize" -> AddressSpace.PAGE_SIZE;
            case "$peb" -> process.pebAddress();
            default -> throw error(MasmException.Kind.BAD_REGISTER, start);
        };
    }

    private MasmException unresolved() {
        return error(MasmException.Kind.UNRESOLVED, start);
    }

    private boolean is(String operator) {
        return (kind == Kind.OPERATOR || kind == Kind.WORD) && word.equalsIgnoreCase(operator);
    }

    private MasmException error(MasmException.Kind errorKind, int at) {
        return new MasmException(errorKind, text, at);
    }

    /** Reads the next token. */
    private void advance() throws MasmException {
        previousStart = start;
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        start = position;
        if (position >= text.length()) {
            kind = Kind.END;
            return;
        }
        char c = text.charAt(position);
        String operator = MasmSymbols.operatorAt(text, position);
        if (c >= '0' && c <= '9') {
            position = MasmSymbols.endOfWord(text, position);
            kind = Kind.NUMBER;
            number = MasmSymbols.parseNumber(text.substring(start, position),
                () -> error(MasmException.Kind.SYNTAX, start));
        } else if (operator != null) {
            position += operator.length();
            kind = Kind.OPERATOR;
            word = operator;
        } else if (MasmSymbols.isWordStart(c)) {
            position = MasmSymbols.endOfWord(text, position + 1);
            kind = Kind.WORD;
            word = text.substring(start, position);
        } else {
            throw error(MasmException.Kind.SYNTAX, start);
        }
    }
}
