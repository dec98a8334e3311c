package heaplab.engine.scenario;

import java.util.Arrays;

/**
 * The steps of a quick read as scanned, before their texts are parsed: columns of primitives and entries of the
 * table of texts, so that each Step is built once, with its parse, when all texts have parsed.
 */
final class ScannedSteps {
    private static final Step.Kind[] KINDS = Step.Kind.values();

    private byte[] kinds = new byte[256];
    private int[] texts = new int[256];
    private int[] lines = new int[256];
    private int[] columns = new int[256];
    private String[] says = new String[256];
    private boolean[] breakpoints = new boolean[256];
    private int size;

    /** @param textEntry the step's text as an entry of the table of texts */
    void add(Step.Kind kind, int textEntry, int line, int column, String say, boolean breakpoint) {
        if (size == kinds.length) {
            int capacity = size * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            texts = Arrays.copyOf(texts, capacity);
            lines = Arrays.copyOf(lines, capacity);
            columns = Arrays.copyOf(columns, capacity);
            says = Arrays.copyOf(says, capacity);
            breakpoints = Arrays.copyOf(breakpoints, capacity);
        }
        kinds[size] = (byte) kind.ordinal();
        texts[size] = textEntry;
        lines[size] = line;
        columns[size] = column;
        says[size] = say;
        breakpoints[size] = breakpoint;
        size++;
    }

    /** The steps, each with its text and what it parsed to from the table. */
    Step[] build(StepTextTable table) {
        Step[] steps = new Step[size];
        for (int i = 0; i < size; i++) {
            steps[i] = new Step(KINDS[kinds[i]], table.text(texts[i]), says[i], breakpoints[i], lines[i], columns[i],
                table.parsed(texts[i]));
        }
        return steps;
    }
}
