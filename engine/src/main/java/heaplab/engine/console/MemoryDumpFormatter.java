package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;

import java.util.Locale;

/**
 * The lines of {@code db dw dd dq} (heap-facts.md 5.9): the address in the target's pointer format (x64 with a
 * backtick), two spaces, the elements separated by one space ({@code db}: a hyphen between the 8th and 9th byte,
 * then two spaces and the ASCII column); unreadable memory as {@code ??}. Reads with peekByte: never faults.
 * {@code dds dqs dps}: one value per line, then a space and its symbol when it has one ({@link Symbols}).
 */
final class MemoryDumpFormatter {

    private MemoryDumpFormatter() {
    }

    static String format(Process process, DisplayFormat format, long start, long count) {
        return format(process, format, start, count, format.perLine());
    }

    /** As {@link #format(Process, DisplayFormat, long, long)} with {@code perLine} elements a line ({@code /c}). */
    static String format(Process process, DisplayFormat format, long start, long count, int perLine) {
        Arch arch = process.arch();
        AddressSpace memory = process.memory();
        StringBuilder out = new StringBuilder();
        long mask = arch.pointerMask();
        long done = 0;
        while (done < count) {
            int n = (int) Math.min(perLine, count - done);
            long lineAddress = (start + done * format.size()) & mask;
            out.append(arch.ptrTick(lineAddress)).append("  ");
            if (format == DisplayFormat.BYTES) {
                appendBytes(out, memory, lineAddress, n, perLine, mask);
            } else if (format.symbols()) {
                String value = element(memory, lineAddress, format, mask);
                out.append(value);
                long raw = value.startsWith("?") ? 0 : memory.read(lineAddress, format.size());
                String symbol = value.startsWith("?") || (raw & ~mask) != 0 ? null : Symbols.nameOf(process, raw);
                if (symbol != null) {
                    out.append(' ').append(symbol);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    out.append(element(memory, (lineAddress + (long) i * format.size()) & mask, format, mask));
                }
            }
            out.append('\n');
            done += n;
        }
        return out.toString();
    }

    private static void appendBytes(StringBuilder out, AddressSpace memory, long address, int n, int perLine,
                                    long mask) {
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < perLine; i++) {
            if (i > 0) {
                out.append(i == 8 && i < n ? '-' : ' ');
            }
            if (i >= n) {
                out.append("  ");
                continue;
            }
            int b = memory.peekByte((address + i) & mask);
            if (b < 0) {
                out.append("??");
                ascii.append('?');
            } else {
                out.append(String.format(Locale.ROOT, "%02x", b));
                ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
            }
        }
        out.append("  ").append(ascii);
    }

    /** One word, dword or qword (little-endian), or question marks when any of its bytes is unreadable. */
    private static String element(AddressSpace memory, long address, DisplayFormat format, long mask) {
        long value = 0;
        for (int i = format.size() - 1; i >= 0; i--) {
            int b = memory.peekByte((address + i) & mask);
            if (b < 0) {
                return format.size() == 8 ? "????????`????????" : "?".repeat(format.size() * 2);
            }
            value = (value << 8) | b;
        }
        return switch (format.size()) {
            case 2 -> String.format(Locale.ROOT, "%04x", value);
            case 4 -> String.format(Locale.ROOT, "%08x", value);
            default -> String.format(Locale.ROOT, "%08x`%08x", value >>> 32, value & 0xFFFF_FFFFL);
        };
    }
}
