package heaplab.engine.script;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Structure variables of the call language: {@code &e} declares one, {@code e.field} reads simulated memory. */
class StructureVariableTest {
    private static final String ENTRY = "PROCESS_HEAP_ENTRY e";

    @Test
    void theFirstAmpersandInAStructureParameterDeclaresTheStructure() throws ScriptSyntaxException {
        Statement walk = ScriptParser.parseStatement("HeapWalk(h, &e)", Set.of("h"));
        assertEquals(List.of(ENTRY), walk.declaredStructures());
        assertTrue(walk.isCall());
        Set<String> names = new HashSet<>(Set.of("h"));
        walk.declareIn(names);
        assertEquals(Set.of("h", ENTRY), names);
        assertEquals(List.of(), ScriptParser.parseStatement("HeapWalk(h, &e)", names).declaredStructures(),
            "declared once");
        Statement assigned = ScriptParser.parseStatement("ok = HeapWalk(h, &f)", Set.of("h"));
        assertEquals("ok", assigned.assignedVariable());
        assertEquals(List.of("PROCESS_HEAP_ENTRY f"), assigned.declaredStructures());
        assertEquals(List.of("PROCESS_HEAP_ENTRY f"),
            ScriptParser.parseStatement("ok = HeapWalk(h, &f) && f.cbData", Set.of("h")).declaredStructures(),
            "visible to the rest of the statement");
    }

    @Test
    void bothParsersAcceptFieldsAndLeaveThemToTheGeneralOne() throws ScriptSyntaxException {
        Set<String> names = Set.of("h", "x", ENTRY);
        for (String text : List.of("x = e.cbData", "x = e.lpData", "x = e.wFlags", "x = e.cbOverhead",
            "x = e.iRegionIndex", "x = e.Region.dwCommittedSize", "x = e.Region.dwUnCommittedSize",
            "x = e.Region.lpFirstBlock", "x = e.Region.lpLastBlock", "x = e.Block.hMem", "e.lpData = NULL",
            "HeapWalk(h, &e)", "x = &e", "x = e.wFlags & PROCESS_HEAP_ENTRY_BUSY")) {
            assertNull(QuickStatementParser.parse(text, names, null), text);
            ScriptParser.parseStatement(text, names);
            ScriptParser.parseStatementInFull(text, names, new NodePool());
        }
        ScriptParser.parseExpression("e.Region.lpLastBlock == e.lpData + e.cbData", names);
    }

    @Test
    void aPoolSharesTheCallsOnAStructure() throws Exception {
        NodePool pool = new NodePool();
        Set<String> names = new HashSet<>(Set.of("h"));
        Statement first = ScriptParser.parseStatement("HeapWalk(h, &e)", names, pool);
        first.declareIn(names);
        Statement second = ScriptParser.parseStatement("HeapWalk(h, &e)", names, pool);
        java.lang.reflect.Field value = Statement.class.getDeclaredField("value");
        value.setAccessible(true);
        assertTrue(value.get(first) == value.get(second), "one call node for the repeated walk step");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x = e.cbFoo | 7 | PROCESS_HEAP_ENTRY has no field 'cbFoo' (its fields: lpData, cbData, cbOverhead, "
            + "iRegionIndex, wFlags, Block.hMem, Region.dwCommittedSize, Region.dwUnCommittedSize, "
            + "Region.lpFirstBlock, Region.lpLastBlock)",
        "x = e.Region | 7 | 'e.Region' is a union member: read one of its fields, as e.Region.dwCommittedSize",
        "x = e.Region.hMem | 14 | PROCESS_HEAP_ENTRY has no field 'Region.hMem' (its fields: lpData, cbData, "
            + "cbOverhead, iRegionIndex, wFlags, Block.hMem, Region.dwCommittedSize, Region.dwUnCommittedSize, "
            + "Region.lpFirstBlock, Region.lpLastBlock)",
        "x = e.cbData.low | 13 | 'e.cbData' has no fields",
        "x = e. | 7 | expected a field name after '.', found end of statement",
        "x = q.cbData | 5 | 'q' is not a structure variable: a structure is created by its first use as &q in a "
            + "call that takes one, as HeapWalk(h, &q)",
        "x = h.Flags | 5 | 'h' is not a structure variable: a structure is created by its first use as &h in a "
            + "call that takes one, as HeapWalk(h, &h)",
        "x = e | 5 | 'e' is a structure: read one of its fields (e.cbData) or pass its address (&e)",
        "e = 1 | 1 | cannot assign to the structure 'e': assign one of its fields",
        "HeapWalk(h, &h) | 14 | 'h' is a variable, not a PROCESS_HEAP_ENTRY structure",
        "HeapWalk(h, &NULL) | 14 | 'NULL' is a constant or function, not a structure variable",
        "x = &q | 6 | '&q': 'q' is not a variable assigned by an earlier step",
    })
    void reportsWrongNamesWithTheirColumn(String text, int column, String detail) {
        Set<String> names = Set.of("h", "x", ENTRY);
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
            () -> ScriptParser.parseStatement(text, names));
        assertEquals(detail, e.detail(), text);
        assertEquals(column, e.column(), text);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aWalkFillsTheStructureInTheStackRegion(Arch arch) throws ScriptSyntaxException {
        Process process = new Process(ProcessConfig.defaults(arch));
        ScriptContext context = new ScriptContext(process);
        Set<String> names = new HashSet<>();
        run("h = HeapCreate(0, 0, 0)", names, context);
        Process.Snapshot before = process.snapshot();
        assertEquals("HeapWalk returned " + Statement.hex(1, context), run("HeapWalk(h, &e)", names, context));
        assertEquals(List.of(ENTRY), process.structureDeclarations());
        long address = process.structureAddress(ENTRY, 0);
        assertTrue(address >= process.stackBase() && address < process.stackBase() + Process.STACK_RESERVE);
        long h = value("h", names, context);
        assertEquals(h, value("e.lpData", names, context));
        assertEquals(1, value("e.wFlags == PROCESS_HEAP_REGION", names, context));
        assertEquals(0x400L * arch.pointerSize(), value("e.Region.dwCommittedSize", names, context));
        assertEquals(h, process.memory().readPtr(address), "the field is memory");
        assertEquals(1, value("HeapWalk(h, &e) && e.wFlags == 0 && e.cbOverhead != 0", names, context));
        assertEquals(1, value("HeapWalk(h, &e) && e.wFlags == PROCESS_HEAP_UNCOMMITTED_RANGE", names, context));
        assertEquals(0, value("HeapWalk(h, &e)", names, context));
        assertEquals(259, value("GetLastError()", names, context));
        assertEquals("e.lpData = " + Statement.hex(0, context), run("e.lpData = NULL", names, context));
        assertEquals(1, value("HeapWalk(h, &e) && e.lpData == h", names, context), "a NULL lpData restarts");

        run("y = 5", names, context);
        assertEquals(address - arch.pointerSize(), process.variableAddress("y"),
            "a variable after the structure takes the stack below it");
        process.restore(before);
        assertEquals(List.of(), process.structureDeclarations(), "a snapshot before the walk has no structure");
        assertNotEquals(0, value("HeapWalk(h, &e)", names, context));
        assertEquals(address, process.structureAddress(ENTRY, 0), "the same place again");
    }

    private static String run(String text, Set<String> names, ScriptContext context) throws ScriptSyntaxException {
        Statement statement = ScriptParser.parseStatement(text, names);
        statement.declareIn(names);
        return statement.execute(context);
    }

    private static long value(String text, Set<String> names, ScriptContext context) throws ScriptSyntaxException {
        return ScriptParser.parseExpression(text, names).evaluate(context);
    }
}
