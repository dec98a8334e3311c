package heaplab.engine.console;

import heaplab.engine.Arch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The heap breakpoints of a debugging session ({@code !heap -b}, {@code !heap -B}): debugger state, not process
 * memory, so they survive step back and restart. A session keeps one and gives it to its console; a console made
 * without one keeps its own (set and listed, but nothing runs against it).
 *
 * <p>Kinds: {@code alloc}, {@code realloc}, {@code free} stop before a step whose statement calls HeapAlloc,
 * HeapReAlloc or HeapFree. A Tag may follow the kind: then only calls on blocks of that tag stop (the tag the HeapAlloc
 * flags name; for HeapReAlloc and HeapFree the block's own tag, pseudo-tags included), names compared without case.
 * A heap may follow the kind (and its tag): then only calls on that heap stop (the CRT's functions work on the process
 * heap). An address stops before a HeapFree or HeapReAlloc step whose pointer argument is in the heap
 * block containing that address. Not thread-safe (one thread drives a session).
 */
public final class HeapBreakpoints {

    /** What a kind breakpoint stops on. */
    public enum Kind {
        ALLOC("alloc", "HeapAlloc"), REALLOC("realloc", "HeapReAlloc"), FREE("free", "HeapFree");

        private final String word;
        private final String function;

        Kind(String word, String function) {
            this.word = word;
            this.function = function;
        }

        /** The word of the command line ({@code alloc}). */
        public String word() { return word; }

        /** The function whose call hits it ({@code HeapAlloc}). */
        public String function() { return function; }

        /** The kind a command word names (case-insensitive), or null. */
        public static Kind ofWord(String word) {
            for (Kind kind : values()) {
                if (kind.word.equalsIgnoreCase(word)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** What a kind breakpoint is limited to: a tag ("" for any) and a heap (0 for any). */
    private record Condition(String tag, long heap) {
    }

    /** Kind to its condition, in the order set. */
    private final Map<Kind, Condition> kinds = new EnumMap<>(Kind.class);
    private final Set<Long> addresses = new LinkedHashSet<>();

    /** Sets (or replaces) a kind breakpoint; tag may be null or empty, heap 0 for every heap. */
    public void set(Kind kind, String tag, long heap) {
        kinds.put(kind, new Condition(tag == null ? "" : tag, heap));
    }

    /** Sets an address breakpoint. */
    public void setAddress(long address) {
        addresses.add(address);
    }

    /** Removes a kind breakpoint; returns false when it was not set. */
    public boolean clear(Kind kind) {
        return kinds.remove(kind) != null;
    }

    /** Removes an address breakpoint; returns false when it was not set. */
    public boolean clearAddress(long address) {
        return addresses.remove(address);
    }

    /** Removes every breakpoint. */
    public void clearAll() {
        kinds.clear();
        addresses.clear();
    }

    public boolean isEmpty() { return kinds.isEmpty() && addresses.isEmpty(); }

    public boolean has(Kind kind) { return kinds.containsKey(kind); }

    /** The tag kept for a kind ("" when none), or null when the kind is not set. */
    public String tag(Kind kind) {
        Condition c = kinds.get(kind);
        return c == null ? null : c.tag();
    }

    /** The heap a kind breakpoint is limited to (0 for every heap, and when the kind is not set). */
    public long heap(Kind kind) {
        Condition c = kinds.get(kind);
        return c == null ? 0 : c.heap();
    }

    /** The address breakpoints, in the order set. */
    public List<Long> addresses() { return Collections.unmodifiableList(new ArrayList<>(addresses)); }

    /**
     * The listing of {@code !heap -b}: one line per breakpoint, numbered like {@code bl}, or
     * {@code No heap breakpoints set}.
     */
    public String listing(Arch arch) {
        if (isEmpty()) {
            return "No heap breakpoints set\n";
        }
        StringBuilder out = new StringBuilder("Heap breakpoints:\n");
        int n = 0;
        for (Map.Entry<Kind, Condition> e : kinds.entrySet()) {
            out.append(String.format(Locale.ROOT,
                " %d e %-8s before each %s", n++, e.getKey().word(), e.getKey().function()));
            if (!e.getValue().tag().isEmpty()) {
                out.append(" with tag ").append(e.getValue().tag());
            }
            if (e.getValue().heap() != 0) {
                out.append(" on heap ").append(arch.ptr(e.getValue().heap()));
            }
            out.append('\n');
        }
        for (long address : addresses) {
            out.append(String.format(Locale.ROOT,
                " %d e %-8s before HeapFree/HeapReAlloc of the block containing %s%n", n++,
                "address", arch.ptr(address)).replace("\r", ""));
        }
        return out.toString();
    }
}
