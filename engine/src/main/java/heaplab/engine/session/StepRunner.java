package heaplab.engine.session;

import heaplab.engine.console.Console;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;
import heaplab.engine.script.ScriptContext;

import java.util.List;

/**
 * Runs one compiled step against the session's process and builds its outcome: the statement's line, the command's
 * output or the failed expectation, preceded by the lines the program sent to the debugger during the step (in the
 * order a debugger shows them: a heap message comes before the break it causes).
 */
final class StepRunner {
    private final Process process;
    private final ScriptContext context;
    private final Console console = new Console();

    StepRunner(Process process) {
        this.process = process;
        this.context = new ScriptContext(process);
    }

    Console console() { return console; }

    /**
     * Runs a step.
     *
     * @param index  its 0-based index
     * @param record  false when replaying after a step back: the outcome is not kept, so no text is built
     * @param outputs false: a {@code do} step that succeeds gets no text
     */
    StepOutcome run(CompiledStep step, int index, boolean record, boolean outputs) {
        context.clearTouched();
        int debugLinesBefore = process.debugOutput().size();
        StepOutcome.Status status = StepOutcome.Status.OK;
        String text = "";
        try {
            switch (step.step.kind()) {
                case DO -> {
                    if (record && outputs) {
                        text = step.statement.execute(context);
                    } else {
                        step.statement.run(context);
                    }
                }
                case CMD -> {
                    if (record || step.changesState) {
                        text = withoutFinalNewline(console.execute(process, step.step.text()).output());
                    }
                }
                case EXPECT -> {
                    if (!step.expression.isTrue(context)) {
                        status = StepOutcome.Status.EXPECT_FAILED;
                        text = "expect failed at step " + (index + 1) + ": " + step.step.text();
                    }
                }
            }
        } catch (ProcessFault fault) {
            status = StepOutcome.Status.FAULT;
            text = fault.getMessage();
        }
        if (record) {
            text = withDebugOutput(debugLinesBefore, text);
        }
        return new StepOutcome(index, status, text, context.touched());
    }

    private String withDebugOutput(int linesBefore, String text) {
        List<String> lines = process.debugOutput();
        if (lines.size() == linesBefore) {
            return text;
        }
        StringBuilder output = new StringBuilder();
        for (String line : lines.subList(linesBefore, lines.size())) {
            output.append(withoutFinalNewline(line)).append('\n');
        }
        return text.isEmpty() ? withoutFinalNewline(output.toString()) : output.append(text).toString();
    }

    static String withoutFinalNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
