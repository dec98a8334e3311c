package heaplab.app.cli;

import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code run FILE [options]}: loads the scenario, runs it to where it should stop while printing the console steps
 * (or, with {@code --narrate}, every step), prints where it stopped, runs the {@code -c} commands and writes the
 * PNGs.
 */
final class RunCommand {
    private static final String PROMPT = "0:000> ";
    private static final String INDENT = "    ";

    private final RunOptions options;
    private final PrintStream out;

    private RunCommand(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the command. The output goes to {@code out} as the steps run; problems are thrown.
     *
     * @throws RunFailure  for a load error, a failed expect or a fault (after the -c commands and PNGs, which still
     *                     show the state where the run stopped), or a PNG that cannot be written
     * @throws UsageException for an option that does not fit the scenario (a step past its end, an unknown variable)
     */
    static void execute(RunOptions options, PrintStream out) throws RunFailure, UsageException {
        new RunCommand(options, out).execute();
    }

    private void execute() throws RunFailure, UsageException {
        Scenario scenario = ScenarioFiles.load(options.file());
        int total = scenario.steps().size();
        checkStep("--to", options.to(), total);
        checkStep("--diff", options.diff(), total);
        if (options.select() != null) {
            Selection.check(options.select(), scenario);
        }
        boolean diffSet = options.diff() != RunOptions.NOT_SET;
        if (diffSet && options.to() != RunOptions.NOT_SET && options.diff() > options.to()) {
            throw new UsageException("--diff: step " + options.diff() + " is after the stop (--to " + options.to()
                + "): the views can only mark what changed since an earlier step");
        }

        // Forward only: a run never steps back, so it keeps no snapshots but the first; the text of `do` steps is
        // only built when --narrate prints it (command steps always print).
        Session session = Session.open(scenario, Session.Options.forwardOnly().withOutputs(options.narrate()));
        String reason = options.to() == RunOptions.NOT_SET ? runToStop(session) : runTo(session, options.to());
        StepOutcome last = session.lastOutcome();
        boolean failed = last != null && last.status() != StepOutcome.Status.OK;
        if (failed) {
            reason = last.status() == StepOutcome.Status.FAULT ? "fault" : "expect failed";
        }
        out.println("Stopped after step " + session.position() + " of " + session.steps().size() + " (" + reason
            + ").");

        for (String command : options.commands()) {
            out.println(PROMPT + command);
            printText(session.console(command), "");
        }
        if (!options.pngs().isEmpty()) {
            if (options.diff() != RunOptions.NOT_SET && options.diff() > session.position()) {
                throw new UsageException("--diff: step " + options.diff() + " is after the step the run stopped at ("
                    + session.position() + ")");
            }
            long selected = options.select() != null
                ? Selection.resolve(options.select(), session.process(), scenario, session.position())
                : lastTouched(session);
            PngViews.write(options.pngs(), session, selected, options.theme(), options.scale(),
                options.diff() == RunOptions.NOT_SET ? heaplab.app.main.Diagrams.NO_DIFF : options.diff());
        } else if (options.select() != null) {
            Selection.resolve(options.select(), session.process(), scenario, session.position());
        }
        out.flush();
        if (failed) {
            throw new RunFailure(failureMessage(scenario, session.steps().get(last.index()), last));
        }
    }

    /** Runs as the window's Run does: to the end, a breakpoint, a failed expect or a fault. */
    private String runToStop(Session session) {
        int from = session.position();
        if (from == 0 && !session.steps().isEmpty() && session.isBreakpoint(0)) {
            // A headless run starts the program: a `break` on the first step stops it before anything runs, as a
            // debugger stops at a breakpoint on the first line (the window's Run, from a stop, always steps first).
            return "breakpoint before step 1";
        }
        session.run();
        printOutcomes(session, from);
        heaplab.engine.console.DataBreakpoints.Hit hit = session.lastDataBreakpoint();
        if (hit != null) {
            // The outcome of the step ends with these two lines: --narrate has printed them already, and so has a
            // command step, whose output always prints.
            Step hitStep = session.steps().get(session.position() - 1);
            if (!options.narrate() && hitStep.kind() != Step.Kind.CMD) {
                out.println(hit.windbgLine());
                out.println(hit.detail(session.process().arch()));
            }
            return session.lastRunStopText() + " after step " + session.position();
        }
        if (session.position() == session.steps().size()) {
            return "end";
        }
        if (session.lastRunStop() == Session.RunStop.HEAP_BREAKPOINT) {
            return session.lastRunStopText() + " before step " + (session.position() + 1);
        }
        return "breakpoint before step " + (session.position() + 1);
    }

    /** Steps up to step N, past breakpoints, stopping early at a failed expect or a fault. */
    private String runTo(Session session, int to) {
        while (session.position() < to) {
            int from = session.position();
            StepOutcome outcome = session.step();
            if (outcome == null) {
                break;
            }
            printOutcomes(session, from);
            if (outcome.status() != StepOutcome.Status.OK) {
                break;
            }
        }
        return to == session.steps().size() ? "end" : "--to " + to;
    }

    private void printOutcomes(Session session, int from) {
        List<Step> steps = session.steps();
        List<StepOutcome> outcomes = session.outcomes();
        for (int i = from; i < session.position(); i++) {
            Step step = steps.get(i);
            // The outcome only when printed: the session keeps outcomes compactly and builds each one asked for.
            if (options.narrate()) {
                out.println("[" + (i + 1) + "] " + step.display());
                printText(step.say(), INDENT);
                StepOutcome outcome = outcomes.get(i);
                printText(outcome.output(), INDENT);
                if (step.kind() == Step.Kind.EXPECT && outcome.status() == StepOutcome.Status.OK) {
                    out.println(INDENT + "expect passed"); // as the window's console says it
                }
            } else if (step.kind() == Step.Kind.CMD) {
                out.println(PROMPT + step.text());
                printText(outcomes.get(i).output(), "");
            }
        }
    }

    /** Prints text line by line with an indent, ending with a newline; nothing for empty text. */
    private void printText(String text, String indent) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (indent.isEmpty()) {
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
            return;
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.println(indent + line);
            } else {
                out.println();
            }
        }
    }

    private static void checkStep(String option, int step, int total) throws UsageException {
        if (step != RunOptions.NOT_SET && step > total) {
            throw new UsageException(option + ": step " + step + " is past the end (the scenario has " + total
                + " steps)");
        }
    }

    /** {@code file:line:column: what} at the failing step, as for a load error. */
    private static String failureMessage(Scenario scenario, Step step, StepOutcome outcome) {
        String what = outcome.output() == null ? "" : outcome.output().strip();
        if (what.isEmpty()) {
            what = outcome.status() == StepOutcome.Status.FAULT ? "the program faulted at: " + step.text()
                : "expect failed: " + step.text();
        }
        // The verifier's ==== rules frame its report in the debugger; on standard error the first line must say what
        // happened, so they go. Further lines of a multi-line message (a fault's second line) are indented.
        what = what.lines().filter(l -> !l.strip().matches("[=-]{3,}")).collect(java.util.stream.Collectors.joining(
            "\n" + INDENT)).strip();
        String place = step.line() > 0 ? scenario.source() + ":" + step.line() + ":" + step.column() + ": "
            : scenario.source() + ": ";
        return place + what;
    }

    /**
     * The block the latest step that touched one touched (0 when none did): a run that ends at a console command, an
     * expect or a fault still shows the block the lesson was about, not an empty inspector.
     */
    static long lastTouched(Session session) {
        long latest = 0;
        heaplab.engine.inspect.BlockInspector blocks = new heaplab.engine.inspect.BlockInspector(session.process());
        java.util.List<heaplab.engine.process.ProgramRegion> regions = session.process().programRegions();
        for (int i = session.position() - 1; i >= 0; i--) {
            long touched = session.outcomes().get(i).touched();
            if (touched == 0) {
                continue;
            }
            latest = latest == 0 ? touched : latest;
            // An address nothing holds any more (a virtual block freed, a region released): an earlier step's that
            // still has a block or region (a block freed in a segment is still there, free).
            if (blocks.inspect(touched) != null || regions.stream().anyMatch(r -> touched >= r.base()
                && touched < r.end())) {
                return touched;
            }
        }
        return latest;
    }
}
