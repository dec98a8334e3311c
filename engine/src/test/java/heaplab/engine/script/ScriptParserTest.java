package heaplab.engine.script;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import heaplab.engine.process.ProcessFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptParserTest {
    private final Process process = new Process(ProcessConfig.defaults(Arch.X86));
    private final ScriptContext context = new ScriptContext(process);

    private long evaluate(String text) throws ScriptSyntaxException {
        return ScriptParser.parseExpression(text, Set.of()).evaluate(context);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "1 + 2 * 3 => 7",
        "(1 + 2) * 3 => 9",
        "7 - 3 - 2 => 2",
        "100 / 10 / 5 => 2",
        "10 % 3 => 1",
        "1 << 2 + 1 => 8",
        "0x100 >> 4 => 16",
        "1 | 2 & 3 => 3",
        "6 ^ 3 | 8 => 13",
        "1 == 1 & 0 => 0",
        "1 < 2 == 1 => 1",
        "2 + 3 == 5 && 4 > 3 || 0 => 1",
        "0 || 0 && 1 => 0",
        "-2 * 3 => -6",
        "- -5 => 5",
        "~0 => -1",
        "!5 => 0",
        "!0 + 1 => 2",
        "+7 => 7",
        "'A' => 65",
        "'\\x41' + '\\n' => 75",
        "'\\0' => 0",
        "0x20 => 32",
        "32 => 32",
        "0xFFFFFFFFFFFFFFFF => -1",
        "5 >= 5 && 4 <= 5 && 3 != 4 => 1",
        "HEAP_ZERO_MEMORY | HEAP_GENERATE_EXCEPTIONS => 12",
        "NULL == FALSE => 1",
        "MEM_COMMIT | MEM_RESERVE => 12288",
        "_CRTDBG_REPORT_FLAG => -1",
        "_CRTDBG_CHECK_EVERY_1024_DF => 67108864",
        "_CRTDBG_RESERVED_DF | _CRT_ASSERT | _CRTDBG_MODE_WNDW | _HOOK_FREE => 15",
        "HeapEnableTerminationOnCorruption => 1",
        "ERROR_INVALID_PARAMETER => 87",
    })
    void evaluatesWithCPrecedence(String text, long expected) throws ScriptSyntaxException {
        assertEquals(expected, evaluate(text), text);
    }

    @Test
    void logicalOperatorsShortCircuitAsInC() throws ScriptSyntaxException {
        assertEquals(0, evaluate("0 && byte(0)"));
        assertEquals(1, evaluate("1 || byte(0)"));
        assertThrows(ProcessFault.class, () -> evaluate("1 && byte(0)"));
    }

    @Test
    void divisionByZeroIsAFaultOfTheProgram() {
        ProcessFault fault = assertThrows(ProcessFault.class, () -> evaluate("1 / (2 - 2)"));
        assertEquals(0xC0000094L, fault.code());
        assertTrue(fault.getMessage().contains("Integer divide-by-zero - code c0000094"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "x = 1 + => 8 => expected an expression, found end of statement",
        "y = foo + 1 => 5 => unknown constant or variable 'foo'",
        "p = HeapQueryInformation(1) => 5 => HeapQueryInformation takes 5 arguments",
        "x = _CrtMemCheckpoint(&s) + s.lCounts => 38 => 's.lCounts' is an array of 5: read one element, as "
            + "s.lCounts[1]",
        "HeapSetInformation(1, 2) => 1 => HeapSetInformation takes 4 arguments",
        "p = HeapAlloc(1, 2) => 5 => HeapAlloc takes 3 arguments",
        "GetLastError(1) => 1 => GetLastError takes no arguments",
        "byte(1, 2) => 1 => byte takes 1 argument",
        "x = (1 + 2 => 11 => expected ')', found end of statement",
        "x = \"abc => 5 => unterminated string literal",
        "NULL = 3 => 1 => cannot assign to the constant 'NULL'",
        "memset = 3 => 1 => cannot assign to the function 'memset'",
        "x = 1 2 => 7 => unexpected number",
        "x = 1 @ 2 => 7 => unexpected character '@'",
        "x = 08 => 5 => octal numbers are not supported: write '0x8' or a decimal",
        "x = 0x => 5 => hexadecimal number without digits",
        "x = 12ab => 5 => bad number '12ab'",
        "x = 'ab' => 5 => character literal must hold one character",
        "x = \"a\\qb\" => 7 => unknown escape sequence '\\q'",
        "x = s.cbData => 5 => 's' is not a structure variable: a structure is created by its first use as &s in a call "
            + "that takes one, as HeapWalk(h, &s)",
        "x = &q => 6 => '&q': 'q' is not a variable assigned by an earlier step",
        "x = foo(1) => 5 => unknown function 'foo'",
        "x = memset => 5 => 'memset' is a function: call it as memset(...)",
        "1 + 2 = 3 => 7 => only a variable, p[i] or s.field can be assigned",
        "x = 99999999999999999999 => 5 => number too large for 64 bits",
    })
    void reportsErrorsWithTheirColumn(String text, int column, String detail) {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
            () -> ScriptParser.parseStatement(text.strip(), Set.of()));
        assertEquals(detail, e.detail(), text);
        assertEquals(column, e.column(), text);
    }

    @Test
    void aDeepNestIsAnErrorWithItsPlaceNotAStackOverflow() throws ScriptSyntaxException {
        int deep = ScriptParser.MAX_DEPTH;
        assertEquals(1, evaluate("(".repeat(deep - 1) + "1" + ")".repeat(deep - 1)), "the bound itself parses");
        String text = "a = " + "(".repeat(20_000) + "1" + ")".repeat(20_000);
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
            () -> ScriptParser.parseStatement(text, Set.of()));
        assertEquals("the expression nests deeper than 256 levels", e.detail());
        assertEquals(5 + deep, e.column(), "at the first token past the bound");
        assertThrows(ScriptSyntaxException.class,
            () -> ScriptParser.parseStatement("a = " + "-".repeat(20_000) + "1", Set.of()));
        assertThrows(ScriptSyntaxException.class,
            () -> ScriptParser.parseStatement("a = 1" + "+1".repeat(20_000), Set.of()), "a chain nests the tree too");
        assertEquals(200, evaluate("0" + "+1".repeat(200)));
    }

    @Test
    void anExpectationCannotAssign() {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
            () -> ScriptParser.parseExpression("x = 1", Set.of("x")));
        assertEquals(3, e.column());
        assertEquals("'=' assigns; compare with '=='", e.detail());
    }

    @Test
    void aVariableMayBeUsedOnlyAfterItIsAssigned() throws ScriptSyntaxException {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
            () -> ScriptParser.parseStatement("x = x + 1", Set.of()));
        assertEquals(5, e.column());
        Statement statement = ScriptParser.parseStatement("x = x + 1", Set.of("x"));
        assertEquals("x", statement.assignedVariable());
    }

    @Test
    void aTrailingSemicolonIsAllowed() throws ScriptSyntaxException {
        assertEquals("x", ScriptParser.parseStatement("x = 1;", Set.of()).assignedVariable());
    }

    @Test
    void recognisesStatementsTypedInTheConsole() {
        assertTrue(ScriptParser.looksLikeStatement("x = 1"));
        assertTrue(ScriptParser.looksLikeStatement("p[1] = 2"));
        assertTrue(ScriptParser.looksLikeStatement("HeapFree(h, 0, p)"));
        assertTrue(ScriptParser.looksLikeStatement("malloc(10)"));
        assertTrue(ScriptParser.looksLikeStatement("e.lpData = NULL"));
        assertTrue(ScriptParser.looksLikeStatement("e.Region.lpFirstBlock = 0"));
        assertTrue(ScriptParser.looksLikeStatement("HeapWalk(h, &e)"));
        assertFalse(ScriptParser.looksLikeStatement("e.lpData == 0"));
        assertFalse(ScriptParser.looksLikeStatement("e."));
        assertFalse(ScriptParser.looksLikeStatement("db p L40"));
        assertFalse(ScriptParser.looksLikeStatement("!heap -a h"));
        assertFalse(ScriptParser.looksLikeStatement("? 1 == 1"));
        assertFalse(ScriptParser.looksLikeStatement("dd x"));
        assertFalse(ScriptParser.looksLikeStatement(".dvalloc 1000"));
        assertFalse(ScriptParser.looksLikeStatement("x == 1"));
    }

    @Test
    void knowsEveryDocumentedConstantAndFunctionName() {
        for (String name : new String[] {"HEAP_NO_SERIALIZE", "HEAP_GROWABLE", "HEAP_CREATE_ENABLE_EXECUTE",
            "HEAP_FLAG_PAGE_ALLOCS", "HEAP_VALIDATE_PARAMETERS_ENABLED", "MEM_DECOMMIT", "MEM_RELEASE",
            "PAGE_GUARD", "PAGE_EXECUTE_READWRITE", "TRUE", "ERROR_NOACCESS", "HeapCompatibilityInformation",
            "_NORMAL_BLOCK", "_CRT_BLOCK", "_IGNORE_BLOCK", "_CLIENT_BLOCK", "_FREE_BLOCK", "_CRTDBG_ALLOC_MEM_DF",
            "_CRTDBG_DELAY_FREE_MEM_DF", "_CRTDBG_CHECK_ALWAYS_DF", "_CRTDBG_CHECK_CRT_DF", "_CRTDBG_LEAK_CHECK_DF",
            "_CRTDBG_CHECK_EVERY_16_DF", "_CRTDBG_CHECK_EVERY_128_DF", "_CRTDBG_CHECK_DEFAULT_DF"}) {
            assertTrue(ScriptConstants.isConstant(name), name);
        }
        assertEquals(0x80000000L, ScriptConstants.value("HEAP_LOCK_USER_ALLOCATED"));
        assertTrue(Builtins.names().contains("VirtualAlloc"));
        assertFalse(Builtins.isNotSimulatedYet("HeapQueryInformation"));
        assertTrue(Builtins.names().contains("HeapSetInformation"));
        assertTrue(Builtins.names().contains("_CrtDumpMemoryLeaks"));
    }
}
