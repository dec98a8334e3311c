package heaplab.engine.console;

import heaplab.engine.scenario.GlobalFlags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the console understands, for a front end's completion and hints: the command words, the options and
 * keywords that may follow the words already typed ({@code !heap -p} → {@code -a -h -all ...}), and the type names
 * of {@code dt}. The console's parsers stay the one judge of a line; this catalog only lists, and a test runs each
 * of its commands and options through {@link Console} so that the two cannot drift apart. Everything here is
 * static, immutable and independent of any process.
 */
public final class CommandCatalog {

    /**
     * A word the user can type and what it does.
     *
     * @param word        as typed ({@code !heap}, {@code -triage}, {@code alloc}, {@code +htc})
     * @param description one short line for a hint
     */
    public record Entry(String word, String description) {
        /** True for an option ({@code -a}, {@code /b}, {@code +htc}) rather than a keyword argument. */
        public boolean isOption() {
            return word.length() > 1 && "-/+".indexOf(word.charAt(0)) >= 0;
        }
    }

    private static final List<Entry> COMMANDS = List.of(
        new Entry("!heap", "The heap extension: heaps, blocks, free lists, leaks, page heap, statistics"),
        new Entry("!gflag", "Show or set NtGlobalFlag (as gflags)"),
        new Entry("db", "Display memory as bytes and ASCII"),
        new Entry("dw", "Display memory as words"),
        new Entry("dd", "Display memory as double words"),
        new Entry("dq", "Display memory as quad words"),
        new Entry("dp", "Display memory as pointers"),
        new Entry("dds", "Display double words, one a line, with their symbols"),
        new Entry("dqs", "Display quad words, one a line, with their symbols"),
        new Entry("dps", "Display pointers, one a line, with their symbols"),
        new Entry("d", "Display memory in the last format used"),
        new Entry("dt", "Display a type, or a structure at an address (dt _HEAP_ENTRY Address)"),
        new Entry("?", "Evaluate a MASM expression (hex by default, 0n10 decimal, poi(Address))"),
        new Entry(".dvalloc", "Allocate virtual memory: .dvalloc [/b BaseAddress] [/r] Size"),
        new Entry(".dvfree", "Free virtual memory: .dvfree [/d] BaseAddress Size"),
        new Entry(".help", "The console's commands, a line each (F1 for the whole reference)"),
        new Entry("gflags", "Show or set NtGlobalFlag: gflags +htc -hfc"),
        new Entry("ba", "Break when a step changes memory: ba w1|w2|w4|w8 Address (aligned to the size)"),
        new Entry("bl", "List the processor breakpoints (ba): bl [IDs]"),
        new Entry("bc", "Clear processor breakpoints: bc IDs, or bc * for all"),
        new Entry("bd", "Disable processor breakpoints: bd IDs, or bd * for all"),
        new Entry("be", "Enable processor breakpoints: be IDs, or be * for all"));

    /** What {@code ba} watches: writes of 1, 2, 4 or 8 bytes (8 on x64 only). */
    private static final List<Entry> WATCH_SIZES = List.of(
        new Entry("w1", "Watch 1 byte for changes"), new Entry("w2", "Watch 2 bytes (address aligned to 2)"),
        new Entry("w4", "Watch 4 bytes (address aligned to 4)"),
        new Entry("w8", "Watch 8 bytes (x64 only; address aligned to 8)"));

    /** The breakpoint numbers {@code bl bc bd be} take. */
    private static final List<Entry> ALL_BREAKPOINTS = List.of(new Entry("*", "Every processor breakpoint"));

    private static final List<Entry> HEAP_OPTIONS = List.of(
        new Entry("-a", "All information for the heap (= -h -f -m)"),
        new Entry("-h", "All non-LFH entries of the heap"),
        new Entry("-hl", "All entries of the heap, LFH entries included"),
        new Entry("-f", "All free list entries of the heap"),
        new Entry("-m", "All segment entries of the heap"),
        new Entry("-v", "Validate the heap"),
        new Entry("-t", "Tag information of the heap"),
        new Entry("-T", "Pseudo-tag entries of the heap"),
        new Entry("-g", "Global tag information"),
        new Entry("-k", "The stack back trace of each entry"),
        new Entry("-i", "Decode the block entry at Address; a heap handle sets the heap context"),
        new Entry("-x", "Find the block holding Address (-v: and the pointers to it)"),
        new Entry("-l", "Detect leaked heap blocks"),
        new Entry("-s", "Summary of every heap, or of one (-s -? for its options)"),
        new Entry("-p", "Page heap information (-p -? for its options)"),
        new Entry("-b", "Set a heap breakpoint: -b alloc|realloc|free [Tag], or -b Address"),
        new Entry("-B", "Remove a heap breakpoint: -B alloc|realloc|free, or -B Address"),
        new Entry("-D", "Disable validate-on-call for the heap (every heap without one)"),
        new Entry("-E", "Enable validate-on-call for the heap (every heap without one)"),
        new Entry("-d", "Disable heap parameter checking for the heap (every heap without one)"),
        new Entry("-e", "Enable heap parameter checking for the heap (every heap without one)"),
        new Entry("-srch", "Scan every heap for a pattern: -srch [-b|-w|-d|-q] Pattern"),
        new Entry("-flt", "Only the blocks of a size: -flt s Size, or -flt r SizeMin SizeMax"),
        new Entry("-stat", "Usage statistics: -stat [-h Handle [-grp A|B|S [MaxDisplay]]]"),
        new Entry("-triage", "Search the heaps, or the heap holding Address, for failures"),
        new Entry("-?", "The heap extension's help"));

    /** The flags of a listing ({@code !heap -a -t h}), which combine with each other. */
    private static final Set<String> LISTING = Set.of("-a", "-h", "-hl", "-f", "-m", "-v", "-t", "-T", "-g", "-k");

    private static final List<Entry> PAGE_HEAP_OPTIONS = List.of(
        new Entry("-a", "Find the page heap block holding Address"),
        new Entry("-h", "The page heap with handle Handle"),
        new Entry("-all", "Every page heap in detail"),
        new Entry("-t", "Traces of the heaviest page heap users, by count"),
        new Entry("-tc", "Traces of the heaviest page heap users, by count"),
        new Entry("-ts", "Traces of the heaviest page heap users, by size"),
        new Entry("-fi", "The most recent fault injection traces"),
        new Entry("-?", "The page heap help"));

    /** The page heap forms that are also flags of a listing: {@code !heap -a -p Address} is {@code -p -a}. */
    private static final Set<String> PAGE_HEAP_FORMS = Set.of("-a", "-h", "-t");

    private static final List<Entry> SUMMARY_OPTIONS = List.of(
        new Entry("-v", "Verify all data blocks"),
        new Entry("-a", "Dump all heap blocks"),
        new Entry("-c", "Display the contents of each busy block"),
        new Entry("-b", "A histogram of busy block sizes: -b BucketSize"),
        new Entry("-d", "The histogram, then the busy blocks of one size: -d DumpBlockSize"),
        new Entry("-?", "The summary's help"));

    private static final List<Entry> SEARCH_SIZES = List.of(
        new Entry("-b", "Search for a byte"), new Entry("-w", "Search for a word"),
        new Entry("-d", "Search for a double word"), new Entry("-q", "Search for a quad word"));

    private static final List<Entry> FILTERS = List.of(
        new Entry("s", "Allocations of exactly one size: s Size"),
        new Entry("r", "Allocations in a range of sizes: r SizeMin SizeMax"));

    private static final List<Entry> GROUPS = List.of(
        new Entry("A", "Group by allocation size"), new Entry("B", "Group by block count"),
        new Entry("S", "Group by total size"));

    private static final List<Entry> DVALLOC_OPTIONS = List.of(
        new Entry("/b", "At a base address: /b BaseAddress"), new Entry("/r", "Reserve only, commit nothing"));

    private static final List<Entry> DVFREE_OPTIONS = List.of(new Entry("/d", "Decommit only, keep the reservation"));

    private static final List<Entry> TYPES = List.of(
        new Entry("_HEAP", "ntdll's heap header"),
        new Entry("_HEAP_ENTRY", "The header before every block"),
        new Entry("_HEAP_FREE_ENTRY", "A free block's header and its FreeList links"),
        new Entry("_HEAP_SEGMENT", "A heap segment's header"),
        new Entry("_HEAP_VIRTUAL_ALLOC_ENTRY", "The header of a block above the virtual memory threshold"),
        new Entry("_HEAP_ENTRY_EXTRA", "A block's extra: back trace index and tag"),
        new Entry("_HEAP_TAG_ENTRY", "A heap tag's counters and name"),
        new Entry("_HEAP_PSEUDO_TAG_ENTRY", "A pseudo-tag's counters"),
        new Entry("_LIST_ENTRY", "A doubly linked list's two links (Flink, Blink)"),
        new Entry("_DPH_BLOCK_INFORMATION", "The page heap's block header"),
        new Entry("_CrtMemBlockHeader", "The debug CRT's block header"));

    private CommandCatalog() {
    }

    /** The command words, in the order a help page would list them. */
    public static List<Entry> commands() {
        return COMMANDS;
    }

    /** The entry of a typed command word (without case; {@code !ntsdexts.heap} is {@code !heap}), or null. */
    public static Entry command(String word) {
        String w = canonical(word);
        for (Entry e : COMMANDS) {
            if (e.word().equals(w)) {
                return e;
            }
        }
        return null;
    }

    /** The type names {@code dt} knows (each also with its module: {@code ntdll!_HEAP}, {@code ucrtbased!...}). */
    public static List<Entry> typeNames() {
        return TYPES;
    }

    /**
     * What may come next after the words typed so far: options and keyword arguments, without the ones already
     * there. Addresses and expressions are not listed (a front end offers the session's variables there).
     *
     * @param words the command word first, then its arguments typed so far (not the word being typed)
     */
    public static List<Entry> argumentsAfter(List<String> words) {
        if (words.isEmpty()) {
            return List.of();
        }
        List<String> args = words.subList(1, words.size());
        return switch (canonical(words.get(0))) {
            case "!heap" -> heapArguments(args);
            case "!gflag", "gflags" -> flagArguments(args);
            case ".dvalloc" -> without(DVALLOC_OPTIONS, args);
            case ".dvfree" -> without(DVFREE_OPTIONS, args);
            case "ba" -> args.isEmpty() ? WATCH_SIZES : List.of();
            case "bl", "bc", "bd", "be" -> args.isEmpty() ? ALL_BREAKPOINTS : List.of();
            default -> List.of();
        };
    }

    private static List<Entry> heapArguments(List<String> args) {
        List<String> options = args.stream().filter(HeapCommandParser::isOption).toList();
        String last = args.isEmpty() ? "" : args.get(args.size() - 1);
        if (options.isEmpty()) {
            return HEAP_OPTIONS;
        }
        String first = options.get(0);
        if (options.contains("-p")) {
            if (options.size() == 1) {
                return PAGE_HEAP_OPTIONS;
            }
            // One page heap form at a time (-a, -h, -all, -t, -tc, -ts, -fi); its help, -?, goes with any of them.
            return options.contains("-?") ? List.of()
                : PAGE_HEAP_OPTIONS.stream().filter(e -> e.word().equals("-?")).toList();
        }
        switch (first) {
            case "-s":
                return without(SUMMARY_OPTIONS, options.subList(1, options.size()));
            case "-srch":
                return options.size() == 1 && args.size() == 1 ? SEARCH_SIZES : List.of();
            case "-flt":
                return args.size() == 1 ? FILTERS : List.of();
            case "-stat":
                if (last.equals("-grp")) {
                    return GROUPS;
                }
                if (!options.contains("-h")) {
                    return List.of(new Entry("-h", "Statistics of one heap: -h Handle"));
                }
                return !options.contains("-grp") && !last.equals("-h")
                    ? List.of(new Entry("-grp", "Group by A (size), B (count) or S (total size)")) : List.of();
            case "-b":
            case "-B":
                if (args.size() != 1) {
                    return List.of();
                }
                List<Entry> kinds = new ArrayList<>();
                for (HeapBreakpoints.Kind kind : HeapBreakpoints.Kind.values()) {
                    kinds.add(new Entry(kind.word(), "Before each " + kind.function() + " call"));
                }
                return kinds;
            case "-x":
                return options.contains("-v") ? List.of()
                    : List.of(new Entry("-v", "Also search memory for pointers to the block"));
            default:
                if (options.stream().allMatch(LISTING::contains)) {
                    List<Entry> listing = new ArrayList<>(
                        without(HEAP_OPTIONS.stream().filter(e -> LISTING.contains(e.word())).toList(), options));
                    // The console reads the flags in any order: -a, -h or -t alone may still become -p's form.
                    if (options.size() == 1 && PAGE_HEAP_FORMS.contains(first)) {
                        HEAP_OPTIONS.stream().filter(e -> e.word().equals("-p")).forEach(listing::add);
                    }
                    return listing;
                }
                return List.of();
        }
    }

    private static List<Entry> flagArguments(List<String> args) {
        List<Entry> out = new ArrayList<>();
        for (String sign : new String[] {"+", "-"}) {
            for (GlobalFlags.Flag flag : GlobalFlags.Flag.values()) {
                String verb = sign.equals("+") ? "Set: " : "Clear: ";
                out.add(new Entry(sign + flag.abbreviation(), verb + flag.description()));
            }
        }
        return without(out, args);
    }

    private static List<Entry> without(List<Entry> entries, List<String> typed) {
        return entries.stream().filter(e -> !typed.contains(e.word())).toList();
    }

    /** The catalog's spelling of a command word: lower case, {@code !ntsdexts.heap} and {@code !exts.heap} as !heap. */
    private static String canonical(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.startsWith("!") && w.indexOf('.') > 0) {
            w = "!" + w.substring(w.lastIndexOf('.') + 1);
        }
        return w;
    }
}
