package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gflags +htc}, {@code !gflag 0x30}: NtGlobalFlag lives in the PEB and only new heaps take it. */
class GlobalFlagSettingTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theValueLivesInThePeb(Arch arch) {
        Process p = ConsoleFixtures.smallHeap(arch, 0x70);
        long field = p.pebAddress() + (arch == Arch.X86 ? 0x68 : 0xBC);
        assertEquals(field, p.globalFlagsAddress());
        assertEquals(0x70, p.memory().readU32(field));
        run(p, "gflags -hpc +ust");
        assertEquals(0x1030, p.memory().readU32(field));
        assertEquals(0x1030, p.globalFlags());
    }

    /** The gflags tool's image form, {@code gflags /i demo.exe +htc}, for the program's own image only. */
    @Test
    void theImageFormSetsTheProgramsFlags() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86, 0);
        assertEquals(out(ConsoleFixtures.smallHeap(Arch.X86, 0), "gflags +htc +hfc"),
            out(p, "gflags /i demo.exe +htc +hfc"));
        assertEquals(0x30, p.globalFlags());
        assertEquals(0x10, run(p, "gflags /I DEMO.EXE -hfc").error() ? -1 : p.globalFlags(), "case-insensitive");
        assertTrue(Console.changesState(p, "gflags /i demo.exe +ust"));
        assertEquals(out(p, "gflags"), out(p, "gflags /i demo.exe"), "the image alone: its flags shown");
        assertFalse(Console.changesState(p, "gflags /i demo.exe"));
        for (String line : new String[] {"gflags /i other.exe +ust", "gflags /i", "gflags /i other.exe"}) {
            CommandResult r = run(p, line);
            assertTrue(r.error(), line);
            assertEquals(1, r.output().split("\n").length, line + ": " + r.output());
            assertFalse(Console.changesState(p, line), line);
        }
        assertEquals("gflags: /i other.exe names another program: this one is demo.exe\n",
            run(p, "gflags /i other.exe +ust").output());
        assertEquals(0x10, p.globalFlags(), "refused lines change nothing");
    }

    @Test
    void settingPrintsTheNewValueAndTheNote() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86, 0x20);
        CommandResult r = run(p, "gflags +htc -hfc");
        assertFalse(r.error());
        assertEquals("""
            Current NtGlobalFlag contents: 0x00000010
                htc - Enable heap tail checking
            Heaps created from now on get these flags; existing heaps keep theirs.
            """, r.output());
        assertEquals("""
            Current NtGlobalFlag contents: 0x00000030
                htc - Enable heap tail checking
                hfc - Enable heap free checking
            Heaps created from now on get these flags; existing heaps keep theirs.
            """, out(p, "gflags 0x30"));
        assertEquals("""
            Current NtGlobalFlag contents: 0x00001030
                htc - Enable heap tail checking
                hfc - Enable heap free checking
                ust - Create user mode stack trace database
            Heaps created from now on get these flags; existing heaps keep theirs.
            """, out(p, "!gflag +ust"));
        assertEquals("Current NtGlobalFlag contents: 0x00001030\n"
            + "    htc - Enable heap tail checking\n"
            + "    hfc - Enable heap free checking\n"
            + "    ust - Create user mode stack trace database\n", out(p, "!gflag"));
        assertTrue(out(p, "!heap -s").startsWith("""
            NtGlobalFlag enables following debugging aids for new heaps:
                tail checking
                free checking
                stack back traces
            """));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void existingHeapsKeepTheirFlagsNewHeapsTakeTheNewOnes(Arch arch) {
        Process p = ConsoleFixtures.smallHeap(arch);
        long h = p.readVariable("h");
        long before = p.heaps().read(h).flags();
        run(p, "!gflag +htc +hfc +hvc");
        assertEquals(before, p.heaps().read(h).flags(), "an existing heap keeps its flags");
        long h2 = p.heapCreate(0, 0, 0);
        long flags = p.heaps().read(h2).flags();
        long expected = HeapConstants.HEAP_TAIL_CHECKING_ENABLED | HeapConstants.HEAP_FREE_CHECKING_ENABLED
            | HeapConstants.HEAP_VALIDATE_ALL_ENABLED;
        assertEquals(expected, flags & expected, Long.toHexString(flags));
        long a = p.heapAlloc(h2, 0, 0x10);
        assertEquals(0xAB, p.memory().readByte(a + 0x10), "tail checking is on in the new heap");
    }

    @Test
    void onlySettingLinesChangeState() {
        assertTrue(Console.changesState("gflags +htc"));
        assertTrue(Console.changesState("!gflag 0x30"));
        assertTrue(Console.changesState("!exts.gflag -ust"));
        assertFalse(Console.changesState("gflags"));
        assertFalse(Console.changesState("!gflag"));
        assertFalse(Console.changesState("gflags +nonsense"));
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertTrue(Console.changesState(p, "gflags -hpa"));
        assertFalse(Console.changesState(p, "gflags htc"));
    }
}
