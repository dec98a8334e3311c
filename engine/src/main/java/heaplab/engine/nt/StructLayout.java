package heaplab.engine.nt;

import heaplab.engine.Arch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of one structure for one architecture: named fields with offsets computed by natural alignment,
 * as the C compiler lays them out. The heap code reads and writes through it, and `dt` prints it, so the two
 * always agree.
 */
public final class StructLayout {
    /**
     * A field's kind, which gives its size and how `dt` names its type; STRUCT is a nested structure `dt` shows by its
     * name alone (a union's view, {@code _HEAP_UNPACKED_ENTRY}), its name in the field's target; I32 is a signed int or
     * long ({@code Int4B}, which `dt` shows in decimal: {@code 0n5}).
     */
    public enum Kind { U8, U16, U32, I32, U64, SIZE, PTR, LIST_ENTRY, HEAP_ENTRY, WCHAR, STRUCT }

    /**
     * One field.
     *
     * @param name   field name as in the Windows symbols
     * @param kind   its kind
     * @param count  array length (1 for scalars)
     * @param offset byte offset in the structure
     * @param size   byte size of one element
     * @param target what a PTR points to as `dt` names it ({@code _CrtMemBlockHeader}, {@code Char}), or
     *               {@code Void}
     */
    public record Field(String name, Kind kind, int count, int offset, int size, String target) {
        /** The type as `dt` prints it (`Uint4B`, `Ptr32 Void`, `Ptr32 _CrtMemBlockHeader`, `[128] _LIST_ENTRY`). */
        public String typeName(Arch arch) {
            String base = switch (kind) {
                case U8 -> "UChar";
                case U16 -> "Uint2B";
                case WCHAR -> "Wchar";
                case U32 -> "Uint4B";
                case I32 -> "Int4B";
                case U64 -> "Uint8B";
                case SIZE -> arch == Arch.X86 ? "Uint4B" : "Uint8B";
                case PTR -> (arch == Arch.X86 ? "Ptr32 " : "Ptr64 ") + target;
                case LIST_ENTRY -> "_LIST_ENTRY";
                case HEAP_ENTRY -> "_HEAP_ENTRY";
                case STRUCT -> target;
            };
            return count > 1 ? "[" + count + "] " + base : base;
        }
    }

    private final String name;
    private final Arch arch;
    private final List<Field> fields;
    private final Map<String, Field> byName;
    private final int size;

    private StructLayout(String name, Arch arch, List<Field> fields, int size) {
        this.name = name;
        this.arch = arch;
        this.fields = Collections.unmodifiableList(fields);
        this.byName = new LinkedHashMap<>();
        for (Field f : fields) {
            byName.put(f.name(), f);
        }
        this.size = size;
    }

    public String name() { return name; }

    public Arch arch() { return arch; }

    public List<Field> fields() { return fields; }

    public int size() { return size; }

    public Field field(String fieldName) {
        Field f = byName.get(fieldName);
        if (f == null) {
            throw new IllegalArgumentException(name + " has no field " + fieldName);
        }
        return f;
    }

    public int offset(String fieldName) { return field(fieldName).offset(); }

    /**
     * Builds a layout field by field with natural alignment; {@link #at} starts another view of a union at an offset
     * already laid out.
     */
    public static final class Builder {
        private final String name;
        private final Arch arch;
        private final List<Field> fields = new ArrayList<>();
        private int offset;
        private int end;
        private int maxAlign = 1;

        public Builder(String name, Arch arch) {
            this.name = name;
            this.arch = arch;
        }

        public Builder add(String fieldName, Kind kind) { return add(fieldName, kind, 1); }

        /** A pointer to a `target` type ({@code _CrtMemBlockHeader}, {@code Char}), as `dt` names it. */
        public Builder addPointer(String fieldName, String target) {
            return add(fieldName, Kind.PTR, 1, target);
        }

        /** An array of `count` pointers to a `target` type. */
        public Builder addPointers(String fieldName, String target, int count) {
            return add(fieldName, Kind.PTR, count, target);
        }

        public Builder add(String fieldName, Kind kind, int count) {
            return add(fieldName, kind, count, "Void");
        }

        /** A nested structure of `size` bytes that `dt` names `typeName` (a view of a union). */
        public Builder addStruct(String fieldName, String typeName, int size) {
            fields.add(new Field(fieldName, Kind.STRUCT, 1, offset, size, typeName));
            offset += size;
            end = Math.max(end, offset);
            return this;
        }

        /** Another structure's field, at its offset there. */
        public Builder copy(Field field) {
            at(field.offset());
            return field.kind() == Kind.STRUCT ? addStruct(field.name(), field.target(), field.size())
                : add(field.name(), field.kind(), field.count(), field.target());
        }

        /** The next field starts at `fieldOffset`, over fields already laid out there (a union's next view). */
        public Builder at(int fieldOffset) {
            offset = fieldOffset;
            return this;
        }

        private Builder add(String fieldName, Kind kind, int count, String target) {
            int p = arch.pointerSize();
            int elementSize = switch (kind) {
                case U8 -> 1;
                case U16, WCHAR -> 2;
                case U32, I32 -> 4;
                case U64 -> 8;
                case SIZE, PTR -> p;
                case LIST_ENTRY -> 2 * p;
                case HEAP_ENTRY -> arch.granularity();
                case STRUCT -> throw new IllegalArgumentException("a STRUCT field has its own size: addStruct");
            };
            int align = switch (kind) {
                case LIST_ENTRY, HEAP_ENTRY -> p;
                default -> elementSize;
            };
            offset = (offset + align - 1) / align * align;
            maxAlign = Math.max(maxAlign, align);
            fields.add(new Field(fieldName, kind, count, offset, elementSize, target));
            offset += elementSize * count;
            end = Math.max(end, offset);
            return this;
        }

        public StructLayout build() {
            int total = (end + maxAlign - 1) / maxAlign * maxAlign;
            return new StructLayout(name, arch, fields, total);
        }
    }
}
