package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The processor breakpoints of a debugging session ({@code ba w1|w2|w4|w8 Address}), HeapLab's address watches:
 * debugger state, not process memory, so they survive step back and restart and are never a step. A session keeps
 * one and gives it to its console; a console made without one keeps its own (set and listed, nothing runs against
 * it). {@code bl}, {@code bc}, {@code bd} and {@code be} list, clear, disable and enable them by their number.
 *
 * <p>Only write watches: the simulation compares a watch's bytes before and after a step, so a step that writes
 * the value already there does not hit (WinDbg's {@code ba w} breaks on any write, even of the same value). As on
 * x86 and x64, at most {@link #MAX_ENABLED} are enabled at once (the four debug address registers DR0-DR3). Not
 * thread-safe (one thread drives a session).
 */
public final class DataBreakpoints {

    /** The debug address registers of x86 and x64 (DR0-DR3): how many processor breakpoints can be enabled. */
    public static final int MAX_ENABLED = 4;

    /**
     * One processor breakpoint.
     *
     * @param id      its number, the first free one when set (as WinDbg numbers them)
     * @param address the first byte watched, aligned to the size
     * @param size    1, 2, 4 or 8 (8 on x64 only)
     * @param enabled false after {@code bd}
     */
    public record Watch(int id, long address, int size, boolean enabled) {
    }

    /**
     * A watch whose bytes a step changed.
     *
     * @param watch  the watch
     * @param before its bytes before the step, -1 for a byte that was not readable (not committed)
     * @param after  its bytes after the step, likewise
     */
    public record Hit(Watch watch, int[] before, int[] after) {

        /** How a run's stop names it: {@code data breakpoint 0 (ba w4 00360688)}. */
        public String label(Arch arch) {
            return "data breakpoint " + watch.id() + " (ba w" + watch.size() + " " + arch.ptrTick(watch.address())
                + ")";
        }

        /** WinDbg's line for it: {@code Breakpoint 0 hit}. */
        public String windbgLine() {
            return "Breakpoint " + watch.id() + " hit";
        }

        /** The HeapLab line: which bytes changed, old and new, as {@code db} shows them ({@code ??} unreadable). */
        public String detail(Arch arch) {
            return "HeapLab: the " + watch.size() + " byte" + (watch.size() == 1 ? "" : "s") + " at "
                + arch.ptrTick(watch.address()) + " changed: " + bytes(before) + " -> " + bytes(after);
        }

        private static String bytes(int[] values) {
            StringBuilder out = new StringBuilder();
            for (int v : values) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(v < 0 ? "??" : String.format(Locale.ROOT, "%02x", v));
            }
            return out.toString();
        }
    }

    /** Number to watch, in number order (as {@code bl} lists them). */
    private final Map<Integer, Watch> watches = new TreeMap<>();

    /** What {@link #set} did. */
    public enum SetResult {
        /** A new breakpoint. */
        ADDED,
        /** One with the same address and size existed: it is enabled again (WinDbg's "breakpoint N redefined"). */
        REDEFINED,
        /** Already {@link #MAX_ENABLED} enabled: nothing set. */
        TOO_MANY
    }

    /**
     * Sets a write watch of {@code size} bytes at {@code address}; the caller checked the size and the alignment.
     * Returns what happened; {@link #find} then gives its number.
     */
    public SetResult set(long address, int size) {
        Watch same = find(address, size);
        if (same != null) {
            // WinDbg redefines it, enabled. (Replays after a step back do not run a scenario's read-only `ba` step
            // again, so a bd typed since stays; stepping through that step again sets it, as the scenario says.)
            if (!same.enabled() && enabledCount() >= MAX_ENABLED) {
                return SetResult.TOO_MANY;
            }
            watches.put(same.id(), new Watch(same.id(), address, size, true));
            return SetResult.REDEFINED;
        }
        if (enabledCount() >= MAX_ENABLED) {
            return SetResult.TOO_MANY;
        }
        int id = 0;
        while (watches.containsKey(id)) {
            id++;
        }
        watches.put(id, new Watch(id, address, size, true));
        return SetResult.ADDED;
    }

    /** The watch of that address and size, or null. */
    public Watch find(long address, int size) {
        for (Watch w : watches.values()) {
            if (w.address() == address && w.size() == size) {
                return w;
            }
        }
        return null;
    }

    /** The watch with that number, or null. */
    public Watch get(int id) {
        return watches.get(id);
    }

    /** Removes a watch; false when there was none with that number. */
    public boolean clear(int id) {
        return watches.remove(id) != null;
    }

    /** Makes these watches a copy of the other's, numbers and states included (for a replay of the session). */
    public void copyFrom(DataBreakpoints other) {
        watches.clear();
        watches.putAll(other.watches);
    }

    /** Removes every watch. */
    public void clearAll() {
        watches.clear();
    }

    /**
     * Enables or disables a watch. Returns false (and changes nothing) when enabling it would make more than
     * {@link #MAX_ENABLED} enabled, or when there is no such watch.
     */
    public boolean setEnabled(int id, boolean on) {
        Watch w = watches.get(id);
        if (w == null) {
            return false;
        }
        if (on && !w.enabled() && enabledCount() >= MAX_ENABLED) {
            return false;
        }
        watches.put(id, new Watch(id, w.address(), w.size(), on));
        return true;
    }

    public boolean isEmpty() { return watches.isEmpty(); }

    /** True when some watch is enabled: only then does a run compare bytes. */
    public boolean anyEnabled() { return enabledCount() > 0; }

    /** The watches in number order. */
    public List<Watch> watches() { return Collections.unmodifiableList(new ArrayList<>(watches.values())); }

    private int enabledCount() {
        return (int) watches.values().stream().filter(Watch::enabled).count();
    }

    /**
     * The bytes of the enabled watches now, to compare after a step ({@link #changes}); an empty list when none is
     * enabled. Reads as a debugger does: no fault, -1 for a byte that is not committed or not readable.
     */
    public List<Sample> sample(AddressSpace memory) {
        if (watches.isEmpty()) {
            return List.of();
        }
        List<Sample> out = new ArrayList<>();
        for (Watch w : watches.values()) {
            if (w.enabled()) {
                out.add(new Sample(w, read(memory, w)));
            }
        }
        return out;
    }

    /** The first watch sampled before a step whose bytes differ now, or null (also when it was cleared since). */
    public Hit changes(List<Sample> before, AddressSpace memory) {
        for (Sample s : before) {
            Watch now = watches.get(s.watch().id());
            if (now == null || !now.equals(s.watch())) {
                continue;
            }
            int[] after = read(memory, now);
            if (!java.util.Arrays.equals(after, s.bytes())) {
                return new Hit(now, s.bytes(), after);
            }
        }
        return null;
    }

    /** A watch's bytes at one moment. */
    public record Sample(Watch watch, int[] bytes) {
    }

    private static int[] read(AddressSpace memory, Watch w) {
        int[] bytes = new int[w.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = memory.peekByte(w.address() + i);
        }
        return bytes;
    }

    /**
     * The listing of {@code bl}, one line per breakpoint in WinDbg's shape
     * ({@code  0 e Disable Clear  00360688 w 4 0001 (0001)  0:****}); "" when none is set, as WinDbg prints nothing.
     */
    public String listing(Arch arch) {
        return listing(arch, null);
    }

    /** The {@code bl} lines of the given numbers only (all when null). */
    public String listing(Arch arch, java.util.Set<Integer> ids) {
        StringBuilder out = new StringBuilder();
        for (Watch w : watches.values()) {
            if (ids != null && !ids.contains(w.id())) {
                continue;
            }
            out.append(String.format(Locale.ROOT, " %d %s %s Clear  %s w %d 0001 (0001)  0:****%n", w.id(),
                w.enabled() ? "e" : "d", w.enabled() ? "Disable" : "Enable", arch.ptrTick(w.address()), w.size())
                .replace("\r", ""));
        }
        return out.toString();
    }
}
