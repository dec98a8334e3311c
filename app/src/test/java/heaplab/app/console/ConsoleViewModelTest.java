package heaplab.app.console;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
