package heaplab.app.console;

/**
 * An address in a console line: the characters {@code [start, end)} of the line's text (a {@code 0x} prefix and
 * an x64 backtick included) and the address they spell.
 */
public record AddressLink(int start, int end, long address) {
}
