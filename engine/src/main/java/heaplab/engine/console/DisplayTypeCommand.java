package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.StructLayout;
import heaplab.engine.process.Process;
import heaplab.engine.script.MasmException;
import heaplab.engine.script.MasmExpression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dt [-r[N]] [-y] [ntdll!]Type [Field...] [Address]} for the heap's structures: {@code _HEAP},
 * {@code _HEAP_ENTRY}, {@code _HEAP_SEGMENT}, {@code _HEAP_FREE_ENTRY} (a _HEAP_ENTRY followed by its FreeList) and
 * {@code _HEAP_VIRTUAL_ALLOC_ENTRY}, and the tag structures {@code _HEAP_ENTRY_EXTRA}, {@code _HEAP_TAG_ENTRY},
 * {@code _HEAP_PSEUDO_TAG_ENTRY}, the page heap's {@code _DPH_BLOCK_INFORMATION}, and the debug CRT's
 * {@code [ucrtbased!]_CrtMemBlockHeader} (UCRT field order, heap-facts.md 4.1), and {@code _LIST_ENTRY}
 * ({@link TypeCatalog}).
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
        StructLayout layout = TypeCatalog.type(process.heaps().layout(), name);
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

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        String module = TypeCatalog.module(layout);
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
            out.append(String.format(Locale.ROOT,
                "%s+0x%03x %-16s : %s\n", indent, field.offset(), field.name(), text));
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
            case HEAP_ENTRY -> TypeCatalog.entryType(process.heaps().layout());
            case LIST_ENTRY -> TypeCatalog.listEntry(process.arch());
            default -> null;
        };
    }
}
