package heaplab.engine.script;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MasmExpressionTest {
    private final Process process = new Process(ProcessConfig.defaults(Arch.X86));

    @BeforeEach
    void variables() {
        process.writeVariable("value", 0x12345678L);
        process.writeVariable("pv", process.variableAddress("value"));
        process.writeVariable("a", 0x360688L);
        process.writeVariable("Heap", 0x360000L);
    }

    private long evaluate(String text) throws MasmException {
        return MasmExpression.evaluate(text, process);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "20 => 32",
        "0x20 => 32",
        "0n20 => 20",
        "0y101 => 5",
        "0t17 => 15",
        "0x => 0",
        "ff => 255",
        "1ah => 26",
        "00000000`00360000 => 3538944",
        "1`1 => 17",
        "1 + 2 * 3 => 7",
        "(1 + 1) * 2 => 4",
        "10 / 3 => 5",
        "10 mod 3 => 1",
        "10 % 3 => 1",
        "-1 => -1",
        "--1 => 1",
        "~0 => -1",
        "not 0 => 1",
        "not 5 => 0",
        "1 == 1 => 1",
        "1 = 2 => 0",
        "2 < 1 => 0",
        "-1 > 0 => 1",
        "3 != 3 => 0",
        "10 >= 10 => 1",
        "1 << 4 => 16",
        "20 >> 1 => 16",
        "1 or 2 => 3",
        "6 and 3 => 2",
        "6 xor 3 => 5",
        "6 & 3 | 8 ^ 1 => 11",
        "hi 12345678 => 4660",
        "low 12345678 => 22136",
        "1 + 2 == 3 => 1",
    })
    void evaluatesMasmExpressions(String text, long expected) throws MasmException {
        assertEquals(expected, evaluate(text), text);
    }

    @Test
    void shiftsAreLogicalAndArithmetic() throws MasmException {
        assertEquals(-8L >>> 1, evaluate("-8 >> 1"));
        assertEquals(-4, evaluate("-8 >>> 1"));
    }

    @Test
    void scenarioVariablesAreSymbols() throws MasmException {
        assertEquals(0x12345678L, evaluate("value"));
        assertEquals(0x12345678L, evaluate("VALUE"), "case-insensitive when no exact match");
        assertEquals(0x360000L, evaluate("heap"));
        assertEquals(0x360690L, evaluate("a + 8"), "a variable named like a hex number wins");
        assertEquals(0xa, evaluate("0xa"));
        assertEquals(0x360688L, evaluate("!a"));
        assertEquals(0xb, evaluate("b"), "no variable b: the hex number");
    }

    @Test
    void readsMemory() throws MasmException {
        assertEquals(0x12345678L, evaluate("poi(pv)"));
        assertEquals(0x12345678L, evaluate("dwo(pv)"));
        assertEquals(0x5678, evaluate("wo(pv)"));
        assertEquals(0x78, evaluate("by(pv)"));
        assertEquals(0x56, evaluate("by(pv + 1)"));
        assertEquals(0x12345679L, evaluate("poi pv + 1"), "poi binds tighter than +");
        assertEquals(process.variableAddress("value") + 4, evaluate("pv + 4"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "foo => Couldn't resolve error at 'foo'",
        "1 + foo + 2 => Couldn't resolve error at 'foo + 2'",
        "!b => Couldn't resolve error at '!b'",
        "poi(0) => Memory access error at ')'",
        "poi(10) + 1 => Memory access error at ') + 1'",
        "poi 10 => Memory access error at '10'",
        "1 + => Numeric expression missing from '<EOL>'",
        "* 1 => Numeric expression missing from '* 1'",
        "(1 + 1 => Syntax error at '<EOL>'",
        "1 # 2 => Syntax error at '# 2'",
        "0n1a => Syntax error at '0n1a'",
        "`1 => Syntax error at '`1'",
        "1 / 0 => Divide by zero error at '0'",
        "1 1 => Extra character error at '1'",
        "(1)) => Extra character error at ')'",
    })
    void reportsWinDbgErrors(String text, String message) {
        MasmException e = assertThrows(MasmException.class, () -> evaluate(text.strip()));
        assertEquals(message, e.getMessage(), text);
    }

    @Test
    void aDeepNestIsASyntaxErrorNotAStackOverflow() throws MasmException {
        int deep = MasmExpression.MAX_DEPTH;
        assertEquals(1, evaluate("(".repeat(deep - 1) + "1" + ")".repeat(deep - 1)));
        MasmException e = assertThrows(MasmException.class,
            () -> evaluate("(".repeat(5_000) + "1" + ")".repeat(5_000)));
        assertEquals(MasmException.Kind.SYNTAX, e.kind());
        assertThrows(MasmException.class, () -> evaluate("-".repeat(50_000) + "1"));
    }

    @Test
    void anErrorKnowsItsPlace() {
        MasmException e = assertThrows(MasmException.class, () -> evaluate("1 + foo"));
        assertEquals(MasmException.Kind.UNRESOLVED, e.kind());
        assertEquals(4, e.position());
        assertEquals("foo", e.rest());
    }
}
