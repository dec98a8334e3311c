package heaplab.app.inspector;

import heaplab.engine.Arch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * Formats memory as WinDbg's `db` does: `address  16 bytes with a dash after the eighth  ascii`, `??` for bytes that
 * cannot be read, `.` for unprintable ones. Reads through a debugger-style peek (-1 = unreadable), never faults.
 */
public final class HexDump {
    public static final int BYTES_PER_LINE = 16;

    private HexDump() {
    }

    /**
     * @param start     first address
     * @param length    bytes to show
     * @param headerEnd lines starting below this address are header lines
     * @param maxLines  at most this many lines of bytes; a note line says how much was left out
     */
    public static List<HexLine> dump(Arch arch, LongToIntFunction peek, long start, long length, long headerEnd,
                                     int maxLines) {
        List<HexLine> lines = new ArrayList<>();
        long end = start + length;
        for (long line = start; line < end; line += BYTES_PER_LINE) {
            if (lines.size() == maxLines) {
                lines.add(new HexLine("... " + String.format("0x%x", end - line) + " more bytes (use `db "
                    + arch.ptrTick(line) + "` in the console)", HexLine.Kind.NOTE));
                break;
            }
            int count = (int) Math.min(BYTES_PER_LINE, end - line);
            lines.add(line(arch, peek, line, count, line < headerEnd));
        }
        return lines;
    }

    static HexLine line(Arch arch, LongToIntFunction peek, long address, int count, boolean header) {
        StringBuilder hex = new StringBuilder();
        StringBuilder ascii = new StringBuilder();
        boolean anyReadable = false;
        for (int i = 0; i < BYTES_PER_LINE; i++) {
            if (i > 0) {
                hex.append(i == 8 && i < count ? '-' : ' ');
            }
            if (i >= count) {
                hex.append("  ");
                continue;
            }
            int b = peek.applyAsInt(address + i);
            if (b < 0) {
                hex.append("??");
                ascii.append('?');
            } else {
                anyReadable = true;
                hex.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
                ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
            }
        }
        HexLine.Kind kind = !anyReadable ? HexLine.Kind.UNREADABLE
            : header ? HexLine.Kind.HEADER : HexLine.Kind.DATA;
        return new HexLine(arch.ptrTick(address) + "  " + hex + "  " + ascii, kind);
    }
}
