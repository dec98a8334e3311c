package heaplab.engine.script;

import heaplab.engine.crt.CrtConstants;
import heaplab.engine.crt.DebugHeap;

import java.util.Map;

/**
 * The CRT functions of the call language (scenario-format.md), run by the process's debug CRT heap
 * ({@link DebugHeap}): a scenario is a debug build, so malloc is _malloc_dbg(size, _NORMAL_BLOCK, NULL, 0), free is
 * _free_dbg(p, _NORMAL_BLOCK), and so on. int results (_CrtSetDbgFlag, _CrtSetBreakAlloc, _CrtReportBlockType) are
 * sign-extended, so {@code _CrtSetBreakAlloc(5) == -1} holds on both architectures. _CrtSetDumpClient and
 * _CrtDoForAllClientObjects take a built-in client's name as a string, "hex" or "string" (HeapLab's stand-in for a
 * function pointer). _CrtMemState parameters declare a structure variable on first use of {@code &s}.
 */
final class CrtBuiltins {
    private static final int NORMAL = CrtConstants.NORMAL_BLOCK;

    private CrtBuiltins() {
    }

    /** The functions that return void in C. */
    private static final java.util.Set<String> VOID = java.util.Set.of("free", "_free_dbg",
        "_CrtDoForAllClientObjects", "_CrtMemCheckpoint", "_CrtMemDumpStatistics", "_CrtMemDumpAllObjectsSince");

    static void addAll(Map<String, Builtin> functions) {
        add(functions, "malloc", 1, (c, a) -> touched(c, crt(c).malloc(c.size(a[0]), NORMAL, 0, 0)));
        add(functions, "calloc", 2, (c, a) -> touched(c, crt(c).calloc(c.size(a[0]), c.size(a[1]), NORMAL, 0, 0)));
        add(functions, "realloc", 2, (c, a) -> realloc(c, a[0], a[1], NORMAL, 0, 0));
        add(functions, "free", 1, (c, a) -> free(c, a[0], NORMAL));
        add(functions, "_msize", 1, (c, a) -> c.size(crt(c).msize(c.size(a[0]), NORMAL)));
        add(functions, "_expand", 2, (c, a) -> expand(c, a[0], a[1], NORMAL, 0, 0));
        add(functions, "_malloc_dbg", 4, (c, a) -> touched(c, crt(c).malloc(c.size(a[0]), (int) a[1],
            c.size(a[2]), (int) a[3])));
        add(functions, "_calloc_dbg", 5, (c, a) -> touched(c, crt(c).calloc(c.size(a[0]), c.size(a[1]), (int) a[2],
            c.size(a[3]), (int) a[4])));
        add(functions, "_realloc_dbg", 5, (c, a) -> realloc(c, a[0], a[1], (int) a[2], a[3], a[4]));
        add(functions, "_expand_dbg", 5, (c, a) -> expand(c, a[0], a[1], (int) a[2], a[3], a[4]));
        add(functions, "_free_dbg", 2, (c, a) -> free(c, a[0], (int) a[1]));
        add(functions, "_msize_dbg", 2, (c, a) -> c.size(crt(c).msize(c.size(a[0]), (int) a[1])));
        add(functions, "_CrtSetDbgFlag", 1, (c, a) -> crt(c).setDbgFlag((int) a[0]));
        add(functions, "_CrtSetBreakAlloc", 1, (c, a) -> crt(c).setBreakAlloc((int) a[0]));
        add(functions, "_CrtCheckMemory", 0, (c, a) -> bool(crt(c).reports().checkMemory()));
        add(functions, "_CrtDumpMemoryLeaks", 0, (c, a) -> bool(crt(c).reports().dumpMemoryLeaks()));
        add(functions, "_CrtReportBlockType", 1, (c, a) -> crt(c).reportBlockType(c.size(a[0])));
        add(functions, "_CrtIsValidHeapPointer", 1, (c, a) -> bool(crt(c).isValidHeapPointer(c.size(a[0]))));
        add(functions, "_CrtSetDumpClient", 1, (c, a) -> c.size(crt(c).reports().setDumpClient(c.size(a[0]))));
        add(functions, "_CrtDoForAllClientObjects", 2, (c, a) -> {
            crt(c).reports().doForAllClientObjects(c.size(a[0]));
            return 0;
        });
        add(functions, "_BLOCK_TYPE", 1, (c, a) -> CrtConstants.blockType((int) a[0]));
        add(functions, "_BLOCK_SUBTYPE", 1, (c, a) -> CrtConstants.blockSubtype((int) a[0]));
        state(functions, "_CrtMemCheckpoint", 1, (c, a) -> {
            if (a[0] != 0) {
                crt(c).reports().memCheckpoint(c.size(a[0]));
            }
            return 0;
        });
        state(functions, "_CrtMemDifference", 3, (c, a) -> a[0] == 0 || a[1] == 0 || a[2] == 0 ? 0
            : bool(crt(c).reports().memDifference(c.size(a[0]), c.size(a[1]), c.size(a[2]))));
        state(functions, "_CrtMemDumpStatistics", 1, (c, a) -> {
            if (a[0] != 0) {
                crt(c).reports().memDumpStatistics(c.size(a[0]));
            }
            return 0;
        });
        state(functions, "_CrtMemDumpAllObjectsSince", 1, (c, a) -> {
            crt(c).reports().memDumpAllObjectsSince(c.size(a[0]));
            return 0;
        });
    }

    private static void add(Map<String, Builtin> functions, String name, int arity, Builtin.Function function) {
        put(functions, new Builtin(name, arity, function));
    }

    private static void put(Map<String, Builtin> functions, Builtin builtin) {
        functions.put(builtin.name(), VOID.contains(builtin.name()) ? builtin.asVoid() : builtin);
    }

    /** A function whose parameters all take a _CrtMemState. */
    private static void state(Map<String, Builtin> functions, String name, int arity, Builtin.Function function) {
        Map<Integer, StructureType> structures = new java.util.HashMap<>();
        for (int i = 0; i < arity; i++) {
            structures.put(i, StructureType._CrtMemState);
        }
        put(functions, new Builtin(name, arity, function, structures));
    }

    private static DebugHeap crt(ScriptContext c) {
        return c.process().crt();
    }

    private static long bool(boolean value) {
        return value ? 1 : 0;
    }

    private static long touched(ScriptContext c, long result) {
        if (result != 0) {
            c.touch(result);
        }
        return c.size(result);
    }

    private static long realloc(ScriptContext c, long block, long size, int use, long file, long line) {
        c.touch(c.size(block));
        return touched(c, crt(c).realloc(c.size(block), c.size(size), use, c.size(file), (int) line));
    }

    private static long expand(ScriptContext c, long block, long size, int use, long file, long line) {
        c.touch(c.size(block));
        return touched(c, crt(c).expand(c.size(block), c.size(size), use, c.size(file), (int) line));
    }

    private static long free(ScriptContext c, long block, int use) {
        c.touch(c.size(block));
        crt(c).free(c.size(block), use);
        return 0;
    }
}
