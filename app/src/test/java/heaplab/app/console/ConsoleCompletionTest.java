package heaplab.app.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ConsoleCompletionTest {
    private static final List<String> VARIABLES = List.of("h", "a", "b", "buffer", "tagged");

    private static List<String> candidates(String line) {
        return ConsoleCompletion.complete(line, line.length(), VARIABLES).candidates().stream()
            .map(ConsoleCompletion.Candidate::text).toList();
    }

    @Test
    void theFirstWordIsACommandAFunctionOrAVariable() {
        assertEquals(List.of("!heap"), candidates("!he"));
        assertEquals(List.of("!heap"), candidates("!HE"), "commands ignore case");
        assertEquals(List.of(".dvalloc", ".dvfree"), candidates(".dv"));
        assertEquals(List.of("dd", "dds"), candidates("dd"));
        assertTrue(candidates("d").containsAll(List.of("db", "dw", "dd", "dq", "dp", "dds", "dqs", "dps", "d", "dt")));
        assertTrue(candidates("d").contains("dword"), "the call language's functions too");
        assertEquals(List.of("HeapAlloc"), candidates("HeapAl"));
        assertEquals(List.of("ba", "bl", "bc", "bd", "be", "byte", "b", "buffer"), candidates("b"),
            "the processor breakpoint commands, then the functions and variables");
        assertEquals(List.of("tagged"), candidates("tag"));
    }

    @Test
    void anOptionAfterACommandIsOneThatMayFollowWhatIsTyped() {
        List<String> heap = candidates("!heap -");
        assertTrue(heap.containsAll(List.of("-a", "-h", "-i", "-l", "-p", "-s", "-t", "-x", "-b", "-B", "-triage")),
            heap.toString());
        assertEquals(List.of("-a", "-h", "-all", "-t", "-tc", "-ts", "-fi", "-?"), candidates("!heap -p -"));
        assertEquals(List.of("-a", "-all"), candidates("!heap -p -a"));
        assertEquals(List.of("-t", "-triage"), candidates("!heap -t"), "-t is not -T");
        assertEquals(List.of("-T"), candidates("!heap -T"));
        assertEquals(List.of("-s", "-srch", "-stat"), candidates("!heap -s"));
        assertEquals(List.of("/b", "/r"), candidates(".dvalloc /"));
        assertEquals(List.of("w1", "w2", "w4", "w8"), candidates("ba w"));
        assertTrue(candidates("gflags +h").containsAll(List.of("+htc", "+hfc", "+hpa")));
    }

    @Test
    void argumentsAreKeywordsAndVariables() {
        assertEquals(List.of("alloc", "a"), candidates("!heap -b a"));
        assertEquals(List.of("b", "buffer"), candidates("!heap -x b"));
        assertEquals(List.of("h"), candidates("!heap -a h"));
        List<String> empty = candidates("!heap -p ");
        assertTrue(empty.containsAll(List.of("-a", "-all", "h", "a", "buffer")), "nothing typed: options too");
        assertEquals(List.of("buffer"), candidates("db buf"));
        assertEquals(List.of("buffer"), candidates("? poi(buf"), "inside an expression");
        assertEquals(List.of("buffer"), candidates("db a+buf"));
    }

    /** After a ';' the next command is completed as a line of its own. */
    @Test
    void eachCommandOfALineCompletesOnItsOwn() {
        assertEquals(candidates("!heap -p -"), candidates("dd h L4; !heap -p -"));
        assertEquals(List.of("!heap"), candidates("db a ;  !he"));
        ConsoleCompletion.Result r = ConsoleCompletion.complete("dd h; !he; db a", 9, VARIABLES);
        assertEquals(6, r.start());
        assertEquals(List.of("!heap"), r.candidates().stream().map(ConsoleCompletion.Candidate::text).toList());
    }

    @Test
    void dtTakesTypeNames() {
        assertEquals(List.of("_HEAP", "_HEAP_ENTRY", "_HEAP_FREE_ENTRY", "_HEAP_SEGMENT", "_HEAP_VIRTUAL_ALLOC_ENTRY",
            "_HEAP_ENTRY_EXTRA", "_HEAP_TAG_ENTRY", "_HEAP_PSEUDO_TAG_ENTRY"), candidates("dt _HEAP"));
        assertEquals(List.of("_CrtMemBlockHeader"), candidates("dt _crt"));
        ConsoleCompletion.Result qualified = ConsoleCompletion.complete("dt ntdll!_HEAP_S", 16, VARIABLES);
        assertEquals(9, qualified.start(), "after the module");
        assertEquals("_HEAP_SEGMENT", qualified.candidates().get(0).text());
        assertEquals(List.of("buffer"), candidates("dt _HEAP_ENTRY buf"), "then an address");
    }

    @Test
    void statementsTakeVariablesFunctionsAndConstants() {
        assertEquals(List.of("HeapFree"), candidates("HeapFre"));
        assertEquals(List.of("HeapAlloc"), candidates("x = HeapAl"));
        assertEquals(List.of("HEAP_ZERO_MEMORY"), candidates("p = HeapAlloc(h, HEAP_Z"));
        assertEquals(List.of("buffer"), candidates("HeapFree(h, 0, buf"));
        assertEquals(List.of("h", "a", "b", "buffer", "tagged"), candidates("HeapFree("), "nothing typed: variables");
        assertFalse(candidates("x = ").contains("!heap"));
    }

    @Test
    void theCommonPrefixIsSpelledAsTheFirstCandidate() {
        assertEquals("!heap", ConsoleCompletion.complete("!H", 2, VARIABLES).commonPrefix());
        assertEquals("-a", ConsoleCompletion.complete("!heap -p -a", 11, VARIABLES).commonPrefix());
        assertEquals("_HEAP", ConsoleCompletion.complete("dt _he", 6, VARIABLES).commonPrefix());
        assertEquals("", ConsoleCompletion.complete("zzz", 3, VARIABLES).commonPrefix());
    }

    @Test
    void onlyTheTextBeforeTheCaretCounts() {
        ConsoleCompletion.Result result = ConsoleCompletion.complete("!heap -p -a a", 8, VARIABLES);
        assertEquals(6, result.start());
        assertTrue(result.candidates().stream().anyMatch(c -> c.text().equals("-p")));
    }

    private static List<String> candidatesAt(String line, int caret) {
        return ConsoleCompletion.complete(line, caret, VARIABLES).candidates().stream()
            .map(ConsoleCompletion.Candidate::text).toList();
    }

    @Test
    void optionsCompleteAfterAnAddressToo() {
        assertEquals(List.of("-?"), candidates("!heap -p -a 0x1234 -"), "one page heap form, then only its help");
        assertEquals(List.of("-?"), candidates("!heap -p -h h -"));
        assertEquals(List.of("-?"), candidates("!heap -p -t 5 -"));
        assertEquals(List.of("-a", "-h", "-all", "-t", "-tc", "-ts", "-fi", "-?"), candidates("!heap -p 0x1234 -"),
            "the address first, the form after it");
        assertEquals(List.of("-a", "-all"), candidates("!heap -p 0x1234 -a"));
        assertEquals(List.of("-h", "-hl", "-f", "-m", "-v", "-t", "-T", "-g", "-k", "-p"),
            candidates("!heap -a 0x1234 -"));
        assertEquals(List.of("-h", "-hl", "-f", "-m", "-v", "-T", "-g", "-k"), candidates("!heap -a h -t -"));
        assertEquals(List.of("-v"), candidates("!heap -x 0x1234 -"));
        assertEquals(List.of("-a", "-c", "-b", "-d", "-?"), candidates("!heap -s -v 0x1234 -"));
        assertEquals(List.of("-grp"), candidates("!heap -stat -h 0x1234 -"));
    }

    @Test
    void optionsCompleteWithTheCaretAnywhereOnTheLine() {
        // The words after the caret count too: nothing already on the line, nothing the console would refuse.
        assertEquals(List.of("-a", "-h", "-all", "-t", "-tc", "-ts", "-fi", "-?"),
            candidatesAt("!heap -p - 0x1234", 10));
        assertEquals(List.of("-?"), candidatesAt("!heap -p - -a 0x1234", 10), "-a is already the form");
        assertEquals(List.of("-h", "-hl", "-f", "-m", "-v", "-t", "-T", "-g", "-k", "-p"),
            candidatesAt("!heap - -a h", 7), "-a is not offered twice; -p may still join it");
        assertEquals(List.of("-h", "-hl", "-f", "-m", "-v", "-T", "-g", "-k"), candidatesAt("!heap -a - -t h", 10));
        assertEquals(List.of("/b"), candidatesAt(".dvalloc / /r 10000", 10));
        assertEquals(List.of("-?"), candidatesAt("!heap -p -a 0x1234 -", 20));
        // The rest of the word under the caret is that word's, not an option already typed.
        assertEquals(List.of("-a", "-all"), candidatesAt("!heap -p -all", 11));
    }
}
