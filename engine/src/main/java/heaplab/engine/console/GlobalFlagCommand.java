package heaplab.engine.console;

import heaplab.engine.process.Process;
import heaplab.engine.scenario.GlobalFlags;

import java.util.Locale;

/**
 * {@code gflags} and {@code !gflag}: show or set the process's NtGlobalFlag, the ULONG in the simulated PEB
 * (x86 PEB+0x68, x64 PEB+0xBC; {@link Process#globalFlags()}). The display is the {@code !gflag} extension's
 * (heap-facts.md 5.10): {@code Current NtGlobalFlag contents: 0x00000070}, then one line per set flag that HeapLab
 * knows, in bit order ({@code     htc - Enable heap tail checking}).
 *
 * <p>With arguments the line sets the flags, in the text form of {@link GlobalFlags#parse(String, long)} applied to
 * the current value: {@code gflags +htc -hfc}, {@code !gflag +ust}, {@code gflags 0x30} (a bare number replaces the
 * value). It prints the new value in the display form and one line saying that only heaps created from then on get
 * the heap flags, as on Windows, where RtlCreateHeap reads NtGlobalFlag when a heap is created. The value lives in
 * simulated memory, so the session records such a line as a step ({@link Console#changesState(String)}) and steps
 * back over it. A bad token gives one line and changes nothing.
 *
 * <p>{@code gflags /i demo.exe +htc} (the gflags tool's image form, as scenario-format.md and heap-facts.md 3.1 write
 * it) sets the same flags when the image is the program's: the tool would write them for its next start, HeapLab sets
 * them in the running program for the heaps it creates from then on. Another image's flags are refused.
 * {@code gflags /p} is {@link PageHeapFlagCommand}'s; {@code /r} and {@code /k} (the system's flags) are refused.
 *
 * @param text the flags text, without the image form
 */
record GlobalFlagCommand(String text) implements ConsoleCommand {
    /** HeapLab's wording of the note after a change (Windows prints nothing of the kind). */
    static final String EXISTING_HEAPS_NOTE =
        "Heaps created from now on get these flags; existing heaps keep theirs.\n";

    /**
     * The command for {@code rest} (the text after the command word): the display when blank, else a setting; a
     * {@code /i} image must be the program's.
     *
     * @param word the command word as typed ({@code gflags}, {@code !gflag}), for the error line
     */
    static ConsoleCommand parse(String word, String rest, Process process) throws CommandError {
        if (PageHeapFlagCommand.applies(rest)) {
            if (!word.equals("gflags")) {
                throw new CommandError(word + ": /p is the gflags tool's (gflags /p /enable " + process.imageName()
                    + " [/full])");
            }
            return PageHeapFlagCommand.parse(word, rest, process);
        }
        String t = rest.strip().toLowerCase(Locale.ROOT);
        if (t.equals("-?") || t.equals("/?")) {
            return new MessageCommand(help(word), false);
        }
        if (t.matches("/[rk](\\s.*)?")) {
            throw new CommandError(word + ": " + t.substring(0, 2) + " sets the flags of the whole system from its next"
                + " start; this program's are gflags /i " + process.imageName() + " +FLAGS or gflags /p /enable "
                + process.imageName() + " [/full]");
        }
        String[] split = splitImage(rest);
        if (split == null) {
            throw new CommandError(word + ": /i needs an image name (gflags /i demo.exe, gflags /i demo.exe +htc)");
        }
        if (split[0] != null && !split[0].equalsIgnoreCase(process.imageName())) {
            throw new CommandError(word + ": /i " + split[0] + " names another program: this one is "
                + process.imageName());
        }
        String text = split[1];
        if (!text.isEmpty()) {
            try {
                GlobalFlags.parse(text, 0);
            } catch (GlobalFlags.ParseException e) {
                // HeapLab's wording: WinDbg's own text for a bad !gflag argument is not recorded.
                throw new CommandError(word + ": " + e.getMessage());
            }
        }
        return new GlobalFlagCommand(text);
    }

    /**
     * {image or null, the flags text} of a gflags line's arguments: {@code /i NAME [FLAGS]} or just {@code FLAGS};
     * null for {@code /i} without a name. {@code /i NAME} alone shows the flags, as the gflags tool shows an image's.
     */
    private static String[] splitImage(String rest) {
        String text = rest.strip();
        if (!text.regionMatches(true, 0, "/i", 0, 2) || text.length() > 2 && !Character.isWhitespace(text.charAt(2))) {
            return new String[] {null, text};
        }
        String[] words = text.substring(2).strip().split("\\s+", 2);
        if (words[0].isEmpty()) {
            return null;
        }
        return new String[] {words[0], words.length < 2 ? "" : words[1].strip()}; // no flags: the image's, shown
    }

    /** True when the line is {@code gflags} or {@code !gflag} with a flags text that parses. */
    static boolean isSetting(String line) {
        String t = line.strip();
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
            end++;
        }
        String word = t.substring(0, end).toLowerCase(Locale.ROOT);
        boolean command = word.equals("gflags") || word.matches("!((ntsdexts|exts|ext)\\.)?gflag");
        if (command && PageHeapFlagCommand.applies(t.substring(end))) {
            return word.equals("gflags") && PageHeapFlagCommand.isSetting(t.substring(end));
        }
        String[] split = splitImage(t.substring(end));
        if (!command || split == null || split[1].isEmpty()) {
            return false;
        }
        try {
            GlobalFlags.parse(split[1], 0);
            return true;
        } catch (GlobalFlags.ParseException e) {
            return false;
        }
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        if (text.isEmpty()) {
            return new CommandResult(display(process.globalFlags()), false);
        }
        long flags;
        try {
            flags = GlobalFlags.parse(text, process.globalFlags());
        } catch (GlobalFlags.ParseException e) {
            return new CommandResult(e.getMessage() + "\n", true); // parse() checked the text already
        }
        process.setGlobalFlags(flags);
        return new CommandResult(display(flags) + EXISTING_HEAPS_NOTE, false);
    }

    /**
     * {@code !gflag -?} / {@code gflags /?}: the forms HeapLab takes and the flags it simulates, abbreviation, bit
     * and the line the display gives (HeapLab's wording: the extension's own help text is not recorded).
     */
    static String help(String word) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: ").append(word).append(" [{+|-}Flag ...] | [Value]\n");
        if (word.equals("gflags")) {
            out.append("       gflags /i Image [{+|-}Flag ...]\n")
                .append("       gflags /p [/enable Image [/full] | /disable Image]\n");
        }
        out.append("Without arguments: shows NtGlobalFlag. +Flag sets, -Flag clears, a hex Value replaces it;\n")
            .append("heaps created from then on get the heap flags. Flags:\n");
        for (GlobalFlags.Flag flag : GlobalFlags.Flag.values()) {
            out.append(String.format(Locale.ROOT, "    %s  %08x  %s\n", flag.abbreviation(), flag.bit(),
                flag.description()));
        }
        return out.toString();
    }

    private static String display(long flags) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
            "Current NtGlobalFlag contents: 0x%08x\n", flags));
        for (GlobalFlags.Flag flag : GlobalFlags.Flag.values()) {
            if (flag.isSetIn(flags)) {
                out.append("    ").append(flag.abbreviation()).append(" - ").append(flag.description()).append('\n');
            }
        }
        return out.toString();
    }
}
