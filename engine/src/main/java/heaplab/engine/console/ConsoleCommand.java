package heaplab.engine.console;

import heaplab.engine.process.Process;

/** One parsed command line, ready to run against a process. */
interface ConsoleCommand {

    /**
     * Runs the command.
     *
     * @param process  the target
     * @param position where the next bare {@code db}/{@code dd} continues; display commands move it
     */
    CommandResult execute(Process process, DisplayPosition position);
}
