package heaplab.app.console;

import java.util.List;

/**
 * One line of the console log, what it is (for its style) and the addresses in it that a click selects
 * ({@link ConsoleAddresses}), decided when the line was logged.
 */
public record ConsoleLine(String text, Kind kind, List<AddressLink> links) {

    public enum Kind {
        /** The command as typed, after the prompt. */
        ECHO,
        OUTPUT,
        /** A rejected command or a failure. */
        ERROR,
        /** A remark of HeapLab's own (a step ran, a file opened). */
        NOTE
    }

    public ConsoleLine {
        links = List.copyOf(links);
    }

    /** A line without links. */
    public ConsoleLine(String text, Kind kind) {
        this(text, kind, List.of());
    }
}
