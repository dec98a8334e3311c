package heaplab.engine.session;

import heaplab.engine.console.HeapBreakpoints;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapTags;
import heaplab.engine.process.Process;
import heaplab.engine.scenario.Step;
import heaplab.engine.script.ScriptContext;
import heaplab.engine.script.ScriptParser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides whether a step hits a heap breakpoint, from the step's text (a {@code do} or {@code expect} step that calls
 * HeapAlloc, HeapReAlloc or HeapFree, or a CRT function that calls them on the process heap: malloc, calloc and
 * their _dbg forms allocate, realloc, _expand and theirs reallocate, free and _free_dbg free; calls inside string
 * literals do not count). A CRT call carries no heap tag (the CRT allocates with flags 0). An address breakpoint
 * compares the pointer argument of HeapFree / HeapReAlloc (the first argument of a CRT call), evaluated now against
 * the current process: only when that argument calls no function (so evaluating it has no side effect); otherwise,
 * or when it cannot be evaluated, it does not hit. Costs nothing when no breakpoint is set.
 */
final class HeapBreakpointMatcher {
    private static final Pattern CALL = Pattern.compile("[A-Za-z_]\\w*\\s*\\(");

    /**
     * One call of a heap function found in a step's text.
     *
     * @param crt      true for a CRT function (its pointer is its first argument, and it has no heap or flags
     *                 arguments)
     * @param function the function's name as the statement calls it ({@code realloc}, {@code HeapFree})
     */
    record Call(HeapBreakpoints.Kind kind, List<String> arguments, boolean crt, String function) {

        /** The pointer argument of a reallocation or a free, or null. */
        String pointer() {
            int index = crt ? 0 : 2;
            return kind == HeapBreakpoints.Kind.ALLOC || arguments.size() <= index ? null : arguments.get(index);
        }
    }

    /** The CRT functions that allocate, reallocate or free on the process heap. */
    private static final java.util.Map<String, HeapBreakpoints.Kind> CRT_FUNCTIONS = java.util.Map.of(
        "malloc", HeapBreakpoints.Kind.ALLOC, "calloc", HeapBreakpoints.Kind.ALLOC,
        "_malloc_dbg", HeapBreakpoints.Kind.ALLOC, "_calloc_dbg", HeapBreakpoints.Kind.ALLOC,
        "realloc", HeapBreakpoints.Kind.REALLOC, "_realloc_dbg", HeapBreakpoints.Kind.REALLOC,
        "_expand", HeapBreakpoints.Kind.REALLOC, "_expand_dbg", HeapBreakpoints.Kind.REALLOC,
        "free", HeapBreakpoints.Kind.FREE, "_free_dbg", HeapBreakpoints.Kind.FREE);

    private HeapBreakpointMatcher() {
    }

    /**
     * What the step hits ("alloc", "free MyTag", ... "address 00360688", or the CRT's "_crtBreakAlloc {4}"), or null.
     */
    static String hit(HeapBreakpoints breakpoints, Step step, Process process) {
        if (step.kind() == Step.Kind.CMD) {
            return null;
        }
        String crt = crtBreakAlloc(step, process);
        if (crt != null || breakpoints.isEmpty()) {
            return crt;
        }
        List<Call> calls = calls(step.text());
        HeapBreakpoints.Kind[] made = new HeapBreakpoints.Kind[calls.size()]; // the heap call each makes, once
        for (int i = 0; i < made.length; i++) {
            made[i] = calls.get(i).crt() ? crtKind(process, calls.get(i)) : calls.get(i).kind();
        }
        for (HeapBreakpoints.Kind kind : HeapBreakpoints.Kind.values()) {
            if (breakpoints.has(kind)) {
                String tag = breakpoints.tag(kind);
                long heap = breakpoints.heap(kind);
                for (int i = 0; i < made.length; i++) {
                    Call call = calls.get(i);
                    if (made[i] == kind && (tag.isEmpty() || tag.equalsIgnoreCase(tagOf(process, call)))
                        && (heap == 0 || Long.valueOf(heap).equals(heapOf(process, call)))) {
                        return (tag.isEmpty() ? kind.word() : kind.word() + " " + tag)
                            + (heap == 0 ? "" : " on heap " + process.arch().ptr(heap));
                    }
                }
            }
        }
        for (long address : breakpoints.addresses()) {
            for (Call call : calls) {
                if (call.pointer() != null && pointerInBlock(process, call.pointer(), address)) {
                    return "address " + process.arch().ptr(address);
                }
            }
        }
        return null;
    }

    /**
     * _CrtSetBreakAlloc's breakpoint ({@code _crtBreakAlloc}, in the CRT's data): the step calls the CRT's allocating
     * functions and one of them takes the request number set, so the CRT would call _CrtDbgBreak in it; the debugger
     * stops before the step, as before a heap breakpoint. Each malloc, calloc, realloc or _expand call counts one
     * request, but for what its arguments make of it now ({@link #crtKind}: a realloc(p, 0) frees, an _expand(NULL, n)
     * fails, and neither takes one). Reads one ULONG when no break is set.
     */
    private static String crtBreakAlloc(Step step, Process process) {
        long breakAlloc;
        long next;
        try {
            breakAlloc = process.crt().globals().breakAlloc();
            if (breakAlloc == -1) {
                return null;
            }
            next = process.crt().globals().requestNumber();
        } catch (RuntimeException e) {
            return null; // the CRT's data made unreadable by the program: the CRT itself would fault first
        }
        int requests = 0;
        for (Call call : calls(step.text())) {
            HeapBreakpoints.Kind kind = call.crt() ? crtKind(process, call) : null;
            if (kind == HeapBreakpoints.Kind.ALLOC || kind == HeapBreakpoints.Kind.REALLOC) {
                requests++;
            }
        }
        return breakAlloc >= next && breakAlloc < next + requests ? "_crtBreakAlloc {" + breakAlloc + "}" : null;
    }

    /**
     * What a CRT call does to the heap, as UCRT's realloc_dbg_nolock and _expand_dbg decide from their arguments,
     * evaluated now when they call no function: realloc(NULL, n) is malloc (HeapAlloc), realloc(p, 0) with p not NULL
     * is free (HeapFree), _expand(NULL, n) fails before any request or heap call (null); otherwise the function's own
     * kind.
     */
    private static HeapBreakpoints.Kind crtKind(Process process, Call call) {
        boolean realloc = call.function().equals("realloc") || call.function().equals("_realloc_dbg");
        boolean expand = call.function().equals("_expand") || call.function().equals("_expand_dbg");
        if (!realloc && !expand || call.arguments().isEmpty()) {
            return call.kind();
        }
        Long pointer = evaluate(process, call.arguments().get(0));
        if (pointer != null && pointer == 0) {
            return realloc ? HeapBreakpoints.Kind.ALLOC : null;
        }
        if (realloc && pointer != null && call.arguments().size() >= 2) {
            Long size = evaluate(process, call.arguments().get(1));
            if (size != null && size == 0) {
                return HeapBreakpoints.Kind.FREE;
            }
        }
        return call.kind();
    }

    /**
     * The tag a call works on: for HeapAlloc the tag its flags name, for HeapReAlloc and HeapFree the tag of the block
     * its pointer argument points into; null when the arguments cannot be evaluated without side effects, or no tag.
     */
    private static String tagOf(Process process, Call call) {
        List<String> arguments = call.arguments();
        if (call.crt() || arguments.size() < (call.kind() == HeapBreakpoints.Kind.ALLOC ? 2 : 3)) {
            return null;
        }
        Long heap = evaluate(process, arguments.get(0));
        if (heap == null) {
            return null;
        }
        HeapTags tags = process.heaps().tags();
        if (call.kind() == HeapBreakpoints.Kind.ALLOC) {
            Long flags = evaluate(process, arguments.get(1));
            return flags == null ? null : tags.name(heap, process.globalTagHeap(), HeapTags.tagOfFlags(flags));
        }
        Long pointer = evaluate(process, arguments.get(2));
        if (pointer == null) {
            return null;
        }
        HeapBlock block = process.heaps().findBlock(pointer);
        if (block == null || !block.isBusy()) {
            return null;
        }
        int index = tags.tagIndexOf(block.entry(), process.heaps().entries());
        return index == 0 ? null : tags.name(heap, process.globalTagHeap(), index);
    }

    /**
     * The heap a call works on: its first argument's value, the process heap for the CRT's functions (the UCRT's heap
     * is the process heap); null when the argument cannot be evaluated without side effects.
     */
    private static Long heapOf(Process process, Call call) {
        if (call.crt()) {
            return process.heaps().processHeap();
        }
        return call.arguments().isEmpty() ? null : evaluate(process, call.arguments().get(0));
    }

    /** An argument's value now, or null when it calls a function with side effects or cannot be evaluated. */
    private static Long evaluate(Process process, String argument) {
        java.util.regex.Matcher call = CALL.matcher(argument);
        while (call.find()) {
            if (!heaplab.engine.script.Builtins.isPure(call.group().substring(0, call.group().length() - 1).strip())) {
                return null;
            }
        }
        try {
            return ScriptParser.parseExpression(argument, new HashSet<>(process.variableNames()))
                .evaluate(new ScriptContext(process)) & process.arch().pointerMask();
        } catch (RuntimeException | heaplab.engine.script.ScriptSyntaxException e) {
            return null;
        }
    }

    private static boolean pointerInBlock(Process process, String argument, long address) {
        Long pointer = CALL.matcher(argument).find() ? null : evaluate(process, argument);
        if (pointer == null) {
            return false;
        }
        if (pointer == address) {
            return true;
        }
        try {
            HeapBlock block = process.heaps().findBlock(address);
            return block != null && pointer >= block.entry() && pointer < block.entry() + block.size();
        } catch (RuntimeException e) {
            return false; // a heap damaged past decoding: no hit
        }
    }


    /** The calls of HeapAlloc, HeapReAlloc, HeapFree and the CRT's functions in a statement's text, outer first. */
    static List<Call> calls(String text) {
        List<Call> calls = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                i = skipString(text, i);
                continue;
            }
            if (!Character.isJavaIdentifierStart(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
                i++;
            }
            String name = text.substring(start, i);
            HeapBreakpoints.Kind kind = kindOf(name);
            boolean crt = kind == null && CRT_FUNCTIONS.containsKey(name);
            if (crt) {
                kind = CRT_FUNCTIONS.get(name);
            }
            int j = i;
            while (j < n && Character.isWhitespace(text.charAt(j))) {
                j++;
            }
            if (kind != null && j < n && text.charAt(j) == '(') {
                calls.add(new Call(kind, arguments(text, j), crt, name));
            }
        }
        return calls;
    }

    private static HeapBreakpoints.Kind kindOf(String name) {
        for (HeapBreakpoints.Kind kind : HeapBreakpoints.Kind.values()) {
            if (kind.function().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** The top-level arguments of the call whose '(' is at open, stripped. */
    private static List<String> arguments(String text, int open) {
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i = skipString(text, i);
                continue;
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                arguments.add(text.substring(start, i).strip());
                start = i + 1;
            }
            i++;
        }
        String last = text.substring(start, Math.min(i, text.length())).strip();
        if (!last.isEmpty() || !arguments.isEmpty()) {
            arguments.add(last);
        }
        return arguments;
    }

    /** The index after the string literal starting at i (a backslash escapes the next character). */
    private static int skipString(String text, int i) {
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != '"') {
            j += text.charAt(j) == '\\' ? 2 : 1;
        }
        return j + 1;
    }
}
