package heaplab.bench;

import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A long generated scenario as {@code heaplab run} handles it: loading its text (JSON and statements) and running a
 * forward-only session to the end. Steps of {@code pK = HeapAlloc(h, 0, SIZE)} and {@code HeapFree(h, 0, pK)} over
 * 2,000 variables, as the file of the CLI's speed target; the time here is for warm code. The target itself
 * (JVM start included, cold code) is measured with the CLI: {@code time java -jar app/target/heaplab.jar run FILE}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScenarioBenchmark {
    @Param({"200000"})
    public int steps;

    private String json;
    private Scenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws ScenarioException {
        json = generate(steps, new Random(42));
        scenario = ScenarioLoader.load("bench.json", json);
    }

    /** Reads and checks the whole file: the JSON, and every statement parsed. */
    @Benchmark
    public Scenario load() throws ScenarioException {
        return ScenarioLoader.load("bench.json", json);
    }

    /** Opens a headless session (no snapshots after the first, no text for {@code do} steps) and runs it. */
    @Benchmark
    public StepOutcome run() {
        Session session = Session.open(scenario, Session.Options.forwardOnly().withOutputs(false));
        return session.run();
    }

    /** A scenario file like the CLI target's: random k in 0..1999, free pk if live, else allocate 1..511 bytes. */
    static String generate(int count, Random random) {
        StringBuilder out = new StringBuilder(count * 40);
        out.append("{\n\"heaplab\": 1,\n\"title\": \"generated\",\n\"arch\": \"x86\",\n\"steps\": [\n");
        out.append("{\n\"do\": \"h = GetProcessHeap()\"\n}");
        boolean[] live = new boolean[2000];
        for (int i = 0; i < count; i++) {
            int k = random.nextInt(live.length);
            out.append(",\n{\n\"do\": \"");
            if (live[k]) {
                out.append("HeapFree(h, 0, p").append(k).append(")");
            } else {
                out.append('p').append(k).append(" = HeapAlloc(h, 0, ").append(1 + random.nextInt(511)).append(')');
            }
            out.append("\"\n}");
            live[k] = !live[k];
        }
        return out.append(",\n{\n\"expect\": \"HeapValidate(h, 0, NULL)\"\n}\n]\n}\n").toString();
    }
}
