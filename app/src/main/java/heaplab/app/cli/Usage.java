package heaplab.app.cli;

/** The text of {@code --help}. */
final class Usage {
    private Usage() {
    }

    /** The line printed after the message of a usage error. */
    static final String TRY_HELP = "Try 'heaplab --help'.";

    static String text() {
        return """
            HeapLab %s: a lab for the Windows heap.

            Usage:
              heaplab                      open the window on the default sample
              heaplab FILE                 open the window on the scenario FILE
              heaplab run FILE [options]   run FILE without a window and print to standard output
              heaplab bench TRACE [options]
                                           replay a malloc-lab trace against the engine and print its speed
              heaplab bench render         time redraws of a heap map of 100,000 blocks (software pipeline)
              heaplab samples              list the built-in samples, a line each: name, title
              heaplab --help               show this help (also -h)
              heaplab --version            show the version

            'heaplab' stands for 'java -jar app/target/heaplab.jar'. FILE is a scenario file (JSON), a malloc-lab
            trace (.rep: four lines of one number each, then a ID SIZE, f ID, r ID SIZE), a valgrind
            --trace-malloc=yes log, ltrace -e malloc+free+realloc+calloc output or a WinDbg !heap -a text dump
            (recognised by their content and imported as a scenario) or sample:NAME, a built-in sample.

            Options of run:
              --to N            stop after step N (0: before the first), past any breakpoint; a failed expect
                                or a fault stops earlier. Default: the end, or the first breakpoint, failed
                                expect or fault.
              -c CMD            after stopping, run the console command CMD and print it and its output;
                                repeatable, in order (-c '!heap -a h' -c 'db p L40')
              --png VIEW=FILE   write a PNG of VIEW as the window shows it; VIEW is heap-map, free-lists,
                                inspector or timeline; repeatable
              --select ADDR     the block the inspector shows: a hex address (00360688, 0x00360688) or the
                                name of a variable; default: the block the latest step that touched
                                one touched (a console command, an expect or a fault touches none)
              --scale K         PNG pixels per screen pixel, 1 to 4 (default 2)
              --theme T         light (default) or dark, for the PNGs
              --diff N          views mark what changed since step N
              --narrate         print each step's statement, narration and output as it runs

            Without --narrate, run prints the output of the scenario's console steps as they run, then one
            line saying where it stopped, then the -c commands.

            Options of bench (TRACE is a malloc-lab trace):
              --arch A          the simulated architecture, x86 (default) or x64
              --repeat N        replay at least N times, 1 to 1000 (default 1), and at least 5 s, and report
                                the best replay; a warm-up of 5 s or more comes first, until the JIT has
                                compiled the engine (its replays count too)

            bench prints three lines: 'bench replay R ops/s', the best replay speed (HeapAlloc, HeapReAlloc
            and HeapFree on a private heap, in this process); 'bench step-back T us', the mean time of one step
            back at step 50,000 (or the last step) of the trace opened as a scenario; 'bench peak-memory M MB',
            the peak Java heap used by the replays and that session.

            bench render prints 'bench render-heapmap-100k T ms', one full redraw of a heap map of 100,000
            blocks into a window-sized canvas; 'bench render-heapmap-100k-visible T ms', the redraw of the rows a
            window shows (what stepping costs); 'bench render-heapmap-100k-model T ms', reading the heaps into
            the map's model and layout. Each is the median of 5 timed runs after about 3 s of warm-up. A trace
            file named render is given as ./render.

            Examples:
              heaplab run sample:coalescing
              heaplab run lab.json --to 5 -c '!heap -a h' --narrate
              heaplab run sample:coalescing --png heap-map=map.png --png inspector=block.png --select a
              heaplab bench amptjp-bal.rep --arch x64 --repeat 5

            Exit status: 0 done (also when stopped at a breakpoint or by --to); 1 the scenario failed (a failed
            expect, a fault, a load error), with the reason on standard error as file:line:column: message;
            2 a usage error.
            """.formatted(Version.get());
    }
}
