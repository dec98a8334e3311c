package heaplab.engine.script;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Statements keep the stack slots of their variables; a slot is only reused while it is still the right one. */
class VariableSlotTest {
    private final NodePool pool = new NodePool();
    private final Set<String> variables = new HashSet<>();

    private Statement parse(String text) throws ScriptSyntaxException {
        Statement statement = ScriptParser.parseStatement(text, variables, pool);
        variables.add(statement.assignedVariable());
        return statement;
    }

    /** The top of the stack region: the variables take their slots below it, the first at top - 4 (x86). */
    private static long top(Process process) {
        return process.stackBase() + Process.STACK_RESERVE;
    }

    @Test
    void aVariableMovesWhenARestoredProcessAssignsItInAnotherOrder() throws ScriptSyntaxException {
        Process process = new Process(ProcessConfig.defaults(Arch.X86));
        ScriptContext context = new ScriptContext(process);
        Statement a = parse("a = 1");
        Statement b = parse("b = 2");
        Statement bAgain = parse("b = 3");
        Process.Snapshot empty = process.snapshot();
        a.run(context);
        b.run(context);
        assertEquals(top(process) - 8, process.variableAddress("b"));

        process.restore(empty);
        bAgain.run(context);
        assertEquals(top(process) - 4, process.variableAddress("b"), "b is the first variable now");
        assertEquals(3, process.memory().readU32(top(process) - 4));
        assertEquals(3, process.readVariable("b"));
        a.run(context);
        assertEquals(top(process) - 8, process.variableAddress("a"));
        assertEquals(1, process.readVariable("a"));
    }

    @Test
    void sessionsOfOneScenarioEachHaveTheirOwnSlots() throws ScriptSyntaxException {
        Statement x = parse("x = 5");
        Statement y = parse("y = x");
        Process first = new Process(ProcessConfig.defaults(Arch.X86));
        Process second = new Process(ProcessConfig.defaults(Arch.X86));
        second.writeVariable("other", 9);
        ScriptContext firstContext = new ScriptContext(first);
        ScriptContext secondContext = new ScriptContext(second);
        x.run(firstContext);
        x.run(secondContext);
        y.run(firstContext);
        y.run(secondContext);
        assertEquals(top(first) - 8, first.variableAddress("y"));
        assertEquals(top(second) - 12, second.variableAddress("y"));
        assertEquals(5, first.readVariable("y"));
        assertEquals(5, second.readVariable("y"));
        assertEquals(9, second.readVariable("other"));
    }
}
