package heaplab.bench;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Throughput of the NT heap engine: a random alloc/free workload on the process heap. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HeapBenchmark {
    private static final int OPS = 10_000;

    @Param({"X86", "X64"})
    public Arch arch;

    private Process process;
    private long[] live;
    private int[] sizes;

    @Setup(Level.Invocation)
    public void setUp() {
        process = new Process(ProcessConfig.defaults(arch));
        live = new long[512];
        Random random = new Random(42);
        sizes = new int[OPS];
        for (int i = 0; i < OPS; i++) {
            sizes[i] = random.nextInt(8) == 0 ? 1 + random.nextInt(4096) : 1 + random.nextInt(256);
        }
    }

    /** 10,000 operations: each slot alternates between an allocation and a free. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long allocFree() {
        long h = process.getProcessHeap();
        long sum = 0;
        for (int i = 0; i < OPS; i++) {
            int slot = (i * 7919) & (live.length - 1);
            if (live[slot] != 0) {
                process.heapFree(h, 0, live[slot]);
                live[slot] = 0;
            } else {
                live[slot] = process.heapAlloc(h, 0, sizes[i]);
                sum += live[slot];
            }
        }
        return sum;
    }
}
