package heaplab.engine.nt;

import heaplab.engine.Arch;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AccessViolation;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;

import java.util.ArrayList;
import java.util.List;

import static heaplab.engine.nt.HeapConstants.ERROR_INVALID_HANDLE;
import static heaplab.engine.nt.HeapConstants.ERROR_INVALID_PARAMETER;
import static heaplab.engine.nt.HeapConstants.ERROR_NOT_ENOUGH_MEMORY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_BUSY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_EXTRA_PRESENT;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_LAST_ENTRY;
import static heaplab.engine.nt.HeapConstants.HEAP_ENTRY_VIRTUAL_ALLOC;
import static heaplab.engine.nt.HeapConstants.HEAP_GENERATE_EXCEPTIONS;
import static heaplab.engine.nt.HeapConstants.HEAP_GROWABLE;
import static heaplab.engine.nt.HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY;

/**
 * The NT heaps of a process and the Win32 heap API over them (HeapCreate, HeapAlloc, ...), with the documented
 * results and last-error codes. The list of heaps is the PEB's ProcessHeaps array in simulated memory; each heap
 * is its _HEAP structure and segments in memory. Nothing is kept on the side, so snapshots of memory are enough.
 * The calls on a page heap handle (heaps created under gflags +hpa) go to {@link PageHeap}; requests up to 16 KB on
 * a heap whose HeapCompatibilityInformation is 2 go to the LFH front end ({@link LowFragmentationHeap}).
 */
public final class HeapManager {
    /** Room for this many handles in the PEB's ProcessHeaps array. */
    public static final int MAXIMUM_NUMBER_OF_HEAPS = 0x80;
    private static final int PAGE = AddressSpace.PAGE_SIZE;

    private final Process process;
    private final AddressSpace mem;
    private final HeapLayout l;
    private final NtHeap nt;
    /** The process's lfh setting (its config never changes): "off" and "auto"; else "on". */
    private final boolean lfhOff;
    private final boolean lfhAuto;
    private final HeapEntries e;
    private final HeapReader reader;
    private final HeapTags tags;
    private final HeapReports reports;
    private final HeapUserInfo userInfo;
    private final long pebProcessHeap;
    private final long pebNumberOfHeaps;
    private final long pebMaximumNumberOfHeaps;
    private final long pebProcessHeaps;
    private final long heapsArray;
    private final PageHeap pageHeap;
    private final LowFragmentationHeap lfh;

    public HeapManager(Process process) {
        this.process = process;
        this.mem = process.memory();
        this.l = HeapLayout.of(process.arch());
        this.nt = new NtHeap(mem, l);
        this.lfhOff = "off".equals(process.config().lfh());
        this.lfhAuto = "auto".equals(process.config().lfh());
        this.e = nt.entries();
        this.reader = new HeapReader(mem, l, nt);
        this.tags = new HeapTags(mem, l);
        this.reports = new HeapReports(process, l, nt, reader);
        nt.onFreeBlockReuse(reports::checkFreeFill);
        long peb = process.pebAddress();
        boolean x86 = process.arch() == Arch.X86;
        this.pebProcessHeap = peb + (x86 ? 0x18 : 0x30);
        this.pebNumberOfHeaps = peb + (x86 ? 0x88 : 0xE8);
        this.pebMaximumNumberOfHeaps = peb + (x86 ? 0x8C : 0xEC);
        this.pebProcessHeaps = peb + (x86 ? 0x90 : 0xF0);
        this.heapsArray = peb + 0x500;
        mem.guard(peb); // the heap list: see NtHeap#isKnown
        this.pageHeap = new PageHeap(process, this);
        this.lfh = new LowFragmentationHeap(mem, l, process.lfhUsageTable());
        this.userInfo = new HeapUserInfo(this, process);
    }

    /** The LFH front end of the heaps whose HeapCompatibilityInformation is 2. */
    public LowFragmentationHeap lfh() { return lfh; }

    /** The page heap (gflags +hpa): its heaps' handles are in the process's list, with their NormalHeaps. */
    public PageHeap pageHeap() { return pageHeap; }

    public HeapLayout layout() { return l; }

    /** The heaps' tags, pseudo-tags and the blocks' HEAP_ENTRY_EXTRA. */
    public HeapTags tags() { return tags; }

    /** The user value and user flags of busy blocks (the Rtl*UserValue/Flags calls). */
    public HeapUserInfo userInfo() { return userInfo; }

    /** Whether the process terminates on heap corruption (HeapSetInformation(HeapEnableTerminationOnCorruption)). */
    public boolean terminatesOnCorruption() {
        return reports.terminatesOnCorruption();
    }

    /** The block header reader shared by the heaps. */
    public HeapEntries entries() { return e; }

    /** Creates the process heap: growable, 1 MB reserved (the linker's default; assumed, not confirmed). */
    public void createProcessHeap() {
        mem.enterTrusted();
        try {
            mem.writeU32(pebMaximumNumberOfHeaps, MAXIMUM_NUMBER_OF_HEAPS);
            mem.writePtr(pebProcessHeaps, heapsArray);
            long flags = HEAP_GROWABLE | globalFlagHeapFlags();
            long heap = pageHeap.enabled() ? pageHeap.create(flags, true)
                : createHeap(flags, 0x100000, 0x400L * l.p);
            mem.writePtr(pebProcessHeap, heap);
        } finally {
            mem.leaveTrusted();
        }
    }

    /** Heap flags that the process's NtGlobalFlag adds to every new heap (heap-facts.md 1.7). */
    private long globalFlagHeapFlags() {
        long g = process.globalFlags(); // the PEB's NtGlobalFlag, which the console may change
        long flags = 0;
        if ((g & 0x10) != 0) {
            flags |= HeapConstants.HEAP_TAIL_CHECKING_ENABLED;
        }
        if ((g & 0x20) != 0) {
            flags |= HeapConstants.HEAP_FREE_CHECKING_ENABLED;
        }
        if ((g & 0x40) != 0) {
            flags |= HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED;
        }
        if ((g & 0x80) != 0) {
            flags |= HeapConstants.HEAP_VALIDATE_ALL_ENABLED;
        }
        if ((g & 0x00200000) != 0) {
            flags |= HeapConstants.HEAP_DISABLE_COALESCE_ON_FREE;
        }
        if ((g & FLG_USER_STACK_TRACE_DB) != 0) {
            flags |= HeapConstants.HEAP_CAPTURE_STACK_BACKTRACES;
        }
        return flags;
    }

    public long processHeap() { return mem.readPtr(pebProcessHeap); }

    /**
     * Handles of the NT heaps, read from the PEB's ProcessHeaps array; the process heap first. Page heap handles are
     * left out (they have no _HEAP to decode; their NormalHeaps are NT heaps and stay): see {@link PageHeap}.
     */
    public List<Long> heapHandles() {
        int n = (int) mem.readU32(pebNumberOfHeaps);
        List<Long> handles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long handle = mem.readPtr(heapsArray + (long) i * l.p);
            if (!pageHeap.isPageHeap(handle)) {
                handles.add(handle);
            }
        }
        return handles;
    }

    /** Handles of all heaps in the PEB's ProcessHeaps array, page heaps included (GetProcessHeaps). */
    public List<Long> heapHandlesIncludingPageHeaps() {
        int n = (int) mem.readU32(pebNumberOfHeaps);
        List<Long> handles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            handles.add(mem.readPtr(heapsArray + (long) i * l.p));
        }
        return handles;
    }

    public boolean isHeap(long handle) {
        int n = (int) mem.readU32(pebNumberOfHeaps);
        // Fast path: a heap knows its place in the PEB's list (ProcessHeapsListIndex), checked against the list.
        long indexAddress = handle + l.heapProcessHeapsListIndex;
        if (handle != 0 && (handle & 0xFFFF) == 0 && mem.isReadable(indexAddress, 2)) {
            int index = mem.readU16(indexAddress);
            if (index >= 1 && index <= n && mem.readPtr(heapsArray + (long) (index - 1) * l.p) == handle) {
                return true;
            }
        }
        for (int i = 0; i < n; i++) {
            if (mem.readPtr(heapsArray + (long) i * l.p) == handle) {
                return true;
            }
        }
        return false;
    }

    public long getProcessHeaps(long count, long buffer) {
        List<Long> handles = heapHandlesIncludingPageHeaps();
        if (count >= handles.size() && buffer != 0) {
            for (int i = 0; i < handles.size(); i++) {
                mem.writePtr(buffer + (long) i * l.p, handles.get(i));
            }
        }
        return handles.size();
    }

    // ------------------------------------------------------------------------------------------ create, destroy

    public long heapCreate(long options, long initialSize, long maximumSize) {
        mem.enterTrusted();
        try {
            return create(options, initialSize, maximumSize);
        } finally {
            mem.leaveTrusted();
        }
    }

    private long create(long options, long initialSize, long maximumSize) {
        long valid = HeapConstants.HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS | HEAP_GROWABLE
            | HeapConstants.HEAP_CREATE_ENABLE_EXECUTE;
        long flags = (options & valid) | HeapConstants.HEAP_CLASS_1 | globalFlagHeapFlags();
        if (maximumSize == 0) {
            flags |= HEAP_GROWABLE;
        }
        // HeapCreate(0, 0, 0) commits 0x400 pointers' worth and reserves 64 KB (Windows 10, heap-facts.md 1.6).
        long commit = Math.max(AddressSpace.alignUp(initialSize, PAGE), 0x400L * l.p);
        long reserve = maximumSize == 0
            ? Math.max(AddressSpace.alignUp(commit, AddressSpace.ALLOCATION_GRANULARITY), 0x10000)
            : Math.max(AddressSpace.alignUp(maximumSize, PAGE), commit);
        if (mem.readU32(pebNumberOfHeaps) >= MAXIMUM_NUMBER_OF_HEAPS) {
            process.setLastError(ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        long heap = pageHeap.enabled() ? pageHeap.create(flags, false) : createHeap(flags, reserve, commit);
        if (heap == 0) {
            process.setLastError(ERROR_NOT_ENOUGH_MEMORY);
        }
        return heap;
    }

    private long createHeap(long flags, long reserve, long commit) {
        int protect = (flags & HeapConstants.HEAP_CREATE_ENABLE_EXECUTE) != 0
            ? Protection.PAGE_EXECUTE_READWRITE : Protection.PAGE_READWRITE;
        long base = mem.virtualAlloc(0, reserve, AddressSpace.MEM_RESERVE, protect);
        if (base == 0) {
            return 0;
        }
        mem.watch(base);
        mem.virtualAlloc(base, commit, AddressSpace.MEM_COMMIT, protect);
        long h = base;
        int heapUnits = l.heapBlockSize / l.g;
        e.write(h, heapUnits, HEAP_ENTRY_BUSY, 0, 0, 0);
        mem.writeU32(h + l.heapSignature, HeapConstants.HEAP_SIGNATURE);
        mem.writeU32(h + l.heapFlags, flags);
        mem.writeU32(h + l.heapForceFlags, flags & HeapConstants.FORCE_FLAGS_MASK);
        // HEAP_MAX_BLOCK_SIZE: x86 (0x80000 - PAGE) >> 3 = 0xFE00 units; x64 0xFF000 bytes = 0xFF00 units.
        mem.writeU32(h + l.heapVirtualMemoryThreshold, l.arch == Arch.X86 ? 0xFE00 : 0xFF00);
        mem.writePtr(h + l.heapSegmentReserve, 0x100000);
        mem.writePtr(h + l.heapSegmentCommit, 0x2000);
        mem.writePtr(h + l.heapDeCommitFreeBlockThreshold, 0x1000 >> l.arch.shift());
        mem.writePtr(h + l.heapDeCommitTotalFreeThreshold, 0x10000 >> l.arch.shift());
        mem.writePtr(h + l.heapTotalFreeSize, 0);
        long maxUser = l.arch == Arch.X86 ? 0x7FFEFFFFL : 0x7FFFFFFEFFFFL;
        mem.writePtr(h + l.heapMaximumAllocationSize, maxUser - 0x10000 - PAGE);
        // AllocationSize = ALIGN(Size + overhead): the overhead is one header, except on x64 without debug flags where
        // the data may also fill the next header's PreviousBlockPrivateData, so it is 8 bytes (Windows' spacing,
        // heap-facts.md 1.1 and 1.11.8; the classic ReactOS formula counts the whole 16-byte header).
        long debugFlags = HeapConstants.HEAP_TAIL_CHECKING_ENABLED | HeapConstants.HEAP_FREE_CHECKING_ENABLED
            | HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED | HeapConstants.HEAP_VALIDATE_ALL_ENABLED;
        long overhead = l.arch == Arch.X64 && (flags & debugFlags) == 0 ? 8 : l.g;
        long round = l.g - 1 + overhead + ((flags & HeapConstants.HEAP_TAIL_CHECKING_ENABLED) != 0 ? l.g : 0);
        mem.writePtr(h + l.heapAlignRound, round);
        mem.writePtr(h + l.heapAlignMask, ~(long) (l.g - 1) & l.arch.pointerMask());
        e.initHead(h + l.heapVirtualAllocdBlocks);
        for (int i = 0; i < HeapConstants.HEAP_FREELISTS; i++) {
            e.initHead(h + l.freeListHead(i));
        }
        nt.forgetIndexes(h); // a heap destroyed at this address may have left its list 0 index
        mem.writePtr(h + l.heapLockVariable, h + l.heap.size());
        int index = (int) mem.readU32(pebNumberOfHeaps);
        mem.writePtr(heapsArray + (long) index * l.p, h);
        mem.writeU32(pebNumberOfHeaps, index + 1);
        mem.writeU16(h + l.heapProcessHeapsListIndex, index + 1);
        heapsChanged();
        lfh.clearUsage(index + 1);
        nt.initSegment(h, 0, base, reserve, commit, base + l.heapBlockSize, heapUnits);
        if ((process.globalFlags() & FLG_HEAP_ENABLE_TAGGING) != 0) {
            tags.enablePseudoTags(h);
        }
        if ("on".equals(process.config().lfh()) && !pageHeap.enabled() && lfhAllowed(h)) {
            mem.writeByte(h + l.heapFrontEndHeapType, HeapConstants.HEAP_COMPATIBILITY_LFH); // lfh "on": from the start
        }
        heapsChanged(); // the fields written since the list changed
        return h;
    }

    public boolean heapDestroy(long heap) {
        mem.enterTrusted();
        try {
            return destroy(heap);
        } finally {
            mem.leaveTrusted();
        }
    }

    private boolean destroy(long heap) {
        if (!checkHeap(heap)) {
            return false;
        }
        if (pageHeap.isPageHeap(heap)) {
            return pageHeap.destroy(heap);
        }
        if (heap == processHeap()) {
            // The process heap cannot be destroyed; RtlDestroyHeap refuses it (last error assumed INVALID_PARAMETER).
            process.setLastError(ERROR_INVALID_PARAMETER);
            return false;
        }
        long vaHead = heap + l.heapVirtualAllocdBlocks;
        List<Long> regions = new ArrayList<>();
        for (long cur = e.flink(vaHead); cur != vaHead; cur = e.flink(cur)) {
            regions.add(cur);
        }
        for (int i = HeapConstants.HEAP_SEGMENTS - 1; i >= 1; i--) {
            long seg = nt.segment(heap, i);
            if (seg != 0) {
                regions.add(mem.readPtr(seg + l.segBaseAddress));
            }
        }
        removeFromProcessList(heap);
        nt.forgetIndexes(heap);
        for (long r : regions) {
            mem.virtualFree(r, 0, AddressSpace.MEM_RELEASE);
        }
        mem.virtualFree(heap, 0, AddressSpace.MEM_RELEASE);
        return true;
    }

    // ------------------------------------------------------------------------------------------ alloc, free

    /** For tests: see {@link NtHeap#mirrorListZero}. */
    long mirrorListZero(boolean on) {
        return nt.mirrorListZero(on);
    }

    public long heapAlloc(long heap, long flags, long size) {
        mem.enterTrusted();
        try {
            return allocate(heap, flags, size);
        } finally {
            mem.leaveTrusted();
        }
    }

    private long allocate(long heap, long flags, long size) {
        int kind = heapKind(heap);
        if (kind != NORMAL_HEAP) {
            return kind == PAGE_HEAP ? pageHeap.allocate(heap, flags, size) : 0;
        }
        reports.validateOnCall(heap);
        int tag = HeapTags.tagOfFlags(flags);
        if (tag == 0) {
            tag = tagByDll();
        }
        long all = (flags & ~HeapTags.HEAP_TAG_MASK) | nt.forceFlags(heap);
        boolean extra = needsExtra(heap, all, tag);
        if (!extra) {
            long chunk = lfhAllocate(heap, all, size & l.arch.pointerMask());
            if (chunk != 0) {
                return chunk;
            }
        }
        long p = nt.allocate(heap, all, size & l.arch.pointerMask(), extra);
        if (p == 0) {
            return failNoMemory(all, size);
        }
        tagNewBlock(heap, p - l.g, tag, "RtlAllocateHeap");
        return p;
    }

    /**
     * The LFH bucket of a request when the LFH has a part in it, else 0: the heap may have the LFH and the request is
     * at most 16 KB. In lfh "off" only a heap whose value was set to 2 qualifies (no counting, as Windows XP).
     */
    private int lfhBucket(long heap, long size) {
        if (Long.compareUnsigned(size, LowFragmentationHeap.MAXIMUM_REQUEST) > 0
            || lfhOff && frontEndHeapType(heap) != HeapConstants.HEAP_COMPATIBILITY_LFH
            || !ntLfhAllowed(heap)) {
            return 0;
        }
        return LowFragmentationHeap.bucketOf(size);
    }

    /**
     * Whether the LFH serves a request of `bucket`: the heap's value is 2 and, in lfh "auto" (Windows 7+), the class
     * has had its 0x12 requests (heap-facts.md 1.11.17: with 2 set by hand, 0x11 requests still make no LFH block).
     * Choice: in "on" and "off" (2 from the start, or set by the call as on Windows XP) every class is served at once.
     */
    private boolean lfhServes(long heap, int bucket) {
        return frontEndHeapType(heap) == HeapConstants.HEAP_COMPATIBILITY_LFH
            && (!lfhAuto || lfh.bucketActive(heap, bucket));
    }

    /** The LFH's way to the back end of the heap it last served (UserBlocks and the LFH structure come from there). */
    private long backEndHeap;
    private java.util.function.LongUnaryOperator backEnd;

    /**
     * An LFH chunk for a request (HeapAlloc, or a HeapReAlloc that moves), or 0 for the back end: requests the LFH
     * has no part in ({@link #lfhBucket}), classes it does not serve yet ({@link #lfhServes}), and no room for a new
     * UserBlocks. In lfh "auto" a request the back end serves is counted for its class, and the 0x12th turns the
     * class, and the heap's value, to the LFH; that request itself still goes to the back end (1.11.17).
     */
    private long lfhAllocate(long heap, long flags, long size) { // callers have ruled out a page heap
        int bucket = lfhBucket(heap, size);
        if (bucket == 0) {
            return 0;
        }
        if (lfhServes(heap, bucket)) {
            if (heap != backEndHeap) { // one callback per heap, not one per allocation
                backEndHeap = heap;
                backEnd = bytes -> nt.allocate(heap, 0, bytes, false);
            }
            return lfh.allocate(heap, size, (flags & HeapConstants.HEAP_ZERO_MEMORY) != 0, backEnd);
        }
        // A page heap's NormalHeap never takes the LFH (the heap debugging tools exclude it, heap-facts.md 2), though
        // its requests are counted as any heap's.
        if (lfhAuto && lfh.countRequest(heap, bucket) && !pageHeap.isNormalHeap(heap)) {
            mem.writeByte(heap + l.heapFrontEndHeapType, HeapConstants.HEAP_COMPATIBILITY_LFH);
            heapsChanged();
        }
        return 0;
    }

    private static final long FLG_HEAP_ENABLE_TAGGING = 0x800;
    private static final long FLG_USER_STACK_TRACE_DB = 0x1000;
    private static final long FLG_HEAP_ENABLE_TAG_BY_DLL = 0x8000;

    /**
     * With {@code +htd} an untagged allocation gets the global tag of the module that called the heap, made at its
     * first use; the caller is always the program's image here, so the tag is named after it ({@code demo.exe}).
     * Returns 0 without the flag.
     */
    private int tagByDll() {
        if ((process.globalFlags() & FLG_HEAP_ENABLE_TAG_BY_DLL) == 0) {
            return 0;
        }
        long globalHeap = process.globalTagHeap();
        for (HeapTags.TagCount tag : tags.tags(globalHeap)) {
            if (tag.name().equals(process.imageName())) {
                return tag.index();
            }
        }
        long created = tags.create(globalHeap, true, List.of(process.imageName()));
        return created < 0 ? 0 : HeapTags.tagOfFlags(created);
    }

    /**
     * Whether a new block gets a HEAP_ENTRY_EXTRA: a tag, pseudo-tags, stack traces or a settable value (1.4 step 3),
     * or, beyond 1.4, a heap that validates parameters or everything: Wine's layout test pads such blocks by
     * 2 * sizeof(void *), and the debug heap's observed 12-byte block ends in an 8-byte HEAP_ENTRY_EXTRA of zeros with
     * flags 7 (1.8). (Wine's padding flags also name 0x10000000, which no gflag here sets.)
     */
    private boolean needsExtra(long heap, long flags, int tag) {
        return tag != 0 || (flags & HeapConstants.HEAP_SETTABLE_USER_VALUE) != 0 || nt.hasPseudoTags(heap)
            || (nt.flags(heap) & (HeapConstants.HEAP_CAPTURE_STACK_BACKTRACES
            | HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED | HeapConstants.HEAP_VALIDATE_ALL_ENABLED)) != 0;
    }

    /**
     * Records a new busy block's tag (the given one, else its pseudo-tag) and back trace in its HEAP_ENTRY_EXTRA and
     * counts it under the tag.
     */
    private void tagNewBlock(long heap, long entry, int tag, String function) {
        if (tags.extraAddress(entry, e) == 0) {
            return;
        }
        long bytes = blockBytes(entry);
        int index = tag != 0 ? tag : tags.hasPseudoTags(heap)
            ? HeapTags.HEAP_PSEUDO_TAG_FLAG | tags.pseudoIndexOf(bytes) : 0;
        int trace = 0;
        if ((nt.flags(heap) & HeapConstants.HEAP_CAPTURE_STACK_BACKTRACES) != 0) {
            trace = process.stackTraces().add(process.modules().backTrace(function, process.stepNumber()));
        }
        tags.setExtra(entry, e, index, trace);
        tags.count(heap, process.globalTagHeap(), index, 1, 0, bytes);
    }

    /** The bytes a busy block takes: its entry's size, or a virtual block's committed size. */
    private long blockBytes(long entry) {
        if ((e.flags(entry) & HEAP_ENTRY_VIRTUAL_ALLOC) != 0) {
            return mem.readPtr(entry - l.vaBusyBlock + l.vaCommitSize);
        }
        return e.bytes(e.size(entry));
    }

    /** RtlCreateTagHeap (the call language's HeapCreateTags): see {@link HeapTags}; 0 when it fails. */
    public long heapCreateTags(long heap, List<String> names) {
        mem.enterTrusted();
        try {
            return createTags(heap, names);
        } finally {
            mem.leaveTrusted();
        }
    }

    private long createTags(long heap, List<String> names) {
        if (heap != 0 && !checkHeap(heap)) {
            return 0;
        }
        heap = pageHeap.isPageHeap(heap) ? pageHeap.normalHeap(heap) : heap; // choice: a page heap's NormalHeap
        long result = heap == 0 ? tags.create(process.globalTagHeap(), true, names) : tags.create(heap, false, names);
        if (result < 0) {
            process.setLastError(ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        return result;
    }

    private long failNoMemory(long flags, long size) {
        process.setLastError(ERROR_NOT_ENOUGH_MEMORY);
        if ((flags & HEAP_GENERATE_EXCEPTIONS) != 0) {
            throw new ProcessFault(HeapConstants.STATUS_NO_MEMORY,
                "Unknown exception - code c0000017 (first chance)\n"
                    + "STATUS_NO_MEMORY: the heap could not satisfy a request of " + hex(size) + " bytes"
                    + " (HEAP_GENERATE_EXCEPTIONS)");
        }
        return 0;
    }

    public boolean heapFree(long heap, long flags, long mem) {
        this.mem.enterTrusted();
        try {
            return free(heap, flags, mem);
        } finally {
            this.mem.leaveTrusted();
        }
    }

    private boolean free(long heap, long flags, long mem) {
        if (mem == 0) {
            return true;
        }
        int kind = heapKind(heap);
        if (kind != NORMAL_HEAP) {
            return kind == PAGE_HEAP && pageHeap.free(heap, flags, mem);
        }
        reports.validateOnCall(heap);
        int chunk = lfh.freeChunkAt(heap, mem);
        if (chunk != LowFragmentationHeap.NOT_A_CHUNK) {
            if (chunk == LowFragmentationHeap.NOT_BUSY) {
                reports.invalidAddress("RtlFreeHeap", heap, mem);
                return false;
            }
            return true;
        }
        long header = busyHeader(heap, mem);
        if (header == 0) {
            reports.invalidAddress("RtlFreeHeap", heap, mem);
            return false;
        }
        long entry = mem - l.g;
        int entryFlags = HeapEntries.flagsOf(header);
        reports.checkTail(entry, entryFlags);
        // Only a block with HEAP_ENTRY_EXTRA or a virtual-alloc header has a tag (HeapTags#extraAddress).
        int tag = (entryFlags & (HEAP_ENTRY_EXTRA_PRESENT | HEAP_ENTRY_VIRTUAL_ALLOC)) == 0 ? 0
            : tags.tagIndexOf(entry, e);
        if (tag != 0) { // an untagged block costs a free nothing more
            tags.count(heap, process.globalTagHeap(), tag, 0, 1, -blockBytes(entry));
            header = e.header(entry); // the tag counts were written since it was read
        }
        if ((HeapEntries.flagsOf(header) & HEAP_ENTRY_VIRTUAL_ALLOC) != 0) {
            nt.freeVirtual(heap, entry);
        } else {
            nt.freeBlock(heap, entry, header);
        }
        return true;
    }

    public long heapReAlloc(long heap, long flags, long mem, long size) {
        this.mem.enterTrusted();
        try {
            return reAllocate(heap, flags, mem, size);
        } finally {
            this.mem.leaveTrusted();
        }
    }

    private long reAllocate(long heap, long flags, long mem, long size) {
        int kind = heapKind(heap);
        if (kind != NORMAL_HEAP) {
            return kind == PAGE_HEAP ? pageHeap.reAllocate(heap, flags, mem, size) : 0;
        }
        size &= l.arch.pointerMask(); // SIZE_T, as in HeapAlloc
        int newTag = HeapTags.tagOfFlags(flags);
        long all = (flags & ~HeapTags.HEAP_TAG_MASK) | nt.forceFlags(heap);
        if (mem == 0) {
            // HeapReAlloc(heap, 0, NULL, n) fails with NULL, the last error NO_ERROR (heap-facts.md 1.11.3).
            process.setLastError(0);
            return 0;
        }
        reports.validateOnCall(heap);
        LowFragmentationHeap.Chunk chunk = lfh.chunkAt(heap, mem);
        if (chunk != null) {
            return reAllocateChunk(heap, all, chunk, size);
        }
        long header = busyHeader(heap, mem); // Size, Flags, PreviousSize, SegmentOffset, UnusedBytes
        if (header == 0) {
            reports.invalidAddress("RtlReAllocateHeap", heap, mem);
            return 0;
        }
        long entry = mem - l.g;
        int entryFlags = HeapEntries.flagsOf(header);
        reports.checkTail(entry, entryFlags);
        long max = nt.maximumAllocationSize(heap);
        if (Long.compareUnsigned(size, max) > 0) {
            return failNoMemory(all, size);
        }
        // A block with neither HEAP_ENTRY_EXTRA nor a virtual-alloc header has no tag, before and after a resize in
        // place (which keeps both flags): most blocks, so their tag fields are not looked for.
        boolean tagless = (entryFlags & (HEAP_ENTRY_EXTRA_PRESENT | HEAP_ENTRY_VIRTUAL_ALLOC)) == 0;
        // A block keeps its tag through a reallocation unless the call names another (assumed, as RtlpUpdateTagEntry's
        // ReAllocationAction moves the bytes between tags only when the flags carry a tag).
        int oldTag = tagless ? 0 : tags.tagIndexOf(entry, e);
        long oldBytes = (entryFlags & HEAP_ENTRY_VIRTUAL_ALLOC) != 0 ? blockBytes(entry)
            : e.bytes(HeapEntries.sizeOf(header));
        if (nt.resizeInPlace(heap, entry, header, all, size)) {
            if (!tagless) {
                retag(heap, entry, oldTag, newTag, oldBytes);
            }
            return mem;
        }
        if ((all & HEAP_REALLOC_IN_PLACE_ONLY) != 0) {
            return failNoMemory(all, size);
        }
        long oldSize = nt.requestedSize(entry);
        int tag = newTag != 0 ? newTag : (oldTag & HeapTags.HEAP_PSEUDO_TAG_FLAG) != 0 ? 0 : oldTag;
        boolean extra = needsExtra(heap, all, tag);
        // A block that moves is a new request: with the LFH on, the LFH serves it when it can (as HeapAlloc would).
        long moved = extra ? 0 : lfhAllocate(heap, all & ~HeapConstants.HEAP_ZERO_MEMORY, size);
        if (moved == 0) {
            moved = nt.allocate(heap, all & ~HeapConstants.HEAP_ZERO_MEMORY, size, extra);
            if (moved == 0) {
                return failNoMemory(all, size);
            }
            tagNewBlock(heap, moved - l.g, tag, "RtlReAllocateHeap");
        }
        tags.count(heap, process.globalTagHeap(), oldTag, 0, 1, -oldBytes);
        this.mem.copy(moved, mem, Math.min(oldSize, size));
        if ((all & HeapConstants.HEAP_ZERO_MEMORY) != 0 && size > oldSize) {
            this.mem.fill(moved + oldSize, size - oldSize, 0);
        }
        if ((e.flags(entry) & HEAP_ENTRY_VIRTUAL_ALLOC) != 0) {
            nt.freeVirtual(heap, entry);
        } else {
            nt.freeBlock(heap, entry);
        }
        return moved;
    }

    /**
     * HeapReAlloc of an LFH chunk: in place within its bucket; else (unless HEAP_REALLOC_IN_PLACE_ONLY) a new LFH
     * chunk or back-end block, the data copied and the chunk freed.
     */
    private long reAllocateChunk(long heap, long all, LowFragmentationHeap.Chunk chunk, long size) {
        if (!chunk.busy()) {
            reports.invalidAddress("RtlReAllocateHeap", heap, chunk.user());
            return 0;
        }
        boolean zero = (all & HeapConstants.HEAP_ZERO_MEMORY) != 0;
        if (lfh.resizeInPlace(chunk, size, zero)) {
            return chunk.user();
        }
        if ((all & HEAP_REALLOC_IN_PLACE_ONLY) != 0) {
            return failNoMemory(all, size);
        }
        long plain = all & ~HeapConstants.HEAP_ZERO_MEMORY;
        long moved = lfhAllocate(heap, plain, size);
        if (moved == 0) {
            moved = nt.allocate(heap, plain, size, false);
        }
        if (moved == 0) {
            return failNoMemory(all, size);
        }
        this.mem.copy(moved, chunk.user(), Math.min(chunk.requested(), size));
        if (zero && size > chunk.requested()) {
            this.mem.fill(moved + chunk.requested(), size - chunk.requested(), 0);
        }
        lfh.free(chunk);
        return moved;
    }

    /** Moves a block resized in place from its old tag's count to its new one (a new tag, or a new pseudo-tag). */
    private void retag(long heap, long entry, int oldTag, int newTag, long oldBytes) {
        if (tags.extraAddress(entry, e) == 0) {
            return;
        }
        long bytes = blockBytes(entry);
        int tag = newTag != 0 ? newTag : (oldTag & HeapTags.HEAP_PSEUDO_TAG_FLAG) != 0
            ? HeapTags.HEAP_PSEUDO_TAG_FLAG | tags.pseudoIndexOf(bytes) : oldTag;
        if (tag == oldTag) {
            tags.count(heap, process.globalTagHeap(), tag, 0, 0, bytes - oldBytes);
        } else {
            tags.count(heap, process.globalTagHeap(), oldTag, 0, 1, -oldBytes);
            tags.count(heap, process.globalTagHeap(), tag, 1, 0, bytes);
            tags.setExtra(entry, e, tag, tags.backTraceIndexOf(entry, e));
        }
    }

    public long heapSize(long heap, long flags, long mem) {
        if (!checkHeap(heap)) {
            return l.arch.pointerMask();
        }
        if (pageHeap.isPageHeap(heap)) {
            return pageHeap.size(heap, flags, mem);
        }
        reports.validateOnCall(heap);
        LowFragmentationHeap.Chunk chunk = lfh.chunkAt(heap, mem);
        if (chunk != null) {
            if (!chunk.busy()) {
                reports.invalidAddressToSize(heap, mem); // a freed chunk, as a freed block
                return l.arch.pointerMask();
            }
            return chunk.requested();
        }
        long entry = busyEntry(heap, mem);
        if (entry == 0) {
            reports.invalidAddressToSize(heap, mem);
            return l.arch.pointerMask();
        }
        if ((nt.flags(heap) & HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED) != 0) {
            reports.checkTail(entry); // RtlSizeHeap looks at the tail only when validating parameters (1.11.20)
        }
        return nt.requestedSize(entry);
    }

    /**
     * HeapCompact: the size in bytes of the largest committed free block, after coalescing adjacent free blocks when
     * the heap does not coalesce on free (MS docs; else they are coalesced already); 0 with NO_ERROR when nothing is
     * free, 0 with the last error for a bad handle.
     */
    public long heapCompact(long heap, long flags) {
        if (!checkHeap(heap)) {
            return 0;
        }
        heap = pageHeap.isPageHeap(heap) ? pageHeap.normalHeap(heap) : heap; // choice: a page heap's NormalHeap
        if ((nt.flags(heap) & HeapConstants.HEAP_DISABLE_COALESCE_ON_FREE) != 0) {
            HeapInfo info = read(heap);
            mem.enterTrusted();
            try {
                nt.coalesceFreeBlocks(heap, info);
            } finally {
                mem.leaveTrusted();
            }
        }
        long largest = nt.largestFreeBlockBytes(heap);
        if (largest == 0) {
            process.setLastError(0);
        }
        return largest;
    }

    /**
     * HeapValidate reports without breaking: a damaged tail or free fill prints its HEAP message and makes it FALSE
     * (heap-facts.md 1.9, 1.11.20, 21), so a scenario can test it, and so does a pointer that is no busy block
     * (RtlValidateHeap's "Invalid address specified"); the break comes from HeapFree, HeapReAlloc,
     * HeapSize (with parameter checking) and the reuse of a free block.
     */
    public boolean heapValidate(long heap, long flags, long mem) {
        if (!isHeap(heap)) {
            return false;
        }
        if (pageHeap.isPageHeap(heap)) {
            return pageHeap.validate(heap, flags, mem);
        }
        if (mem != 0) {
            if (!this.mem.isReadable(mem - l.g, l.g)) {
                process.setLastError(HeapConstants.ERROR_NOACCESS); // a foreign pointer (Wine's test: 0xdeadbe00)
                return false;
            }
            LowFragmentationHeap.Chunk chunk = lfh.chunkAt(heap, mem);
            if (chunk != null) {
                if (!chunk.busy()) {
                    reports.printInvalidAddress("RtlValidateHeap", heap, mem); // a freed chunk, as a freed block
                }
                return chunk.busy();
            }
            long entry = busyEntry(heap, mem);
            if (entry == 0) {
                reports.printInvalidAddress("RtlValidateHeap", heap, mem);
                return false; // a freed pointer: FALSE, last error untouched
            }
            boolean intact = reader.tailIntact(entry);
            if (!intact) {
                reports.reportOnValidate(heap, entry);
            }
            return intact;
        }
        boolean sound = reader.validate(heap).isEmpty();
        if (!sound) {
            reports.reportOnValidate(heap, 0);
        }
        return sound && lfh.validate(heap).isEmpty();
    }

    /**
     * HeapWalk: writes the heap's entry after the one the PROCESS_HEAP_ENTRY at `entry` holds (the first when its
     * lpData is NULL) over it; false with ERROR_NO_MORE_ITEMS after the last one (see {@link HeapWalker}).
     */
    public boolean heapWalk(long heap, long entry) {
        if (!checkHeap(heap)) {
            return false;
        }
        heap = pageHeap.isPageHeap(heap) ? pageHeap.normalHeap(heap) : heap; // choice: a page heap's NormalHeap
        int error = new HeapWalker(mem, l).step(read(heap), lfh.chunks(heap), entry);
        if (error != HeapConstants.ERROR_SUCCESS) {
            process.setLastError(error);
        }
        return error == HeapConstants.ERROR_SUCCESS;
    }

    // ------------------------------------------------------------------------------------------ information

    /**
     * HeapQueryInformation(heap, HeapCompatibilityInformation, buffer, length, returnLength) (heap-facts.md 1.11.16):
     * writes sizeof(ULONG) to returnLength (when not NULL) in every case, then the heap's value (0, or 2 for the
     * LFH: the _HEAP's FrontEndHeapType) to the buffer; a NULL buffer or one shorter than a ULONG fails with
     * ERROR_INSUFFICIENT_BUFFER. Another class fails with ERROR_INVALID_PARAMETER (assumed: STATUS_INVALID_INFO_CLASS).
     */
    public boolean heapQueryInformation(long heap, long infoClass, long buffer, long length, long returnLength) {
        if (infoClass != HeapConstants.HEAP_COMPATIBILITY_INFORMATION) {
            process.setLastError(ERROR_INVALID_PARAMETER);
            return false;
        }
        if (!checkHeap(heap)) {
            return false;
        }
        if (returnLength != 0) {
            mem.writePtr(returnLength, 4); // a SIZE_T
        }
        if (buffer == 0 || length < 4) {
            process.setLastError(HeapConstants.ERROR_INSUFFICIENT_BUFFER);
            return false;
        }
        mem.writeU32(buffer, compatibility(heap));
        return true;
    }

    /**
     * HeapSetInformation (heap-facts.md 1.11.16, section 2). HeapEnableTerminationOnCorruption is accepted whatever
     * the handle and buffer and turns on, for good, the critical failure report at every corruption the heap detects,
     * which then also stops a heap without the debug flags (see {@link HeapReports#corruptionBreak}).
     * HeapCompatibilityInformation reads a ULONG from the buffer (NULL or short: ERROR_INSUFFICIENT_BUFFER, assumed);
     * 2 turns the LFH on, and it cannot be undone: any other value then fails with ERROR_GEN_FAILURE. Choices where
     * sources are silent: setting the value a heap already has succeeds; 1 (XP's look-aside lists, gone since Vista)
     * and values above 2 fail with ERROR_GEN_FAILURE; 2 fails with ERROR_GEN_FAILURE on a heap that cannot have the
     * LFH ({@link #lfhAllowed}).
     */
    public boolean heapSetInformation(long heap, long infoClass, long buffer, long length) {
        mem.enterTrusted();
        try {
            return setInformation(heap, infoClass, buffer, length);
        } finally {
            mem.leaveTrusted();
        }
    }

    private boolean setInformation(long heap, long infoClass, long buffer, long length) {
        if (infoClass == HeapConstants.HEAP_ENABLE_TERMINATION_ON_CORRUPTION) {
            mem.writeU32(process.terminationOnCorruptionSwitch(), 1); // for the whole process, whatever the handle
            return true;
        }
        if (infoClass != HeapConstants.HEAP_COMPATIBILITY_INFORMATION) {
            process.setLastError(ERROR_INVALID_PARAMETER);
            return false;
        }
        if (!checkHeap(heap)) {
            return false;
        }
        if (buffer == 0 || length < 4) {
            process.setLastError(HeapConstants.ERROR_INSUFFICIENT_BUFFER);
            return false;
        }
        long value = mem.readU32(buffer);
        int current = compatibility(heap);
        if (value == current) {
            return true;
        }
        if (value != HeapConstants.HEAP_COMPATIBILITY_LFH || !lfhAllowed(heap)) {
            process.setLastError(HeapConstants.ERROR_GEN_FAILURE);
            return false;
        }
        mem.writeByte(heap + l.heapFrontEndHeapType, HeapConstants.HEAP_COMPATIBILITY_LFH);
        heapsChanged();
        return true;
    }

    /** A heap's HeapCompatibilityInformation value: its FrontEndHeapType (a page heap: 0). */
    public int compatibility(long heap) {
        if (pageHeap.isPageHeap(heap)) {
            return 0;
        }
        return frontEndHeapType(heap);
    }

    /** An NT heap's FrontEndHeapType. */
    private int frontEndHeapType(long heap) {
        return nt.frontEndHeapType(heap);
    }

    /**
     * Whether a heap may have the LFH: a growable, serialized NT heap without the debug heap's flags (MS docs of
     * HeapSetInformation: not with HEAP_NO_SERIALIZE, a fixed size, or the heap debugging tools); never a page heap
     * or a page heap's NormalHeap.
     */
    public boolean lfhAllowed(long heap) {
        return !pageHeap.isPageHeap(heap) && ntLfhAllowed(heap) && !pageHeap.isNormalHeap(heap);
    }

    /** {@link #lfhAllowed} for a heap known not to be a page heap. */
    private boolean ntLfhAllowed(long heap) {
        long flags = nt.flags(heap);
        return (flags & HEAP_GROWABLE) != 0 && (flags & HeapConstants.HEAP_NO_SERIALIZE) == 0
            && (flags & HeapReports.DEBUG_HEAP_FLAGS) == 0;
    }

    /** Problems found by a whole-heap validation (heap-facts.md 1.10), empty when the heap is sound. */
    public List<String> validationErrors(long heap) {
        List<String> errors = new ArrayList<>(reader.validate(heap));
        errors.addAll(lfh.validate(heap));
        return errors;
    }

    /** The back end's part of {@link #validationErrors}: without the LFH's (see LowFragmentationHeap#problems). */
    public List<String> backEndValidationErrors(long heap) {
        return reader.validate(heap);
    }

    /**
     * Sets or clears HEAP_VALIDATE_ALL_ENABLED and HEAP_VALIDATE_PARAMETERS_ENABLED in the _HEAP's Flags and
     * ForceFlags ({@code !heap -E -D -e -d}); both fields carry these bits (heap-facts.md 1.7).
     */
    public void setValidationFlags(long heap, long bits, boolean on) {
        long valid = HeapConstants.HEAP_VALIDATE_ALL_ENABLED | HeapConstants.HEAP_VALIDATE_PARAMETERS_ENABLED;
        if ((bits & ~valid) != 0 || !isHeap(heap)) {
            throw new IllegalArgumentException("not a validation flag of a heap: " + hex(bits) + ", " + hex(heap));
        }
        for (long field : new long[] {heap + l.heapFlags, heap + l.heapForceFlags}) {
            long value = mem.readU32(field);
            mem.writeU32(field, on ? value | bits : value & ~bits);
        }
        heapsChanged();
    }

    /** The user-requested size of the busy block whose HEAP_ENTRY is at `entry`. */
    public long requestedSize(long entry) { return nt.requestedSize(entry); }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    // ------------------------------------------------------------------------------------------ checks

    /**
     * The heap code changed the process's heap list, created or destroyed a heap, or wrote a field that the NT heap's
     * and the LFH's memos hold.
     */
    private void heapsChanged() {
        nt.heapsChanged();
        lfh.forgetMemos();
    }

    /**
     * A heap handle that is not in the process's list: reading its _HEAP faults when the memory is not readable
     * (as RtlAllocateHeap would), else the call fails with ERROR_INVALID_HANDLE (assumed; Windows' behaviour on a
     * readable non-heap is undefined).
     */
    private static final int NORMAL_HEAP = 0;
    private static final int PAGE_HEAP = 1;
    private static final int BAD_HANDLE = 2;

    /**
     * What a call on `heap` goes to: the NT heap (a heap of the process's list that is no page heap, remembered
     * while nothing could have changed that, {@link NtHeap#isKnown}), the page heap, or nowhere: a bad handle, with
     * the last error set as {@link #checkHeap} does.
     */
    private int heapKind(long heap) {
        if (nt.isKnown(heap)) {
            return NORMAL_HEAP;
        }
        if (!checkHeap(heap)) {
            return BAD_HANDLE;
        }
        if (pageHeap.isPageHeap(heap)) {
            return PAGE_HEAP;
        }
        nt.know(heap);
        return NORMAL_HEAP;
    }

    /**
     * HeapLock / HeapUnlock: TRUE for a heap of the process (a HEAP_NO_SERIALIZE heap too, heap-facts.md 1.11.19).
     * Assumed: with one thread the lock is always free, so taking it changes nothing a view or command shows.
     */
    public boolean heapLock(long heap) {
        return checkHeap(heap);
    }

    boolean checkHeap(long heap) {
        if (isHeap(heap)) {
            return true;
        }
        long flagsAddress = heap + l.heapFlags;
        if (!mem.isReadable(flagsAddress, 4)) {
            throw new AccessViolation(flagsAddress, false, l.arch.ptrTick(flagsAddress));
        }
        process.setLastError(ERROR_INVALID_HANDLE);
        return false;
    }

    /** The HEAP_ENTRY of a busy block of this heap whose user pointer is `user`, or 0 ({@link #busyHeader}). */
    long busyEntry(long heap, long user) {
        return busyHeader(heap, user) != 0 ? user - l.g : 0;
    }

    /**
     * The header of a busy block of this heap whose user pointer is `user` ({@link HeapEntries#header}: never 0, as
     * its BUSY flag is set), or 0. Checked in O(1) as the heap
     * does: alignment, BUSY flag, a valid segment, and the PreviousSize links of its neighbours. The LFH's own
     * blocks (its structure and UserBlocks) are not the program's: 0.
     */
    private long busyHeader(long heap, long user) {
        if ((user & (l.g - 1)) != 0 || user < l.g || lfh.isOwnBlock(heap, user)) {
            return 0;
        }
        long entry = user - l.g;
        long header; // Size, Flags, PreviousSize and SegmentOffset in one read
        try {
            header = e.header(entry);
        } catch (AccessViolation fault) {
            return 0; // not readable (an aligned HEAP_ENTRY lies in one page: the read checks all of it)
        }
        int flags = HeapEntries.flagsOf(header);
        if ((flags & HEAP_ENTRY_BUSY) == 0) {
            return 0;
        }
        if ((flags & HEAP_ENTRY_VIRTUAL_ALLOC) != 0) {
            long base = entry - l.vaBusyBlock;
            long head = heap + l.heapVirtualAllocdBlocks;
            for (long cur = e.flink(head); cur != head; cur = e.flink(cur)) {
                if (cur == base) {
                    return header;
                }
            }
            return 0;
        }
        int segIndex = HeapEntries.segmentOffsetOf(header);
        if (segIndex >= HeapConstants.HEAP_SEGMENTS) {
            return 0;
        }
        long seg = nt.segment(heap, segIndex);
        if (seg == 0) {
            return 0;
        }
        long first = nt.firstEntry(heap, segIndex, seg);
        long lastValid = nt.lastValidEntry(heap, segIndex, seg);
        int units = HeapEntries.sizeOf(header);
        long end = entry + e.bytes(units);
        if (entry < first || end > lastValid || units == 0) {
            return 0;
        }
        int prevUnits = HeapEntries.previousSizeOf(header);
        long prev = entry - e.bytes(prevUnits);
        boolean afterHole = prevUnits == 0 && (entry & (PAGE - 1)) == 0 && entry - PAGE >= seg
            && !mem.isCommitted(entry - PAGE); // the first block after an uncommitted range has PreviousSize 0
        if (!afterHole && (prevUnits == 0 || prev < seg || e.size(prev) != prevUnits)) {
            return 0;
        }
        if ((flags & HEAP_ENTRY_LAST_ENTRY) == 0) {
            try {
                if (e.previousSize(end) != units) {
                    return 0;
                }
            } catch (AccessViolation fault) {
                return 0;
            }
        }
        return header;
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Decodes one heap from memory. */
    public HeapInfo read(long heap) {
        heap = pageHeap.isPageHeap(heap) ? pageHeap.normalHeap(heap) : heap; // choice: a page heap's NormalHeap
        return reader.read(heap, heapHandles().indexOf(heap) + 1);
    }

    /** The block (of any heap) containing an address, with its heap, or null. */
    public HeapBlock findBlock(long address) {
        for (long h : heapHandles()) {
            HeapBlock b = read(h).blockAt(address);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** The heap that owns the block containing an address, or 0. */
    public long heapOf(long address) {
        for (long h : heapHandles()) {
            if (read(h).blockAt(address) != null) {
                return h;
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------ page heap support

    /** Creates the NT heap a page heap keeps for light blocks (its NormalHeap), in the heap list. */
    public long createNormalHeap(long flags) {
        return createHeap(flags, 0x100000, 0x400L * l.p);
    }

    /** Appends a (page heap) handle to the PEB's ProcessHeaps array. */
    public void addToProcessList(long heap) {
        int index = (int) mem.readU32(pebNumberOfHeaps);
        mem.writePtr(heapsArray + (long) index * l.p, heap);
        mem.writeU32(pebNumberOfHeaps, index + 1);
        heapsChanged();
    }

    /**
     * Removes a heap's handle from the PEB's ProcessHeaps array, renumbering the heaps after it (their LFH request
     * counters move with them).
     */
    public void removeFromProcessList(long heap) {
        List<Long> handles = heapHandlesIncludingPageHeaps();
        int at = handles.indexOf(heap);
        int n = handles.size();
        for (int i = at; i < n - 1; i++) {
            long next = handles.get(i + 1);
            mem.writePtr(heapsArray + (long) i * l.p, next);
            mem.writeU16(next + l.heapProcessHeapsListIndex, i + 1);
            lfh.moveUsage(i + 2, i + 1);
        }
        lfh.clearUsage(n);
        mem.writePtr(heapsArray + (long) (n - 1) * l.p, 0);
        mem.writeU32(pebNumberOfHeaps, n - 1);
        heapsChanged();
    }

    /** Whether `user` is the user pointer of a busy block of the NT heap `heap`. */
    public boolean isBusyBlock(long heap, long user) { return busyEntry(heap, user) != 0; }

    public Object saveState() { return null; }

    public void restoreState(Object state) {
    }
}
