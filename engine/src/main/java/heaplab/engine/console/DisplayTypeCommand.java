package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.crt.CrtBlockHeader;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapLayout;
import heaplab.engine.nt.StructLayout;
import heaplab.engine.pageheap.DphLayout;
import heaplab.engine.process.Process;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static heaplab.engine.nt.StructLayout.Kind.PTR;
import static heaplab.engine.nt.StructLayout.Kind.U16;
import static heaplab.engine.nt.StructLayout.Kind.U32;
import static heaplab.engine.nt.StructLayout.Kind.U64;
import static heaplab.engine.nt.StructLayout.Kind.U8;

/**
 * {@code dt [ntdll!]Type [Address]} for the heap's structures: {@code _HEAP}, {@code _HEAP_ENTRY},
 * {@code _HEAP_SEGMENT}, {@code _HEAP_FREE_ENTRY} (a _HEAP_ENTRY followed by its FreeList) and
 * {@code _HEAP_VIRTUAL_ALLOC_ENTRY}, and the tag structures {@code _HEAP_ENTRY_EXTRA}, {@code _HEAP_TAG_ENTRY},
 * {@code _HEAP_PSEUDO_TAG_ENTRY}, the page heap's {@code _DPH_BLOCK_INFORMATION}, and the debug CRT's
 * {@code [ucrtbased!]_CrtMemBlockHeader} (UCRT field order, heap-facts.md 4.1), from the same StructLayout tables
 * the heap writes through, so offsets always match memory. Type names are matched case-insensitively, as WinDbg
 * matches symbols.
 *
 * <p>heap-facts.md 5.9: the first line names the type ({@code ntdll!_HEAP_ENTRY}); each field is
 * {@code    +0x000 Size             : } with the name padded to 16 characters, then its type or, with an Address, its
 * value ({@link TypeValues}). An unknown type gives WinDbg's {@code Symbol <name> not found.}
 *
 * @param layout  the structure
 * @param address where it is, or null for the type alone
 */
record DisplayTypeCommand(StructLayout layout, Long address) implements ConsoleCommand {
    private static final Map<Arch, StructLayout> ENTRY = new ConcurrentHashMap<>();
    private static final Map<Arch, StructLayout> FREE_ENTRY = new ConcurrentHashMap<>();
    /** The debug CRT's block header lives in the debug UCRT's symbols. */
    private static final String CRT_BLOCK_HEADER = "_CrtMemBlockHeader";
    private static final String CRT_MODULE = "ucrtbased";
    /** The tag structures (heap-facts.md 1.1, 1.7; see HeapTags), by a letter and the architecture. */
    private static final Map<String, StructLayout> TAG_TYPES = new ConcurrentHashMap<>();

    static ConsoleCommand parse(String line, String rest, Process process) throws CommandError {
        Arguments args = new Arguments(rest, process);
        if (args.atEnd()) {
            throw CommandError.syntax(line);
        }
        String name = args.word();
        StructLayout layout = type(process.heaps().layout(), name);
        if (layout == null) {
            throw new CommandError("Symbol " + name + " not found.");
        }
        Long address = args.atEnd() ? null : args.wholeExpression(line) & process.arch().pointerMask();
        return new DisplayTypeCommand(layout, address);
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
    private static StructLayout entryType(HeapLayout layout) {
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

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        Arch arch = process.arch();
        AddressSpace memory = process.memory();
        String module = layout.name().equals(CRT_BLOCK_HEADER) ? CRT_MODULE : "ntdll";
        StringBuilder out = new StringBuilder(module).append('!').append(layout.name()).append('\n');
        Long unreadable = null;
        for (StructLayout.Field field : layout.fields()) {
            String text;
            if (address == null) {
                text = field.typeName(arch);
            } else {
                long at = address + field.offset();
                text = TypeValues.value(memory, arch, field, at);
                if (text == null) {
                    text = "??";
                    unreadable = unreadable == null ? at : unreadable;
                }
            }
            out.append(String.format("   +0x%03x %-16s : %s\n", field.offset(), field.name(), text));
        }
        if (unreadable != null) {
            out.append("Memory read error ").append(arch.ptr(unreadable)).append('\n');
        }
        return new CommandResult(out.toString(), false);
    }
}
