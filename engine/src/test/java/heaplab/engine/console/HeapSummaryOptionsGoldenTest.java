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
 * {@code !heap -s} with SummaryOptions: the summary table as {@code !heap -s} prints it, then each option's part in
 * HeapLab's layout ({@link HeapSummaryDetails}), frozen here.
 */
class HeapSummaryOptionsGoldenTest {

    /** The output of a line after the summary table that {@code summaryLine} prints. */
    private static String after(Process p, String summaryLine, String line) {
        String summary = out(p, summaryLine);
        String output = out(p, line);
        assertTrue(output.startsWith(summary), output);
        return output.substring(summary.length());
    }

    @Test
    void validateFindsNothingInASoundHeap() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86, 0x30);
        assertEquals("""
            Validating heap 00140000: no problems found
            Validating heap 00240000: no problems found
            """, after(p, "!heap -s", "!heap -s -v"));
        assertEquals("Validating heap 1d000100000: no problems found\n",
            after(ConsoleFixtures.smallHeap(Arch.X64, 0x30), "!heap -s h", "!heap -s -v h"));
    }

    @Test
    void validateListsEachHeapsProblems() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86, 0x30);
        long a = p.readVariable("a");
        p.memory().writeByte(a + 0x21, 0);
        p.memory().writeByte(a + 0x43, 0x41);
        assertEquals("""
            Validating heap 00140000: no problems found
            Validating heap 00240000:
                Heap block at 002405e0 modified at 00240609 past requested size of 20 (6 * 8 - 10)
                Free Heap block 00240610 modified at 0024062b after it was freed
            ##The above errors were found in segment at 0x00240000
            """, after(p, "!heap -s", "!heap -s -v"));
    }

    @Test
    void allBlocksAreTheSegmentListing() {
        for (Arch arch : Arch.values()) {
            Process p = ConsoleFixtures.withVirtualBlock(arch, 0x30);
            assertEquals(out(p, "!heap -m h"), after(p, "!heap -s h", "!heap -s -a h"));
            assertEquals(out(p, "!heap -m"), after(p, "!heap -s", "!heap -s -a"));
        }
    }

    @Test
    void contentsX86() {
        Process p = ConsoleFixtures.withVirtualBlock(Arch.X86, 0x30);
        assertEquals("""
            Contents of the busy blocks of heap 00240000:
            002405e0: 00040 . 00030 [05] - busy (20), tail fill
            002405e8  48 65 6c 6c 6f 2c 20 48-65 61 70 4c 61 62 21 00  Hello, HeapLab!.
            002405f8  0d f0 ad ba 0d f0 ad ba-0d f0 ad ba 0d f0 ad ba  ................
            00240658: 00048 . 00020 [05] - busy (10), tail fill
            00240660  0d f0 ad ba 0d f0 ad ba-0d f0 ad ba 0d f0 ad ba  ................
            00250018: 00000 . 100fe8 [0b] - busy (100000)
            00250020  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
            00250030  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
            00250040  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
            00250050  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
                ... fffc0 more bytes (db 00250060 Lfffc0)
            """, after(p, "!heap -s h", "!heap -s -c h"));
        assertTrue(out(p, "!heap -s -c").contains("Contents of the busy blocks of heap 00140000:\n"
            + "Contents of the busy blocks of heap 00240000:\n"), "the process heap has no busy block");
    }

    @Test
    void contentsX64() {
        Process p = ConsoleFixtures.smallHeap(Arch.X64, 0x30);
        assertEquals("""
            Contents of the busy blocks of heap 1d000100000:
            000001d000100b80: 00070 . 00040 [05] - busy (20), tail fill
            000001d0`00100b90  48 65 6c 6c 6f 2c 20 48-65 61 70 4c 61 62 21 00  Hello, HeapLab!.
            000001d0`00100ba0  0d f0 ad ba 0d f0 ad ba-0d f0 ad ba 0d f0 ad ba  ................
            000001d000100c20: 00060 . 00030 [05] - busy (10), tail fill
            000001d0`00100c30  0d f0 ad ba 0d f0 ad ba-0d f0 ad ba 0d f0 ad ba  ................
            """, after(p, "!heap -s h", "!heap -s -c h"));
    }

    @Test
    void histogramWithABucketSizeX86() {
        Process p = ConsoleFixtures.withVirtualBlock(Arch.X86, 0x30);
        assertEquals("""
             heap @ 00240000
            bucket-size: 20
                sizes    #blocks     total     ( %) (percent of total busy bytes)
                0-1f 1 - 10  (0.00)
                20-3f 1 - 20  (0.00)
                100000-10001f 1 - 100000  (100.00)
            """, after(p, "!heap -s h", "!heap -s -b 20 h"));
        assertEquals("""
             heap @ 00240000
            bucket-size: 400
                sizes    #blocks     total     ( %) (percent of total busy bytes)
                0-3ff 2 - 30  (100.00)
            """, after(ConsoleFixtures.smallHeap(Arch.X86), "!heap -s 2", "!heap -s -b 0n1024 2"));
    }

    @Test
    void dumpBlocksOfOneSizeWithTheDefaultBucketX64() {
        Process p = ConsoleFixtures.withVirtualBlock(Arch.X64, 0x30);
        assertEquals("""
             heap @ 000001d000000000
            bucket-size: 400
                sizes    #blocks     total     ( %) (percent of total busy bytes)
            Blocks of size 10: none
             heap @ 000001d000100000
            bucket-size: 400
                sizes    #blocks     total     ( %) (percent of total busy bytes)
                0-3ff 2 - 30  (0.00)
                100000-1003ff 1 - 100000  (100.00)
            Blocks of size 10:
            000001d000100c20: 00060 . 00030 [05] - busy (10), tail fill
            """, after(p, "!heap -s", "!heap -s -d 10"));
        assertEquals("""
             heap @ 000001d000100000
            bucket-size: 10
                sizes    #blocks     total     ( %) (percent of total busy bytes)
                10-1f 1 - 10  (0.00)
                20-2f 1 - 20  (0.00)
                100000-10000f 1 - 100000  (100.00)
            Blocks of size 20:
            000001d000100b80: 00070 . 00040 [05] - busy (20), tail fill
            """, after(p, "!heap -s h", "!heap -s -b 10 -d 20 h"));
    }

    @Test
    void optionsAreCaseInsensitiveJoinableAndInTheirOwnOrder() {
        Process p = ConsoleFixtures.withVirtualBlock(Arch.X86, 0x30);
        assertEquals(out(p, "!heap -s -v h"), out(p, "!heap -s -V h"));
        assertEquals(out(p, "!heap -s -b 20 h"), out(p, "!heap -s -B 20 h"));
        assertEquals(out(p, "!heap -s -d 10 h"), out(p, "!heap h -s -D 10"));
        assertEquals(out(p, "!heap -s -v -a -c h"), out(p, "!heap -svac h"));
        assertEquals(out(p, "!heap -s -v -a -c h"), out(p, "!heap -s -C -A -V h"));
        String all = out(p, "!heap -s -c -a -v -b 100 h");
        String summary = out(p, "!heap -s h");
        assertEquals(summary + after(p, "!heap -s h", "!heap -s -v h") + after(p, "!heap -s h", "!heap -s -a h")
            + after(p, "!heap -s h", "!heap -s -c h") + after(p, "!heap -s h", "!heap -s -b 100 h"), all);
    }

    @Test
    void summaryOptionsOnlyRead() {
        Process p = ConsoleFixtures.withVirtualBlock(Arch.X86, 0x30);
        String before = ConsoleFixtures.fingerprint(p);
        for (String line : new String[] {"!heap -s -v", "!heap -s -a", "!heap -s -c", "!heap -s -b 8 -d 20"}) {
            CommandResult r = run(p, line);
            assertFalse(r.error(), line);
            assertFalse(Console.changesState(line), line);
        }
        assertEquals(before, ConsoleFixtures.fingerprint(p));
    }
}
