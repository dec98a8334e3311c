package heaplab.engine.session;

import heaplab.engine.console.Console;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;
import heaplab.engine.scenario.Step;
import heaplab.engine.script.Expression;
import heaplab.engine.script.ScriptContext;
import heaplab.engine.script.Statement;

import java.util.List;

/**
 * Runs one compiled step against the session's process and builds its outcome: the statement's line, the command's
 * output or the failed expectation, preceded by the lines the program sent to the debugger during the step (in the
 * order a debugger shows them: a heap message comes before the break it causes).
 */
final class StepRunner {
    private final Process process;
    private final ScriptContext context;
    private final Console console;
    private String text = "";

    StepRunner(Process process) {
        this(process, new heaplab.engine.console.HeapBreakpoints());
    }

    /** @param breakpoints the session's heap breakpoints, which the console's {@code !heap -b} lines change */
    StepRunner(Process process, heaplab.engine.console.HeapBreakpoints breakpoints) {
        this(process, breakpoints, new heaplab.engine.console.DataBreakpoints());
    }

    /**
     * @param breakpoints     the session's heap breakpoints, which the console's {@code !heap -b} lines change
     * @param dataBreakpoints the session's processor breakpoints, which the console's {@code ba} lines change
     */
    StepRunner(Process process, heaplab.engine.console.HeapBreakpoints breakpoints,
               heaplab.engine.console.DataBreakpoints dataBreakpoints) {
        this.process = process;
        this.console = new Console(breakpoints, dataBreakpoints);
        this.context = new ScriptContext(process);
    }

    Console console() { return console; }

    /**
     * Runs a step and returns how it ended; its text and the address it touched are then {@link #text()} and
     * {@link #touched()} (kept here rather than in a new StepOutcome: a long run would make one per step).
     *
     * @param step   the step
     * @param form   what it runs: its Statement, its Expression, or null for a command (see StepCompiler)
     * @param index  its 0-based index
     * @param record  false when replaying after a step back: the outcome is not kept, so no text is built
     * @param outputs false: a {@code do} step that succeeds gets no text
     * @param last    true for the scenario's last step: after it the program exits ({@link Process#exit()}, which
     *                runs the CRT's leak check once when _CRTDBG_LEAK_CHECK_DF is set); its output joins the step's
     */
    StepOutcome.Status run(Step step, Object form, int index, boolean record, boolean outputs, boolean last) {
        context.clearTouched();
        process.setStepNumber(index + 1);
        int debugLinesBefore = process.debugLineCount();
        int exitLines = -1; // the debug line count when the program began to exit, after the last step
        StepOutcome.Status status = StepOutcome.Status.OK;
        String text = "";
        try {
            switch (step.kind()) {
                case DO -> {
                    if (record && outputs) {
                        text = ((Statement) form).execute(context);
                    } else {
                        ((Statement) form).run(context);
                    }
                }
                case CMD -> {
                    // A read-only command need not run when replaying; one that changes the process (.dvalloc) must.
                    if (record || Console.changesState(step.text())) {
                        text = withoutFinalNewline(console.execute(process, step.text()).output());
                    }
                }
                case EXPECT -> {
                    if (!((Expression) form).isTrue(context)) {
                        status = StepOutcome.Status.EXPECT_FAILED;
                        text = "expect failed at step " + (index + 1) + ": " + step.text();
                    }
                }
            }
            if (last && status == StepOutcome.Status.OK) {
                exitLines = process.debugLineCount();
                process.exit();
            }
        } catch (ProcessFault fault) {
            status = StepOutcome.Status.FAULT;
            text = fault.getMessage();
            // The step touched where it faulted, when a region is there for the views to mark (a guard page); a wild
            // pointer's fault (a damaged free list's link) keeps what the step's call touched.
            if (fault instanceof heaplab.engine.memory.AccessViolation violation
                && process.memory().regionAt(violation.address()) != null) {
                context.touch(violation.address());
            }
        }
        if (record) {
            // What the step printed comes before its own text (a call's messages, then `p = ...`); what the program
            // prints at its exit (the CRT's leak dump) after it, as it happens after the step.
            int stepLines = exitLines >= 0 ? exitLines : process.debugLineCount();
            text = withDebugOutput(debugLinesBefore, stepLines, text);
            if (exitLines >= 0 && process.debugLineCount() > exitLines) {
                String exit = withDebugOutput(exitLines, process.debugLineCount(), "");
                text = text.isEmpty() ? exit : text + "\n" + exit;
            }
        }
        this.text = text;
        return status;
    }


    /** The text of the last step run (see StepOutcome#output). */
    String text() { return text; }

    /** The address the last step run touched (see StepOutcome#touched). */
    long touched() { return context.touched(); }

    private String withDebugOutput(int linesBefore, int linesAfter, String text) {
        if (linesAfter == linesBefore) {
            return text;
        }
        List<String> lines = process.debugOutput();
        StringBuilder output = new StringBuilder();
        for (String line : lines.subList(linesBefore, linesAfter)) {
            output.append(withoutFinalNewline(line)).append('\n');
        }
        return text.isEmpty() ? withoutFinalNewline(output.toString()) : output.append(text).toString();
    }

    static String withoutFinalNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
