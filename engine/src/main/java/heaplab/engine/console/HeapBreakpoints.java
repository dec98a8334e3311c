package heaplab.engine.console;

import heaplab.engine.Arch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 * An address stops before a HeapFree or HeapReAlloc step whose pointer argument is in the heap
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

    /** Kind to tag ("" for none), in the order set. */
    private final Map<Kind, String> kinds = new EnumMap<>(Kind.class);
    private final Set<Long> addresses = new LinkedHashSet<>();

    /** Sets (or replaces the tag of) a kind breakpoint; tag may be null or empty. */
    public void set(Kind kind, String tag) {
        kinds.put(kind, tag == null ? "" : tag);
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
    public String tag(Kind kind) { return kinds.get(kind); }

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
        for (Map.Entry<Kind, String> e : kinds.entrySet()) {
            out.append(String.format(" %d e %-8s before each %s", n++, e.getKey().word(), e.getKey().function()));
            if (!e.getValue().isEmpty()) {
                out.append(" with tag ").append(e.getValue());
            }
            out.append('\n');
        }
        for (long address : addresses) {
            out.append(String.format(" %d e %-8s before HeapFree/HeapReAlloc of the block containing %s%n", n++,
                "address", arch.ptr(address)).replace("\r", ""));
        }
        return out.toString();
    }
}
