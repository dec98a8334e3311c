package heaplab.engine.console;

import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.Process;

import java.util.List;
import java.util.Locale;

/**
 * {@code gflags /p}: the gflags tool's page heap form (heap-facts.md 3.1). {@code /p} alone lists the program when
 * page heap is on for it ({@code demo.exe: page heap enabled with flags (full traces )}, the tool's listing);
 * {@code /p /enable IMAGE [/full]} turns page heap on (FLG_HEAP_PAGE_ALLOCS), standard (light) unless {@code /full};
 * {@code /p /disable IMAGE} turns it off. As with {@code gflags /i}, the tool would write the settings for the
 * program's next start; HeapLab sets them in the running program for the heaps it creates from then on, so such a
 * line is a step ({@link #isSetting}). Other {@code /p} options (/debug, /dlls, /size, ...) are refused in one line.
 *
 * @param action "" to list, "enable" or "disable"
 * @param full   with {@code /enable}: full page heap
 */
record PageHeapFlagCommand(String action, boolean full) implements ConsoleCommand {
    /** HeapLab's line where the tool would list nothing (assumed: the tool prints no line of its own then). */
    static final String NONE_ENABLED = "No program has page heap enabled (gflags /p /enable %s [/full]).\n";

    /** True when the arguments after the command word start with /p. */
    static boolean applies(String rest) {
        String t = rest.strip();
        return t.regionMatches(true, 0, "/p", 0, 2) && (t.length() == 2 || Character.isWhitespace(t.charAt(2)));
    }

    static ConsoleCommand parse(String word, String rest, Process process) throws CommandError {
        List<String> args = List.of(rest.strip().substring(2).strip().split("\\s+"));
        if (args.size() == 1 && args.get(0).isEmpty()) {
            return new PageHeapFlagCommand("", false);
        }
        String action = args.get(0).toLowerCase(Locale.ROOT);
        if (!action.equals("/enable") && !action.equals("/disable")) {
            throw new CommandError(word + ": /p option " + args.get(0) + " is not supported here (HeapLab's gflags /p"
                + " takes /enable IMAGE [/full] and /disable IMAGE)");
        }
        if (args.size() < 2) {
            throw new CommandError(word + ": /p " + action + " needs an image name (gflags /p " + action + " "
                + process.imageName() + ")");
        }
        if (!args.get(1).equalsIgnoreCase(process.imageName())) {
            throw new CommandError(word + ": /p " + action + " " + args.get(1) + " names another program: this one is "
                + process.imageName());
        }
        boolean full = false;
        for (String option : args.subList(2, args.size())) {
            if (option.equalsIgnoreCase("/full") && action.equals("/enable")) {
                full = true;
            } else {
                throw new CommandError(word + ": /p " + action + " option " + option + " is not supported here"
                    + " (HeapLab's gflags /p takes /enable IMAGE [/full] and /disable IMAGE)");
            }
        }
        return new PageHeapFlagCommand(action.substring(1), full);
    }

    /** True for a {@code gflags /p /enable} or {@code /disable} line (a setting: it becomes a step). */
    static boolean isSetting(String rest) {
        if (!applies(rest)) {
            return false;
        }
        String t = rest.strip().substring(2).strip().toLowerCase(Locale.ROOT);
        return t.startsWith("/enable") || t.startsWith("/disable");
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        long flags = process.globalFlags();
        if (action.equals("enable")) {
            process.setPageHeapFull(full);
            process.setGlobalFlags(flags | PageHeap.FLG_HEAP_PAGE_ALLOCS);
        } else if (action.equals("disable")) {
            process.setGlobalFlags(flags & ~PageHeap.FLG_HEAP_PAGE_ALLOCS);
        }
        String listing = listing(process);
        return new CommandResult(action.isEmpty() ? listing : listing + GlobalFlagCommand.EXISTING_HEAPS_NOTE, false);
    }

    private static String listing(Process process) {
        if ((process.globalFlags() & PageHeap.FLG_HEAP_PAGE_ALLOCS) == 0) {
            return String.format(NONE_ENABLED, process.imageName());
        }
        // Choice: traces always listed, as the tool's defaults set them (HeapLab records them with +ust).
        return process.imageName() + ": page heap enabled with flags (" + (process.pageHeapFull() ? "full " : "")
            + "traces )\n";
    }
}
