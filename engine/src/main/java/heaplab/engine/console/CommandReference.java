package heaplab.engine.console;

import java.util.List;

/**
 * The console's commands and their options, for a reference window: each command's help as the console itself
 * prints it ({@code !heap -?}, {@code !heap -s -?}, {@code !heap -p -?} are {@link HeapHelpText}), and a short help
 * in the same layout for the commands that have no {@code -?} of their own. One place, so the window and the
 * console never tell two stories.
 */
public final class CommandReference {

    /**
     * A command of the console.
     *
     * @param command how it starts ({@code !heap -s}, {@code db dw dd dq dp})
     * @param summary one line: what it is for
     * @param help    the syntax and options, in the console's layout (monospace, several lines)
     */
    public record Entry(String command, String summary, String help) {
    }

    private static final List<Entry> ENTRIES = List.of(
        new Entry("!heap", "List, dump, validate, search and break on the heaps (WinDbg's heap extension)",
            HeapHelpText.GENERAL),
        new Entry("!heap -s", "Summary of every heap, or of one, with its options", HeapHelpText.SUMMARY),
        new Entry("!heap -p", "Page heap blocks and heaps (gflags +hpa)", HeapHelpText.PAGE_HEAP),
        new Entry("db dw dd dq dp", "Display memory as bytes, words, dwords, qwords or pointers", """
            d{b|w|d|q|p} [/c Columns] [Address [L Count | L?Count | L-Count | EndAddress]]
            d [Address [Range]]

                /c Columns           Elements a line (dd /c 2 p: two dwords a line); 1 to 0x40.
                Address              An expression: hex by default (0n for decimal), a variable (p), poi(p).
                L Count              Count elements (dd p L4: four dwords); at most 1 MB, with L? too.
                L-Count              The Count elements that end just before Address (dd p L-4).
                EndAddress           The last address, inclusive.
                                     Without a range: 0x80 bytes. Without an address: after the last display.
                d                    Repeats the last display format.
            """),
        new Entry("dds dqs dps", "Display dwords, qwords or pointers one a line, with their symbols", """
            d{ds|qs|ps} [Address [L Count | EndAddress]]

                One value per line, followed by the symbol it points into (module!function+offset), as a stack
                trace or a vtable reads. dps takes the target's pointer size.
            """),
        new Entry("dt", "Display a heap structure's fields, with their values at an address", """
            dt [-r[Depth]] [-y] [ntdll!]Type [Field...] [Address]

                Type                 _HEAP, _HEAP_ENTRY, _HEAP_SEGMENT, _HEAP_FREE_ENTRY, _HEAP_VIRTUAL_ALLOC_ENTRY,
                                     _HEAP_ENTRY_EXTRA, _HEAP_TAG_ENTRY, _HEAP_PSEUDO_TAG_ENTRY, _LIST_ENTRY,
                                     _DPH_BLOCK_INFORMATION, [ucrtbased!]_CrtMemBlockHeader (case-insensitive).
                Field                Show only the fields so named (dt _HEAP h Signature Flags).
                Address              Where the structure is; without it, the layout and field types only.
                -r[Depth]            Open embedded structures (an Entry, a LIST_ENTRY), Depth levels (1-9).
                -y                   Fields are name prefixes (dt -y _HEAP h Seg).
                Options may come anywhere after dt, as in WinDbg.
            """),
        new Entry("?", "Evaluate an expression", """
            ? Expression

                MASM syntax: numbers are hex by default, 0n10 is decimal; + - * / and parentheses;
                variables of the scenario (p, h); poi(Address) reads a pointer; @$ptrsize, @$pagesize, @$peb.
                A variable wins over a hex number spelled the same (a, c, e); !a forces the variable, 0xa the number.
                Prints: Evaluate expression: 32 = 00000020
            """),
        new Entry(".dvalloc", "Allocate virtual memory in the target (VirtualAlloc)", """
            .dvalloc [/b BaseAddress] [/r] Size

                /b BaseAddress       Where to allocate (default: the system chooses).
                /r                   Reserve only (MEM_RESERVE); default commit and reserve.
                Size                 Bytes, rounded up to whole pages. Becomes a step of the timeline.
            """),
        new Entry(".dvfree", "Free or decommit virtual memory in the target (VirtualFree)", """
            .dvfree [/d] BaseAddress Size

                /d                   Decommit (MEM_DECOMMIT) the pages; default release the whole allocation.
                BaseAddress Size     The range. Becomes a step of the timeline.
            """),
        new Entry("gflags", "Show or set NtGlobalFlag, the heap debugging flags (also !gflag)", """
            gflags [{+|-}Flag ...] | gflags Value | gflags /i Image [{+|-}Flag ...]
            gflags /p [/enable Image [/full] | /disable Image]
            !gflag [{+|-}Flag ...]    !gflag -?    gflags /?

                -?  /?               Lists the flags HeapLab simulates, with their bits.
                Without arguments: Current NtGlobalFlag contents and one line per set flag.
                +htc -hfc            Set or clear flags by their abbreviation (htc, hfc, hpc, htg, ust, hpa, ...).
                Value                A number replaces the whole value.
                /i Image             The program's flags (Image is the program's name, demo.exe by default).
                /p                   Page heap: lists the program when it is on; /enable turns standard (light)
                                     page heap on, /full full page heap; /disable turns it off.
                Only heaps created afterwards get heap flags, as on Windows. Setting becomes a step.
            """),
        new Entry("ba bl bc bd be", "Break when a step changes memory (processor breakpoints: address watches)", """
            ba w{1|2|4|8} Address
            ba w Size Address
            bl [IDs]    bc IDs    bd IDs    be IDs

                w1 w2 w4 w8          Watch that many bytes at Address (w8 on x64 only); Address must be
                                     aligned to the size. At most 4 enabled at once (the debug registers).
                IDs                  Breakpoint numbers as bl lists them: 0 1, 0-2, or * for all.
                A run stops after the step that changed a watched byte: Breakpoint 0 hit, with the old and
                new bytes (a write of the same value does not count). Stepping notes the hit without stopping.
                bl lists, bc clears, bd disables, be enables. Debugger state: kept across step back and
                restart, never a step.
            """),
        new Entry("p = malloc(10)", "Call the heap API as a scenario step does (the call language)", """
            Variable = Function(Arguments)
            Function(Arguments)

                The scenario's functions: HeapCreate, HeapAlloc, HeapFree, HeapReAlloc, malloc, free, ...
                with the scenario's constants (HEAP_ZERO_MEMORY) and variables. Each call is added to the
                timeline as a step, after the current one.
            """));

    private CommandReference() {
    }

    /** The commands, the heap extension first. */
    /**
     * {@code .help}: each command and what it is for, a line each (HeapLab's list: WinDbg's .help lists its own
     * meta-commands), and where the whole reference is.
     */
    public static String summaryText() {
        StringBuilder out = new StringBuilder("Commands (F1 or COMMAND -? for the syntax and options):\n");
        for (Entry entry : ENTRIES) {
            out.append(String.format(java.util.Locale.ROOT, "  %-18s %s\n", entry.command(), entry.summary()));
        }
        return out.toString();
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }
}
