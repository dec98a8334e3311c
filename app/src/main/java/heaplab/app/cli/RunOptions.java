package heaplab.app.cli;

import java.util.List;

/**
 * The parsed options of {@code run FILE [options]}.
 *
 * @param file     the FILE argument as given: a path or {@code sample:NAME}
 * @param to       the step to stop after ({@code --to N}), or {@link #NOT_SET} to run to the end, a breakpoint,
 *                 a failed expect or a fault
 * @param commands the {@code -c} console commands, in order
 * @param pngs     the {@code --png} requests, in order
 * @param select   the {@code --select} text (an address or a variable name), or null
 * @param scale    the PNG scale, 1 to 4
 * @param theme    {@code light} or {@code dark}
 * @param diff     the {@code --diff} step, or {@link #NOT_SET}
 * @param narrate  {@code --narrate}
 */
record RunOptions(String file, int to, List<String> commands, List<PngRequest> pngs, String select, int scale,
                  String theme, int diff, boolean narrate) {

    /** The value of {@link #to} and {@link #diff} when the option was not given. */
    static final int NOT_SET = -1;

    /**
     * The views that {@code --png} knows, as {@code heaplab.app.export.DiagramFactory.VIEWS} names them. Kept here
     * so that parsing the command line loads no JavaFX class (a test checks that the two lists agree).
     */
    static final List<String> VIEWS = List.of("heap-map", "free-lists", "inspector", "timeline");

    /** The themes that {@code --theme} knows. */
    static final List<String> THEMES = List.of("light", "dark");

    RunOptions {
        commands = List.copyOf(commands);
        pngs = List.copyOf(pngs);
    }
}
