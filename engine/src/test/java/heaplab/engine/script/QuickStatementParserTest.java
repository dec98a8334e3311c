package heaplab.engine.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** The quick statement parser gives what the general parser gives, or leaves the statement to it. */
class QuickStatementParserTest {
    /** Variables, and a structure variable e as the parsers name it. */
    private static final Set<String> VARIABLES = Set.of("h", "p1", "x", "_y2", "PROCESS_HEAP_ENTRY e");

    /** The general parser's statement, or null when it rejects the text. */
    private static Statement general(String text, NodePool pool) {
        try {
            return ScriptParser.parseStatementInFull(text, VARIABLES, pool);
        } catch (ScriptSyntaxException e) {
            return null;
        }
    }

    /** Checks one text: the quick parser declines it, or agrees with the general parser node for node. */
    private static Statement check(String text) {
        Statement quick = QuickStatementParser.parse(text, VARIABLES, null);
        if (quick != null) {
            Statement full = general(text, null);
            if (full == null) {
                fail("the quick parser accepts what the general parser rejects: '" + text + "'");
            }
            assertEquals(dump(full), dump(quick), text);
            assertEquals(full.assignedVariable(), quick.assignedVariable(), text);
            assertEquals(full.declaredStructures(), quick.declaredStructures(), text);
            assertEquals(full.isCall(), quick.isCall(), text);
        }
        return quick;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "p1 = HeapAlloc(h, 0, 292)", "HeapFree(h, 0, p1)", "h = GetProcessHeap()", "x = 5", "x = 0x1F", "x = h",
        "x = NULL", "p1 = HeapAlloc(h, HEAP_ZERO_MEMORY, 0x20);", "  HeapFree( h , 0 , p1 )  ", "x=HeapSize(h,0,p1)",
        "z = HeapAlloc(h, 0, 0)", "x = 0", "x = 123456789012345678", "x = 0xFFFFFFFFFFFFFFFF", "q = TRUE ;",
        "HeapValidate(h, 0, NULL)", "x = 0X10", "GetProcessHeap ()",
        "HeapWalk(h, x)"})
    void takesCommonStatements(String text) {
        assertNotNull(check(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "x", "5", "x = 1 + 2", "x = -1", "x = 010", "x = 5u", "x = 0x", "x = 12abc", "x = 1234567890123456789",
        "x = 0x00000000000000001", "HeapFree(h, 0, p1) + 1", "HeapAlloc(h, 0)", "HeapAlloc(h, 0, 1, 2)",
        "x = HeapAlloc(h, 0, HeapSize(h, 0, p1))", "NULL = 1", "HeapAlloc = 1", "x == 1", "x = y",
        "x = HeapQueryInformation(1)",
        "x = foo(1)", "x = p1[1]", "x = h.Flags", "x = \"s\"", "x = 'a'", "x\t= 1", "x = 1;;", "HeapFree(h, 0, p1",
        "HeapFree(h, 0, p1))", "HeapFree(h, 0, )", "HeapFree(h 0 p1)", "x = HeapAlloc", "x = (1)", "p1[0] = 1",
        "x = &h", "x = \u0663", "xé = 1", "x = 1é", "HeapFree(h, 0, p1) x", "x = GetProcessHeap",
        "HeapWalk(h, &e)", "HeapWalk(h, &f)", "x = e.cbData", "e.lpData = 0", "e = 1", "x = e", "x = &e",
        "x = e.Region.lpFirstBlock", "x = HeapWalk(h, &e)"})
    void leavesTheRestToTheGeneralParser(String text) {
        assertNull(check(text), text);
    }

    @Test
    void sharesNodesThroughThePoolAsTheGeneralParserDoes() throws ScriptSyntaxException {
        NodePool pool = new NodePool();
        Statement quick = ScriptParser.parseStatement("p1 = HeapAlloc(h, 0, 292)", VARIABLES, pool);
        Statement full = ScriptParser.parseStatementInFull("x = HeapAlloc(h, 0, 292)", VARIABLES, pool);
        assertSame(field(quick, "value"), field(full, "value"), "one call node for equal calls");
        Statement free = ScriptParser.parseStatement("HeapFree(h, 0, p1)", VARIABLES, pool);
        assertSame(field(quick, "variable"), ((Node[]) field(field(free, "value"), "arguments"))[2],
            "one node per variable, assigned or read");
    }

    /** Random texts made of the pieces statements are made of, and random edits of good statements. */
    @Test
    void agreesWithTheGeneralParserOnRandomTexts() {
        List<String> pieces = List.of("h", "p1", "x", "_y2", "NULL", "HEAP_ZERO_MEMORY", "HeapAlloc", "HeapFree",
            "GetProcessHeap", "malloc", "foo", "0", "7", "00", "0x1F", "0x", "18446744073709551616", "5u", "1e",
            "(", ")", ",", "=", "==", ";", " ", "  ", "\t", "[", "]", ".", "+", "-", "&", "\"", "'", "\u0663", "é",
            "e", "f", "HeapWalk", "cbData", "Region", "lpLastBlock", "&e");
        List<String> good = List.of("p1 = HeapAlloc(h, 0, 292)", "HeapFree(h, 0, p1)", "h = GetProcessHeap()",
            "x = 0x20;", "HeapWalk(h, &e)", "x = e.Region.lpLastBlock", "HeapWalk(h, &f)");
        Random random = new Random(20261122);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            if (i % 2 == 0) {
                int count = 1 + random.nextInt(9);
                for (int j = 0; j < count; j++) {
                    text.append(pieces.get(random.nextInt(pieces.size())));
                }
            } else {
                text.append(good.get(random.nextInt(good.size())));
                int at = random.nextInt(text.length() + 1);
                if (random.nextBoolean() && at < text.length()) {
                    text.deleteCharAt(at);
                } else {
                    text.insert(at, pieces.get(random.nextInt(pieces.size())));
                }
            }
            check(text.toString());
        }
    }

    /**
     * A scenario's worth of statements through one pool, as the loader parses them (the pool then also keeps the
     * values assigned before): the same trees as the general parser gives, statement after statement.
     */
    @Test
    void agreesWithTheGeneralParserThroughAPool() {
        NodePool pool = new NodePool();
        NodePool generalPool = new NodePool();
        Set<String> variables = new HashSet<>(Set.of("h"));
        Random random = new Random(7);
        List<String> values = List.of("HeapAlloc(h, 0, %d)", "HeapAlloc(h, HEAP_ZERO_MEMORY, 0x%x)", "%d", "p%d",
            "HeapSize(h, 0, p%d)", "p%d + 1", "GetProcessHeap()");
        for (int i = 0; i < 5000; i++) {
            int k = random.nextInt(40);
            String value = String.format(values.get(random.nextInt(values.size())), random.nextInt(45));
            String text = random.nextInt(4) == 0 ? "HeapFree(h, 0, p" + k + ")" : "p" + k + " = " + value;
            Statement full;
            try {
                full = ScriptParser.parseStatementInFull(text, variables, generalPool);
            } catch (ScriptSyntaxException e) {
                assertThrows(ScriptSyntaxException.class, () -> ScriptParser.parseStatement(text, variables, pool));
                continue;
            }
            Statement quick = assertDoesNotThrow(() -> ScriptParser.parseStatement(text, variables, pool), text);
            assertEquals(dump(full), dump(quick), text);
            if (full.assignedVariable() != null) {
                variables.add(full.assignedVariable());
            }
        }
    }

    /** A node tree as text: each node's class and fields, recursively (a variable's slot cache left out). */
    static String dump(Object node) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Enum<?>) {
            return String.valueOf(node);
        }
        if (node instanceof Builtin builtin) {
            return builtin.name();
        }
        if (node instanceof java.util.Collection<?> collection) {
            return dump(collection.toArray());
        }
        if (node instanceof Object[] array) {
            StringBuilder out = new StringBuilder("[");
            for (Object element : array) {
                out.append(dump(element)).append(' ');
            }
            return out.append(']').toString();
        }
        StringBuilder out = new StringBuilder(node.getClass().getSimpleName()).append('{');
        for (Class<?> type = node.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("slot")) {
                    continue;
                }
                out.append(field.getName()).append('=').append(dump(value(node, field))).append(' ');
            }
        }
        return out.append('}').toString();
    }

    private static Object field(Object object, String name) {
        try {
            return value(object, object.getClass().getDeclaredField(name));
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    private static Object value(Object object, Field field) {
        try {
            field.setAccessible(true);
            return field.get(object);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
