package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.crt.CrtBlockHeader;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapLayout;
import heaplab.engine.nt.StructLayout;
import heaplab.engine.pageheap.DphLayout;
import heaplab.engine.process.Process;
import heaplab.engine.script.MasmException;
import heaplab.engine.script.MasmExpression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static heaplab.engine.nt.StructLayout.Kind.PTR;
import static heaplab.engine.nt.StructLayout.Kind.U16;
import static heaplab.engine.nt.StructLayout.Kind.U32;
import static heaplab.engine.nt.StructLayout.Kind.U64;
import static heaplab.engine.nt.StructLayout.Kind.U8;

/**
 * {@code dt [-r[N]] [-y] [ntdll!]Type [Field...] [Address]} for the heap's structures: {@code _HEAP},
 * {@code _HEAP_ENTRY}, {@code _HEAP_SEGMENT}, {@code _HEAP_FREE_ENTRY} (a _HEAP_ENTRY followed by its FreeList) and
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
 * <p>{@code -r[N]} opens embedded structures (a _HEAP_ENTRY, a LIST_ENTRY) N levels deep, all with a bare -r;
 * fields named after the type show only those ({@code dt _HEAP h Signature Flags}), {@code -y} matching the fields
 * whose names begin so. dt's other options say they are not supported rather than read as an expression.
 *
 * @param layout  the structure
 * @param address where it is, or null for the type alone
 * @param only    the fields to show (their names), or all when empty
 * @param depth   how many levels -r opens (0 without it)
 */
record DisplayTypeCommand(StructLayout layout, Long address, List<String> only, int depth) implements ConsoleCommand {
    private static final Map<Arch, StructLayout> ENTRY = new ConcurrentHashMap<>();
    private static final Map<Arch, StructLayout> FREE_ENTRY = new ConcurrentHashMap<>();
    private static final Map<Arch, StructLayout> LIST_ENTRY_TYPE = new ConcurrentHashMap<>();
    /** The debug CRT's block header lives in the debug UCRT's symbols. */
    private static final String CRT_BLOCK_HEADER = "_CrtMemBlockHeader";
    private static final String CRT_MODULE = "ucrtbased";
    /** The tag structures (heap-facts.md 1.1, 1.7; see HeapTags), by a letter and the architecture. */
    private static final Map<String, StructLayout> TAG_TYPES = new ConcurrentHashMap<>();
    /** How deep a bare {@code -r} goes (WinDbg takes a digit from 1 to 9). */
    private static final int ALL_LEVELS = 9;
    /** dt's display and search options (WinDbg's letters); HeapLab does -r[N] and -y and says so for the others. */
    private static final String OPTION_LETTERS = "abcdeiloprstvxy";

    /**
     * {@code dt [-r[N]] [-y] [module!]Type [Field...] [Address]}, options and fields in any place after the command,
     * as WinDbg reads them: a word of a dash and one of dt's option letters is an option (so {@code dt _HEAP h -r}
     * recurses and does not subtract r), a word that names a field of the type (with -y, begins one) is a field, and
     * the other words are the address expression.
     */
    static ConsoleCommand parse(String line, String rest, Process process) throws CommandError {
        int depth = 0;
        boolean prefixes = false;
        String name = null;
        List<String> words = new ArrayList<>();
        for (String word : rest.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (isOption(word)) {
                char option = Character.toLowerCase(word.charAt(1));
                String digits = word.substring(2);
                if (option == 'r') {
                    if (!digits.matches("[1-9]?")) {
                        throw CommandError.syntax(line); // WinDbg's depth is one digit from 1 to 9
                    }
                    depth = digits.isEmpty() ? ALL_LEVELS : digits.charAt(0) - '0';
                } else if (option == 'y' && digits.isEmpty()) {
                    prefixes = true;
                } else {
                    throw new CommandError("dt: option " + word + " is not supported here (HeapLab's dt takes -r[N]"
                        + " and -y)");
                }
            } else if (name == null) {
                name = word;
            } else {
                words.add(word);
            }
        }
        if (name == null) {
            throw CommandError.syntax(line);
        }
        StructLayout layout = type(process.heaps().layout(), name);
        if (layout == null) {
            throw new CommandError("Symbol " + name + " not found.");
        }
        List<String> fields = new ArrayList<>();
        StringBuilder expression = new StringBuilder();
        for (String word : words) {
            // With -y a short word may begin a field's name and be a variable too (h): the address wins.
            List<String> named = prefixes && evaluates(word, process) ? List.of() : fieldsNamed(layout, word, prefixes);
            if (named.isEmpty()) {
                expression.append(expression.length() == 0 ? "" : " ").append(word);
            } else {
                fields.addAll(named);
            }
        }
        Long address = null;
        if (expression.length() > 0) {
            address = new Arguments(expression.toString(), process).wholeExpression(line)
                & process.arch().pointerMask();
        }
        return new DisplayTypeCommand(layout, address, List.copyOf(fields), depth);
    }

    private static boolean evaluates(String word, Process process) {
        try {
            MasmExpression.evaluate(word, process);
            return true;
        } catch (MasmException e) {
            return false;
        }
    }

    private static boolean isOption(String word) {
        return word.length() >= 2 && word.charAt(0) == '-'
            && OPTION_LETTERS.indexOf(Character.toLowerCase(word.charAt(1))) >= 0
            && (word.length() == 2 || Character.isDigit(word.charAt(2)));
    }

    /** The type's fields a word names: the one of that name (any case), or with -y each whose name begins so. */
    private static List<String> fieldsNamed(StructLayout layout, String word, boolean prefixes) {
        List<String> named = new ArrayList<>();
        for (StructLayout.Field field : layout.fields()) {
            String fieldName = field.name();
            boolean match = prefixes ? fieldName.regionMatches(true, 0, word, 0, word.length())
                && word.length() <= fieldName.length() : fieldName.equalsIgnoreCase(word);
            if (match && !named.contains(fieldName)) {
                named.add(fieldName);
            }
        }
        return named;
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

    /** LIST_ENTRY as {@code dt -r} opens one: its two links. */
    private static StructLayout listEntry(Arch arch) {
        return LIST_ENTRY_TYPE.computeIfAbsent(arch, a -> new StructLayout.Builder("_LIST_ENTRY", a)
            .addPointer("Flink", "_LIST_ENTRY").addPointer("Blink", "_LIST_ENTRY").build());
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        String module = layout.name().equals(CRT_BLOCK_HEADER) ? CRT_MODULE : "ntdll";
        StringBuilder out = new StringBuilder(module).append('!').append(layout.name()).append('\n');
        Long unreadable = fields(out, process, layout, address, 1, only);
        if (unreadable != null) {
            out.append("Memory read error ").append(process.arch().ptr(unreadable)).append('\n');
        }
        return new CommandResult(out.toString(), false);
    }

    /**
     * The fields of a structure at `level` (1 for the type dt names; 3 more spaces a level), with their values when
     * `base` is an address; with -r an embedded _HEAP_ENTRY or LIST_ENTRY is opened below its line, its offsets its
     * own, as WinDbg shows a subtype. Returns the first address that could not be read, or null.
     */
    private Long fields(StringBuilder out, Process process, StructLayout struct, Long base, int level,
                        List<String> names) {
        Arch arch = process.arch();
        AddressSpace memory = process.memory();
        Long unreadable = null;
        String indent = "   ".repeat(level);
        for (StructLayout.Field field : struct.fields()) {
            if (!names.isEmpty() && !names.contains(field.name())) {
                continue;
            }
            String text;
            Long at = base == null ? null : base + field.offset();
            if (at == null) {
                text = field.typeName(arch);
            } else {
                text = TypeValues.value(memory, arch, field, at);
                if (text == null) {
                    text = "??";
                    unreadable = unreadable == null ? at : unreadable;
                }
            }
            out.append(String.format("%s+0x%03x %-16s : %s\n", indent, field.offset(), field.name(), text));
            StructLayout inner = level <= depth && field.count() == 1 ? subtype(process, field) : null;
            if (inner != null) {
                Long innerUnreadable = fields(out, process, inner, at, level + 1, List.of());
                unreadable = unreadable == null ? innerUnreadable : unreadable;
            }
        }
        return unreadable;
    }

    /** The structure -r opens for an embedded field, or null (scalars, pointers, and union views HeapLab lays out). */
    private static StructLayout subtype(Process process, StructLayout.Field field) {
        return switch (field.kind()) {
            case HEAP_ENTRY -> entryType(process.heaps().layout());
            case LIST_ENTRY -> listEntry(process.arch());
            default -> null;
        };
    }
}
