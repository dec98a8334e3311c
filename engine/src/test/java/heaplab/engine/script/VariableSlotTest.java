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
        assertEquals(process.stackBase() + 4, process.variableAddress("b"));

        process.restore(empty);
        bAgain.run(context);
        assertEquals(process.stackBase(), process.variableAddress("b"), "b is the first variable now");
        assertEquals(3, process.memory().readU32(process.stackBase()));
        assertEquals(3, process.readVariable("b"));
        a.run(context);
        assertEquals(process.stackBase() + 4, process.variableAddress("a"));
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
        assertEquals(first.stackBase() + 4, first.variableAddress("y"));
        assertEquals(second.stackBase() + 8, second.variableAddress("y"));
        assertEquals(5, first.readVariable("y"));
        assertEquals(5, second.readVariable("y"));
        assertEquals(9, second.readVariable("other"));
    }
}
