package heaplab.engine.trace;

import heaplab.engine.scenario.ScenarioException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * A CS:APP malloc-lab trace (a {@code .rep} file), parsed and checked; immutable.
 *
 * <p>Format: four header lines, each one non-negative integer (suggested heap size, number of block ids, number of
 * operations, weight), then one operation a line: {@code a ID SIZE} allocates, {@code f ID} frees ({@code f -1}
 * frees NULL), {@code r ID SIZE} reallocates. Ids name blocks, not addresses, and are reused after a free. Lines end
 * with LF, CRLF or CR; blank lines and spaces or tabs around the fields are allowed (the C driver reads the file
 * with {@code fscanf}).
 *
 * <p>Every error is a {@link ScenarioException} {@code file:line:column: what}: a header line that is not a number,
 * a header with fewer than four lines, an unknown operation, a missing or extra field, an id or size that is not a
 * number, more than {@link #MAX_IDS} ids, a negative id (other than {@code f -1}), an id not below the header's
 * number of ids, a size above 2147483647 (the driver's {@code int}), a free of an id that was never allocated, and an
 * operation count that differs from the header's.
 *
 * <p>Each operation also records whether its id named a live block just before it (allocated or reallocated and
 * not freed since): a {@code r} of an id that is not live is {@code realloc(NULL, n)}, an allocation; a {@code f}
 * of an id that is not live is a double free.
 */
public final class MallocLabTrace {
    /** Operation codes, as in the file. */
    public static final char ALLOC = 'a';
    public static final char FREE = 'f';
    public static final char REALLOC = 'r';

    /** The most block ids a trace may declare: a table of that many pointers is allocated up front. */
    public static final int MAX_IDS = 1 << 24;

    /** The largest size the C driver can read (an {@code int}). */
    public static final int MAX_SIZE = Integer.MAX_VALUE;

    /**
     * One operation.
     *
     * @param op   {@link #ALLOC}, {@link #FREE} or {@link #REALLOC}
     * @param id   the block id; -1 only for {@code f -1}
     * @param size the size of {@code a} and {@code r}; 0 for {@code f}
     * @param line 1-based line in the file
     * @param live the id named a live block just before this operation
     */
    public record Op(char op, int id, int size, int line, boolean live) {
    }

    private final String source;
    private final long suggestedHeapSize;
    private final int idCount;
    private final long weight;
    private final byte[] ops;
    private final int[] ids;
    private final int[] sizes;
    private final int[] lines;
    private final boolean[] live;

    private MallocLabTrace(String source, long suggestedHeapSize, int idCount, long weight, byte[] ops, int[] ids,
                           int[] sizes, int[] lines, boolean[] live) {
        this.source = source;
        this.suggestedHeapSize = suggestedHeapSize;
        this.idCount = idCount;
        this.weight = weight;
        this.ops = ops;
        this.ids = ids;
        this.sizes = sizes;
        this.lines = lines;
        this.live = live;
    }

    /** Reads and parses a trace file; its path as given is the source in messages. */
    public static MallocLabTrace read(Path file) throws ScenarioException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
        return parse(file.toString(), new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /** Parses the text of a trace; {@code source} names it in messages. */
    public static MallocLabTrace parse(String source, String text) throws ScenarioException {
        return new TraceParser(source, text).parse();
    }

    /**
     * True when a text looks like a malloc-lab trace rather than a scenario: its first line (after a UTF-8 byte order
     * mark) is a number alone. The rest is checked by {@link #parse}, with precise errors.
     */
    public static boolean looksLikeTrace(CharSequence text) {
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1;
        } else if (n >= 3 && text.charAt(0) == 0xEF && text.charAt(1) == 0xBB && text.charAt(2) == 0xBF) {
            i = 3; // a BOM read as ISO-8859-1
        }
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        int digits = 0;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
            digits++;
        }
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return digits > 0 && (i == n || text.charAt(i) == '\n' || text.charAt(i) == '\r');
    }

    static MallocLabTrace of(String source, long suggestedHeapSize, int idCount, long weight, int count, byte[] ops,
                             int[] ids, int[] sizes, int[] lines, boolean[] live) {
        return new MallocLabTrace(source, suggestedHeapSize, idCount, weight, Arrays.copyOf(ops, count),
            Arrays.copyOf(ids, count), Arrays.copyOf(sizes, count), Arrays.copyOf(lines, count),
            Arrays.copyOf(live, count));
    }

    /** The file it came from, as given; used in messages. */
    public String source() { return source; }

    /** The file name without its folder and without a {@code .rep} extension. */
    public String name() {
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        return name.endsWith(".rep") && name.length() > 4 ? name.substring(0, name.length() - 4) : name;
    }

    /** Header line 1: the heap size the lab suggests (unused by a replay). */
    public long suggestedHeapSize() { return suggestedHeapSize; }

    /** Header line 2: ids are 0 to idCount - 1. */
    public int idCount() { return idCount; }

    /** Number of operations (header line 3, which the parser checked). */
    public int size() { return ops.length; }

    /** Header line 4: the trace's weight in the lab's score (unused by a replay). */
    public long weight() { return weight; }

    /** The op code of operation i: {@link #ALLOC}, {@link #FREE} or {@link #REALLOC}. */
    public char op(int i) { return (char) ops[i]; }

    public int id(int i) { return ids[i]; }

    public int blockSize(int i) { return sizes[i]; }

    public int line(int i) { return lines[i]; }

    /** True when the id of operation i named a live block just before it. */
    public boolean live(int i) { return live[i]; }

    /** The operations as records, a read-only view. */
    public List<Op> ops() {
        return new AbstractList<>() {
            @Override
            public Op get(int i) {
                return new Op(op(i), ids[i], sizes[i], lines[i], live[i]);
            }

            @Override
            public int size() {
                return ops.length;
            }
        };
    }
}
