package heaplab.engine.console;

import heaplab.engine.process.Process;
import heaplab.engine.scenario.GlobalFlags;

/**
 * {@code gflags} and {@code !gflag}: the process's NtGlobalFlag as the {@code !gflag} extension prints it
 * (heap-facts.md 5.10): {@code Current NtGlobalFlag contents: 0x00000070}, then one line per set flag that HeapLab
 * knows, in bit order ({@code     htc - Enable heap tail checking}).
 *
 * <p>Setting flags ({@code gflags +htc}, {@code !gflag +hpa}) is not offered yet: the process takes its global flags
 * from its configuration when it starts, and has no way to change them for heaps created later. Such a line answers
 * that a later version brings it and changes nothing.
 */
record GlobalFlagCommand() implements ConsoleCommand {

    static ConsoleCommand parse(String rest) {
        if (!rest.isBlank()) {
            return MessageCommand.later("Setting global flags from the console");
        }
        return new GlobalFlagCommand();
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        long flags = process.config().globalFlags();
        StringBuilder out = new StringBuilder(String.format("Current NtGlobalFlag contents: 0x%08x\n", flags));
        for (GlobalFlags.Flag flag : GlobalFlags.Flag.values()) {
            if (flag.isSetIn(flags)) {
                out.append("    ").append(flag.abbreviation()).append(" - ").append(flag.description()).append('\n');
            }
        }
        return new CommandResult(out.toString(), false);
    }
}
