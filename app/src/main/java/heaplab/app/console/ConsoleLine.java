package heaplab.app.console;

/** One line of the console log and what it is, for its style. */
public record ConsoleLine(String text, Kind kind) {

    public enum Kind {
        /** The command as typed, after the prompt. */
        ECHO,
        OUTPUT,
        /** A rejected command or a failure. */
        ERROR,
        /** A remark of HeapLab's own (a step ran, a file opened). */
        NOTE
    }
}
