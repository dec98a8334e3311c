package heaplab.bench;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
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
 * The cost of one simulated access, which every heap operation pays a few dozen times: 4-byte reads from one page
 * (the last-page entry of the page cache), from two pages in turn (its table), and the heap's 4-byte writes to one
 * page.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MemoryBenchmark {
    private static final int READS = 20;

    private AddressSpace mem;
    private long base;

    @Setup
    public void setUp() {
        mem = new AddressSpace(Arch.X86);
        base = mem.virtualAlloc(0, 0x10000, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        for (long a = base; a < base + 0x10000; a += 4) {
            mem.writeU32(a, a);
        }
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long readOnePage() {
        long sum = 0;
        for (int i = 0; i < READS; i++) {
            sum += mem.readU32(base + 0x10 + 4L * i);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long readTwoPagesInTurn() {
        long sum = 0;
        for (int i = 0; i < READS / 2; i++) {
            sum += mem.readU32(base + 0x10 + 4L * i);
            sum += mem.readU32(base + 0x1510 + 4L * i);
        }
        return sum;
    }

    /** As the heap's own code writes: trusted (a program's write also counts as a foreign write). */
    @Benchmark
    @OperationsPerInvocation(READS)
    public void writeOnePage() {
        mem.enterTrusted();
        try {
            for (int i = 0; i < READS; i++) {
                mem.writeU32(base + 0x2010 + 4L * i, i);
            }
        } finally {
            mem.leaveTrusted();
        }
    }
}
