package heaplab.engine.trace;

import heaplab.engine.scenario.ScenarioException;
import heaplab.engine.trace.CallTrace.Call;
import heaplab.engine.trace.CallTrace.Op;
import heaplab.engine.trace.CallTrace.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallTraceTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "--4242-- malloc(32) = 0x4A2D040\n",
        "==4242== Memcheck, a memory error detector\nhello\n--4242-- calloc(4,16) = 0x4A2D040\n",
        "--4242-- free(0x4A2D040)\n",
        "--00:00:00:01.234 4242-- _Znwm(8) = 0x4A2D040\n",
        ">--4242-- realloc(0x4A2D040,64) = 0x4A2D090\n",
        "--4242-- Reading syms from /usr/bin/ls\n--4242-- _ZdaPv(0x4A2D040)\n",
    })
    void valgrindLogsAreRecognised(String text) {
        assertEquals(Tool.VALGRIND, CallTrace.detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1234 malloc(16) = 0x55d0\n",
        "malloc(32) = 0x55d0c3a012a0\n",
        "free(0x55d0c3a012a0)                               = <void>\n",
        "[pid 77] 12:00:01.123456 libc.so.6->calloc(4, 16) = 0x55d0c3a012a0\n",
        "  0.000123 prog->realloc(0, 64) = 0x55d0c3a012a0 <0.000045>\n",
        "\uFEFFmalloc(1) = 0x10\n",
        "hello\r\nmalloc(32 <unfinished ...>\r\n<... malloc resumed> ) = 0x55d0c3a012a0\r\n",
    })
    void ltraceOutputIsRecognised(String text) {
        assertEquals(Tool.LTRACE, CallTrace.detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "\n\n",
        "{ \"heaplab\": 1, \"steps\": [ { \"do\": \"p = malloc(32)\" } ] }",
        "  {\nmalloc(32) = 0x10\n}",
        "20\n10\n2\n1\na 0 16\nf 0\n",
        "==4242== Memcheck, a memory error detector\n==4242== ERROR SUMMARY: 0 errors\n",
        "--4242-- Reading syms from /usr/bin/ls\n",
        "+++ exited (status 0) +++\n",
        "malloc(abc) = 0x1\n",
        "the program called malloc(32) = 0x10\n",
        "strlen(\"abc\") = 3\n",
    })
    void otherTextsAreNotTraces(String text) {
        assertNull(CallTrace.detect(text), text);
    }

    @Test
    void aValgrindProgramLineThatLooksLikeLtraceDoesNotMakeItLtrace() {
        assertEquals(Tool.VALGRIND, CallTrace.detect("==1== Memcheck\nmalloc(1) = 0x10\n--1-- malloc(2) = 0x20\n"));
        assertNull(CallTrace.detect("==1== Memcheck\nmalloc(1) = 0x10\n"));
    }

    @Test
    void aValgrindLogGivesItsCallsInOrderWithTheirLines() throws ScenarioException {
        CallTrace trace = CallTrace.read(TraceFiles.file("demo-valgrind.log"));
        assertEquals(Tool.VALGRIND, trace.tool());
        assertEquals("demo-valgrind.log", trace.name());
        assertEquals(List.of(
                new Call(Op.FREE, 0x4A5E0A0L, 1, 0, 0, 6),
                new Call(Op.ALLOC, 0, 1, 1024, 0x4A9B040L, 7),
                new Call(Op.CALLOC, 0, 4, 16, 0x4A9B480L, 9),
                new Call(Op.ALLOC, 0, 1, 24, 0x4A9B500L, 10),
                new Call(Op.REALLOC, 0x4A9B040L, 1, 4096, 0x4A9B570L, 11),
                new Call(Op.ALLOC, 0, 1, 100, 0x4A9C5C0L, 12),
                new Call(Op.FREE, 0x4A9B500L, 1, 0, 0, 13),
                new Call(Op.ALLOC, 0, 1, 24, 0x4A9B500L, 14),
                new Call(Op.FREE, 0, 1, 0, 0, 15),
                new Call(Op.REALLOC, 0x4A9B570L, 1, 0, 0, 16),
                new Call(Op.FREE, 0x4A9B480L, 1, 0, 0, 17),
                new Call(Op.REALLOC, 0, 1, 32, 0x4A9B040L, 18),
                new Call(Op.FREE, 0x4A9B040L, 1, 0, 0, 20)),
            trace.calls(), "posix_memalign prints no address (line 19): it is left out");
    }

    @Test
    void anOldValgrindPutsSeveralCallsOnALine() throws ScenarioException {
        // Before the format strings ended in \n: realloc(NULL) printed itself, then the malloc it became.
        CallTrace trace = CallTrace.parse("old.log", "--9-- realloc(0x0,32)malloc(32) = 0x4A2D040free(0x4A2D040)\n"
            + "--9-- realloc(0x4A2D090,0)free(0x4A2D090)\n--9--  = 0\n--9-- aligned_alloc(al 16, size 8)"
            + "_ZnwmSt11align_val_t(size 64, al 32) = 0x4A2D100\n");
        assertEquals(List.of(
                new Call(Op.ALLOC, 0, 1, 32, 0x4A2D040L, 1),
                new Call(Op.FREE, 0x4A2D040L, 1, 0, 0, 1),
                new Call(Op.FREE, 0x4A2D090L, 1, 0, 0, 2),
                new Call(Op.ALLOC, 0, 1, 64, 0x4A2D100L, 4)),
            trace.calls());
    }

    @Test
    void theAlignedAllocationsGiveTheirSize() throws ScenarioException {
        CallTrace trace = CallTrace.parse("aligned.log", "--9-- memalign(al 64, size 100) = 0x4A2D040\n"
            + "--9-- memalign(0x5000, al 16, size 32) = 0x4A2D100\n--9-- _ZnamSt11align_val_t(size 48, al 32) = 0x0\n");
        assertEquals(List.of(new Call(Op.ALLOC, 0, 1, 100, 0x4A2D040L, 1), new Call(Op.ALLOC, 0, 1, 32, 0x4A2D100L, 2),
            new Call(Op.ALLOC, 0, 1, 48, 0, 3)), trace.calls());
    }

    @Test
    void ltraceOutputGivesEachCallAtTheLineItReturned() throws ScenarioException {
        CallTrace trace = CallTrace.read(TraceFiles.file("demo-ltrace.txt"));
        assertEquals(Tool.LTRACE, trace.tool());
        assertEquals(List.of(
                new Call(Op.ALLOC, 0, 1, 32, 0x55d0c3a012a0L, 1),
                new Call(Op.CALLOC, 0, 4, 16, 0x55d0c3a012d0L, 2),
                new Call(Op.FREE, 0x55d0c3a01010L, 1, 0, 0, 3),
                new Call(Op.ALLOC, 0, 1, 100, 0x7f3a58000b60L, 5),
                new Call(Op.REALLOC, 0x55d0c3a012a0L, 1, 64, 0x55d0c3a01320L, 6),
                new Call(Op.FREE, 0x7f3a58000b60L, 1, 0, 0, 7),
                new Call(Op.FREE, 0, 1, 0, 0, 9),
                new Call(Op.ALLOC, 0, 1, -1L, 0, 10),
                new Call(Op.REALLOC, 0x55d0c3a01320L, 1, 0, 0, 11),
                new Call(Op.FREE, 0x55d0c3a012d0L, 1, 0, 0, 12)),
            trace.calls());
    }

    @Test
    void unfinishedCallsArePairedPerProcess() throws ScenarioException {
        CallTrace trace = CallTrace.parse("f.txt", """
            10 malloc(8 <unfinished ...>
            11 malloc(16 <unfinished ...>
            11 <... malloc resumed> )                 = 0x2000
            10 <... malloc resumed> )                 = 0x1000
            11 free(nil)                              = <void>
            10 free(0x1000 <no return ...>
            """);
        assertEquals(List.of(new Call(Op.ALLOC, 0, 1, 16, 0x2000, 3), new Call(Op.ALLOC, 0, 1, 8, 0x1000, 4),
            new Call(Op.FREE, 0, 1, 0, 0, 5)), trace.calls());
    }

    @Test
    void aDamagedLtraceCallSaysWhere() {
        ScenarioException e = assertThrows(ScenarioException.class,
            () -> CallTrace.parse("t.txt", "malloc(32) = 0x10\nhello\nmalloc(abc) = 0x1\n"));
        assertEquals("t.txt:3:8: malloc's size must be a number, not 'abc'", e.getMessage());
        e = assertThrows(ScenarioException.class,
            () -> CallTrace.parse("t.txt", "[pid 5] free(0x10) = <void>\n[pid 5] realloc(0x10 64) = 0x20\n"));
        assertEquals("t.txt:2:21: ',' expected in the realloc call, not '64'", e.getMessage());
        e = assertThrows(ScenarioException.class,
            () -> CallTrace.parse("t.txt", "malloc(32) = 0x10\n<... free resumed> ) = <void>\n"));
        assertEquals("t.txt:2:1: '<... free resumed>' without a 'free(' <unfinished ...> before it", e.getMessage());
        e = assertThrows(ScenarioException.class,
            () -> CallTrace.parse("t.txt", "malloc(1) = 0x8\nmalloc(32) = 0x10 and more\n"));
        assertEquals("t.txt:2:19: unexpected 'and more' after the value malloc returned", e.getMessage());
    }

    @Test
    void aDamagedValgrindCallSaysWhere() {
        ScenarioException e = assertThrows(ScenarioException.class,
            () -> CallTrace.parse("v.log", "==7== Memcheck\n--7-- malloc(16) = 0x10\n--7-- calloc(4,x) = 0x20\n"));
        assertEquals("v.log:3:16: calloc's size must be a number, not 'x'", e.getMessage());
        e = assertThrows(ScenarioException.class,
            () -> CallTrace.parse("v.log", "--7-- malloc(16) = 0x10\r\n--7-- free(0x10\r\n"));
        assertEquals("v.log:2:16: the free call ends early: ')' expected", e.getMessage());
        e = assertThrows(ScenarioException.class,
            () -> CallTrace.parse("v.log", "--7-- malloc(16) = 0x10\n--7-- malloc(99999999999999999999) = 0x10\n"));
        assertEquals("v.log:2:14: malloc's size 99999999999999999999 does not fit in 64 bits", e.getMessage());
    }

    @Test
    void aTextWithoutCallsIsNotATrace() {
        ScenarioException e = assertThrows(ScenarioException.class,
            () -> CallTrace.parse("x.txt", "nothing here\n"));
        assertEquals("x.txt:1:1: not a valgrind or ltrace trace: no malloc, calloc, realloc or free call in it",
            e.getMessage());
        assertFalse(MallocLabTrace.looksLikeTrace("1234 malloc(16) = 0x55d0\n"), "still not a malloc-lab trace");
    }
}
