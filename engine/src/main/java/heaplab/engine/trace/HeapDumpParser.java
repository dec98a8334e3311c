package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.scenario.ScenarioException;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code !heap -a} text dump line by line into a {@link HeapDump}: the first heap's header lines (Flags,
 * Granularity, PsuedoTag Entries), its first segment's bounds and "First Entry", and the entry lines of its first
 * "Heap entries for SegmentNN" list; later segments, virtual blocks and heaps are only counted. The free-list part of
 * the dump repeats entry lines and is skipped. An entry line that does not read gets {@code file:line:column}.
 */
final class HeapDumpParser {
    private final String source;
    private final String name;
    private final String text;

    private int lineNumber;
    private String line;

    // The first heap, as read so far.
    private long heapAddress = -1;
    private long flags = -1;
    private int granularity;
    private int addressDigits;
    private long segmentStart;
    private long segmentEnd;
    private int segmentLines;
    private long firstEntry = -1;
    private long segmentStructure = -1;
    private boolean pseudoTags;
    private final List<HeapDump.Entry> entries = new ArrayList<>();
    private int otherEntrySections;
    private int otherSegmentEntries;
    private int virtualBlocks;
    private int otherHeaps;
    private int elisions;

    // Where the reader is: the segment whose "SegmentNN at" information it reads, the entry list it reads.
    private String infoSegment;
    private String firstEntriesSegment;
    private boolean inEntries;
    private boolean inFirstEntries;
    private boolean columnsSeen;

    HeapDumpParser(String source, String name, String text) {
        this.source = source;
        this.name = name;
        this.text = text.startsWith("\uFEFF") ? text.substring(1)
            : text.startsWith("\u00EF\u00BB\u00BF") ? text.substring(3) : text;
    }

    HeapDump parse() throws ScenarioException {
        boolean headerSeen = false;
        int at = 0;
        while (at <= text.length()) {
            int end = at;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            lineNumber++;
            line = text.substring(at, end);
            at = end + (end + 1 < text.length() && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n' ? 2 : 1);
            String trimmed = line.strip();
            if (!headerSeen) {
                headerSeen = isIndexHeader(trimmed);
                continue;
            }
            if (trimmed.isEmpty()) {
                continue;
            }
            if (isIndexLine(trimmed)) {
                if (heapAddress >= 0) {
                    otherHeaps++;
                } else {
                    String address = trimmed.substring(trimmed.indexOf(':') + 1).strip().split("\\s+")[0];
                    heapAddress = hex(address, column(line.indexOf(address, line.indexOf(':'))), "heap address");
                }
                inEntries = false;
                continue;
            }
            if (otherHeaps > 0 || isPrompt(trimmed)) {
                inEntries = false;
                continue;
            }
            readLine(trimmed);
        }
        if (!headerSeen) {
            throw new ScenarioException(source, 1, 1, "not a !heap -a dump: no 'Index   Address  Name      Debugging"
                + " options enabled' line");
        }
        if (firstEntriesSegment == null) {
            throw new ScenarioException(source, lineNumber, 1, "the dump has no 'Heap entries for SegmentNN in Heap"
                + " ...' list: run !heap -a (not -h or -f alone) and copy the whole output");
        }
        Arch arch = granularity == 16 || addressDigits > 8 ? Arch.X64 : Arch.X86;
        int otherSegments = Math.max(otherEntrySections, segmentLines - 1);
        return new HeapDump(source, name, arch, Math.max(heapAddress, 0), flags, segmentStart, segmentEnd, firstEntry,
            segmentStructure, pseudoTags, entries, otherSegments, otherSegmentEntries, virtualBlocks, otherHeaps,
            elisions);
    }

    private void readLine(String trimmed) throws ScenarioException {
        if (trimmed.startsWith("Heap entries for ")) {
            String segment = word(trimmed, "Heap entries for ".length());
            inEntries = true;
            columnsSeen = false;
            if (firstEntriesSegment == null) {
                firstEntriesSegment = segment;
            }
            inFirstEntries = segment.equals(firstEntriesSegment);
            if (!inFirstEntries) {
                otherEntrySections++;
            }
            return;
        }
        if (trimmed.startsWith("Segment") && trimmed.matches("Segment[0-9A-Fa-f]+ at .*")) {
            infoSegment = trimmed.substring(0, trimmed.indexOf(' '));
            inEntries = false;
            if (segmentStructure < 0) {
                segmentStructure = hex(trimmed.substring(trimmed.indexOf(" at ") + 4).replace(":", "").strip(),
                    column(line.indexOf(" at ") + 4), "segment address");
            }
            return;
        }
        if (trimmed.startsWith("Virtual block")) {
            virtualBlocks++;
            inEntries = false;
            return;
        }
        if (inEntries) {
            readEntryLine(trimmed);
            return;
        }
        if (trimmed.startsWith("Segment at ")) {
            segmentLines++;
            if (segmentLines == 1) {
                String[] words = trimmed.split("\\s+");
                segmentStart = hex(words[2], column(line.indexOf(words[2])), "segment start");
                if (words.length > 4 && words[3].equals("to")) {
                    segmentEnd = hex(words[4], column(line.indexOf(words[4], line.indexOf(" to "))), "segment end");
                }
            }
        } else if (trimmed.startsWith("Flags:") && infoSegment == null && flags < 0) {
            flags = field(trimmed, "Flags:", "heap flags");
        } else if (trimmed.startsWith("Granularity:")) {
            granularity = (int) decimal(trimmed.substring("Granularity:".length()).strip().split("\\s+")[0]);
        } else if (trimmed.startsWith("PsuedoTag Entries:") || trimmed.startsWith("PseudoTag Entries:")) {
            pseudoTags = field(trimmed, trimmed.substring(0, trimmed.indexOf(':') + 1), "pseudo-tag entries") != 0;
        } else if (trimmed.startsWith("First Entry:") && firstEntry < 0 && infoSegment != null) {
            firstEntry = field(trimmed, "First Entry:", "first entry");
        }
    }

    // ------------------------------------------------------------------------------------------ entry lines

    private void readEntryLine(String trimmed) throws ScenarioException {
        if (trimmed.startsWith("Address ") && trimmed.contains("Size")) {
            columnsSeen = true;
            return;
        }
        if (trimmed.startsWith("...")) {
            if (inFirstEntries) {
                elisions++;
            }
            return;
        }
        int colon = trimmed.indexOf(':');
        boolean addressFirst = colon >= 8 && trimmed.substring(0, colon).indexOf(' ') < 0;
        if (!(addressFirst || columnsSeen && Character.digit(trimmed.charAt(0), 16) >= 0)) {
            return; // the flag legend and the column titles
        }
        if (!inFirstEntries) {
            otherSegmentEntries++;
            return;
        }
        HeapDump.Entry entry = entry();
        checkPlace(entry);
        entries.add(entry);
    }

    /**
     * An entry must lie in the first segment ({@code Segment at START to END}) and after the entry before it: a
     * mistyped address would otherwise make the rebuild fill gigabytes ("..." gaps are filled to keep offsets).
     */
    private void checkPlace(HeapDump.Entry entry) throws ScenarioException {
        String at = Long.toHexString(entry.address());
        int column = column(line.length() - line.stripLeading().length());
        if (segmentEnd > segmentStart && (entry.address() < segmentStart || entry.address() >= segmentEnd)) {
            throw new ScenarioException(source, lineNumber, column, "entry " + at + " is outside the segment "
                + Long.toHexString(segmentStart) + " - " + Long.toHexString(segmentEnd));
        }
        HeapDump.Entry before = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        if (before != null && entry.address() < before.end()) {
            throw new ScenarioException(source, lineNumber, column, "entry " + at + " overlaps or comes before the"
                + " entry before it (" + Long.toHexString(before.address()) + " up to " + Long.toHexString(before.end())
                + ")");
        }
    }

    /** Reads the current line as an entry: {@code ADDR: PREV . SIZE [FLAGS] - busy (REQ)...} or a UCR line. */
    private HeapDump.Entry entry() throws ScenarioException {
        Cursor c = new Cursor(line);
        c.skipBlanks();
        int addressStart = c.at;
        String address = c.word();
        if (!address.endsWith(":")) {
            throw error(addressStart, "an entry line starts with its address and a colon, not '" + address + "'");
        }
        address = address.substring(0, address.length() - 1);
        long entryAddress = hex(address, column(addressStart), "entry address");
        addressDigits = Math.max(addressDigits, address.replace("`", "").length());
        c.skipBlanks();
        int firstStart = c.at;
        String first = c.word();
        if (first.isEmpty()) {
            throw error(firstStart, "the entry line ends after its address: expected 'PREV . SIZE [FLAGS]'");
        }
        long firstValue = hex(first, column(firstStart), "previous size");
        c.skipBlanks();
        int separator = c.at;
        String dot = c.word();
        if (dot.equals("-") && c.rest().startsWith("uncommitted bytes")) {
            return new HeapDump.Entry(entryAddress, 0, firstValue, 0, HeapDump.Entry.Kind.UNCOMMITTED, -1, false,
                false, "", lineNumber);
        }
        if (!dot.equals(".")) {
            throw error(separator, "expected '.' between the previous and the current size, not '" + dot + "'");
        }
        c.skipBlanks();
        int sizeStart = c.at;
        long bytes = hex(c.word(), column(sizeStart), "entry size");
        if (bytes == 0) {
            throw error(sizeStart, "an entry's size cannot be 0");
        }
        c.skipBlanks();
        int flagsStart = c.at;
        String flagWord = c.upTo(']');
        if (!flagWord.startsWith("[") || !flagWord.endsWith("]")) {
            throw error(flagsStart, "expected the entry flags in brackets ([07]), not '" + flagWord + "'");
        }
        int entryFlags = (int) hex(flagWord.substring(1, flagWord.length() - 1).strip(), column(flagsStart + 1),
            "entry flags");
        c.skipBlanks();
        int stateStart = c.at;
        String state = c.rest();
        String afterDash = state.startsWith("-") ? state.substring(1).strip() : state;
        String tail;
        HeapDump.Entry.Kind kind;
        long requested = -1;
        if (afterDash.startsWith("busy")) {
            kind = HeapDump.Entry.Kind.BUSY;
            int open = state.indexOf('(');
            int close = state.indexOf(')', open + 1);
            if (open < 0 || close < 0) {
                throw error(stateStart + state.length(), "expected the bytes used after 'busy': busy (24)");
            }
            requested = hex(state.substring(open + 1, close).strip(), column(stateStart + open + 1), "bytes used");
            tail = state.substring(close + 1);
        } else if (afterDash.startsWith("free")) {
            kind = HeapDump.Entry.Kind.FREE;
            tail = afterDash.substring("free".length());
        } else if (state.isBlank()) {
            kind = HeapDump.Entry.Kind.FREE; // the flags alone: a free block without the fill pattern (XP's form)
            tail = "";
        } else {
            throw error(stateStart, "expected '- busy (BYTES)', '- free', 'free fill' or nothing after the flags, not '"
                + state + "'");
        }
        int tagOpen = tail.indexOf('(');
        int tagClose = tail.lastIndexOf(')');
        String tag = tagOpen >= 0 && tagClose > tagOpen ? tail.substring(tagOpen + 1, tagClose).strip() : "";
        String words = tagOpen >= 0 ? tail.substring(0, tagOpen) : tail;
        boolean fill = words.contains("fill");
        return new HeapDump.Entry(entryAddress, firstValue, bytes, entryFlags & 0xFF, kind, requested,
            kind == HeapDump.Entry.Kind.BUSY && fill, kind == HeapDump.Entry.Kind.FREE && fill, tag, lineNumber);
    }

    /** A position in one line, reading blank-separated words. */
    private static final class Cursor {
        private final String s;
        private int at;

        Cursor(String s) {
            this.s = s;
        }

        void skipBlanks() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        String word() {
            int start = at;
            while (at < s.length() && !Character.isWhitespace(s.charAt(at))) {
                at++;
            }
            return s.substring(start, at);
        }

        /** Up to and including {@code last}, or the next word when it is not there. */
        String upTo(char last) {
            int close = s.indexOf(last, at);
            if (close < 0 || !s.startsWith("[", at)) {
                return word();
            }
            String part = s.substring(at, close + 1);
            at = close + 1;
            return part;
        }

        String rest() {
            String r = s.substring(at).strip();
            at = s.length();
            return r;
        }
    }

    // ------------------------------------------------------------------------------------------ small readers

    /** The header line of every {@code !heap} listing. */
    static boolean isIndexHeader(String trimmed) {
        return trimmed.startsWith("Index") && trimmed.contains("Address") && trimmed.endsWith("Debugging options"
            + " enabled");
    }

    /** A debugger prompt line: {@code 0:000> ...}, {@code 1:0:011> ...}, {@code kd> ...}, {@code 0: kd> ...}. */
    static boolean isPrompt(String trimmed) {
        int gt = trimmed.indexOf('>');
        if (gt < 2 || gt > 16 || !Character.isLetterOrDigit(trimmed.charAt(0))) {
            return false;
        }
        for (int i = 0; i < gt; i++) {
            char ch = trimmed.charAt(i);
            if (!(ch == ':' || ch == ' ' || Character.isLetterOrDigit(ch))) {
                return false;
            }
        }
        return true;
    }

    /** A heap's line in the index: {@code 1:   00250000} (a small decimal index, a colon, the heap's address). */
    private static boolean isIndexLine(String trimmed) {
        int colon = trimmed.indexOf(':');
        if (colon < 1 || colon > 4 || colon + 1 >= trimmed.length()
            || !Character.isWhitespace(trimmed.charAt(colon + 1))) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            if (!Character.isDigit(trimmed.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String word(String s, int from) {
        int end = from;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return s.substring(from, end);
    }

    private long field(String trimmed, String label, String what) throws ScenarioException {
        String value = trimmed.substring(label.length()).strip();
        String first = value.isEmpty() ? "" : value.split("\\s+")[0];
        return hex(first, column(line.indexOf(label) + label.length() + 1), what);
    }

    private static long decimal(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A hex number as WinDbg prints it (x64 addresses may hold a backtick: 00000000`02687fc0). */
    private long hex(String s, int column, String what) throws ScenarioException {
        String digits = s.replace("`", "");
        if (digits.isEmpty() || digits.length() > 16 || s.startsWith("`") || s.endsWith("`")) {
            throw new ScenarioException(source, lineNumber, column, what + " '" + s + "' is not a hex number");
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) {
                throw new ScenarioException(source, lineNumber, column, what + " '" + s + "' is not a hex number");
            }
            value = value << 4 | d;
        }
        return value;
    }

    private int column(int index) {
        return Math.max(index, 0) + 1;
    }

    private ScenarioException error(int index, String message) {
        return new ScenarioException(source, lineNumber, column(index), message);
    }
}
