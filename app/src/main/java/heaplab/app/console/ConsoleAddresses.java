package heaplab.app.console;

import heaplab.engine.Arch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the addresses in a line of console output, the tokens a debugger user clicks: 8 hex digits on x86
 * ({@code 002405e8}), 16 or two backtick-joined halves of 8 on x64 ({@code 000001d0`00000b80}), with or without
 * {@code 0x}, standing alone (not part of a longer word or number). On x64 a bare 9 to 15 digit token counts too,
 * because WinDbg's heap extension prints x64 heap handles without leading zeros ({@code 1d000000000}); on x86 a
 * token of 5 to 7 digits counts only on a 64 KB boundary ({@code !heap}, {@code !heap -p} and {@code _HEAP @ 140000}
 * print heap handles so), since sizes and counts look the same otherwise. A token is only an address when it lies
 * in the simulated address space, which the caller decides (a reserved or committed region).
 */
public final class ConsoleAddresses {
    private static final String EDGE_BEFORE = "(?<![0-9A-Za-z_`])";
    private static final String EDGE_AFTER = "(?![0-9A-Za-z_`])";
    private static final Pattern X86 = Pattern.compile(EDGE_BEFORE + "(?:0[xX])?([0-9a-fA-F]{8}|[0-9a-fA-F]{5,7})"
        + EDGE_AFTER);
    /** The allocation granularity: heaps and regions start on it, so a short token on it is a handle. */
    private static final long GRANULARITY = 0x10000;
    private static final Pattern X64 = Pattern.compile(EDGE_BEFORE
        + "(?:0[xX])?([0-9a-fA-F]{8}`[0-9a-fA-F]{8}|[0-9a-fA-F]{9,16})" + EDGE_AFTER);

    private ConsoleAddresses() {
    }

    /**
     * The address tokens of a line, left to right.
     *
     * @param mapped true for an address inside the simulated address space
     */
    public static List<AddressLink> find(String line, Arch arch, LongPredicate mapped) {
        if (line == null || line.length() < 8) {
            return List.of();
        }
        List<AddressLink> links = null;
        Matcher m = (arch == Arch.X64 ? X64 : X86).matcher(line);
        while (m.find()) {
            String digits = m.group(1).replace("`", "");
            long address = Long.parseUnsignedLong(digits, 16);
            boolean shortX86 = arch != Arch.X64 && digits.length() < 8;
            if (address != 0 && (!shortX86 || address % GRANULARITY == 0) && mapped.test(address)) {
                if (links == null) {
                    links = new ArrayList<>(4);
                }
                links.add(new AddressLink(m.start(), m.end(), address));
            }
        }
        return links == null ? List.of() : List.copyOf(links);
    }
}
