package heaplab.bench;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The three operations realloc-bal's replay spends its time in, each alone in a steady state, so that a change to one
 * of them can be measured on its own (a whole replay's A/B runs differ by up to 5% between runs of identical code):
 * an LFH allocation and free of 128 bytes, a HeapReAlloc that grows a block by 128 bytes in place, and the move of a
 * virtual-alloc block past its last committed page. Nanoseconds per operation, on an x86 private growable heap.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {
    private static final int PAIRS = 1000;
    /** A block grows from this size ... */
    private static final int GROW_FROM = 0x200;
    /** ... by this much at each HeapReAlloc ... */
    private static final int GROW_BY = 0x80;
    /** ... this many times (to about 64 KB), then is freed and made again. */
    private static final int GROWS = 500;
    /** The virtual-alloc threshold (x86), and how far past it the block grows a page at a time. */
    private static final int VIRTUAL_FROM = 0x7F000;
    private static final int VIRTUAL_PAGES = 24;

    private Process process;
    private long heap;
    /** A heap of 2 MB reserved, where a block grows through the uncommitted range without meeting a segment's end. */
    private long growHeap;
    private long chunk;

    @Setup
    public void setUp() {
        process = new Process(ProcessConfig.defaults(Arch.X86));
        heap = process.heapCreate(0, 0, 0);
        for (int i = 0; i < 0x20; i++) { // past the 0x12 requests that turn the class over to the LFH
            process.heapFree(heap, 0, process.heapAlloc(heap, 0, 0x80));
        }
        chunk = process.heapAlloc(heap, 0, 0x80);
        growHeap = process.heapCreate(0, 0, 0x200000);
    }

    /** An LFH allocation of 128 bytes and the free of the chunk before it: one operation each. */
    @Benchmark
    @OperationsPerInvocation(2 * PAIRS)
    public long lfhAllocFree() {
        long previous = chunk;
        for (int i = 0; i < PAIRS; i++) {
            long next = process.heapAlloc(heap, 0, 0x80);
            process.heapFree(heap, 0, previous);
            previous = next;
        }
        chunk = previous;
        return previous;
    }

    /**
     * A block grown by 128 bytes in place, 500 times, committing a page every 32 (the free at the end, which
     * decommits them, and the first allocation included).
     */
    @Benchmark
    @OperationsPerInvocation(GROWS)
    public long growInPlace() {
        return growAndFree(growHeap, GROW_FROM, GROW_BY, GROWS);
    }

    /** A virtual-alloc block grown a page at a time: each HeapReAlloc moves it to a new region. */
    @Benchmark
    @OperationsPerInvocation(VIRTUAL_PAGES)
    public long virtualMove() {
        return growAndFree(heap, VIRTUAL_FROM, 0x1000, VIRTUAL_PAGES);
    }

    /** Allocates `from` bytes, grows the block by `by` bytes `times` times, frees it; returns its last address. */
    private long growAndFree(long on, long from, long by, int times) {
        long block = process.heapAlloc(on, 0, from);
        for (int i = 1; i <= times; i++) {
            block = process.heapReAlloc(on, 0, block, from + i * by);
        }
        process.heapFree(on, 0, block);
        return block;
    }
}
