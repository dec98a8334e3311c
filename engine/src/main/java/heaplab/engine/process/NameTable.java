package heaplab.engine.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names with an address each (variables and their stack slots, string literals and their .rdata addresses), in
 * the order they were first added, shared by a process and all its snapshots. A process sees the first `count`
 * entries; the table only grows, so a snapshot is the pair (table, count) and costs nothing. A process that went
 * back and adds a different name where the table already has one (a step typed in the console) forks a copy.
 */
final class NameTable {
    private final List<String> names;
    private final List<Long> addresses;
    private final Map<String, Integer> index;

    NameTable() {
        names = new ArrayList<>();
        addresses = new ArrayList<>();
        index = new HashMap<>();
    }

    private NameTable(NameTable from, int count) {
        names = new ArrayList<>(from.names.subList(0, count));
        addresses = new ArrayList<>(from.addresses.subList(0, count));
        index = new HashMap<>();
        for (int i = 0; i < count; i++) {
            index.put(names.get(i), i);
        }
    }

    /** Position of a name among the first `count` entries, or -1. */
    int indexOf(String name, int count) {
        Integer i = index.get(name);
        return i != null && i < count ? i : -1;
    }

    String name(int i) { return names.get(i); }

    long address(int i) { return addresses.get(i); }

    /** The names of the first `count` entries. */
    List<String> names(int count) { return new ArrayList<>(names.subList(0, count)); }

    /**
     * Adds a name at position `count` (the caller checked it is not among the first `count`); returns the table to
     * use from now on: this one, or a fork when this one holds another name there.
     */
    NameTable add(String name, long address, int count) {
        if (names.size() > count) {
            if (names.get(count).equals(name) && addresses.get(count) == address) {
                return this;
            }
            return new NameTable(this, count).add(name, address, count);
        }
        names.add(name);
        addresses.add(address);
        index.put(name, count);
        return this;
    }
}
