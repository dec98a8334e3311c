package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.scenario.ScenarioException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The first heap of a WinDbg {@code !heap -a} text dump (heap-facts.md 5.2), as far as HeapLab can rebuild it: the
 * heap's address, flags and granularity, its first segment's bounds and entries in address order, and counts of what
 * the dump holds that a rebuild leaves out. Read with {@link #read(Path)}; told apart from a scenario or a
 * malloc-lab trace with {@link #looksLikeDump(String)}.
 */
public final class HeapDump {

    /** One line of the first segment's "Heap entries" list. */
    public record Entry(long address, long previousBytes, long bytes, int flags, Kind kind, long requested,
                        boolean tailFill, boolean freeFill, String tag, int line) {

        /** busy, free, or a range of uncommitted bytes ({@code bytes} is its length). */
        public enum Kind { BUSY, FREE, UNCOMMITTED }

        public boolean isLast() { return (flags & 0x10) != 0; }

        public long end() { return address + bytes; }
    }

    private final String source;
    private final String name;
    private final Arch arch;
    private final long heapAddress;
    private final long flags;
    private final long segmentStart;
    private final long segmentEnd;
    private final long firstEntry;
    private final long segmentStructure;
    private final boolean pseudoTags;
    private final List<Entry> entries;
    private final int otherSegments;
    private final int otherSegmentEntries;
    private final int virtualBlocks;
    private final int otherHeaps;
    private final int elisions;

    HeapDump(String source, String name, Arch arch, long heapAddress, long flags, long segmentStart,
             long segmentEnd, long firstEntry, long segmentStructure, boolean pseudoTags, List<Entry> entries,
             int otherSegments, int otherSegmentEntries, int virtualBlocks, int otherHeaps, int elisions) {
        this.source = source;
        this.name = name;
        this.arch = arch;
        this.heapAddress = heapAddress;
        this.flags = flags;
        this.segmentStart = segmentStart;
        this.segmentEnd = segmentEnd;
        this.firstEntry = firstEntry;
        this.segmentStructure = segmentStructure;
        this.pseudoTags = pseudoTags;
        this.entries = List.copyOf(entries);
        this.otherSegments = otherSegments;
        this.otherSegmentEntries = otherSegmentEntries;
        this.virtualBlocks = virtualBlocks;
        this.otherHeaps = otherHeaps;
        this.elisions = elisions;
    }

    /** Reads and parses a dump file (ISO-8859-1, so any byte reads). */
    public static HeapDump read(Path file) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
        Path fileName = file.getFileName();
        return parse(file.toString(), fileName == null ? file.toString() : fileName.toString(), text);
    }

    /** Parses the text of a dump; {@code source} names it in messages, {@code name} becomes the title. */
    public static HeapDump parse(String source, String name, String text) throws ScenarioException {
        return new HeapDumpParser(source, name, text).parse();
    }

    /**
     * True when the text starts as a {@code !heap -a} dump does: blank lines and debugger prompt lines
     * ({@code 0:000> !heap -a 00250000}) at most, then the {@code Index   Address  Name      Debugging options
     * enabled} header. A JSON scenario starts with '{' and a malloc-lab trace with a number, so neither matches.
     */
    public static boolean looksLikeDump(String start) {
        int at = start.startsWith("\uFEFF") ? 1 : start.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0;
        while (at < start.length()) {
            int end = at;
            while (end < start.length() && start.charAt(end) != '\n' && start.charAt(end) != '\r') {
                end++;
            }
            String line = start.substring(at, end).strip();
            if (end == start.length() && line.length() < "Index".length()) {
                return false; // the sniffed start ends mid-line
            }
            if (HeapDumpParser.isIndexHeader(line)) {
                return true;
            }
            if (!line.isEmpty() && !HeapDumpParser.isPrompt(line)) {
                return false;
            }
            at = end + 1;
        }
        return false;
    }

    public String source() { return source; }

    /** The file name, used as the scenario's title. */
    public String name() { return name; }

    /** x64 when the addresses have more than 8 hex digits or the granularity is 16 bytes. */
    public Arch arch() { return arch; }

    public long heapAddress() { return heapAddress; }

    /** The heap's Flags line, or -1 when the dump has none. */
    public long flags() { return flags; }

    /** The first segment's range ({@code Segment at START to END}); both 0 when the dump has no such line. */
    public long segmentStart() { return segmentStart; }

    public long segmentEnd() { return segmentEnd; }

    /** The first segment's "First Entry", or -1 when the dump has none. */
    public long firstEntry() { return firstEntry; }

    /** The address of the first segment's _HEAP_SEGMENT ({@code Segment00 at ADDR:}), or -1. */
    public long segmentStructure() { return segmentStructure; }

    /** Whether the heap has pseudo-tags (a non-zero "PsuedoTag Entries" line). */
    public boolean pseudoTags() { return pseudoTags; }

    /** The first segment's entries in address order (the heap's own blocks included). */
    public List<Entry> entries() { return entries; }

    /** Segments after the first (listed by "Heap entries for SegmentNN" or "Segment at" lines). */
    public int otherSegments() { return otherSegments; }

    public int otherSegmentEntries() { return otherSegmentEntries; }

    /** "Virtual block:" lines: blocks above the virtual memory threshold, outside the segments. */
    public int virtualBlocks() { return virtualBlocks; }

    /** Heaps after the first in the dump. */
    public int otherHeaps() { return otherHeaps; }

    /** "..." lines in the first segment's entries, where the dump leaves entries out. */
    public int elisions() { return elisions; }
}
