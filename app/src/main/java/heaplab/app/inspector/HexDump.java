package heaplab.app.inspector;

import heaplab.engine.Arch;
import heaplab.engine.inspect.BlockBytes;
import heaplab.engine.inspect.ByteClassifier;
import heaplab.engine.inspect.ByteKind;
import heaplab.engine.inspect.ByteSpan;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongToIntFunction;

/**
 * Formats memory as WinDbg's `db` does: `address  16 bytes with a dash after the eighth  ascii`, `??` for bytes that
 * cannot be read, `.` for unprintable ones; each byte keeps the kind the engine gave it ({@link ByteClassifier}).
 */
public final class HexDump {
    public static final int BYTES_PER_LINE = 16;
    private static final Set<ByteKind> HEADERS = EnumSet.of(ByteKind.HEAP_ENTRY, ByteKind.FREE_ENTRY,
        ByteKind.LFH_HEADER, ByteKind.DPH_INFO, ByteKind.CRT_HEADER);

    private HexDump() {
    }

    /**
     * A dump with only two kinds: header bytes below `headerEnd`, data after (for blocks the engine did not describe).
     *
     * @param start     first address
     * @param length    bytes to show
     * @param headerEnd bytes below this address are header bytes
     * @param maxLines  at most this many lines of bytes; a note line says how much was left out
     */
    public static List<HexLine> dump(Arch arch, LongToIntFunction peek, long start, long length, long headerEnd,
                                     int maxLines) {
        List<ByteSpan> spans = List.of(ByteSpan.label(start, headerEnd, ByteKind.HEAP_ENTRY));
        int shown = (int) Math.min(length, (long) maxLines * BYTES_PER_LINE);
        return dump(arch, ByteClassifier.classify(start, shown, spans, peek), start + length);
    }

    /** The lines of classified bytes; when they stop before `end`, a note says how much was left out. */
    public static List<HexLine> dump(Arch arch, BlockBytes bytes, long end) {
        List<HexLine> lines = new ArrayList<>();
        for (int offset = 0; offset < bytes.length(); offset += BYTES_PER_LINE) {
            List<HexLine.HexByte> row = new ArrayList<>();
            for (int i = offset; i < Math.min(bytes.length(), offset + BYTES_PER_LINE); i++) {
                row.add(new HexLine.HexByte(bytes.value(i), bytes.kind(i), bytes.damaged(i)));
            }
            lines.add(line(arch, bytes.start() + offset, row));
        }
        long shownEnd = bytes.start() + bytes.length();
        if (shownEnd < end) {
            lines.add(new HexLine("... " + String.format("0x%x", end - shownEnd) + " more bytes (use `db "
                + arch.ptrTick(shownEnd) + "` in the console)", HexLine.Kind.NOTE));
        }
        return lines;
    }

    static HexLine line(Arch arch, LongToIntFunction peek, long address, int count, boolean header) {
        List<ByteSpan> spans = header ? List.of(ByteSpan.label(address, address + count, ByteKind.HEAP_ENTRY))
            : List.of();
        return dump(arch, ByteClassifier.classify(address, count, spans, peek), address + count).get(0);
    }

    private static HexLine line(Arch arch, long address, List<HexLine.HexByte> row) {
        StringBuilder hex = new StringBuilder();
        StringBuilder ascii = new StringBuilder();
        boolean anyReadable = false;
        boolean header = false;
        for (int i = 0; i < BYTES_PER_LINE; i++) {
            if (i > 0) {
                hex.append(i == 8 && i < row.size() ? '-' : ' ');
            }
            if (i >= row.size()) {
                hex.append("  ");
                continue;
            }
            HexLine.HexByte b = row.get(i);
            hex.append(b.hex());
            ascii.append(b.ascii());
            anyReadable |= b.value() >= 0;
            header |= HEADERS.contains(b.kind());
        }
        HexLine.Kind kind = !anyReadable ? HexLine.Kind.UNREADABLE : header ? HexLine.Kind.HEADER : HexLine.Kind.DATA;
        return new HexLine(arch.ptrTick(address) + "  " + hex + "  " + ascii, kind, address, row);
    }
}
