package heaplab.engine.inspect;

import heaplab.engine.Arch;
import heaplab.engine.crt.CrtBlockHeader;
import heaplab.engine.crt.CrtConstants;
import heaplab.engine.inspect.BlockAnatomy.Field;
import heaplab.engine.inspect.BlockAnatomy.Section;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.nt.HeapBlock;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapManager;
import heaplab.engine.nt.HeapSegmentInfo;
import heaplab.engine.pageheap.DphLayout;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.Process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the block that holds an address and describes it layer by layer, reading everything from simulated memory
 * as a debugger does: a full page heap block (on its own pages, outside every NT heap), else the NT block of any
 * heap, narrowed to the LFH chunk when the block is a UserBlocks, with the DPH_BLOCK_INFORMATION of a light page heap
 * block and the _CrtMemBlockHeader of a debug CRT block on the CRT's list.
 */
public final class BlockInspector {
    private static final int CRT_LIST_LIMIT = 1_000_000;

    private final Process process;
    private final AddressSpace mem;
    private final HeapManager heaps;
    private final Arch arch;
    private final BlockReader reader;

    public BlockInspector(Process process) {
        this.process = process;
        this.mem = process.memory();
        this.heaps = process.heaps();
        this.arch = process.arch();
        this.reader = new BlockReader(mem, heaps);
    }

    /** The block holding `address`, or null when no block does (a damaged heap that cannot be read: null too). */
    public BlockAnatomy inspect(long address) {
        if (address == 0) {
            return null;
        }
        try {
            PageHeap.Found full = heaps.pageHeap().findFull(address);
            if (full != null) {
                return fullPageHeap(full);
            }
            long pageHeap = heaps.pageHeap().rootPagesHandle(address);
            if (pageHeap != 0) {
                return pageHeapRoot(pageHeap, address);
            }
            for (long heap : heaps.heapHandles()) {
                HeapInfo info = heaps.read(heap);
                HeapBlock block = info.blockAt(address);
                if (block != null) {
                    return ntBlock(heap, block, address);
                }
                for (HeapSegmentInfo s : info.segments()) {
                    if (s.damagedEntry() != 0 && address >= s.damagedEntry() && address < s.damagedRunEnd()) {
                        return damagedEntry(heap, s, info);
                    }
                }
            }
        } catch (RuntimeException e) {
            return null; // headers damaged past decoding: the map and !heap report it, the inspector shows nothing
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ NT blocks

    /**
     * The bytes from a header the heap's walk stops at to the end of their committed run: the header's fields as
     * memory holds them, PreviousSize and SegmentOffset checked against the block before it and the segment (a
     * mismatch is marked as damage), and what makes the walk stop there.
     */
    private BlockAnatomy damagedEntry(long heap, HeapSegmentInfo s, HeapInfo info) {
        heaplab.engine.nt.HeapLayout l = heaps.layout();
        long at = s.damagedEntry();
        long end = s.damagedRunEnd();
        int g = arch.granularity();
        int units = mem.readU16(at + l.entrySize);
        String why = units == 0 ? "0 units: no block is that small"
            : "runs to " + arch.ptr(at + (long) units * g) + ", past the segment's end " + arch.ptr(
                s.lastValidEntry());
        HeapBlock before = null;
        for (HeapBlock b : s.blocks()) {
            if (b.entry() + b.size() == at) {
                before = b;
            }
        }
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Size", hex(units), why));
        fields.add(new Field("Flags", hex(mem.readByte(at + l.entryFlags)), "as the bytes read"));
        fields.add(new Field("PreviousSize", hex(mem.readU16(at + l.entryPreviousSize)), before == null
            ? "" : "the block before it, " + arch.ptr(before.entry()) + ", is " + hex(before.size() / g) + " units"));
        fields.add(new Field("SegmentOffset", hex(mem.readByte(at + l.entrySegmentOffset)),
            "this segment is " + hex(s.index())));
        fields.add(new Field("UnusedBytes", hex(mem.readByte(at + l.entryUnusedBytes)), "as the bytes read"));
        List<ByteSpan> spans = new ArrayList<>();
        spans.add(ByteSpan.label(at, at + g, ByteKind.HEAP_ENTRY));
        if (before != null) {
            spans.add(ByteSpan.strict(at + l.entryPreviousSize, at + l.entryPreviousSize + 2, ByteKind.HEAP_ENTRY,
                ByteSpan.littleEndian(before.size() / g, 2)));
        }
        spans.add(ByteSpan.strict(at + l.entrySegmentOffset, at + l.entrySegmentOffset + 1, ByteKind.HEAP_ENTRY,
            ByteSpan.littleEndian(s.index(), 1)));
        spans.add(ByteSpan.label(at + g, end, ByteKind.FREE_DATA));
        String title = "Damaged block at " + arch.ptr(at) + ": its _HEAP_ENTRY's Size " + hex(units) + " "
            + (units == 0 ? "is 0" : "runs past the segment's end") + ", so the heap's walk stops here, and the "
            + hex(end - at - g) + " bytes after the header belong to no block it can find (!heap -a "
            + arch.ptr(info.address()) + ", !heap -v)";
        return new BlockAnatomy(BlockAnatomy.Kind.NT, title, heap, at, end, at + g,
            List.of(new Section("_HEAP_ENTRY (damaged)", fields)), spans);
    }

    private BlockAnatomy ntBlock(long heap, HeapBlock b, long address) {
        List<Section> sections = new ArrayList<>();
        long end = b.entry() + b.size();
        boolean busy = b.kind() != HeapBlock.Kind.FREE && b.kind() != HeapBlock.Kind.INTERNAL;
        if (busy) {
            long extra = heaps.tags().extraAddress(b.entry(), heaps.entries());
            if (extra != 0) {
                sections.add(new Section("_HEAP_ENTRY_EXTRA", List.of(
                    new Field("AllocatorBackTraceIndex", hex(mem.readU16(extra)),
                        "index of the allocation's stack in the trace database (+ust); 0 for none"),
                    new Field("TagIndex", hex(mem.readU16(extra + 2)), "the heap tag the block counts under"),
                    new Field("Settable", arch.ptr(mem.readPtr(extra + arch.pointerSize())),
                        "HeapSetInformation's user value (RtlSetUserValueHeap)"))));
            }
            LowFragmentationHeap.UserBlocksInfo ub = userBlocksAt(heap, b.user());
            // The entry the console prints for a chunk (LowFragmentationHeap#entryOf: on x64, 8 bytes into the chunk
            // before) stands for the chunk whose entry it is.
            long shift = arch.granularity() - LowFragmentationHeap.CHUNK_HEADER;
            long at = ub != null && shift > 0 && Math.floorMod(address + shift - ub.firstChunk(), ub.stride()) == 0
                ? address + shift : address;
            if (ub != null && at >= ub.firstChunk() && at < ub.firstChunk() + ub.busy().length * ub.stride()) {
                sections.add(0, userBlocksEntry(heap, b));
                return lfhChunk(heap, ub, (int) ((at - ub.firstChunk()) / ub.stride()), end, sections);
            }
        }
        if (b.kind() == HeapBlock.Kind.VIRTUAL) {
            sections.add(0, virtualAllocEntry(b));
        }
        if (b.kind() == HeapBlock.Kind.INTERNAL) {
            // Both start with their own _HEAP_ENTRY (Entry): the block's header is the structure's first field.
            sections.add(b.entry() == heap ? heapFields(heap) : segmentFields(b.entry()));
        }
        Spans spans = new Spans();
        long inner = reader.ntBlock(b, reader.isLightNormalHeap(heap), this::crtAt, spans);
        long start = reader.start(b);
        if (!busy) {
            return new BlockAnatomy(BlockAnatomy.Kind.NT, "", heap, start, end, b.user(), sections, spans.list);
        }
        boolean light = inner != b.user();
        BlockAnatomy.Kind kind = BlockAnatomy.Kind.NT;
        if (light) {
            kind = BlockAnatomy.Kind.PAGE_HEAP_LIGHT;
            pageHeapInfo(b.user(), false, sections);
        }
        String title = crt(inner, sections);
        if (light) {
            long requested = mem.readPtr(b.user() + heaps.pageHeap().layout().infoRequestedSize);
            title = (title.isEmpty() ? "Light page heap block at " + arch.ptr(inner) + ", " + hex(requested)
                + " bytes requested" : title) + " (in the NormalHeap's block " + arch.ptr(b.user()) + ")";
        } else if (!title.isEmpty()) {
            title += " (in the NT block " + arch.ptr(b.user()) + ", " + hex(b.size()) + " bytes)";
        }
        return new BlockAnatomy(kind, title, heap, start, end, b.user(), sections, spans.list);
    }

    /** The _HEAP structure's main fields (heap-facts.md 1.2), as !heap -a and dt _HEAP show them. */
    private Section heapFields(long heap) {
        heaplab.engine.nt.HeapLayout l = heaps.layout();
        StringBuilder inUse = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            inUse.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%08x",
                mem.readU32(heap + l.heapFreeListsInUse + 4L * i)));
        }
        return new Section("_HEAP", List.of(
            new Field("Signature", hex(mem.readU32(heap + l.heapSignature)), "0xeeffeeff in every NT heap"),
            new Field("Flags", hex(mem.readU32(heap + l.heapFlags)), "HEAP_GROWABLE 0x2, and the debugging flags"),
            new Field("ForceFlags", hex(mem.readU32(heap + l.heapForceFlags)), "flags added to every call"),
            new Field("VirtualMemoryThreshold", hex(mem.readU32(heap + l.heapVirtualMemoryThreshold)),
                "in units: bigger requests get a VirtualAlloc region of their own"),
            new Field("DeCommitFreeBlockThreshold", hex(mem.readPtr(heap + l.heapDeCommitFreeBlockThreshold)),
                "units: a free block this big has its inner pages decommitted..."),
            new Field("DeCommitTotalFreeThreshold", hex(mem.readPtr(heap + l.heapDeCommitTotalFreeThreshold)),
                "...once the heap's free units reach this"),
            new Field("TotalFreeSize", hex(mem.readPtr(heap + l.heapTotalFreeSize)), "free units on the free lists"),
            new Field("FreeListsInUse", inUse.toString(), "bit n set: FreeLists[n] holds blocks of n units"),
            new Field("FreeLists", arch.ptr(heap + l.heapFreeLists), "FreeLists[0] (bigger blocks, by size), then"
                + " [1..127]"),
            new Field("VirtualAllocdBlocks", arch.ptr(heap + l.heapVirtualAllocdBlocks),
                "the list head of the heap's virtual-alloc blocks"),
            new Field("FrontEndHeap", arch.ptr(mem.readPtr(heap + l.heapFrontEndHeap)),
                "the LFH's structure once the LFH is on, else 0")));
    }

    /** A _HEAP_SEGMENT's main fields, as !heap -a's SegmentNN lines show them. */
    private Section segmentFields(long seg) {
        heaplab.engine.nt.HeapLayout l = heaps.layout();
        return new Section("_HEAP_SEGMENT", List.of(
            new Field("Signature", hex(mem.readU32(seg + l.segSignature)), "0xffeeffee in every segment"),
            new Field("BaseAddress", arch.ptr(mem.readPtr(seg + l.segBaseAddress)), "the segment's first byte"),
            new Field("NumberOfPages", hex(mem.readU32(seg + l.segNumberOfPages)), "pages reserved"),
            new Field("FirstEntry", arch.ptr(mem.readPtr(seg + l.segFirstEntry)), "its first block"),
            new Field("LastValidEntry", arch.ptr(mem.readPtr(seg + l.segLastValidEntry)), "its end"),
            new Field("NumberOfUnCommittedPages", hex(mem.readU32(seg + l.segNumberOfUnCommittedPages)),
                "reserved pages not committed"),
            new Field("NumberOfUnCommittedRanges", hex(mem.readU32(seg + l.segNumberOfUnCommittedRanges)),
                "runs of them"),
            new Field("LargestUnCommittedRange", hex(mem.readPtr(seg + l.segLargestUnCommittedRange)),
                "bytes of the longest run: the most one commit can add here")));
    }

    /** A virtual block's _HEAP_VIRTUAL_ALLOC_ENTRY (heap-facts.md 1.1), at the start of its region. */
    private Section virtualAllocEntry(HeapBlock b) {
        heaplab.engine.nt.HeapLayout l = heaps.layout();
        long base = b.entry() - l.vaBusyBlock;
        long commit = mem.readPtr(base + l.vaCommitSize);
        return new Section("_HEAP_VIRTUAL_ALLOC_ENTRY", List.of(
            new Field("Address", arch.ptr(base), "the start of the block's own VirtualAlloc region"),
            new Field("Flink", arch.ptr(mem.readPtr(base)), "next virtual block on the heap's VirtualAllocdBlocks"),
            new Field("Blink", arch.ptr(mem.readPtr(base + arch.pointerSize())), "previous one (or the list head)"),
            new Field("CommitSize", hex(commit), "bytes committed for the block, this entry included"),
            new Field("ReserveSize", hex(mem.readPtr(base + l.vaReserveSize)), "bytes of the region reserved"),
            new Field("BusyBlock", arch.ptr(b.entry()) + ", Size " + hex(mem.readU16(b.entry() + l.entrySize)),
                "the _HEAP_ENTRY before the data; its Size holds CommitSize - the requested size, not a size in"
                    + " units")));
    }

    private LowFragmentationHeap.UserBlocksInfo userBlocksAt(long heap, long user) {
        for (LowFragmentationHeap.UserBlocksInfo ub : heaps.lfh().userBlocks(heap)) {
            if (ub.address() == user) {
                return ub;
            }
        }
        return null;
    }

    /** The section of a chunk's UserBlocks' _HEAP_ENTRY, named so that nobody takes it for the chunk's own. */
    public static final String USER_BLOCKS_ENTRY = "UserBlocks' _HEAP_ENTRY";

    /**
     * The _HEAP_ENTRY of the UserBlocks a chunk is carved from: a chunk has none of its own (its header is the LFH's),
     * so the block header in memory before it is its UserBlocks' one, as `!heap -a` lists that block.
     */
    private Section userBlocksEntry(long heap, HeapBlock b) {
        int unit = arch.granularity();
        return new Section(USER_BLOCKS_ENTRY, List.of(
            new Field("State", "busy: the UserBlocks the chunk is carved from", "what the heap uses the block for"),
            new Field("Entry address", arch.ptr(b.entry()), "where the UserBlocks' _HEAP_ENTRY header starts"),
            new Field("User address", arch.ptr(b.user()), "the UserBlocks header, then the chunks"),
            new Field("Heap", arch.ptr(heap), "the heap that owns the block"),
            new Field("Size", size(b.size()) + " bytes = " + b.size() / unit + " units",
                "the whole UserBlocks in bytes; the header stores it in units of " + unit + " bytes"),
            new Field("PreviousSize", size(b.previousSize()) + " bytes = " + b.previousSize() / unit + " units",
                "size of the block before the UserBlocks, to walk backwards"),
            new Field("Flags", String.format(Locale.ROOT, "0x%02x (%s)", b.flags(), HeapBlock.flagNames(b.flags())),
                "busy 0x01, extra 0x02, fill 0x04, virtual 0x08, last 0x10"),
            new Field("UnusedBytes", size(b.unusedBytes()), "bytes of the UserBlocks the LFH did not ask for"),
            new Field("SegmentOffset", Integer.toString(b.segmentIndex()),
                "index of the block's segment in Heap->Segments"),
            new Field("Requested size", size(b.requested()), "what the LFH asked the back end for")));
    }

    /** A chunk of a UserBlocks: its 8-byte header (HeapLab's, where Windows keeps an encoded HEAP_ENTRY) and data. */
    private BlockAnatomy lfhChunk(long heap, LowFragmentationHeap.UserBlocksInfo ub, int index, long blockEnd,
                                  List<Section> outer) {
        long header = ub.firstChunk() + index * ub.stride();
        long user = header + LowFragmentationHeap.CHUNK_HEADER;
        long end = header + ub.stride();
        boolean busy = ub.busy()[index];
        int requested = mem.readU16(header + 4);
        int state = mem.readByte(header + 7);
        // The chunk's own header first, then the back-end block it is carved from.
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("LFH chunk header", List.of(
            new Field("UserBlocks", arch.ptr(ub.address()) + ", chunk " + index + " of " + ub.busy().length,
                "the back-end busy block the chunk is carved from"),
            new Field("Distance", hex(mem.readU32(header)) + " (x 8 = " + hex(mem.readU32(header) * 8) + " bytes)",
                "from the chunk header back to its UserBlocks, in 8-byte units (Windows: SubSegmentCode)"),
            new Field("RequestedSize", busy ? hex(requested) : "- (free)", "what the program asked for"),
            new Field("BucketIndex", ub.bucket() + " (" + hex(ub.chunkSize()) + " bytes, stride "
                + hex(ub.stride()) + ")", "the size class the chunk serves"),
            new Field("State", String.format(Locale.ROOT,
                "0x%02x", state) + (state == LowFragmentationHeap.CHUNK_BUSY ? " busy"
                : state == LowFragmentationHeap.CHUNK_FREE ? " free" : " DAMAGED"),
                "0x81 busy, 0x80 free (Windows marks LFH chunks with 0x80 in UnusedBytes); the bitmap says "
                    + (busy ? "busy" : "free")))));
        sections.addAll(outer);
        Spans spans = new Spans();
        reader.lfhChunk(ub.address(), ub.bucket(), header, ub.stride(), busy, blockEnd, this::crtAt, spans);
        String crtTitle = busy ? crt(user, sections) : "";
        String title = (busy ? "Busy" : "Free") + " LFH chunk at " + arch.ptr(user) + ", bucket " + ub.bucket()
            + (busy ? ", " + hex(requested) + " bytes requested" : "")
            + (crtTitle.isEmpty() ? "" : " holding a " + crtTitle);
        return new BlockAnatomy(BlockAnatomy.Kind.LFH_CHUNK, title, heap, header, Math.min(end, blockEnd), user,
            sections, spans.list);
    }

    // ------------------------------------------------------------------------------------------ page heap

    /**
     * A page heap's own pages (heap-facts.md 3.1): the handle's page (the flags a heap call reads, as in a _HEAP), the
     * _DPH_HEAP_ROOT at handle + 0x1000, then the pages its block nodes come from.
     */
    private BlockAnatomy pageHeapRoot(long handle, long address) {
        DphLayout d = heaps.pageHeap().layout();
        heaplab.engine.nt.HeapLayout l = heaps.layout();
        long root = PageHeap.rootOf(handle);
        long page = address - Math.floorMod(address, (long) AddressSpace.PAGE_SIZE);
        long end = page + AddressSpace.PAGE_SIZE;
        List<Section> sections = new ArrayList<>();
        String title;
        if (page == handle) {
            title = "Page heap handle " + arch.ptr(handle) + ": its first page";
            sections.add(new Section("Page heap handle", List.of(
                new Field("Flags", hex(mem.readU32(handle + l.heapFlags)),
                    "the heap's flags, where a _HEAP keeps them"),
                new Field("ForceFlags", hex(mem.readU32(handle + l.heapForceFlags)),
                    "with HEAP_FLAG_PAGE_ALLOCS (0x01000000): calls on this handle go to the page heap"),
                new Field("_DPH_HEAP_ROOT", arch.ptr(root), "the page after this one"))));
        } else if (page == root) {
            title = "_DPH_HEAP_ROOT of page heap " + arch.ptr(handle);
            sections.add(new Section("_DPH_HEAP_ROOT", List.of(
                new Field("Signature", hex(mem.readU32(root + d.rootSignature)), "0xffeeddcc"),
                new Field("HeapFlags", hex(mem.readU32(root + d.rootHeapFlags)), "HeapCreate's flags"),
                new Field("ExtraFlags", hex(mem.readU32(root + d.rootExtraFlags)),
                    "page heap options: 0x1 full page heap (else light), 0x2 stack traces"),
                new Field("NormalHeap", arch.ptr(mem.readPtr(root + d.rootNormalHeap)),
                    "the NT heap that holds light blocks"),
                new Field("BusyNodes", hex(mem.readU32(root + d.rootBusyCount)), "busy full blocks"),
                new Field("FreeNodes", hex(mem.readU32(root + d.rootFreeCount)), "freed full blocks kept"))));
        } else {
            title = "Node pages of page heap " + arch.ptr(handle);
            sections.add(new Section("DPH nodes", List.of(
                new Field("Pages", arch.ptr(PageHeap.rootOf(handle) + AddressSpace.PAGE_SIZE) + " - "
                    + arch.ptr(PageHeap.rootPagesEnd(handle)),
                    "the _DPH_HEAP_BLOCK nodes that describe each block"))));
        }
        Spans spans = new Spans();
        spans.list.add(ByteSpan.label(page, end, ByteKind.DPH_ROOT));
        return new BlockAnatomy(BlockAnatomy.Kind.PAGE_HEAP_ROOT, title, handle, page, end, page, sections,
            spans.list);
    }

    private BlockAnatomy fullPageHeap(PageHeap.Found found) {
        DphLayout d = heaps.pageHeap().layout();
        PageHeap.DphBlock b = found.block();
        long info = b.user() - d.infoSize();
        long guard = BlockReader.guardPage(b);
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("_DPH_HEAP_BLOCK", List.of(
            new Field("pUserAllocation", arch.ptr(b.user()), "what HeapAlloc returned"),
            new Field("pVirtualBlock", arch.ptr(b.virtual()) + ", " + hex(b.virtualSize()) + " bytes",
                "the block's own region: data pages, then one no-access guard page"),
            new Field("Guard page", arch.ptr(guard), "the first byte past the data: any access faults"),
            new Field("nUserRequestedSize", hex(b.requested()), "what the program asked for"),
            new Field("State", b.busy() ? "busy" : "freed: pages decommitted, node on the freed list",
                "a freed full block keeps its node so that !heap -p -a can name it"))));
        Spans spans = new Spans();
        long crtHeader = reader.fullPageHeap(b, this::crtAt, spans);
        pageHeapInfo(info, true, sections);
        String crtTitle = crt(crtHeader, sections);
        String title = (crtTitle.isEmpty() ? "" : crtTitle + " in a ") + "Full page heap block at "
            + arch.ptr(b.user()) + ", " + hex(b.requested()) + " bytes (" + (b.busy() ? "busy" : "freed") + ")";
        return new BlockAnatomy(BlockAnatomy.Kind.PAGE_HEAP_FULL, title, found.handle(), info, guard + 16,
            b.user(), sections, spans.list);
    }

    /** The DPH_BLOCK_INFORMATION at `info` as a section of fields (its bytes are the reader's). */
    private void pageHeapInfo(long info, boolean full, List<Section> sections) {
        DphLayout d = heaps.pageHeap().layout();
        if (!mem.isReadable(info, d.infoSize())) {
            sections.add(new Section("DPH_BLOCK_INFORMATION", List.of(new Field("(unreadable)", "??",
                "the block's pages are decommitted: it was freed"))));
            return;
        }
        long start = mem.readU32(info + d.infoStartStamp);
        DphLayout.Stamps expected = DphLayout.Stamps.of(start, full);
        boolean freed = expected.freed();
        long expectedStart = expected.start();
        long expectedEnd = expected.end();
        long requested = mem.readPtr(info + d.infoRequestedSize);
        long root = mem.readPtr(info + d.infoHeap);
        long end = mem.readU32(info + d.infoEndStamp);
        String what = (full ? "full" : "light") + ", " + (freed ? "freed" : "busy");
        sections.add(new Section("DPH_BLOCK_INFORMATION", List.of(
            new Field("StartStamp", stamp(start, expectedStart, what), "ABCDBBBB full busy, ABCDBBBA full freed, "
                + "ABCDAAAA light busy, ABCDAAA9 light freed"),
            new Field("Heap", arch.ptr(root), "the page heap's root (handle + 0x1000)"),
            new Field("RequestedSize", hex(requested), "what the program asked for"),
            new Field("ActualSize", hex(mem.readPtr(info + d.infoActualSize)), "the bytes the page heap gave it"),
            new Field("FreeQueue", arch.ptr(mem.readPtr(info + d.infoFreeQueue)),
                "link in the delayed-free queue (freed light blocks)"),
            stackTrace(mem.readPtr(info + d.infoStackTrace)),
            new Field("EndStamp", stamp(end, expectedEnd, what), "DCBABBBB, DCBABBBA, DCBAAAAA, DCBAAAA9"))));
    }

    /** The StackTrace field, with the program's frame when the trace has one and every frame in the description. */
    private Field stackTrace(long trace) {
        List<String> frames = new ArrayList<>();
        for (long frame : heaps.pageHeap().frames(trace)) {
            String text = process.modules().frameText(frame, 0);
            frames.add(text.isEmpty() ? arch.ptr(frame) : text);
        }
        String caller = frames.stream().filter(f -> f.contains("!main+")).findFirst()
            .orElse(frames.isEmpty() ? "" : frames.get(0));
        return new Field("StackTrace", arch.ptr(trace) + (caller.isEmpty() ? "" : " (" + caller + ")"),
            "the allocation's back trace (dds on it); 0 without traces (+ust)"
                + (frames.isEmpty() ? "" : ":\n" + String.join("\n", frames)));
    }

    private String stamp(long value, long expected, String what) {
        return String.format(Locale.ROOT, "%08x", value) + (value == expected ? " (" + what + ")"
            : " DAMAGED (expected " + String.format(Locale.ROOT, "%08x", expected) + ")");
    }

    // ------------------------------------------------------------------------------------------ debug CRT

    /** The 4 no-man's-land bytes at `at`: "4 x fd" while intact, else their bytes ("fd fd 00 fd"). */
    private String gap(long at) {
        StringBuilder bytes = new StringBuilder();
        boolean intact = true;
        for (int i = 0; i < 4; i++) {
            int b = mem.peekByte(at + i);
            intact &= b == 0xFD;
            bytes.append(i == 0 ? "" : " ").append(b < 0 ? "??" : String.format(Locale.ROOT, "%02x", b));
        }
        return intact ? "4 x fd" : bytes + " (damaged)";
    }

    /**
     * The _CrtMemBlockHeader at `header` when it is on the CRT's list, as a section of fields (its bytes are the
     * reader's); returns the CRT block's title ("Busy CRT block at ..."), "" when there is none.
     */
    private String crt(long header, List<Section> sections) {
        CrtBlockHeader headers = process.crt().headers();
        if (!onCrtList(header)) {
            return "";
        }
        long data = headers.user(header);
        long size = headers.dataSize(header);
        int use = headers.blockUse(header);
        long file = headers.fileName(header);
        boolean freed = (use & 0xFFFF) == CrtConstants.FREE_BLOCK;
        sections.add(new Section("_CrtMemBlockHeader", List.of(
            new Field("_block_header_next", arch.ptr(headers.next(header)), "the block allocated before this one"),
            new Field("_block_header_prev", arch.ptr(headers.prev(header)), "the block allocated after this one"),
            new Field("_file_name", arch.ptr(file) + (file == 0 ? "" : " \"" + process.readCString(file) + "\""),
                "from _malloc_dbg; 0 for plain malloc"),
            new Field("_line_number", Integer.toString(headers.lineNumber(header)), "from _malloc_dbg"),
            new Field("_block_use", blockUse(use), "_BLOCK_TYPE and _BLOCK_SUBTYPE"),
            new Field("_data_size", hex(size), "what the program asked for"),
            new Field("_request_number", "{" + headers.requestNumber(header) + "}",
                "the allocation's number (_CrtSetBreakAlloc)"),
            new Field("_gap", gap(data - 4) + " before the data, " + gap(data + size) + " after it",
                "no-man's land, 4 x fd on each side, checked at free"))));
        return (freed ? "Freed" : "Busy") + " CRT block at " + arch.ptr(data) + ", " + hex(size) + " bytes";
    }

    /** The reader's view of the CRT's list: the block whose header is at `header`, walking the list. */
    private long[] crtAt(long header) {
        if (!onCrtList(header)) {
            return null;
        }
        CrtBlockHeader headers = process.crt().headers();
        return new long[] {headers.user(header), headers.dataSize(header)};
    }

    /** Collects the reader's spans as the inspector keeps them. */
    private static final class Spans implements BlockReader.Sink {
        private final List<ByteSpan> list = new ArrayList<>();

        @Override
        public void span(long from, long to, ByteKind kind, ByteSpan.Expect expect, long pattern, int patternBytes,
                         ByteKind otherwise, String damage) {
            byte[] bytes = ByteSpan.littleEndian(pattern, patternBytes);
            list.add(switch (expect) {
                case LABEL -> ByteSpan.label(from, to, kind);
                case FILL -> ByteSpan.fill(from, to, kind, bytes, otherwise);
                case STRICT -> ByteSpan.strict(from, to, kind, bytes);
            });
        }
    }

    private boolean onCrtList(long header) {
        CrtBlockHeader headers = process.crt().headers();
        int steps = 0;
        try {
            for (long at = process.crt().globals().firstBlock(); at != 0 && steps < CRT_LIST_LIMIT;
                 at = headers.next(at), steps++) {
                if (at == header) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // a list damaged past reading: the block is not found on it
        }
        return false;
    }

    private static String blockUse(int use) {
        String[] names = {"_FREE_BLOCK", "_NORMAL_BLOCK", "_CRT_BLOCK", "_IGNORE_BLOCK", "_CLIENT_BLOCK"};
        int type = use & 0xFFFF;
        String name = type < names.length ? names[type] : "DAMAGED (" + type + ")";
        return (use >>> 16) == 0 ? name : name + ", subtype " + (use >>> 16);
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** `0x28 (40)`, as the inspector's other sizes. */
    private static String size(long bytes) {
        return hex(bytes) + " (" + bytes + ")";
    }
}
