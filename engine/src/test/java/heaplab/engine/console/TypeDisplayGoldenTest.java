package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapLayout;
import heaplab.engine.nt.StructLayout;
import heaplab.engine.process.Process;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static heaplab.engine.console.ConsoleFixtures.out;
import static heaplab.engine.console.ConsoleFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dt}: the type and instance forms of heap-facts 5.9, from the layouts the heap writes through. */
class TypeDisplayGoldenTest {

    /**
     * heap-facts 5.9 x64: the specimen's lines in its order (PreviousBlockPrivateData first, the 8 header bytes from
     * +0x008), the union's views among them, and 1.1's extended and code views where the specimen elides them.
     */
    @Test
    void heapEntryTypeX64() {
        assertEquals(
            """
            ntdll!_HEAP_ENTRY
               +0x000 UnpackedEntry    : _HEAP_UNPACKED_ENTRY
               +0x000 PreviousBlockPrivateData : Ptr64 Void
               +0x008 Size             : Uint2B
               +0x00a Flags            : UChar
               +0x00b SmallTagIndex    : UChar
               +0x008 SubSegmentCode   : Uint4B
               +0x00c PreviousSize     : Uint2B
               +0x00e SegmentOffset    : UChar
               +0x00e LFHFlags         : UChar
               +0x00f UnusedBytes      : UChar
               +0x008 CompactHeader    : Uint8B
               +0x000 ExtendedEntry    : _HEAP_EXTENDED_ENTRY
               +0x000 Reserved         : Ptr64 Void
               +0x008 FunctionIndex    : Uint2B
               +0x00a ContextValue     : Uint2B
               +0x008 InterceptorValue : Uint4B
               +0x00c UnusedBytesLength : Uint2B
               +0x00e EntryOffset      : UChar
               +0x00f ExtendedBlockSignature : UChar
               +0x000 ReservedForAlignment : Ptr64 Void
               +0x008 Code1            : Uint4B
               +0x00c Code2            : Uint2B
               +0x00e Code3            : UChar
               +0x00f Code4            : UChar
               +0x00c Code234          : Uint4B
               +0x008 AgregateCode     : Uint8B
            """,
            out(ConsoleFixtures.smallHeap(Arch.X64), "dt _HEAP_ENTRY"));
    }

    @Test
    void freeEntryTypeX86() {
        assertEquals(
            """
            ntdll!_HEAP_FREE_ENTRY
               +0x000 UnpackedEntry    : _HEAP_UNPACKED_ENTRY
               +0x000 Size             : Uint2B
               +0x002 Flags            : UChar
               +0x003 SmallTagIndex    : UChar
               +0x000 SubSegmentCode   : Uint4B
               +0x004 PreviousSize     : Uint2B
               +0x006 SegmentOffset    : UChar
               +0x006 LFHFlags         : UChar
               +0x007 UnusedBytes      : UChar
               +0x000 ExtendedEntry    : _HEAP_EXTENDED_ENTRY
               +0x000 FunctionIndex    : Uint2B
               +0x002 ContextValue     : Uint2B
               +0x000 InterceptorValue : Uint4B
               +0x004 UnusedBytesLength : Uint2B
               +0x006 EntryOffset      : UChar
               +0x007 ExtendedBlockSignature : UChar
               +0x000 Code1            : Uint4B
               +0x004 Code2            : Uint2B
               +0x006 Code3            : UChar
               +0x007 Code4            : UChar
               +0x004 Code234          : Uint4B
               +0x000 AgregateCode     : Uint8B
               +0x008 FreeList         : _LIST_ENTRY
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86), "dt ntdll!_HEAP_FREE_ENTRY"));
    }

    /**
     * Instance form: hex without padding, 0 for zero, UChar with its character in quotes; every view of the union
     * reads the same 8 bytes (06 00 05 00 08 00 00 10), AgregateCode all of them with a backtick as in 5.9's x86
     * instance specimen; a view that is a structure shows its type.
     */
    @Test
    void busyEntryX86() {
        assertEquals(
            """
            ntdll!_HEAP_ENTRY
               +0x000 UnpackedEntry    : _HEAP_UNPACKED_ENTRY
               +0x000 Size             : 0x7
               +0x002 Flags            : 0x7 ''
               +0x003 SmallTagIndex    : 0 ''
               +0x000 SubSegmentCode   : 0x70007
               +0x004 PreviousSize     : 0x8
               +0x006 SegmentOffset    : 0 ''
               +0x006 LFHFlags         : 0 ''
               +0x007 UnusedBytes      : 0x18 ''
               +0x000 ExtendedEntry    : _HEAP_EXTENDED_ENTRY
               +0x000 FunctionIndex    : 0x7
               +0x002 ContextValue     : 0x7
               +0x000 InterceptorValue : 0x70007
               +0x004 UnusedBytesLength : 0x8
               +0x006 EntryOffset      : 0 ''
               +0x007 ExtendedBlockSignature : 0x18 ''
               +0x000 Code1            : 0x70007
               +0x004 Code2            : 0x8
               +0x006 Code3            : 0 ''
               +0x007 Code4            : 0x18 ''
               +0x004 Code234          : 0x18000008
               +0x000 AgregateCode     : 0x18000008`00070007
            """,
            out(ConsoleFixtures.smallHeap(Arch.X86, 0x70), "dt _HEAP_ENTRY a-8"));
    }

    /** A free entry's FreeList as _LIST_ENTRY [ Flink - Blink ]; a printable UChar shows its character. */
    @Test
    void freeEntryX64() {
        Process p = ConsoleFixtures.smallHeap(Arch.X64);
        p.memory().writeByte(p.readVariable("a") + 0x2f, 'A');
        assertEquals(
            """
            ntdll!_HEAP_FREE_ENTRY
               +0x000 UnpackedEntry    : _HEAP_UNPACKED_ENTRY
               +0x000 PreviousBlockPrivateData : (null)
               +0x008 Size             : 0x4
               +0x00a Flags            : 0 ''
               +0x00b SmallTagIndex    : 0 ''
               +0x008 SubSegmentCode   : 0x4
               +0x00c PreviousSize     : 0x3
               +0x00e SegmentOffset    : 0 ''
               +0x00e LFHFlags         : 0 ''
               +0x00f UnusedBytes      : 0x41 'A'
               +0x008 CompactHeader    : 0x41000003`00000004
               +0x000 ExtendedEntry    : _HEAP_EXTENDED_ENTRY
               +0x000 Reserved         : (null)
               +0x008 FunctionIndex    : 0x4
               +0x00a ContextValue     : 0
               +0x008 InterceptorValue : 0x4
               +0x00c UnusedBytesLength : 0x3
               +0x00e EntryOffset      : 0 ''
               +0x00f ExtendedBlockSignature : 0x41 'A'
               +0x000 ReservedForAlignment : (null)
               +0x008 Code1            : 0x4
               +0x00c Code2            : 0x3
               +0x00e Code3            : 0 ''
               +0x00f Code4            : 0x41 'A'
               +0x00c Code234          : 0x41000003
               +0x008 AgregateCode     : 0x41000003`00000004
               +0x010 FreeList         : _LIST_ENTRY [ 0x000001d0`00100308 - 0x000001d0`00100308 ]
            """,
            out(p, "dt _HEAP_FREE_ENTRY a+20"));
        p.memory().writeByte(p.readVariable("a") + 0x2a, '[');
        assertTrue(out(p, "dt _HEAP_FREE_ENTRY a+20").contains("   +0x00a Flags            : 0x5b '['\n"));
    }

    /** Pointers with their type or (null), 64-bit values with a backtick, arrays as [N] and the first element. */
    @Test
    void heapX64() {
        String text = out(ConsoleFixtures.smallHeap(Arch.X64), "dt _HEAP h");
        assertTrue(text.startsWith("""
            ntdll!_HEAP
               +0x000 Entry            : _HEAP_ENTRY
               +0x010 Signature        : 0xeeffeeff
               +0x014 Flags            : 0x1002
               +0x018 ForceFlags       : 0
               +0x01c VirtualMemoryThreshold : 0xff00
               +0x020 SegmentReserve   : 0x100000
            """), text);
        assertTrue(text.contains("   +0x048 MaximumAllocationSize : 0x00007fff`fffdefff\n"), text);
        assertTrue(text.contains("   +0x058 HeaderValidateCopy : (null)\n"), text);
        assertTrue(text.contains("   +0x088 AlignMask        : 0xffffffff`fffffff0\n"), text);
        assertTrue(text.contains("   +0x090 VirtualAllocdBlocks : _LIST_ENTRY [ 0x000001d0`00100090 - "
            + "0x000001d0`00100090 ]\n"), text);
        assertTrue(text.contains("   +0x0a0 Segments         : [64] 0x000001d0`00100b10 _HEAP_SEGMENT\n"), text);
        assertTrue(text.contains("   +0x2a0 FreeListsInUse   : [4] 0x10\n"), text);
        assertTrue(text.contains("   +0x2c8 FreeLists        : [128] _LIST_ENTRY [ "), text);
    }

    @Test
    void virtualAllocEntryX86() {
        assertEquals(
            """
            ntdll!_HEAP_VIRTUAL_ALLOC_ENTRY
               +0x000 Entry            : _LIST_ENTRY [ 0x00240050 - 0x00240050 ]
               +0x008 ExtraStuff       : [2] 0
               +0x00c Settable         : 0
               +0x010 CommitSize       : 0x101000
               +0x014 ReserveSize      : 0x101000
               +0x018 BusyBlock        : _HEAP_ENTRY
            """,
            out(ConsoleFixtures.withVirtualBlock(Arch.X86, 0), "dt _HEAP_VIRTUAL_ALLOC_ENTRY big-20"));
    }

    /** Every field offset printed is the one the heap code writes at. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void offsetsComeFromTheHeapsLayout(Arch arch) {
        Process p = ConsoleFixtures.smallHeap(arch);
        HeapLayout layout = p.heaps().layout();
        for (StructLayout type : new StructLayout[] {layout.heap, layout.segment, layout.heapEntry}) {
            String text = out(p, "dt " + type.name());
            for (StructLayout.Field field : type.fields()) {
                assertTrue(text.contains(String.format("   +0x%03x %-16s : ", field.offset(), field.name())),
                    type.name() + "." + field.name());
            }
        }
        assertTrue(out(p, "dt _HEAP").contains(String.format("+0x%03x FreeLists ", layout.heapFreeLists)));
    }

    @Test
    void unreadableMemoryAndUnknownTypes() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals(
            """
            ntdll!_HEAP_ENTRY
               +0x000 UnpackedEntry    : ??
               +0x000 Size             : ??
               +0x002 Flags            : ??
               +0x003 SmallTagIndex    : ??
               +0x000 SubSegmentCode   : ??
               +0x004 PreviousSize     : ??
               +0x006 SegmentOffset    : ??
               +0x006 LFHFlags         : ??
               +0x007 UnusedBytes      : ??
               +0x000 ExtendedEntry    : ??
               +0x000 FunctionIndex    : ??
               +0x002 ContextValue     : ??
               +0x000 InterceptorValue : ??
               +0x004 UnusedBytesLength : ??
               +0x006 EntryOffset      : ??
               +0x007 ExtendedBlockSignature : ??
               +0x000 Code1            : ??
               +0x004 Code2            : ??
               +0x006 Code3            : ??
               +0x007 Code4            : ??
               +0x004 Code234          : ??
               +0x000 AgregateCode     : ??
            Memory read error 00241000
            """,
            out(p, "dt _HEAP_ENTRY 241000"));
        CommandResult r = run(p, "dt _PEB");
        assertTrue(r.error());
        assertEquals("Symbol _PEB not found.\n", r.output());
        assertFalse(run(p, "dt _heap_entry").error(), "type names are not case-sensitive");
    }

    /** Fields after the type, before or after the address, show alone, in the structure's order; -y takes prefixes. */
    @Test
    void fieldsNamedAfterTheTypeShowAlone() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        String expected = """
            ntdll!_HEAP
               +0x008 Signature        : 0xeeffeeff
               +0x00c Flags            : 0x1002
            """;
        assertEquals(expected, out(p, "dt _HEAP h Flags Signature"));
        assertEquals(expected, out(p, "dt _HEAP Signature flags h"));
        assertEquals("""
            ntdll!_HEAP
               +0x018 SegmentReserve   : 0x100000
               +0x01c SegmentCommit    : 0x2000
               +0x058 Segments         : [64] 0x002405a0 _HEAP_SEGMENT
            """, out(p, "dt -y _HEAP h Seg"));
        assertEquals("""
            ntdll!_HEAP_SEGMENT
               +0x010 Heap             : Ptr32 _HEAP
               +0x020 FirstEntry       : Ptr32 _HEAP_ENTRY
            """, out(p, "dt _HEAP_SEGMENT Heap FirstEntry"));
    }

    /** -r opens an embedded _HEAP_ENTRY or LIST_ENTRY below its line, 3 spaces in, with offsets of its own. */
    @Test
    void recursionOpensEmbeddedStructures() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        String text = out(p, "dt _HEAP h -r VirtualAllocdBlocks Entry");
        assertTrue(text.startsWith("""
            ntdll!_HEAP
               +0x000 Entry            : _HEAP_ENTRY
                  +0x000 UnpackedEntry    : _HEAP_UNPACKED_ENTRY
                  +0x000 Size             : 0x"""), text);
        assertTrue(text.endsWith("""
               +0x050 VirtualAllocdBlocks : _LIST_ENTRY [ 0x00240050 - 0x00240050 ]
                  +0x000 Flink            : 0x00240050 _LIST_ENTRY [ 0x00240050 - 0x00240050 ]
                  +0x004 Blink            : 0x00240050 _LIST_ENTRY [ 0x00240050 - 0x00240050 ]
            """), text);
        assertEquals(out(p, "dt -r1 _HEAP h VirtualAllocdBlocks"), out(p, "dt _HEAP h -r VirtualAllocdBlocks"));
        assertEquals("""
            ntdll!_LIST_ENTRY
               +0x000 Flink            : 0x00240050 _LIST_ENTRY [ 0x00240050 - 0x00240050 ]
               +0x004 Blink            : 0x00240050 _LIST_ENTRY [ 0x00240050 - 0x00240050 ]
            """, out(p, "dt _LIST_ENTRY h+50"));
    }

    /** An option after the address is an option, never a subtraction; dt's options HeapLab lacks say so. */
    @Test
    void optionsAreNotReadAsExpressions() {
        Process p = ConsoleFixtures.smallHeap(Arch.X86);
        assertEquals(out(p, "dt -r _HEAP h"), out(p, "dt _HEAP h -r"));
        CommandResult b = run(p, "dt _HEAP h -b");
        assertTrue(b.error());
        assertEquals("dt: option -b is not supported here (HeapLab's dt takes -r[N] and -y)\n", b.output());
        assertTrue(run(p, "dt _HEAP h -r0").error(), "a depth is one digit from 1 to 9");
        assertTrue(out(p, "dt _HEAP h -8").contains("+0x008 Signature        : 0x"), "-8 is no option: h - 8");
    }
}
