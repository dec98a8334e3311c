package heaplab.engine.script;

import heaplab.engine.Arch;

import java.util.List;
import java.util.Set;

/**
 * The C structures a scenario can declare as variables, with Windows' field offsets on x86 and x64. A structure
 * variable is created, zeroed, in the process's stack region by its first use as {@code &s} where a call takes that
 * structure ({@code HeapWalk(h, &e)}); its fields read simulated memory ({@code e.cbData}).
 *
 * <p>The parsers learn structure variables from the same set of names as scalar variables: a structure appears
 * there as its C declaration, {@code "PROCESS_HEAP_ENTRY e"} (see {@link #declaration}), so a bare {@code e} is
 * not a scalar variable.
 */
enum StructureType {
    /** PROCESS_HEAP_ENTRY (winbase.h / minwinbase.h), what HeapWalk fills; the union starts at 12 / 16. */
    PROCESS_HEAP_ENTRY(28, 40, List.of(
        new Field("lpData", 0, 0, Width.POINTER),
        new Field("cbData", 4, 8, Width.DWORD),
        new Field("cbOverhead", 8, 12, Width.BYTE),
        new Field("iRegionIndex", 9, 13, Width.BYTE),
        new Field("wFlags", 10, 14, Width.WORD),
        new Field("Block.hMem", 12, 16, Width.POINTER),
        new Field("Region.dwCommittedSize", 12, 16, Width.DWORD),
        new Field("Region.dwUnCommittedSize", 16, 20, Width.DWORD),
        new Field("Region.lpFirstBlock", 20, 24, Width.POINTER),
        new Field("Region.lpLastBlock", 24, 32, Width.POINTER))),
    /**
     * _CrtMemState (crtdbg.h), what _CrtMemCheckpoint and _CrtMemDifference fill: a pointer and size_t counts,
     * {@code s.lCounts[_NORMAL_BLOCK]} reads one element of an array field.
     */
    _CrtMemState(0x34, 0x68, List.of(
        new Field("pBlockHeader", 0, 0, Width.POINTER),
        new Field("lCounts", 4, 8, Width.POINTER, 5),
        new Field("lSizes", 0x18, 0x30, Width.POINTER, 5),
        new Field("lHighWaterCount", 0x2C, 0x58, Width.POINTER),
        new Field("lTotalCount", 0x30, 0x60, Width.POINTER)));

    /** How many bytes a field has. */
    enum Width { BYTE, WORD, DWORD, POINTER }

    /**
     * One field.
     *
     * @param path      its name as a scenario writes it after the dot ({@code cbData}, {@code Region.lpFirstBlock})
     * @param x86Offset its offset in the x86 structure
     * @param x64Offset its offset in the x64 structure
     * @param width     its size (of one element for an array)
     * @param count     1, or the number of elements of an array field ({@code s.lCounts[i]})
     */
    record Field(String path, int x86Offset, int x64Offset, Width width, int count) {

        Field(String path, int x86Offset, int x64Offset, Width width) {
            this(path, x86Offset, x64Offset, width, 1);
        }

        int offset(Arch arch) {
            return arch == Arch.X86 ? x86Offset : x64Offset;
        }

        /** Bytes of one element. */
        int elementSize(Arch arch) {
            return switch (width) {
                case BYTE -> 1;
                case WORD -> 2;
                case DWORD -> 4;
                case POINTER -> arch.pointerSize();
            };
        }

        boolean isArray() {
            return count > 1;
        }
    }

    private final int x86Size;
    private final int x64Size;
    private final List<Field> fields;

    StructureType(int x86Size, int x64Size, List<Field> fields) {
        this.x86Size = x86Size;
        this.x64Size = x64Size;
        this.fields = fields;
    }

    /** sizeof the structure. */
    int size(Arch arch) {
        return arch == Arch.X86 ? x86Size : x64Size;
    }

    /** The field at that path, or null. */
    Field field(String path) {
        for (Field field : fields) {
            if (field.path().equals(path)) {
                return field;
            }
        }
        return null;
    }

    /** True when some field's path starts with {@code prefix + "."} (a union member such as {@code Region}). */
    boolean hasGroup(String prefix) {
        return firstFieldOf(prefix) != null;
    }

    /** The path of the first field of a union member ({@code Region.dwCommittedSize} for {@code Region}), or null. */
    String firstFieldOf(String group) {
        for (Field field : fields) {
            if (field.path().startsWith(group + ".")) {
                return field.path();
            }
        }
        return null;
    }

    /** The paths of the fields, for error messages. */
    String fieldList() {
        StringBuilder out = new StringBuilder();
        for (Field field : fields) {
            out.append(out.length() == 0 ? "" : ", ").append(field.path());
        }
        return out.toString();
    }

    /** How a variable of this type appears in the parsers' set of names: {@code "PROCESS_HEAP_ENTRY e"}. */
    String declaration(String name) {
        return name() + " " + name;
    }

    /** The type of the structure variable of that name among the names, or null when it is none. */
    static StructureType of(Set<String> names, String name) {
        for (StructureType type : values()) {
            if (names.contains(type.declaration(name))) {
                return type;
            }
        }
        return null;
    }
}
