package heaplab.app.console;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleViewModelTest {
    private final List<String> ran = new ArrayList<>();
    private final ConsoleViewModel vm = new ConsoleViewModel(line -> {
        ran.add(line);
        if (line.equals("crash")) {
            throw new IllegalStateException("engine broke");
        }
        return line.equals("bad") ? "       ^ Syntax error in 'bad'\n" : "out 1\nout 2\n";
    });

    private void type(String line) {
        vm.inputProperty().set(line);
        vm.submit();
    }

    @Test
    void enterEchoesTheCommandAfterThePromptThenItsOutput() {
        type("  !heap -a  ");
        assertEquals(List.of("!heap -a"), ran);
        assertEquals(List.of(new ConsoleLine("0:000> !heap -a", ConsoleLine.Kind.ECHO),
            new ConsoleLine("out 1", ConsoleLine.Kind.OUTPUT), new ConsoleLine("out 2", ConsoleLine.Kind.OUTPUT)),
            vm.lines());
        assertEquals("", vm.inputProperty().get());
    }

    @Test
    void blankLinesDoNothingAndErrorsAreMarked() {
        type("   ");
        assertEquals(List.of(), ran);
        type("bad");
        assertEquals(ConsoleLine.Kind.ERROR, vm.lines().get(1).kind());
        type("crash");
        assertEquals(new ConsoleLine("error: engine broke", ConsoleLine.Kind.ERROR),
            vm.lines().get(vm.lines().size() - 1));
    }

    @Test
    void upAndDownWalkTheHistoryAndComeBackToTheDraft() {
        type("one");
        type("two");
        type("two");
        vm.inputProperty().set("dra");
        vm.historyUp();
        assertEquals("two", vm.inputProperty().get());
        vm.historyUp();
        assertEquals("one", vm.inputProperty().get());
        vm.historyUp();
        assertEquals("one", vm.inputProperty().get(), "no older command");
        vm.historyDown();
        assertEquals("two", vm.inputProperty().get());
        vm.historyDown();
        assertEquals("dra", vm.inputProperty().get());
        assertEquals(List.of("one", "two"), vm.history().commands());
    }

    @Test
    void theLogKeepsOnlyTheNewestLines() {
        for (int i = 0; i < ConsoleViewModel.MAX_LINES; i++) {
            vm.note("note " + i);
        }
        type("x");
        assertEquals(ConsoleViewModel.MAX_LINES, vm.lines().size());
        assertEquals("out 2", vm.lines().get(vm.lines().size() - 1).text());
    }

    // ------------------------------------------------------------------ addresses and completion

    private final List<Long> selected = new ArrayList<>();
    private final ConsoleContext context = new ConsoleContext() {
        @Override
        public heaplab.engine.Arch arch() {
            return heaplab.engine.Arch.X86;
        }

        @Override
        public boolean isMapped(long address) {
            return address >= 0x240000 && address < 0x250000;
        }

        @Override
        public java.util.Collection<String> variableNames() {
            return List.of("h", "a", "buffer", "big");
        }

        @Override
        public void select(long address) {
            selected.add(address);
        }
    };
    private final ConsoleViewModel session = new ConsoleViewModel(
        line -> "002405e0  002405e8  00240000  002405a0        28  busy\n00000000 is no address\n", context);

    @Test
    void theAddressesInTheOutputAreLinksThatSelectTheirBlock() {
        session.inputProperty().set("!heap -x 002405e8");
        session.submit();
        List<ConsoleLine> lines = session.lines();
        assertEquals(List.of(new AddressLink(16, 24, 0x2405e8)), lines.get(0).links(), "the echo's too");
        assertEquals(4, lines.get(1).links().size());
        assertEquals(List.of(), lines.get(2).links());
        session.openLink(lines.get(1).links().get(1).address());
        assertEquals(List.of(0x2405e8L), selected);
    }

    @Test
    void oneCandidateCompletesInlineWithASpace() {
        session.inputProperty().set("!he");
        assertEquals(6, session.complete(3));
        assertEquals("!heap ", session.inputProperty().get());
        assertTrue(session.completionHintProperty().get().startsWith("!heap: "));
        assertEquals(List.of(), session.completions());
        session.inputProperty().set("!heap -");
        assertEquals("", session.completionHintProperty().get(), "typing on clears the hint");
        session.inputProperty().set("!heap -x bu");
        assertEquals("!heap -x buffer ".length(), session.complete(11));
        assertEquals("!heap -x buffer ", session.inputProperty().get());
    }

    @Test
    void severalCompleteTheirCommonPrefixAndTabAgainCycles() {
        session.inputProperty().set("!heap -p -a");
        assertEquals(11, session.complete(11));
        assertEquals("!heap -p -a", session.inputProperty().get());
        assertEquals(List.of("-a", "-all"), session.completions());
        assertEquals(-1, session.completionIndexProperty().get());
        assertEquals(11, session.complete(11));
        assertEquals(0, session.completionIndexProperty().get());
        assertEquals(13, session.complete(11));
        assertEquals("!heap -p -all", session.inputProperty().get());
        assertEquals(1, session.completionIndexProperty().get());
        assertTrue(session.completionHintProperty().get().startsWith("-all: "));
        session.complete(13);
        assertEquals("!heap -p -a", session.inputProperty().get(), "round again");
        session.complete(11, true);
        assertEquals("!heap -p -all", session.inputProperty().get(), "Shift+Tab goes back");
        session.complete(13, true);
        assertEquals("!heap -p -a", session.inputProperty().get());
        session.inputProperty().set("!heap -p -a ");
        assertEquals(List.of(), session.completions(), "typing on drops the candidates");
        assertEquals(-1, session.completionIndexProperty().get());
    }

    @Test
    void theCommonPrefixIsCompletedAndTheTextAfterTheCaretKept() {
        session.inputProperty().set("dt _heap_e a");
        assertEquals("dt _HEAP_ENTRY".length(), session.complete(10));
        assertEquals("dt _HEAP_ENTRY a", session.inputProperty().get());
        assertEquals(List.of("_HEAP_ENTRY", "_HEAP_ENTRY_EXTRA"), session.completions());
    }

    @Test
    void nothingToCompleteChangesNothingAndEscapeClearsTheLine() {
        session.inputProperty().set("!heap -zz");
        assertEquals(9, session.complete(9));
        assertEquals("!heap -zz", session.inputProperty().get());
        assertEquals("Nothing to complete here.", session.completionHintProperty().get());
        session.escape();
        assertEquals("", session.inputProperty().get());
        assertEquals("", session.completionHintProperty().get());
    }

    @Test
    void aBigOutputIsOneChangeOfTheLog() {
        int[] changes = {0};
        vm.lines().addListener((javafx.collections.ListChangeListener<ConsoleLine>) c -> changes[0]++);
        vm.appendOutput("line\n".repeat(30_000));
        assertEquals(1, changes[0]);
        assertEquals(ConsoleViewModel.MAX_LINES, vm.lines().size());
        assertEquals("line\nline\n", vm.allText().substring(0, 10));
    }
}
