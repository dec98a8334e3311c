package heaplab.app.inspector;

/** One line of the hex dump and what it shows, so the view can tell header bytes from data. */
public record HexLine(String text, Kind kind) {

    public enum Kind {
        /** The line holds header bytes. */
        HEADER,
        DATA,
        /** No byte of the line is readable (`??`). */
        UNREADABLE,
        /** Not bytes: a remark such as "... 0x1f000 more bytes". */
        NOTE
    }
}
