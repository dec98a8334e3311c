package heaplab.app.inspector;

import heaplab.engine.inspect.ByteKind;

import java.util.List;

/**
 * One line of the hex dump: its `db` text (for copying and tests), what the line mostly is, and each byte with what
 * it is, so that the view and the export colour bytes as the heap map colours the block's parts.
 *
 * @param address first address of the line (0 for a note)
 * @param bytes   the line's bytes, at most 16; empty for a note
 */
public record HexLine(String text, Kind kind, long address, List<HexByte> bytes) {

    public HexLine {
        bytes = List.copyOf(bytes);
    }

    /** A line without bytes (a note). */
    public HexLine(String text, Kind kind) {
        this(text, kind, 0, List.of());
    }

    public enum Kind {
        /** The line holds header bytes. */
        HEADER,
        DATA,
        /** No byte of the line is readable (`??`). */
        UNREADABLE,
        /** Not bytes: a remark such as "... 0x1f000 more bytes". */
        NOTE
    }

    /** Whether some byte of the line breaks an expected fill. */
    public boolean damaged() {
        return bytes.stream().anyMatch(HexByte::damaged);
    }

    /**
     * One byte of a line.
     *
     * @param value   0..255, -1 when it cannot be read
     * @param kind    what it is
     * @param damaged whether it breaks what its layer expects
     */
    public record HexByte(int value, ByteKind kind, boolean damaged) {
        /** `41`, or `??` when unreadable. */
        public String hex() {
            return value < 0 ? "??" : String.format("%02x", value);
        }

        /** The ASCII column's character: `.` when unprintable, `?` when unreadable. */
        public char ascii() {
            return value < 0 ? '?' : value >= 0x20 && value < 0x7F ? (char) value : '.';
        }
    }
}
