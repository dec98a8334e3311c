package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.crt.CrtBlockHeader;
import heaplab.engine.nt.HeapLayout;
import heaplab.engine.nt.StructLayout;
import heaplab.engine.pageheap.DphLayout;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static heaplab.engine.nt.StructLayout.Kind.PTR;
import static heaplab.engine.nt.StructLayout.Kind.U16;
import static heaplab.engine.nt.StructLayout.Kind.U32;
import static heaplab.engine.nt.StructLayout.Kind.U64;
import static heaplab.engine.nt.StructLayout.Kind.U8;

/**
 * The structures {@code dt} knows by name ({@link DisplayTypeCommand}), from the same StructLayout tables the heap
 * writes through, so offsets always match memory; names are matched case-insensitively, as WinDbg matches symbols.
 */
final class TypeCatalog {
    private static final Map<Arch, StructLayout> ENTRY = new ConcurrentHashMap<>();
    private static final Map<Arch, StructLayout> FREE_ENTRY = new ConcurrentHashMap<>();
    private static final Map<Arch, StructLayout> LIST_ENTRY_TYPE = new ConcurrentHashMap<>();
    /** The debug CRT's block header lives in the debug UCRT's symbols. */
    private static final String CRT_BLOCK_HEADER = "_CrtMemBlockHeader";
    private static final String CRT_MODULE = "ucrtbased";
    /** The tag structures (heap-facts.md 1.1, 1.7; see HeapTags), by a letter and the architecture. */
    private static final Map<String, StructLayout> TAG_TYPES = new ConcurrentHashMap<>();

    private TypeCatalog() {
    }

    /** The module whose symbols hold the structure, as dt's first line names it ({@code ntdll!_HEAP}). */
    static String module(StructLayout layout) {
        return layout.name().equals(CRT_BLOCK_HEADER) ? CRT_MODULE : "ntdll";
    }

    /** The structure a type name stands for, or null. */
    static StructLayout type(HeapLayout layout, String name) {
        String type = name;
        int bang = name.indexOf('!');
        if (bang >= 0) {
            type = name.substring(bang + 1);
            String module = name.substring(0, bang);
            boolean known = type.equalsIgnoreCase(CRT_BLOCK_HEADER) ? module.equalsIgnoreCase(CRT_MODULE)
                : module.equalsIgnoreCase("ntdll") || module.equalsIgnoreCase("verifier");
            if (!known) {
                return null;
            }
        }
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "_CRTMEMBLOCKHEADER" -> CrtBlockHeader.layout(layout.arch);
            case "_HEAP" -> layout.heap;
            case "_HEAP_ENTRY" -> entryType(layout);
            case "_HEAP_SEGMENT" -> layout.segment;
            case "_HEAP_VIRTUAL_ALLOC_ENTRY" -> layout.virtualAllocEntry;
            case "_LIST_ENTRY" -> listEntry(layout.arch);
            case "_HEAP_FREE_ENTRY" -> FREE_ENTRY.computeIfAbsent(layout.arch, arch -> freeEntry(layout));
            case "_HEAP_ENTRY_EXTRA" -> TAG_TYPES.computeIfAbsent("E" + layout.arch, k ->
                new StructLayout.Builder("_HEAP_ENTRY_EXTRA", layout.arch).add("AllocatorBackTraceIndex",
                    StructLayout.Kind.U16).add("TagIndex", StructLayout.Kind.U16)
                    .add("Settable", StructLayout.Kind.SIZE).build());
            case "_HEAP_TAG_ENTRY" -> TAG_TYPES.computeIfAbsent("T" + layout.arch, k ->
                new StructLayout.Builder("_HEAP_TAG_ENTRY", layout.arch).add("Allocs", StructLayout.Kind.U32)
                    .add("Frees", StructLayout.Kind.U32).add("Size", StructLayout.Kind.SIZE)
                    .add("TagIndex", StructLayout.Kind.U16).add("CreatorBackTraceIndex", StructLayout.Kind.U16)
                    .add("TagName", StructLayout.Kind.WCHAR, 24).build());
            case "_HEAP_PSEUDO_TAG_ENTRY" -> TAG_TYPES.computeIfAbsent("P" + layout.arch, k ->
                new StructLayout.Builder("_HEAP_PSEUDO_TAG_ENTRY", layout.arch).add("Allocs", StructLayout.Kind.U32)
                    .add("Frees", StructLayout.Kind.U32).add("Size", StructLayout.Kind.SIZE).build());
            // The page heap's block header (heap-facts.md 3.2); WinDbg also finds it without the underscore.
            case "_DPH_BLOCK_INFORMATION", "DPH_BLOCK_INFORMATION" -> DphLayout.of(layout.arch).blockInfo;
            default -> null;
        };
    }

    /** _HEAP_ENTRY as `dt` shows it ({@link #entry}), made once per architecture. */
    static StructLayout entryType(HeapLayout layout) {
        return ENTRY.computeIfAbsent(layout.arch, arch -> entry(layout));
    }

    /**
     * _HEAP_ENTRY as the symbols show it (heap-facts.md 1.1 and the x64 specimen of 5.9): the fields the heap uses
     * (HeapLayout#heapEntry's, copied) with the union's other views of the same bytes among them. Assumed from the x64
     * specimen's elided middle and 1.1's list: the extended and code views (with x64's Reserved and
     * ReservedForAlignment over PreviousBlockPrivateData), then Code234 and AgregateCode; x86 the same, 8 bytes lower
     * and without CompactHeader, which 1.1 gives x64 alone.
     */
    private static StructLayout entry(HeapLayout layout) {
        boolean x64 = layout.arch == Arch.X64;
        int h = layout.entrySize; // where Size, and the 8 bytes an x86 header has, start
        StructLayout.Builder b = new StructLayout.Builder("_HEAP_ENTRY", layout.arch)
            .addStruct("UnpackedEntry", "_HEAP_UNPACKED_ENTRY", layout.g);
        for (StructLayout.Field field : layout.heapEntry.fields()) {
            b.copy(field);
            switch (field.name()) {
                case "SmallTagIndex" -> b.at(h).add("SubSegmentCode", U32);
                case "SegmentOffset" -> b.at(field.offset()).add("LFHFlags", U8);
                case "UnusedBytes" -> {
                    if (x64) {
                        b.at(h).add("CompactHeader", U64);
                    }
                }
                default -> { }
            }
        }
        b.at(0).addStruct("ExtendedEntry", "_HEAP_EXTENDED_ENTRY", layout.g).at(0);
        if (x64) {
            b.add("Reserved", PTR);
        }
        b.add("FunctionIndex", U16).add("ContextValue", U16)
            .at(h).add("InterceptorValue", U32).add("UnusedBytesLength", U16).add("EntryOffset", U8)
            .add("ExtendedBlockSignature", U8).at(0);
        if (x64) {
            b.add("ReservedForAlignment", PTR);
        }
        return b.add("Code1", U32).add("Code2", U16).add("Code3", U8).add("Code4", U8)
            .at(h + 4).add("Code234", U32).at(h).add("AgregateCode", U64).build();
    }

    /** HEAP_FREE_ENTRY = HEAP_ENTRY + LIST_ENTRY FreeList (heap-facts.md 1.1). */
    private static StructLayout freeEntry(HeapLayout layout) {
        StructLayout.Builder builder = new StructLayout.Builder("_HEAP_FREE_ENTRY", layout.arch);
        StructLayout entry = entryType(layout);
        for (StructLayout.Field field : entry.fields()) {
            builder.copy(field);
        }
        return builder.at(entry.size()).add("FreeList", StructLayout.Kind.LIST_ENTRY).build();
    }

    /** LIST_ENTRY as {@code dt -r} opens one: its two links. */
    static StructLayout listEntry(Arch arch) {
        return LIST_ENTRY_TYPE.computeIfAbsent(arch, a -> new StructLayout.Builder("_LIST_ENTRY", a)
            .addPointer("Flink", "_LIST_ENTRY").addPointer("Blink", "_LIST_ENTRY").build());
    }
}
