package heaplab.engine.trace;

import heaplab.engine.scenario.ScenarioException;

import java.util.Arrays;

/**
 * Reads the text of a malloc-lab trace line by line, field by field, keeping the place of every field for messages.
 * Hand-written (no regular expressions, no {@code String.split}): a 100,000-line trace parses in a few milliseconds.
 */
final class TraceParser extends TraceLineReader {
    private static final String[] HEADER_NAMES = {"suggested heap size", "number of ids", "number of operations",
        "weight"};

    // The current line's fields: start offsets (in text) and ends.
    private final int[] fieldStart = new int[4];
    private final int[] fieldEnd = new int[4];
    private int fieldCount;

    TraceParser(String source, String text) {
        super(source, text);
    }

    @Override
    boolean callStartsAt(int from) {
        return false; // a malloc-lab line holds one operation
    }

    MallocLabTrace parse() throws ScenarioException {
        long[] header = new long[4];
        for (int i = 0; i < 4; i++) {
            if (!nextLine(true)) {
                throw error(lineNumber + 1, 1, (i == 0 ? "empty file: " : "the header ends after " + i + " line"
                    + (i == 1 ? "" : "s") + ": ") + "a malloc-lab trace starts with four lines, one number each ("
                    + String.join(", ", HEADER_NAMES) + ")");
            }
            header[i] = headerNumber(i);
        }
        if (header[1] > MallocLabTrace.MAX_IDS) {
            throw error(2, 1, "number of ids " + header[1] + " is too large (at most " + MallocLabTrace.MAX_IDS + ")");
        }
        int idCount = (int) header[1];
        long declaredOps = header[2];
        int capacity = (int) Math.min(declaredOps, 1 << 20) + 1;
        byte[] ops = new byte[capacity];
        int[] ids = new int[capacity];
        int[] sizes = new int[capacity];
        int[] lines = new int[capacity];
        boolean[] live = new boolean[capacity];
        boolean[] isLive = new boolean[idCount];
        boolean[] seen = new boolean[idCount];
        int count = 0;
        while (nextLine(false)) {
            if (count == declaredOps) {
                throw error(lineNumber, column(fieldStart[0]), "operation " + (count + 1) + " is one too many: the"
                    + " header declares " + declaredOps + " (line 3)");
            }
            if (count == ops.length) {
                int grown = (int) Math.min(declaredOps, (long) ops.length * 2);
                ops = Arrays.copyOf(ops, grown);
                ids = Arrays.copyOf(ids, grown);
                sizes = Arrays.copyOf(sizes, grown);
                lines = Arrays.copyOf(lines, grown);
                live = Arrays.copyOf(live, grown);
            }
            char op = operation();
            int id = id(op, idCount);
            int size = op == MallocLabTrace.FREE ? 0 : size();
            if (fieldCount > (op == MallocLabTrace.FREE ? 2 : 3)) {
                int extra = op == MallocLabTrace.FREE ? 2 : 3;
                throw error(lineNumber, column(fieldStart[extra]), "unexpected '" + fieldText(extra) + "' after "
                    + (op == MallocLabTrace.FREE ? "f ID" : op + " ID SIZE"));
            }
            ops[count] = (byte) op;
            ids[count] = id;
            sizes[count] = size;
            lines[count] = lineNumber;
            if (id >= 0) {
                if (op == MallocLabTrace.FREE && !seen[id]) {
                    throw error(lineNumber, column(fieldStart[1]), "block " + id + " is freed but was never"
                        + " allocated");
                }
                live[count] = isLive[id];
                isLive[id] = op != MallocLabTrace.FREE;
                seen[id] = true;
            }
            count++;
        }
        if (count != declaredOps) {
            throw error(3, 1, "the header declares " + declaredOps + " operations but the file has " + count);
        }
        return MallocLabTrace.of(source, header[0], idCount, header[3], count, ops, ids, sizes, lines, live);
    }

    // ------------------------------------------------------------------------------------------ lines and fields

    /**
     * Moves to the next line and splits it into fields (at most 4 kept; more count as a fourth). Blank lines are
     * skipped unless {@code keepBlank}. Returns false at the end of the text.
     */
    private boolean nextLine(boolean keepBlank) {
        while (nextLine()) {
            splitFields();
            if (fieldCount > 0 || keepBlank) {
                return true;
            }
        }
        return false;
    }

    private void splitFields() {
        fieldCount = 0;
        int i = lineStart;
        while (i < lineEnd) {
            while (i < lineEnd && isBlank(text.charAt(i))) {
                i++;
            }
            if (i >= lineEnd) {
                break;
            }
            int start = i;
            while (i < lineEnd && !isBlank(text.charAt(i))) {
                i++;
            }
            if (fieldCount < 4) {
                fieldStart[fieldCount] = start;
                fieldEnd[fieldCount] = i;
                fieldCount++;
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == 0x0B;
    }

    private String fieldText(int i) {
        return text.substring(fieldStart[i], fieldEnd[i]);
    }

    private int column(int offset) {
        return offset - lineStart + 1;
    }

    // ------------------------------------------------------------------------------------------ header

    private long headerNumber(int index) throws ScenarioException {
        String name = HEADER_NAMES[index];
        if (fieldCount == 0) {
            throw error(lineNumber, 1, "header line " + (index + 1) + " (" + name + ") is empty: it must be a number");
        }
        if (fieldCount > 1) {
            throw error(lineNumber, column(fieldStart[1]), "header line " + (index + 1) + " (" + name + ") must be"
                + " one number, not also '" + fieldText(1) + "'");
        }
        long value = number(0);
        if (value < 0) {
            throw error(lineNumber, column(fieldStart[0]), "header line " + (index + 1) + " (" + name + ") must be a"
                + " non-negative number, not '" + fieldText(0) + "'");
        }
        return value;
    }

    // ------------------------------------------------------------------------------------------ operations

    private char operation() throws ScenarioException {
        String op = fieldText(0);
        if (op.length() == 1 && (op.charAt(0) == MallocLabTrace.ALLOC || op.charAt(0) == MallocLabTrace.FREE
            || op.charAt(0) == MallocLabTrace.REALLOC)) {
            return op.charAt(0);
        }
        throw error(lineNumber, column(fieldStart[0]), "unknown operation '" + op + "' (a ID SIZE, f ID, r ID SIZE)");
    }

    private int id(char op, int idCount) throws ScenarioException {
        if (fieldCount < 2) {
            throw error(lineNumber, column(lineEnd), "'" + op + "' needs " + (op == MallocLabTrace.FREE ? "an id: f ID"
                : "an id and a size: " + op + " ID SIZE"));
        }
        long id = number(1);
        int column = column(fieldStart[1]);
        if (id == -1 && op == MallocLabTrace.FREE) {
            return -1;
        }
        if (id < 0) {
            throw error(lineNumber, column, "id " + fieldText(1) + " is negative (block ids are 0 to " + (idCount - 1)
                + (op == MallocLabTrace.FREE ? "; f -1 frees NULL)" : ")"));
        }
        if (id >= idCount) {
            throw error(lineNumber, column, "id " + fieldText(1) + " is out of range: the header declares " + idCount
                + " id" + (idCount == 1 ? "" : "s") + (idCount == 0 ? "" : " (0 to " + (idCount - 1) + ")"));
        }
        return (int) id;
    }

    private int size() throws ScenarioException {
        if (fieldCount < 3) {
            throw error(lineNumber, column(lineEnd), "'" + fieldText(0) + "' needs a size: " + fieldText(0)
                + " ID SIZE");
        }
        long size = number(2);
        if (size < 0) {
            throw error(lineNumber, column(fieldStart[2]), "size " + fieldText(2) + " is negative");
        }
        if (size > MallocLabTrace.MAX_SIZE) {
            throw error(lineNumber, column(fieldStart[2]), "size " + fieldText(2) + " is too large (at most "
                + MallocLabTrace.MAX_SIZE + ")");
        }
        return (int) size;
    }

    /**
     * The decimal integer in field i (an optional minus sign, then digits); Long.MAX_VALUE when it has more digits
     * than a long holds.
     */
    private long number(int i) throws ScenarioException {
        int start = fieldStart[i];
        int end = fieldEnd[i];
        int at = start;
        boolean negative = text.charAt(at) == '-';
        if (negative) {
            at++;
        }
        if (at == end) {
            throw notANumber(i, at);
        }
        long value = 0;
        for (; at < end; at++) {
            char c = text.charAt(at);
            if (c < '0' || c > '9') {
                throw notANumber(i, at);
            }
            if (value > (Long.MAX_VALUE - 9) / 10) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    private ScenarioException notANumber(int i, int at) {
        String what = lineNumber <= 4 && i == 0 ? "header line " + lineNumber + " (" + HEADER_NAMES[lineNumber - 1]
            + ")" : i == 1 ? "the id" : "the size";
        return error(lineNumber, column(at), what + " must be a decimal number, not '" + fieldText(i) + "'");
    }

    private ScenarioException error(int line, int column, String detail) {
        return new ScenarioException(source, line, column, detail);
    }
}
