package heaplab.app.testing;

import heaplab.app.main.LabSession;
import heaplab.engine.Arch;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.StepOutcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A session without the engine, for view-model tests: numbered steps whose outcomes and heaps the test decides.
 * Memory holds the fixture's bytes only where the test put them; everything else is unreadable.
 */
public final class FakeLabSession implements LabSession {
    private final Scenario scenario;
    private final List<Step> steps;
    private final IntFunction<List<HeapInfo>> heapsAt;
    private final Map<Integer, StepOutcome.Status> statusAt = new HashMap<>();
    private final Map<Long, Integer> memory = new HashMap<>();
    private final Map<String, Long> variables = new LinkedHashMap<>();
    private final List<String> consoleLines = new ArrayList<>();
    private final List<StepOutcome> outcomes = new ArrayList<>();
    private final java.util.Set<Integer> breakpointsOn = new java.util.HashSet<>();
    private final java.util.Set<Integer> breakpointsOff = new java.util.HashSet<>();
    private RuntimeException heapFailure;
    private int replays;
    private int heapReads;

    public FakeLabSession(int stepCount, IntFunction<List<HeapInfo>> heapsAt) {
        this.steps = new ArrayList<>();
        for (int i = 0; i < stepCount; i++) {
            steps.add(new Step(Step.Kind.DO, "x" + i + " = HeapAlloc(h, 0, " + (i + 1) + ")", "Step number " + i,
                i == 2, i + 1, 5));
        }
        this.scenario = new Scenario("fake.json", "Fake scenario", "For tests.", Arch.X86, "", 0, "full", "auto",
            "demo.exe", List.copyOf(steps));
        this.heapsAt = heapsAt;
    }

    /** A session whose heaps are always the first-fit fixture plus an empty process heap. */
    public static FakeLabSession withFixtureHeaps(int stepCount) {
        return new FakeLabSession(stepCount,
            position -> List.of(HeapFixtures.emptyHeap(0x00140000L), HeapFixtures.firstFitHeap()));
    }

    public FakeLabSession failAt(int index, StepOutcome.Status status) {
        statusAt.put(index, status);
        return this;
    }

    public FakeLabSession failHeapReads(RuntimeException e) {
        heapFailure = e;
        return this;
    }

    public void poke(long address, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            memory.put(address + i, bytes[i] & 0xFF);
        }
    }

    public void setVariable(String name, long value) {
        variables.put(name, value);
    }

    public List<String> consoleLines() {
        return consoleLines;
    }

    public int replays() {
        return replays;
    }

    /** How many times the heaps were read, this session and its replays together. */
    public int heapReads() {
        return heapReads;
    }

    @Override public Scenario scenario() { return scenario; }

    @Override public List<Step> steps() { return List.copyOf(steps); }

    @Override public int position() { return outcomes.size(); }

    @Override public List<StepOutcome> outcomes() { return List.copyOf(outcomes); }

    @Override public StepOutcome lastOutcome() { return outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1); }

    @Override
    public boolean isStopped() {
        StepOutcome last = lastOutcome();
        return position() == steps.size() || last != null && last.status() == StepOutcome.Status.FAULT;
    }

    @Override
    public StepOutcome step() {
        if (isStopped()) {
            return null;
        }
        int i = position();
        StepOutcome.Status status = statusAt.getOrDefault(i, StepOutcome.Status.OK);
        String output = status == StepOutcome.Status.OK ? "x" + i + " = 0x0024" + (1000 + i) : "boom at step " + i;
        StepOutcome outcome = new StepOutcome(i, status, output, HeapFixtures.A_ENTRY + 8);
        outcomes.add(outcome);
        return outcome;
    }

    @Override
    public void stepBack() {
        if (!outcomes.isEmpty()) {
            outcomes.remove(outcomes.size() - 1);
        }
    }

    @Override
    public StepOutcome run() {
        StepOutcome last = null;
        do {
            StepOutcome o = step();
            if (o == null) {
                break;
            }
            last = o;
        } while (!isStopped() && !isBreakpoint(position()) && last.status() == StepOutcome.Status.OK);
        return last;
    }

    @Override
    public boolean isBreakpoint(int index) {
        return breakpointsOn.contains(index) || steps.get(index).breakpoint() && !breakpointsOff.contains(index);
    }

    @Override
    public void setBreakpoint(int index, boolean on) {
        if (index < 0 || index >= steps.size()) {
            throw new IllegalArgumentException("step index " + index);
        }
        (on ? breakpointsOn : breakpointsOff).add(index);
        (on ? breakpointsOff : breakpointsOn).remove(index);
    }

    /** As the engine: back to the previous breakpoint or failure, else the start. */
    @Override
    public String runBack() {
        int from = position();
        if (from == 0) {
            return "";
        }
        for (int q = from - 1; q > 0; q--) {
            StepOutcome.Status status = outcomes.get(q - 1).status();
            if (status != StepOutcome.Status.OK || isBreakpoint(q)) {
                jumpTo(q);
                return status == StepOutcome.Status.FAULT ? "fault"
                    : status == StepOutcome.Status.EXPECT_FAILED ? "expect failed" : "breakpoint";
            }
        }
        restart();
        return "start";
    }

    @Override
    public void jumpTo(int target) {
        while (position() > target) {
            stepBack();
        }
        while (position() < target && step() != null) {
            // stepping
        }
    }

    @Override
    public void restart() {
        outcomes.clear();
    }

    /** `name = ...` adds a step after the current one and runs it; anything else just prints. */
    @Override
    public String console(String line) {
        consoleLines.add(line);
        if (line.contains("=")) {
            // As the engine: breakpoints stay on their steps, which move one on.
            for (java.util.Set<Integer> set : List.of(breakpointsOn, breakpointsOff)) {
                List<Integer> moved = set.stream().map(i -> i >= position() ? i + 1 : i).toList();
                set.clear();
                set.addAll(moved);
            }
            steps.add(position(), new Step(Step.Kind.DO, line, "", false, 0, 0));
            step();
            return "added " + line + "\n";
        }
        return "output of " + line + "\nsecond line\n";
    }

    @Override public Arch arch() { return Arch.X86; }

    @Override
    public List<HeapInfo> heaps() {
        if (heapFailure != null) {
            throw heapFailure;
        }
        heapReads++;
        return heapsAt.apply(position());
    }

    @Override public int peekByte(long address) { return memory.getOrDefault(address, -1); }

    @Override public Map<String, Long> variables() { return new LinkedHashMap<>(variables); }

    @Override
    public LabSession replay() {
        replays++;
        FakeLabSession replay = new FakeLabSession(steps.size(), position -> {
            heapReads++;
            return heapsAt.apply(position);
        });
        replay.statusAt.putAll(statusAt);
        return replay;
    }
}
