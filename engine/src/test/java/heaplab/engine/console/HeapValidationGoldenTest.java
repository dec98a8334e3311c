package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code !heap -v} (heap-facts 1.9's validation lines), {@code !heap -triage} (the heap-failure banner) and
 * {@code !heap -i} (the observed block decoding), on heaps with tail and free checking whose bytes a test damages.
 */
class HeapValidationGoldenTest {

    /** a's tail (0xAB after its 0x20 bytes) and the fill of the free block after it, each damaged once. */
    private static Process damaged(Arch arch) {
        Process p = ConsoleFixtures.smallHeap(arch, 0x70);
        long a = p.readVariable("a");
        p.memory().writeByte(a + 0x21, 0x41);
        p.memory().writeByte(a + (arch == Arch.X86 ? 0x40 : 0x60), 0x42);
        return p;
    }

    @Test
    void soundHeapListsOnlyX86() {
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   00240000\s
                Segment at 00240000 to 00250000 (00001000 bytes committed)
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86, 0x70), "!heap -v h"));
    }

    @Test
    void validationErrorsX86() {
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   00240000\s
                Segment at 00240000 to 00250000 (00001000 bytes committed)
                Heap block at 002405e0 modified at 00240609 past requested size of 20 (7 * 8 - 18)
                Free Heap block 00240618 modified at 00240628 after it was freed
            ##The above errors were found in segment at 0x00240000
            """,
            out(damaged(Arch.X86), "!heap -v h"));
    }

    @Test
    void validationErrorsX64() {
        assertEquals(
            """
            Index   Address  Name      Debugging options enabled
              2:   1d000100000\s
                Segment at 000001d000100000 to 000001d000110000 (00002000 bytes committed)
                Heap block at 000001d000100b80 modified at 000001d000100bb1 past requested size of 20 (5 * 10 - 30)
                Free Heap block 000001d000100bd0 modified at 000001d000100bf0 after it was freed
            ##The above errors were found in segment at 0x000001D000100000
            """,
            out(damaged(Arch.X64), "!heap -v h"));
    }

    /** -v joins the other parts: the errors come after the heap's -a listing; 0 validates every heap. */
    @Test
    void validationWithOtherPartsAndAllHeaps() {
        Process p = damaged(Arch.X86);
        String all = out(p, "!heap -av h");
        assertTrue(all.startsWith(out(p, "!heap -a h")), all);
        assertTrue(all.endsWith("##The above errors were found in segment at 0x00240000\n"), all);
        assertEquals(out(p, "!heap -v 1") + out(p, "!heap -v 2").replace(HeapListingFormatter.INDEX_HEADER, ""),
            out(p, "!heap -v 0"));
    }

    @Test
    void triageX86() {
        String banner = """
            **************************************************************
            *                                                            *
            *                  HEAP ERROR DETECTED                       *
            *                                                            *
            **************************************************************

            Details:

            """;
        assertEquals(banner + """
            Heap address:  00240000
            Error address: 00240609
            Error type: HEAP_FAILURE_BUFFER_OVERRUN
            Details:    The heap manager detected an error whose features are
                        consistent with a buffer overrun.
                        Heap block at 002405e0 modified at 00240609 past requested size of 20 (7 * 8 - 18)
            Follow-up:  Enable pageheap.

            """ + banner + """
            Heap address:  00240000
            Error address: 00240628
            Error type: HEAP_FAILURE_USAGE_AFTER_FREE
            Details:    The heap manager detected a write to a block after it
                        was freed.
                        Free Heap block 00240618 modified at 00240628 after it was freed
            Follow-up:  Enable pageheap.

            """, out(damaged(Arch.X86), "!heap -triage a"));
    }

    @Test
    void triageHandleAddressOrAll() {
        Process p = damaged(Arch.X64);
        String text = out(p, "!heap -triage");
        assertEquals(text, out(p, "!heap -triage h"));
        assertEquals(text, out(p, "!heap -triage a+8"));
        assertEquals(text, out(p, "!heap -triage 0"));
        assertTrue(text.contains("""
            Heap address:  000001d000100000
            Error address: 000001d000100bf0
            Error type: HEAP_FAILURE_USAGE_AFTER_FREE
            """), text);
        assertEquals("No heap errors found in heap 000001d000000000.\n", out(p, "!heap -triage 1d000000000"));
        assertEquals("No heap errors found in 2 heaps.\n", out(ConsoleFixtures.smallHeap(Arch.X64, 0x70),
            "!heap -triage"));
    }

    /** Structural problems (here a PreviousSize) come from HeapManager.validationErrors, without an address line. */
    @Test
    void triageOfAStructuralProblem() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86, 0);
        p.memory().writeU16(p.readVariable("c") - 8 + 4, 7);
        String text = out(p, "!heap -triage h");
        assertTrue(text.contains("Heap address:  00240000\nError type: HEAP_FAILURE_ENTRY_CORRUPTION\nDetails:    "),
            text);
        assertFalse(text.contains("Error address"), text);
        assertTrue(out(p, "!heap -v h").lines().count() > 3, "-v lists it under the heap");
    }

    /** The observed !heap -i layout; a heap handle sets the context. */
    @Test
    void blockInformationX86() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86, 0x70);
        Console console = new Console();
        assertEquals("Heap context set to the heap 0x00240000\n", console.execute(p, "!heap -i h").output());
        assertEquals(
            """
            Detailed information for block entry 002405e0
            Assumed heap       : 0x00240000 (Use !heap -i NewHeapHandle to change)
            Header content     : 0x00070007 0x18000008
            Owning segment     : 0x002405a0 (offset 0)
            Block flags        : 0x7 (busy extra fill )
            Total block size   : 0x7 units (0x38 bytes)
            Requested size     : 0x20 bytes (unused 0x18 bytes)
            Previous block size: 0x8 units (0x40 bytes)
            Previous block     : 0x002405a0
            Next block         : 0x00240618
            """,
            console.execute(p, "!heap -i a-8").output());
    }

    /** The seed's {@code !heap -i Address -h HeapAddress}: the heap context set, then the entry decoded. */
    @Test
    void blockInformationWithItsHeap() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86, 0x70);
        Console console = new Console();
        String alone = console.execute(p, "!heap -i a-8").output();
        Process q = ConsoleFixtures.smallHeap(Arch.X86, 0x70);
        Console other = new Console();
        assertEquals(alone, other.execute(q, "!heap -i a-8 -h h").output());
        assertEquals(alone, other.execute(q, "!heap -h 240000 -i a-8").output());
        assertTrue(alone.contains("Assumed heap       : 0x00240000 (Use"), alone);
        String process = other.execute(q, "!heap -i a-8 -h 140000").output();
        assertTrue(process.contains("Assumed heap       : 0x00140000 (Use"), "the named heap is the context: " + process);
        assertTrue(other.execute(q, "!heap -i a-8").output().contains("Assumed heap       : 0x00140000"), "and stays");
        CommandResult bad = other.execute(q, "!heap -i a-8 -h a");
        assertTrue(bad.error() && bad.output().endsWith(" is not a heap of the process\n"), bad.output());
    }

    @Test
    void freeBlockInformationX64() {
        assertEquals(
            """
            Detailed information for block entry 000001d000100bd0
            Assumed heap       : 0x000001d000100000 (Use !heap -i NewHeapHandle to change)
            Header content     : 0x00040007 0x00000005
            Owning segment     : 0x000001d000100b10 (offset 0)
            Block flags        : 0x4 (free fill )
            Total block size   : 0x7 units (0x70 bytes)
            Previous block size: 0x5 units (0x50 bytes)
            Previous block     : 0x000001d000100b80
            Next block         : 0x000001d000100c40
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64, 0x70), "!heap -i a+40"));
    }

    @Test
    void virtualBlockInformationX86() {
        assertEquals(
            """
            Detailed information for block entry 00250018
            Assumed heap       : 0x00240000 (Use !heap -i NewHeapHandle to change)
            Header content     : 0x000B1000 0x00000000
            Block flags        : 0xb (busy extra virtual )
            Total block size   : 0x201fd units (0x100fe8 bytes)
            Requested size     : 0x100000 bytes (unused 0x1000 bytes)
            Previous block size: 0x0 units (0x0 bytes)
            Previous block     : 0x00250018
            Next block         : 0x00351000
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0), "!heap -i big-8"));
    }

    /** Like the debugger, -i decodes whatever is there: a user pointer gives the user's bytes as a header. */
    @Test
    void aUserPointerDecodesItsData() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        String text = out(p, "!heap -i a");
        assertTrue(text.contains("Header content     : 0x6C6C6548 0x48202C6F\n"), text);
        assertTrue(run(p, "!heap -i 10").error(), "unreadable memory");
    }
}
