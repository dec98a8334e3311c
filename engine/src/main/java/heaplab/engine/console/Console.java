package heaplab.engine.console;

import heaplab.engine.process.Process;

/**
 * The debugger console: parses one command line (`!heap -a h`, `db p L40`, `.dvalloc 1000`, `? 0n10 + p`) into a
 * command object, runs it against a process and returns its text. The window's console pane, scenario `cmd` steps
 * and the CLI's `-c` all call this. Bad input gives one WinDbg-style error line; it never throws.
 * (stub: being implemented)
 */
public final class Console {

    /** Runs a command line and returns its output (ending with a newline when not empty). */
    public CommandResult execute(Process process, String line) {
        return new CommandResult("       ^ Syntax error in '" + line.strip() + "'\n", false);
    }

    /** True when the command changes the process (`.dvalloc`, `.dvfree`): the session records it as a step. */
    public static boolean changesState(String line) {
        String t = line.strip().toLowerCase(java.util.Locale.ROOT);
        return t.startsWith(".dvalloc") || t.startsWith(".dvfree");
    }
}
