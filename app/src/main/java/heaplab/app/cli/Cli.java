package heaplab.app.cli;

import heaplab.app.samples.SampleTopics;
import heaplab.engine.scenario.ScenarioLoader;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command line, everything but the window: {@code run FILE [options]}, {@code bench TRACE [options]},
 * {@code samples}, {@code --help}, {@code --version}. Loads no JavaFX class unless a PNG is asked for, so a run
 * starts fast and needs no display.
 *
 * <p>Exit status: 0 done (also when stopped at a breakpoint or by {@code --to}); 1 the scenario failed (a load
 * error, a failed expect, a fault), with the reason on standard error; 2 a usage error, with one line on standard
 * error and a pointer to {@code --help}.
 */
public final class Cli {
    /** Exit status of a run that did what was asked. */
    public static final int OK = 0;
    /** Exit status when the scenario failed: a load error, a failed expect, a fault. */
    public static final int FAILED = 1;
    /** Exit status of a command line that cannot be understood. */
    public static final int USAGE = 2;

    private static final Set<String> COMMANDS = Set.of("run", "bench", "samples", "--help", "-h", "--version");

    /**
     * True when the arguments ask for the window rather than the command line: none, or a single FILE.
     */
    public static boolean opensWindow(String[] args) {
        return args.length == 0
            || args.length == 1 && !COMMANDS.contains(args[0]) && !args[0].startsWith("-") && !args[0].isEmpty();
    }

    /**
     * Runs a command line and returns its exit status. Nothing is printed to {@code System.out} or
     * {@code System.err} directly, so tests run it in-process with their own streams.
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return dispatch(Arrays.asList(args), out);
        } catch (UsageException e) {
            out.flush();
            err.println("heaplab: " + e.getMessage());
            err.println(Usage.TRY_HELP);
            return USAGE;
        } catch (RunFailure e) {
            out.flush();
            err.println(e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            // A bug, not a scenario problem: say so, with the trace a bug report needs.
            out.flush();
            err.println("heaplab: internal error: " + e);
            e.printStackTrace(err);
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int dispatch(List<String> args, PrintStream out) throws UsageException, RunFailure {
        if (args.isEmpty()) {
            throw new UsageException("no command (run, bench, samples, --help, --version)");
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (command) {
            case "--help", "-h" -> out.print(Usage.text());
            case "--version" -> {
                noMoreArguments(command, rest);
                out.println("HeapLab " + Version.get());
            }
            case "bench" -> {
                if (rest.size() == 1 && rest.get(0).equals("render")) {
                    RenderBench.execute(out); // a trace named render is still read as ./render
                    return OK;
                }
                BenchOptions options = BenchOptions.parse(rest);
                if (options == null) {
                    out.print(Usage.text());
                } else {
                    BenchCommand.execute(options, out);
                }
            }
            case "samples" -> {
                noMoreArguments(command, rest);
                printSamples(out);
            }
            case "run" -> {
                RunOptions options = RunOptionsParser.parse(rest);
                if (options == null) {
                    out.print(Usage.text());
                } else {
                    RunCommand.execute(options, out);
                }
            }
            default -> throw new UsageException(command.startsWith("-") ? "unknown option '" + command + "'"
                : "unknown command '" + command + "' (the window takes one FILE alone; did you mean 'run "
                    + command + "'?)");
        }
        return OK;
    }

    private static void noMoreArguments(String command, List<String> rest) throws UsageException {
        if (!rest.isEmpty()) {
            throw new UsageException(command + " takes no arguments, not '" + rest.get(0) + "'");
        }
    }

    /**
     * A line per sample, name and title, and nothing else (spec/cli.md: "a line each: name, title", so that a script
     * can read it line by line), in the order of the window's sample browser: topic by topic.
     */
    private static void printSamples(PrintStream out) {
        var samples = ScenarioLoader.samples();
        int width = 0;
        for (var sample : samples) {
            width = Math.max(width, sample.name().length());
        }
        for (SampleTopics.Group group : SampleTopics.group(samples)) {
            for (var sample : group.samples()) {
                String name = sample.name();
                out.println(name + " ".repeat(width - name.length() + 2) + sample.title());
            }
        }
    }
}
