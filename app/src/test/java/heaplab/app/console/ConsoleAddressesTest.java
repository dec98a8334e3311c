package heaplab.app.console;

import heaplab.engine.Arch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleAddressesTest {
    /** x86: a heap at 00240000-00250000; x64: one at 000001d0`00000000, 1 MB. */
    private static final LongPredicate X86_MAPPED = a -> a >= 0x240000 && a < 0x250000;
    private static final LongPredicate X64_MAPPED = a -> a >= 0x1d000000000L && a < 0x1d000100000L;

    private static List<String> tokens(String line, Arch arch, LongPredicate mapped) {
        return ConsoleAddresses.find(line, arch, mapped).stream()
            .map(l -> line.substring(l.start(), l.end()) + "=" + Long.toHexString(l.address())).toList();
    }

    @Test
    void theEntryAndUserColumnsOfAnX86ListingAreAddresses() {
        assertEquals(List.of("002405e0=2405e0", "002405e8=2405e8", "00240000=240000", "002405a0=2405a0"),
            tokens("002405e0  002405e8  00240000  002405a0        28        40         8  busy ", Arch.X86,
                X86_MAPPED));
        assertEquals(List.of("002405e0=2405e0"), tokens("002405e0: 00040 . 00028 [01] - busy (20)", Arch.X86,
            X86_MAPPED), "a colon ends the token; the sizes are too short");
    }

    @Test
    void aDumpLineStartAndItsPointerValuesAreAddressesButNotItsBytes() {
        String line = "002405e8  78 01 24 00 78 01 24 00-00 00 00 00 00 00 00 00  x.$.x.$.........";
        assertEquals(List.of("002405e8=2405e8"), tokens(line, Arch.X86, X86_MAPPED));
        assertEquals(List.of("002405e8=2405e8", "00240178=240178", "00240178=240178"),
            tokens("002405e8  00240178 00240178 00000000 00000000", Arch.X86, X86_MAPPED),
            "00000000 is not in the address space");
    }

    @Test
    void only8DigitTokensStandingAloneCountOnX86() {
        assertEquals(List.of("0x002405e8=2405e8"), tokens("   +0x000 Flink : 0x002405e8 _LIST_ENTRY", Arch.X86,
            X86_MAPPED), "with 0x, as dt prints pointers");
        assertEquals(List.of(), tokens("x002405e8 002405e80 1002405e8 _002405e8 2405e8 0x2405e8", Arch.X86,
            X86_MAPPED), "glued to a word, longer, or shorter: not an address");
        assertEquals(List.of(), tokens("Total Free Size:     00000144", Arch.X86, X86_MAPPED), "outside: a number");
        assertEquals(List.of("00240008=240008"), tokens("ntdll!RtlAllocateHeap+0xe64 00240008.", Arch.X86,
            X86_MAPPED));
    }

    @Test
    void aShortX86TokenOnA64KBoundaryIsAHeapHandle() {
        assertEquals(List.of("240000=240000"), tokens("    - 240000", Arch.X86, X86_MAPPED));
        assertEquals(List.of("240000=240000"), tokens("    _HEAP @ 240000", Arch.X86, X86_MAPPED));
        assertEquals(List.of("240000=240000"), tokens("    Heap entries for Segment00 in Heap 240000", Arch.X86,
            X86_MAPPED));
        assertEquals(List.of(), tokens("Allocated 10000 bytes", Arch.X86, X86_MAPPED), "a size, outside");
        assertEquals(List.of(), tokens("0:000> db 241000 L10", Arch.X86, X86_MAPPED), "not on a 64 KB boundary");
    }

    @Test
    void x64AddressesAreSixteenDigitsTheBacktickFormOrAnUnpaddedHandle() {
        assertEquals(List.of("000001d000000c90=1d000000c90"),
            tokens("000001d000000c90: 00070 . 01370 [10] - free", Arch.X64, X64_MAPPED));
        assertEquals(List.of("000001d0`00000b90=1d000000b90", "000001d0`00000c30=1d000000c30"),
            tokens("000001d0`00000b90  00000000`00000000 000001d0`00000c30", Arch.X64, X64_MAPPED));
        assertEquals(List.of("1d000000000=1d000000000"), tokens("  1:   1d000000000 ", Arch.X64, X64_MAPPED));
        assertEquals(List.of("0x000001d0`00000b80=1d000000b80"),
            tokens("Evaluate expression: 1992864828288 = 0x000001d0`00000b80", Arch.X64, X64_MAPPED));
        assertEquals(List.of(), tokens("002405e8 00000b80", Arch.X64, a -> true), "8 digits are not x64 pointers");
    }

    @Test
    void shortAndEmptyLinesHaveNone() {
        assertEquals(List.of(), ConsoleAddresses.find("", Arch.X86, a -> true));
        assertEquals(List.of(), ConsoleAddresses.find(null, Arch.X86, a -> true));
    }
}
