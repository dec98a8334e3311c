package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapLayout;
import heaplab.engine.process.Process;
import heaplab.engine.scenario.GlobalFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog lists what the console runs: every word it offers parses, and the context picks the options. */
class CommandCatalogTest {
    /** Arguments that make a command or option complete, for the ones that need some. */
    private static final Map<String, String> ARGUMENTS = Map.ofEntries(Map.entry("dt", "_HEAP_ENTRY a"),
        Map.entry("?", "a + 8"), Map.entry(".dvalloc", "10000"), Map.entry("!heap", "h"), Map.entry("-x", "a"),
        Map.entry("-i", "a"), Map.entry("-b", "alloc"), Map.entry("-B", "alloc"), Map.entry("-srch", "41"),
        Map.entry("-flt", "s 20"), Map.entry("ba", "w4 a"), Map.entry("bl", "*"), Map.entry("bc", "*"),
        Map.entry("bd", "*"), Map.entry("be", "*"));

    private static List<String> words(List<CommandCatalog.Entry> entries) {
        return entries.stream().map(CommandCatalog.Entry::word).toList();
    }

    private static List<String> after(String line) {
        return words(CommandCatalog.argumentsAfter(Arrays.asList(line.split(" "))));
    }

    private static String run(Process process, String line) {
        return new Console().execute(process, line).output();
    }

    private static void assertParses(Process process, String line) {
        String out = run(process, line);
        assertFalse(out.contains("Syntax error") || out.contains("invalid option") || out.contains("No export")
            || out.contains("could not run"), line + " -> " + out);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void everyCommandRuns(Arch arch) {
        Process process = ConsoleFixtures.smallHeap(arch);
        for (CommandCatalog.Entry command : CommandCatalog.commands()) {
            String word = command.word();
            if (word.equals(".dvfree")) {
                continue; // below, on a region of its own
            }
            CommandResult result = new Console().execute(process, word + " " + ARGUMENTS.getOrDefault(word, "a"));
            assertFalse(result.error(), word + " -> " + result.output());
            assertFalse(command.description().isBlank());
        }
        String allocated = run(process, ".dvalloc 10000");
        String base = allocated.substring(allocated.lastIndexOf(' ') + 1).strip();
        assertFalse(new Console().execute(process, ".dvfree " + base + " 0").error(), allocated);
        assertEquals("       ^ Syntax error in 'dz'\n", run(process, "dz"), "a word not in the catalog is unknown");
    }

    @Test
    void theProcessorBreakpointWordsAreOffered() {
        Process process = ConsoleFixtures.smallHeap(Arch.X64);
        assertEquals(List.of("w1", "w2", "w4", "w8"), after("ba"));
        assertEquals(List.of(), after("ba w4"));
        assertEquals(List.of("*"), after("bc"));
        for (String size : after("ba")) {
            assertParses(process, "ba " + size + " 0");
        }
    }

    @Test
    void everyOptionItOffersParses() {
        Process process = ConsoleFixtures.smallHeap(Arch.X86);
        for (String option : after("!heap")) {
            assertParses(process, "!heap " + option + " " + ARGUMENTS.getOrDefault(option, ""));
        }
        for (String option : after("!heap -p")) {
            assertParses(process, "!heap -p " + option + (option.equals("-a") || option.equals("-h") ? " a" : ""));
        }
        for (String form : List.of("-a", "-h", "-t")) {
            assertTrue(after("!heap " + form).contains("-p"), form);
            assertParses(process, "!heap " + form + " -p" + (form.equals("-t") ? "" : " a"));
        }
        for (String option : after("!heap -p -a a")) {
            assertParses(process, "!heap -p -a a " + option);
        }
        for (String option : after("!heap -s")) {
            assertParses(process, "!heap -s " + option + (option.equals("-b") || option.equals("-d") ? " 20" : ""));
        }
        for (String option : after("!heap -srch")) {
            assertParses(process, "!heap -srch " + option + " 41");
        }
        for (String filter : after("!heap -flt")) {
            assertParses(process, "!heap -flt " + filter + " 10 20".substring(0, filter.equals("s") ? 3 : 6));
        }
        for (String group : after("!heap -stat -h h -grp")) {
            assertParses(process, "!heap -stat -h h -grp " + group);
        }
        for (String flag : after("gflags")) {
            assertDoesNotThrow(() -> GlobalFlags.parse(flag), flag);
        }
        assertParses(process, ".dvalloc /b 50000000 /r 10000");
    }

    @Test
    void theOptionsFollowWhatIsAlreadyTyped() {
        assertEquals(List.of("-a", "-h", "-hl", "-f", "-m", "-v", "-t", "-T", "-g", "-k", "-i", "-x", "-l", "-s",
            "-p", "-b", "-B", "-D", "-E", "-d", "-e", "-srch", "-flt", "-stat", "-triage", "-?"), after("!heap"));
        assertEquals(after("!heap"), after("!HEAP h"), "a heap argument alone changes nothing; case does not matter");
        assertEquals(after("!heap"), after("!ntsdexts.heap"));
        assertEquals(List.of("-a", "-h", "-all", "-t", "-tc", "-ts", "-fi", "-?"), after("!heap -p"));
        assertEquals(List.of("-?"), after("!heap -p -a"), "one page heap form at a time, and its help");
        assertEquals(List.of("-?"), after("!heap -p -a a"));
        assertEquals(List.of("-?"), after("!heap -p -t 5"));
        assertEquals(List.of(), after("!heap -p -a a -?"));
        assertEquals(List.of("-a", "-c", "-b", "-d", "-?"), after("!heap -s -v"));
        assertEquals(List.of("-h", "-hl", "-f", "-m", "-v", "-t", "-T", "-g", "-k", "-p"), after("!heap -a"),
            "-a may still become the page heap's -a");
        assertEquals(List.of("-h", "-hl", "-f", "-m", "-v", "-T", "-g", "-k"), after("!heap -a -t"));
        assertEquals(List.of("-?"), after("!heap -a -p"));
        assertEquals(List.of("-v"), after("!heap -x"));
        assertEquals(List.of("alloc", "realloc", "free"), after("!heap -b"));
        assertEquals(List.of(), after("!heap -b alloc"));
        assertEquals(List.of("-h"), after("!heap -stat"));
        assertEquals(List.of(), after("!heap -stat -h"), "the handle comes first");
        assertEquals(List.of("-grp"), after("!heap -stat -h h"));
        assertEquals(List.of("A", "B", "S"), after("!heap -stat -h h -grp"));
        assertEquals(List.of("s", "r"), after("!heap -flt"));
        assertEquals(List.of(), after("!heap -l"));
        assertEquals(List.of("/b", "/r"), after(".dvalloc"));
        assertEquals(List.of("/r"), after(".dvalloc /b"));
        assertEquals(List.of("/d"), after(".dvfree"));
        assertTrue(after("gflags +htc").contains("+hpa"));
        assertFalse(after("gflags +htc").contains("+htc"));
        assertEquals(List.of(), after("db"));
        assertTrue(CommandCatalog.argumentsAfter(List.of("!heap", "-b")).stream()
            .noneMatch(CommandCatalog.Entry::isOption));
        assertTrue(CommandCatalog.argumentsAfter(List.of("!heap")).stream().allMatch(CommandCatalog.Entry::isOption));
    }

    @Test
    void commandsAreFoundWithoutCase() {
        assertEquals("!heap", CommandCatalog.command("!Heap").word());
        assertEquals("!heap", CommandCatalog.command("!exts.heap").word());
        assertEquals(".dvalloc", CommandCatalog.command(".DVALLOC").word());
        assertNull(CommandCatalog.command("dz"));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void everyTypeNameIsOneDtKnows(Arch arch) {
        HeapLayout layout = HeapLayout.of(arch);
        for (CommandCatalog.Entry type : CommandCatalog.typeNames()) {
            assertNotNull(TypeCatalog.type(layout, type.word()), type.word());
            String module = type.word().equals("_CrtMemBlockHeader") ? "ucrtbased!" : "ntdll!";
            assertNotNull(TypeCatalog.type(layout, module + type.word()), module + type.word());
        }
    }
}
