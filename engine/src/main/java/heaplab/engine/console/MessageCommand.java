package heaplab.engine.console;

import heaplab.engine.process.Process;

/** A command whose whole effect is a fixed text: a parse error, or a feature that a later version brings. */
record MessageCommand(String text, boolean error) implements ConsoleCommand {

    static MessageCommand error(CommandError e) {
        return new MessageCommand(e.text(), true);
    }

    /** A documented command or option that HeapLab does not run yet: says so in one line and changes nothing. */
    static MessageCommand later(String what) {
        return new MessageCommand(what + " arrives with a later HeapLab version.\n", true);
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        return new CommandResult(text, error);
    }
}
