package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.script.MasmException;
import heaplab.engine.script.MasmExpression;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ? expression}: signed decimal, then hex in the target's pointer format (heap-facts.md 5.9). */
class EvaluateCommandTest {

    @Test
    void x86PrintsEightDigits() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals("Evaluate expression: 32 = 00000020\n", out(p, "? 0n32"));
        assertEquals("Evaluate expression: 32 = 00000020\n", out(p, "?20"));
        assertEquals("Evaluate expression: 2360808 = 002405e8\n", out(p, "? a"));
        assertEquals("Evaluate expression: 2360816 = 002405f0\n", out(p, "? a + 8"));
        assertEquals("Evaluate expression: -1 = ffffffff\n", out(p, "? -1"));
        assertEquals("Evaluate expression: -1 = ffffffff\n", out(p, "? ffffffff"));
        assertEquals("Evaluate expression: 4294967296 = 00000001`00000000\n", out(p, "? 100000000"),
            "wider than 32 bits: shown in full");
    }

    @Test
    void x64PrintsTheBacktickForm() {
        Process p = ConsoleFixtures.smallHeap(Arch.X64);
        assertEquals("Evaluate expression: 32 = 00000000`00000020\n", out(p, "? 0n32"));
        assertEquals("Evaluate expression: 1992865876880 = 000001d0`00100b90\n", out(p, "? a"));
        assertEquals("Evaluate expression: -1 = ffffffff`ffffffff\n", out(p, "? -1"));
    }

    @Test
    void modulesAndTheirFunctionsAreSymbols() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals("Evaluate expression: 2089922560 = 7c91b000\n", out(p, "? ntdll!RtlAllocateHeap"));
        assertEquals("Evaluate expression: 2089811968 = 7c900000\n", out(p, "? NTDLL"));
        assertEquals("Evaluate expression: 4980992 = 004c0100\n", out(p, "? demo!main"));
        assertEquals("Evaluate expression: 1245176 = 0012fff8\n", out(p, "? demo!a"),
            "a variable named through the module is its slot");
        assertEquals("Evaluate expression: 4194304 = 00400000\n", out(p, "? demo"));
    }

    @Test
    void expressionErrorsPrintTheEvaluatorsLine() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        for (String expression : new String[] {"foo", "1/0", "(1", "1 +", ""}) {
            MasmException e = assertThrows(MasmException.class, () -> MasmExpression.evaluate(expression, p));
            CommandResult r = run(p, "? " + expression);
            assertTrue(r.error(), expression);
            assertEquals(e.getMessage() + "\n", r.output(), expression);
        }
        assertEquals("Couldn't resolve error at 'foo'\n", out(p, "? foo"));
    }

    @Test
    void textAfterACompleteExpressionIsAnExtraCharacterError() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        CommandResult r = run(p, "? 1)");
        assertTrue(r.error());
        assertEquals("       ^ Extra character error in '? 1)'\n", r.output());
    }

    /** The pseudo-registers a heap student reaches for; the registers of a thread HeapLab does not simulate. */
    @Test
    void pseudoRegisters() {
        Process x86 = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals("Evaluate expression: 4 = 00000004\n", out(x86, "? @$ptrsize"));
        assertEquals("Evaluate expression: 4096 = 00001000\n", out(x86, "? $pagesize"));
        assertEquals("Evaluate expression: 2147348480 = 7ffdf000\n", out(x86, "? @$peb"));
        assertEquals("Evaluate expression: 8 = 00000000`00000008\n",
            out(ConsoleFixtures.smallHeap(Arch.X64), "? @$ptrsize"));
        assertEquals("Evaluate expression: 16 = 00000010\n", out(x86, "? @$ptrsize * 4"));
        assertEquals("Bad register error at '@eax'\n", out(x86, "? @eax"));
        assertEquals("Bad register error at '@$teb + 4'\n", out(x86, "? @$teb + 4"));
        assertTrue(run(x86, "db @$ip").error());
    }
}
