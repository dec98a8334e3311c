package heaplab.app.heapmap;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A scenario's variables and their values at one position, immutable, in the order they were first assigned: two
 * arrays (names, values) read in one pass, viewed as a read-only {@code Map<String, Long>}. A trace has a variable
 * per block id (50,000 of them): the views caption every block by the variables that point at it, through an index
 * by address built once per position from the primitive values ({@link #namesOf}).
 */
public final class Variables extends AbstractMap<String, Long> {
    /** Names shown per block before "+N more" (a trace's stale pointers pile up on reused blocks). */
    static final int MAX_NAMES = 3;
    public static final Variables NONE = new Variables(new String[0], new long[0]);
    private static Map<String, Long> lastSource;
    private static Variables lastCopy;

    private final String[] names;
    private final long[] values;
    private Map<String, Integer> byName;
    private Index index;
    private Set<Entry<String, Long>> entries;

    /** @param names the names in assignment order; values[i] is names[i]'s value (arrays are not copied) */
    public Variables(String[] names, long[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException(names.length + " names for " + values.length + " values");
        }
        this.names = names;
        this.values = values;
    }

    /** The variables of any map, in its iteration order (kept for the last map asked about, by identity). */
    public static synchronized Variables of(Map<String, Long> variables) {
        if (variables instanceof Variables v) {
            return v;
        }
        if (variables != lastSource || lastCopy == null || lastCopy.size() != variables.size()) {
            String[] names = new String[variables.size()];
            long[] values = new long[names.length];
            int i = 0;
            for (Map.Entry<String, Long> e : variables.entrySet()) {
                names[i] = e.getKey();
                values[i] = e.getValue() == null ? 0 : e.getValue();
                i++;
            }
            lastSource = variables;
            lastCopy = new Variables(names, values);
        }
        return lastCopy;
    }

    public String name(int i) {
        return names[i];
    }

    public long value(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Long get(Object name) {
        Integer i = byName().get(name);
        return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return byName().containsKey(name);
    }

    private synchronized Map<String, Integer> byName() {
        if (byName == null) {
            Map<String, Integer> map = new HashMap<>(names.length * 2);
            for (int i = 0; i < names.length; i++) {
                map.put(names[i], i);
            }
            byName = map;
        }
        return byName;
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
        if (entries == null) {
            entries = new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Long>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < names.length;
                        }

                        @Override
                        public Entry<String, Long> next() {
                            if (i >= names.length) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, Long> e = new SimpleImmutableEntry<>(names[i], values[i]);
                            i++;
                            return e;
                        }
                    };
                }

                @Override
                public int size() {
                    return names.length;
                }
            };
        }
        return entries;
    }

    /**
     * The variables whose value is one of two addresses (a block's user address and its header), in the order they
     * were assigned: {@code a, p}; at most {@link #MAX_NAMES}, then how many more; "" for none.
     */
    public String namesOf(long user, long entry) {
        Index built = indexIfWorthIt();
        return built != null ? built.namesOf(user, entry) : scan(user, entry);
    }

    /** The names of the variables whose value is in [start, end), in assignment order. */
    public java.util.List<String> namesIn(long start, long end) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= start && values[i] < end) {
                out.add(names[i]);
            }
        }
        return out;
    }

    /**
     * Captions asked for before the index is built: a scan of the values each. A map whose blocks kept their captions
     * asks for the few blocks a step changed, for which scans are cheaper than an index of 50,000 variables.
     */
    private static final int SCANS_BEFORE_INDEX = 16;
    private int scans;

    private synchronized Index indexIfWorthIt() {
        if (index == null && scans < SCANS_BEFORE_INDEX) {
            scans++;
            return null;
        }
        return index();
    }

    private String scan(long user, long entry) {
        if (user == 0 && entry == 0) {
            return "";
        }
        StringJoiner joined = null;
        int shown = 0;
        int total = 0;
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            if (v != 0 && (v == user || v == entry)) {
                total++;
                if (shown < MAX_NAMES) {
                    joined = joined == null ? new StringJoiner(", ") : joined;
                    joined.add(names[i]);
                    shown++;
                }
            }
        }
        return joined == null ? "" : total > shown ? joined + " +" + (total - shown) + " more" : joined.toString();
    }

    /**
     * The addresses where the variables pointing at them may differ from another position's: the old and the new
     * value of each variable that changed, and the value of each variable one of the two has and the other not (a
     * step forward adds a trace's variable, a step back removes it). Null when the names are not the same as far as
     * both go (another session, or a step typed in the console) or when more than {@code limit} variables changed:
     * then every caption must be read again.
     */
    public long[] changedAddresses(Variables before, int limit) {
        if (before == null) {
            return null;
        }
        int common = Math.min(names.length, before.names.length);
        int longer = Math.max(names.length, before.names.length);
        if (longer - common > limit) {
            return null;
        }
        long[] out = new long[16];
        int n = 0;
        for (int i = 0; i < longer; i++) {
            if (i < common && names[i] != before.names[i] && !names[i].equals(before.names[i])) {
                return null;
            }
            long was = i < before.values.length ? before.values[i] : 0;
            long is = i < values.length ? values[i] : 0;
            if (i >= common || was != is) {
                if (n / 2 >= limit) {
                    return null;
                }
                if (n + 2 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = was;
                out[n++] = is;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** How many variables hold an address. */
    public int countAt(long address) {
        return index().count(address);
    }

    private synchronized Index index() {
        if (index == null) {
            index = new Index(values);
        }
        return index;
    }

    /**
     * The variables by the value they hold: open addressing over primitive longs, each used slot with the first
     * variable of its chain and how many there are; the chain runs through {@code next} in the variables' order.
     */
    private final class Index {
        private final long[] keys;
        private final int[] heads;
        private final int[] tails;
        private final int[] counts;
        private final int[] next;

        Index(long[] values) {
            int capacity = Integer.highestOneBit(Math.max(4, values.length) * 2) * 2;
            keys = new long[capacity];
            heads = new int[capacity];
            tails = new int[capacity];
            counts = new int[capacity];
            next = new int[values.length];
            Arrays.fill(heads, -1);
            for (int i = 0; i < values.length; i++) {
                next[i] = -1;
                long value = values[i];
                if (value == 0) {
                    continue;
                }
                int slot = slot(value);
                if (heads[slot] < 0) {
                    keys[slot] = value;
                    heads[slot] = i;
                } else {
                    next[tails[slot]] = i;
                }
                tails[slot] = i;
                counts[slot]++;
            }
        }

        /** The slot of an address: its own, or the empty one where it would go. */
        private int slot(long address) {
            int mask = keys.length - 1;
            long h = address * 0x9E3779B97F4A7C15L;
            int slot = (int) (h ^ (h >>> 29)) & mask;
            while (heads[slot] >= 0 && keys[slot] != address) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        int count(long address) {
            return address == 0 ? 0 : counts[slot(address)];
        }

        String namesOf(long user, long entry) {
            int su = user == 0 ? -1 : slot(user);
            int se = entry == user || entry == 0 ? -1 : slot(entry);
            int i = su < 0 ? -1 : heads[su];
            int j = se < 0 ? -1 : heads[se];
            if (i < 0 && j < 0) {
                return "";
            }
            int total = (i < 0 ? 0 : counts[su]) + (j < 0 ? 0 : counts[se]);
            if (j < 0 && total == 1) {
                return names[i];
            }
            StringJoiner joined = new StringJoiner(", ");
            int shown = 0;
            // Both chains are in the variables' order: merge their first names.
            while (shown < MAX_NAMES && (i >= 0 || j >= 0)) {
                int take;
                if (j < 0 || i >= 0 && i < j) {
                    take = i;
                    i = next[i];
                } else {
                    take = j;
                    j = next[j];
                }
                joined.add(names[take]);
                shown++;
            }
            return total > shown ? joined + " +" + (total - shown) + " more" : joined.toString();
        }
    }
}
