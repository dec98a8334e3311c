package heaplab.engine.scenario;

import java.util.Arrays;

/**
 * The distinct step texts of a scenario file while the quick reader reads it, found by their characters in the
 * file, so that a text seen before costs neither a new String nor a second parse: each entry keeps the one String
 * for that text and kind, and what it parsed to. Long generated scenarios repeat most texts ({@code HeapFree(h, 0,
 * p7)}), and every String kept is an object the garbage collector copies. Entries are numbered in the order they
 * were added, the order in which the texts first appear in the file; an open-addressing index over their hashes
 * finds them.
 */
final class StepTextTable {
    private String[] texts = new String[512];
    private Step.Kind[] kinds = new Step.Kind[512];
    private int[] hashes = new int[512];
    private Object[] parsed = new Object[512];
    private int size;
    /** Entry number plus one by hash slot; 0 is an empty slot. Kept at most half full. */
    private int[] index = new int[1024];

    /**
     * The entry of the text {@code json[start, end)} of that kind, added when new.
     *
     * @param hash the text's {@link String#hashCode()}, computed while scanning it
     */
    int entry(char[] json, int start, int end, int hash, Step.Kind kind) {
        int mask = index.length - 1;
        int length = end - start;
        int i = hash & mask;
        for (int found = index[i]; found != 0; found = index[i]) {
            int entry = found - 1;
            if (hashes[entry] == hash && kinds[entry] == kind && texts[entry].length() == length
                && matches(json, start, texts[entry])) {
                return entry;
            }
            i = (i + 1) & mask;
        }
        return add(new String(json, start, length), hash, kind, i);
    }

    private static boolean matches(char[] json, int start, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (json[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The number of entries. */
    int size() { return size; }

    String text(int entry) { return texts[entry]; }

    Step.Kind kind(int entry) { return kinds[entry]; }

    /** What the entry's text parsed to, or null when not parsed yet. */
    Object parsed(int entry) { return parsed[entry]; }

    void setParsed(int entry, Object value) { parsed[entry] = value; }

    private int add(String text, int hash, Step.Kind kind, int freeSlot) {
        if (size == texts.length) {
            int capacity = size * 2;
            texts = Arrays.copyOf(texts, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            parsed = Arrays.copyOf(parsed, capacity);
        }
        int entry = size++;
        texts[entry] = text;
        kinds[entry] = kind;
        hashes[entry] = hash;
        if (2 * size > index.length) {
            rebuildIndex(index.length * 2);
        } else {
            index[freeSlot] = entry + 1;
        }
        return entry;
    }

    private void rebuildIndex(int capacity) {
        index = new int[capacity];
        int mask = capacity - 1;
        for (int entry = 0; entry < size; entry++) {
            int i = hashes[entry] & mask;
            while (index[i] != 0) {
                i = (i + 1) & mask;
            }
            index[i] = entry + 1;
        }
    }
}
