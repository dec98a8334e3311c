package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import heaplab.engine.scenario.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceReplayerTest {

    private static MallocLabTrace parse(String text) throws ScenarioException {
        return MallocLabTrace.parse("t.rep", text);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theSameTraceGivesTheSameAddressesAndBytes(Arch arch) throws ScenarioException {
        for (String name : List.of("short1-bal", "corners", "malloc-free")) {
            MallocLabTrace trace = TraceFiles.read(name);
            TraceReplayer.Replay first = TraceReplayer.replay(trace, arch);
            TraceReplayer.Replay second = TraceReplayer.replay(trace, arch);
            assertEquals(first.heap(), second.heap());
            for (int id = 0; id < trace.idCount(); id++) {
                assertEquals(first.pointer(id), second.pointer(id), name + " id " + id);
            }
            assertEquals(ProcessImages.withoutStack(first.process()), ProcessImages.withoutStack(second.process()),
                name);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theHeapIsValidAfterShortTraces(Arch arch) throws ScenarioException {
        for (String name : List.of("short1-bal", "corners", "malloc-free")) {
            TraceReplayer.Replay replay = TraceReplayer.replay(TraceFiles.read(name), arch);
            Process process = replay.process();
            assertTrue(process.heapValidate(replay.heap(), 0, 0),
                () -> name + ": " + process.heaps().validationErrors(replay.heap()));
            assertTrue(process.debugOutput().isEmpty(), () -> name + ": " + process.debugOutput());
            assertNotEquals(process.getProcessHeap(), replay.heap(), "a private heap");
        }
    }

    @Test
    void operationsMapToTheHeapApi() throws ScenarioException {
        // a 0 32; a 1 100; r 1 400 (moves or grows); f 0; r 0 24 (0 is not live: an allocation); f -1
        TraceReplayer.Replay replay = TraceReplayer.replay(
            parse("0\n2\n6\n1\na 0 32\na 1 100\nr 1 400\nf 0\nr 0 24\nf -1\n"), Arch.X86);
        Process process = replay.process();
        long heap = replay.heap();
        assertEquals(400, process.heapSize(heap, 0, replay.pointer(1)));
        assertEquals(24, process.heapSize(heap, 0, replay.pointer(0)));
        assertTrue(process.heapValidate(heap, 0, 0));
        assertEquals(2, process.heaps().read(heap).allBlocks().stream().filter(b -> b.kind()
            == heaplab.engine.nt.HeapBlock.Kind.BUSY).count());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void freeingTheLeftoversLetsTheSameHeapTakeTheTraceAgain(Arch arch) throws ScenarioException {
        // The last one leaves a small block, a virtual-alloc block and an LFH chunk (after 18 allocations of 24).
        StringBuilder leaves = new StringBuilder("0\n22\n23\n1\na 0 32\na 1 5000\nr 1 600000\n");
        for (int id = 2; id < 22; id++) {
            leaves.append("a ").append(id).append(" 24\n");
        }
        for (MallocLabTrace trace : List.of(TraceFiles.read("short1-bal"), TraceFiles.read("corners"),
            TraceFiles.read("malloc-free"), parse(leaves.toString()))) {
            String name = trace.name();
            Process process = new Process(ProcessConfig.defaults(arch));
            long heap = TraceReplayer.createHeap(trace, process);
            for (int round = 0; round < 3; round++) {
                int printed = process.debugOutput().size();
                TraceReplayer.Replay replay = TraceReplayer.run(trace, process, heap);
                TraceReplayer.freeLeftovers(trace, replay);
                assertEquals(List.of(), process.debugOutput().subList(printed, process.debugOutput().size()),
                    name + ": the replay prints nothing");
                for (int id = 0; id < trace.idCount(); id++) { // each probe prints RtlSizeHeap's bad pointer line
                    assertEquals(arch.pointerMask(), process.heapSize(heap, 0, replay.pointer(id)),
                        name + " round " + round + " id " + id + " is still allocated");
                }
                assertTrue(process.heapValidate(heap, 0, 0), () -> name + ": " + process.heaps().validationErrors(heap));
            }
        }
    }

    @Test
    void freeingNullDoesNothing() throws ScenarioException {
        Process process = new Process(ProcessConfig.defaults(Arch.X64));
        Process reference = new Process(ProcessConfig.defaults(Arch.X64));
        long heap = reference.heapCreate(0, 0, 0);
        TraceReplayer.Replay replay = TraceReplayer.replay(parse("0\n1\n2\n0\nf -1\nf -1\n"), process);
        assertEquals(heap, replay.heap());
        assertEquals(0, process.lastError());
        assertTrue(process.debugOutput().isEmpty());
        assertEquals(ProcessImages.withoutStack(reference), ProcessImages.withoutStack(process));
    }

    @Test
    void aDoubleFreeIsReportedByTheHeapAsWindowsDoes() throws ScenarioException {
        TraceReplayer.Replay replay = TraceReplayer.replay(parse("0\n1\n3\n0\na 0 16\nf 0\nf 0\n"), Arch.X86);
        List<String> output = replay.process().debugOutput();
        assertEquals(1, output.size(), output::toString);
        assertTrue(output.get(0).startsWith("HEAP[demo.exe]: Invalid address specified to RtlFreeHeap"),
            output::toString);
    }

    @Test
    void everySharedTraceReplaysToAValidHeap() throws IOException, ScenarioException {
        Path folder = TraceFiles.sharedFolder();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".rep")).sorted().toList();
        }
        for (Path file : files) {
            MallocLabTrace trace = MallocLabTrace.read(file);
            for (Arch arch : Arch.values()) {
                TraceReplayer.Replay replay = TraceReplayer.replay(trace, arch);
                assertTrue(replay.process().heapValidate(replay.heap(), 0, 0), () -> file + " " + arch);
                assertTrue(replay.process().debugOutput().isEmpty(), () -> file + " " + arch);
            }
        }
    }
}
