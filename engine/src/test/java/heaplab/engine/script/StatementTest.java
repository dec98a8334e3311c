package heaplab.engine.script;

import heaplab.engine.Arch;
import heaplab.engine.memory.AccessViolation;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementTest {
    private Process process = new Process(ProcessConfig.defaults(Arch.X86));
    private ScriptContext context = new ScriptContext(process);
    private final Set<String> variables = new HashSet<>();

    private String run(String text) throws ScriptSyntaxException {
        Statement statement = ScriptParser.parseStatement(text, variables);
        if (statement.assignedVariable() != null) {
            variables.add(statement.assignedVariable());
        }
        return statement.execute(context);
    }

    private long value(String expression) throws ScriptSyntaxException {
        return ScriptParser.parseExpression(expression, variables).evaluate(context);
    }

    private void useX64() {
        process = new Process(ProcessConfig.defaults(Arch.X64));
        context = new ScriptContext(process);
    }

    @Test
    void anAssignmentPrintsTheValueAtPointerWidth() throws ScriptSyntaxException {
        assertEquals("x = 0x00000020", run("x = 0x20"));
        assertEquals(0x20, process.readVariable("x"));
        useX64();
        assertEquals("x = 0x0000000000000020", run("x = 0x20"));
    }

    @Test
    void variablesArePointerSizedSoX86TruncatesTo32Bits() throws ScriptSyntaxException {
        assertEquals("x = 0xffffffff", run("x = -1"));
        assertEquals(0xFFFF_FFFFL, value("x"));
        assertEquals(1, value("x == -1"), "-1 converts to a 32-bit SIZE_T as in C");
        assertEquals("y = 0x00000001", run("y = 0x100000001"));
        useX64();
        assertEquals("x = 0xffffffffffffffff", run("x = -1"));
        assertEquals(1, value("x == -1"));
    }

    @Test
    void aVariableMayBeReassignedAndItsAddressTaken() throws ScriptSyntaxException {
        run("v = 5");
        run("v = v * 3");
        assertEquals(15, value("v"));
        assertEquals(process.variableAddress("v"), value("&v"));
        assertEquals(15, value("ptr(&v)"));
    }

    @Test
    void stringLiteralsLiveInTheImageWithTheirNul() throws ScriptSyntaxException {
        run("s = \"hi\\n\\\"\\x41\"");
        long address = value("s");
        assertEquals(process.internString("hi\n\"A"), address);
        assertEquals('h', value("byte(s)"));
        assertEquals('\n', value("s[2]"));
        assertEquals('"', value("s[3]"));
        assertEquals('A', value("s[4]"));
        assertEquals(0, value("s[5]"));
    }

    @Test
    void memoryFunctionsReadAndWriteCommittedMemory() throws ScriptSyntaxException {
        run("p = VirtualAlloc(0, 0x2000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)");
        long p = value("p");
        assertTrue(p != 0);
        assertEquals("memset returned " + String.format("0x%08x", p), run("memset(p, 0x41, 0x10)"));
        assertEquals(p, context.touched());
        assertEquals(0x41, value("byte(p + 0xf)"));
        assertEquals(0, value("byte(p + 0x10)"));
        assertEquals("byte at " + String.format("0x%08x", p + 0x10) + " = 0x07", run("p[0x10] = 7"));
        assertEquals(7, value("p[0x10]"));
        assertEquals(0x0741, value("word(p + 0xf)"));
        run("strcpy(p + 0x20, \"hello\")");
        assertEquals(0x6c6c6568L, value("dword(p + 0x20)"));
        assertEquals(0, value("byte(p + 0x25)"));
        run("memcpy(p + 0x100, p + 0x20, 6)");
        assertEquals(0x6f6c6c6568L, value("qword(p + 0x100)"));
        run("memmove(p + 0x101, p + 0x100, 5)");
        assertEquals(0x6f6c6c656868L, value("qword(p + 0x100)"));
        assertEquals("VirtualFree returned 0x00000001", run("VirtualFree(p, 0, MEM_RELEASE)"));
    }

    @Test
    void failedVirtualCallsSetTheLastError() throws ScriptSyntaxException {
        assertEquals("VirtualAlloc returned 0x00000000", run("VirtualAlloc(0, 0x1000, 0, PAGE_READWRITE)"));
        assertEquals(87, value("GetLastError()"));
    }

    @Test
    void accessToUncommittedMemoryIsAnAccessViolationAndWritesNothing() throws ScriptSyntaxException {
        run("p = VirtualAlloc(0, 0x2000, MEM_RESERVE, PAGE_READWRITE)");
        run("VirtualAlloc(p, 0x1000, MEM_COMMIT, PAGE_READWRITE)");
        AccessViolation write = assertThrows(AccessViolation.class, () -> run("memset(p + 0xff0, 1, 0x20)"));
        assertTrue(write.getMessage().contains("Access violation - code c0000005"));
        assertEquals(0, value("byte(p + 0xff0)"), "a faulting memset writes nothing");
        AccessViolation read = assertThrows(AccessViolation.class, () -> run("x = byte(p + 0x1000)"));
        assertTrue(read.getMessage().contains("read from"));
        assertThrows(AccessViolation.class, () -> run("p[0x1000] = 1"));
    }

    @Test
    void aBareExpressionPrintsItsValue() throws ScriptSyntaxException {
        assertEquals("= 0x00000003", run("1 + 2"));
    }
}
