package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;
import heaplab.engine.trace.CallTrace.Call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a valgrind or ltrace trace into a scenario, one step per call at the call's line, after
 * {@code h = HeapCreate(0, 0, 0)} (at line 1), as {@link TraceConverter} does for malloc-lab:
 * <ul>
 *   <li>{@code malloc(n)} (and operator new, memalign, ...) → {@code bK = HeapAlloc(h, 0, n)};</li>
 *   <li>{@code calloc(n, m)} → {@code bK = HeapAlloc(h, HEAP_ZERO_MEMORY, n*m)};</li>
 *   <li>{@code realloc(NULL, n)} → {@code HeapAlloc}; {@code realloc(p, n)} → {@code bK = HeapReAlloc(h, 0, bK,
 *       n)}; {@code realloc(p, 0)} that returned NULL → {@code HeapFree(h, 0, bK)};</li>
 *   <li>{@code free(p)} → {@code HeapFree(h, 0, bK)}; {@code free(NULL)} → {@code HeapFree(h, 0, NULL)}.</li>
 * </ul>
 * Each block lives in one variable {@code bK} from its allocation to its free, through every realloc that moves it.
 * A new block takes the variable that its address had last when that variable holds no block any more, else the next
 * unused {@code bK}: a trace that reuses addresses reuses variables, as a malloc-lab trace reuses ids. A call that
 * failed (returned NULL) records NULL in a variable of its own. A free of a block the trace freed already is replayed
 * while its variable still holds that block's pointer (a double free: the heap reports it, as Windows' would), else
 * left out; a free or realloc of an address the trace never returned (a block allocated before tracing started) is
 * left out. The summary counts both.
 */
public final class CallTraceConverter {
    private CallTraceConverter() {
    }

    /** The scenario of a trace, with the default settings of a scenario file. */
    public static Scenario toScenario(CallTrace trace) {
        List<Call> calls = trace.calls();
        List<Step> steps = new ArrayList<>(calls.size() + 1);
        steps.add(new Step(Step.Kind.DO, TraceConverter.CREATE_HEAP, "", false, 1, 1));
        Map<Long, String> live = new HashMap<>();
        Map<Long, String> lastVariable = new HashMap<>();
        Set<String> holding = new HashSet<>();
        Set<String> free = new java.util.LinkedHashSet<>(); // names of freed blocks, taken again before new ones
        Map<String, Long> value = new HashMap<>(); // the trace's address each variable was given last
        int[] next = {0};
        int skipped = 0;
        int doubleFrees = 0;
        int failedReallocs = 0;
        boolean wide = false;
        StringBuilder text = new StringBuilder(48);
        for (int i = 0; i < calls.size(); i++) {
            heaplab.engine.Cancellation.check(i);
            Call call = calls.get(i);
            // x64 as soon as one address needs more than 32 bits (most Linux traces); else x86, a scenario's default.
            wide |= (call.pointer() >>> 32) != 0 || (call.result() >>> 32) != 0 || (call.size() >>> 32) != 0
                || Math.multiplyHigh(call.count(), call.size()) != 0 || (call.count() * call.size() >>> 32) != 0;
            text.setLength(0);
            switch (call.op()) {
                case ALLOC, CALLOC -> {
                    String variable = newBlock(call.result(), live, lastVariable, holding, free, next);
                    value.put(variable, call.result());
                    text.append(variable).append(" = HeapAlloc(h, ")
                        .append(call.op() == CallTrace.Op.CALLOC ? "HEAP_ZERO_MEMORY" : "0").append(", ");
                    size(call, text).append(')');
                }
                case REALLOC -> {
                    if (call.pointer() == 0) {
                        String variable = newBlock(call.result(), live, lastVariable, holding, free, next);
                        value.put(variable, call.result());
                        text.append(variable).append(" = HeapAlloc(h, 0, ");
                        size(call, text).append(')');
                        break;
                    }
                    String variable = live.get(call.pointer());
                    if (variable == null) {
                        skipped++; // allocated before tracing started: the simulated heap never had it
                        continue;
                    }
                    if (call.result() == 0 && call.size() == 0) {
                        text.append("HeapFree(h, 0, ").append(variable).append(')');
                        release(call.pointer(), live, holding, free);
                    } else if (call.result() == 0) {
                        // The realloc failed and the block stayed where it was: replaying it could succeed here and
                        // move the block, so nothing is replayed (counted in the summary).
                        failedReallocs++;
                        continue;
                    } else {
                        text.append(variable).append(" = HeapReAlloc(h, 0, ").append(variable).append(", ");
                        size(call, text).append(')');
                        live.remove(call.pointer());
                        live.put(call.result(), variable);
                        lastVariable.put(call.result(), variable);
                        value.put(variable, call.result());
                    }
                }
                case FREE -> {
                    if (call.pointer() == 0) {
                        text.append("HeapFree(h, 0, NULL)");
                        break;
                    }
                    String variable = live.get(call.pointer());
                    if (variable == null) {
                        String old = lastVariable.get(call.pointer());
                        boolean stillHeld = old != null && Long.valueOf(call.pointer()).equals(value.get(old));
                        if (stillHeld && !holding.contains(old)) {
                            doubleFrees++; // freed before, and its variable still holds the freed pointer
                            text.append("HeapFree(h, 0, ").append(old).append(')');
                            break;
                        }
                        skipped++; // allocated before tracing started, or freed twice past its variable's reuse
                        continue;
                    }
                    text.append("HeapFree(h, 0, ").append(variable).append(')');
                    release(call.pointer(), live, holding, free);
                }
            }
            steps.add(new Step(Step.Kind.DO, text.toString(), "", false, call.line(), 1));
        }
        String leftOut = (skipped == 0 ? "" : ", " + skipped + " of them left out (a free or realloc of a block"
            + " allocated before tracing started, or freed already)")
            + (doubleFrees == 0 ? "" : ", " + doubleFrees + " double free" + (doubleFrees == 1 ? "" : "s")
            + " replayed (the heap reports " + (doubleFrees == 1 ? "it" : "them") + ")")
            + (failedReallocs == 0 ? "" : ", " + failedReallocs + " failed realloc" + (failedReallocs == 1 ? "" : "s")
            + " not replayed (the block stayed where it was)");
        String summary = "Imported from " + trace.tool().description() + ": " + calls.size() + " call"
            + (calls.size() == 1 ? "" : "s") + " replayed on a private heap h" + leftOut + "; each bK holds one block"
            + " through its reallocations.";
        return new Scenario(trace.source(), trace.name(), summary, wide ? Arch.X64 : Arch.X86, "", 0, "full", "auto",
            "demo.exe", List.copyOf(steps));
    }

    /** The variable of a block just allocated at {@code address} (0: a failed call, a variable of its own). */
    private static String newBlock(long address, Map<Long, String> live, Map<Long, String> lastVariable,
                                   Set<String> holding, Set<String> free, int[] next) {
        String variable = address == 0 ? null : lastVariable.get(address);
        if (variable == null || holding.contains(variable)) {
            // A freed block's name before a new one: as many variables as blocks live at once (the stack holds them).
            var reuse = free.iterator();
            variable = reuse.hasNext() ? reuse.next() : "b" + next[0]++;
        }
        free.remove(variable);
        if (address != 0) {
            String stale = live.put(address, variable);
            if (stale != null) {
                holding.remove(stale); // the trace missed its free: the address is a new block now
            }
            lastVariable.put(address, variable);
            holding.add(variable);
        }
        return variable;
    }

    private static void release(long address, Map<Long, String> live, Set<String> holding, Set<String> free) {
        String variable = live.remove(address);
        if (variable != null && holding.remove(variable)) {
            free.add(variable);
        }
    }

    /** Appends the size in bytes: calloc's product, or the size asked for. */
    private static StringBuilder size(Call call, StringBuilder out) {
        long count = call.count();
        long each = call.size();
        long high = Math.multiplyHigh(count, each) + ((count >> 63) & each) + ((each >> 63) & count);
        if (high != 0) {
            return out.append("0xFFFFFFFFFFFFFFFF"); // calloc's product overflows 64 bits: a size no heap gives
        }
        return out.append(Long.toUnsignedString(count * each));
    }
}
