package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.StructLayout;

import java.util.Locale;

/**
 * Field values as {@code dt} prints them (heap-facts.md 5.9): integers in hex with 0x and no padding, zero as
 * {@code 0}, 64-bit values above 32 bits with a backtick ({@code 0x01003099`c05b7281}), a signed int in decimal
 * ({@code 0n5}, {@code 0n-1}); a UChar with its character
 * ({@code 0x5b '['}, {@code 0xc0 ''} when not printable, {@code 0 ''}); a pointer in the target's width with its type
 * ({@code 0x010704a8 Void}, x64 {@code 0x00000000`00360000 Void}), a char* with its string
 * ({@code 0x00401000  "a.c"}), NULL as {@code (null)}; a LIST_ENTRY as
 * {@code _LIST_ENTRY [ 0xflink - 0xblink ]}; a nested _HEAP_ENTRY or other structure by its type name; an array
 * as {@code [N] } and its first element, as WinDbg shows arrays.
 */
final class TypeValues {

    private TypeValues() {
    }

    /** The value text of a field at an address, or null when its bytes cannot be read. */
    static String value(AddressSpace memory, Arch arch, StructLayout.Field field, long address) {
        if (!memory.isReadable(address, (long) field.size() * field.count())) {
            return null;
        }
        if (field.kind() == StructLayout.Kind.WCHAR && field.count() > 1) {
            // A WCHAR array reads as its string, as WinDbg shows one: [24]  "Buffers"
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < field.count(); i++) {
                int c = memory.readU16(address + 2L * i);
                if (c == 0) {
                    break;
                }
                text.append((char) c);
            }
            return "[" + field.count() + "]  \"" + text + "\"";
        }
        if (field.kind() == StructLayout.Kind.PTR && field.target().equals("Char")) {
            return string(memory, arch, memory.read(address, arch.pointerSize()));
        }
        String first = element(memory, arch, field, address);
        return field.count() > 1 ? "[" + field.count() + "] " + first : first;
    }

    private static String element(AddressSpace memory, Arch arch, StructLayout.Field field, long address) {
        int p = arch.pointerSize();
        return switch (field.kind()) {
            case U8 -> character(memory.readByte(address));
            case U16 -> number(memory.readU16(address));
            case WCHAR -> number(memory.readU16(address));
            case U32 -> number(memory.readU32(address));
            case I32 -> "0n" + (int) memory.readU32(address);
            case U64 -> number(memory.readU64(address));
            case SIZE -> number(memory.read(address, p));
            case PTR -> field.target().equals("_LIST_ENTRY") ? listPointer(memory, arch, memory.read(address, p))
                : pointer(arch, memory.read(address, p), field.target());
            case LIST_ENTRY -> listEntry(memory, arch, address);
            case HEAP_ENTRY -> "_HEAP_ENTRY";
            case STRUCT -> field.target();
        };
    }

    /**
     * A char* as WinDbg shows one: the pointer, two spaces and the quoted string ({@code 0x00401000  "a.c"}), at most
     * 256 characters; {@code (null)}; the pointer alone with {@code "???"} where the string cannot be read.
     */
    private static String string(AddressSpace memory, Arch arch, long value) {
        if (value == 0) {
            return "(null)";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            int c = memory.peekByte((value + i) & arch.pointerMask());
            if (c < 0) {
                return pointerValue(arch, value) + "  \"???\"";
            }
            if (c == 0) {
                break;
            }
            text.append((char) c);
        }
        return pointerValue(arch, value) + "  \"" + text + "\"";
    }

    static String number(long value) {
        if (value == 0) {
            return "0";
        }
        if (value >>> 32 == 0) {
            return "0x" + Long.toHexString(value);
        }
        return String.format(Locale.ROOT, "0x%08x`%08x", value >>> 32, value & 0xFFFF_FFFFL);
    }

    private static String character(int value) {
        String c = value >= 0x20 && value < 0x7F ? String.valueOf((char) value) : "";
        return number(value) + " '" + c + "'";
    }

    /** A LIST_ENTRY*, with the links it points at: {@code 0x00240050 _LIST_ENTRY [ 0x00240050 - 0x00240050 ]}. */
    private static String listPointer(AddressSpace memory, Arch arch, long value) {
        int p = arch.pointerSize();
        if (value == 0 || !memory.isReadable(value, 2L * p)) {
            return pointer(arch, value, "_LIST_ENTRY");
        }
        return pointerValue(arch, value) + " " + listEntry(memory, arch, value);
    }

    /** A LIST_ENTRY's links: {@code _LIST_ENTRY [ 0xflink - 0xblink ]}. */
    private static String listEntry(AddressSpace memory, Arch arch, long address) {
        int p = arch.pointerSize();
        return "_LIST_ENTRY [ " + pointerValue(arch, memory.read(address, p)) + " - "
            + pointerValue(arch, memory.read(address + p, p)) + " ]";
    }

    private static String pointer(Arch arch, long value, String type) {
        return value == 0 ? "(null)" : pointerValue(arch, value) + " " + type;
    }

    /** {@code 0x010704a8}, x64 {@code 0x00000000`00360000}. */
    private static String pointerValue(Arch arch, long value) {
        return "0x" + arch.ptrTick(value);
    }
}
