package heaplab.app.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunOptionsParserTest {

    @Test
    void defaults() throws UsageException {
        RunOptions options = RunOptionsParser.parse(List.of("sample:coalescing"));
        assertEquals("sample:coalescing", options.file());
        assertEquals(RunOptions.NOT_SET, options.to());
        assertEquals(List.of(), options.commands());
        assertEquals(List.of(), options.pngs());
        assertNull(options.select());
        assertEquals(2, options.scale());
        assertEquals("light", options.theme());
        assertEquals(RunOptions.NOT_SET, options.diff());
        assertFalse(options.narrate());
    }

    @Test
    void everyOptionInAnyOrderWithRepeatsKeptInOrder() throws UsageException {
        RunOptions options = RunOptionsParser.parse(List.of("--to", "5", "-c", "!heap -a h", "lab.json",
            "--png", "heap-map=a.png", "-c", "db p L40", "--png=inspector=b.png", "--select", "0x00360688",
            "--scale=3", "--theme", "dark", "--diff", "2", "--narrate"));
        assertEquals("lab.json", options.file());
        assertEquals(5, options.to());
        assertEquals(List.of("!heap -a h", "db p L40"), options.commands());
        assertEquals(List.of(new PngRequest("heap-map", Path.of("a.png")), new PngRequest("inspector",
            Path.of("b.png"))), options.pngs());
        assertEquals("0x00360688", options.select());
        assertEquals(3, options.scale());
        assertEquals("dark", options.theme());
        assertEquals(2, options.diff());
        assertTrue(options.narrate());
    }

    @Test
    void aCommandMayLookLikeAnOptionAndDoubleDashEndsOptions() throws UsageException {
        RunOptions options = RunOptionsParser.parse(List.of("-c", "--help", "--", "-odd-name.json"));
        assertEquals(List.of("--help"), options.commands());
        assertEquals("-odd-name.json", options.file());
    }

    @Test
    void helpWins() throws UsageException {
        assertNull(RunOptionsParser.parse(List.of("lab.json", "--help")));
    }

    @Test
    void stepZeroIsAllowed() throws UsageException {
        assertEquals(0, RunOptionsParser.parse(List.of("lab.json", "--to", "0")).to());
    }

    @Test
    void viewsAreTheDiagramFactoryViews() {
        assertEquals(heaplab.app.export.DiagramFactory.VIEWS, RunOptions.VIEWS);
    }
}
