package heaplab.engine.pageheap;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;
import heaplab.engine.nt.HeapConstants;
import heaplab.engine.nt.HeapManager;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessFault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The debug page heap (gflags {@code +hpa}, heap-facts.md 3): the heaps created while FLG_HEAP_PAGE_ALLOCS is set
 * in the PEB's NtGlobalFlag. A page heap handle is a reservation whose first page stands for a _HEAP (filled with
 * 0xEE, with Flags, ForceFlags carrying HEAP_FLAG_PAGE_ALLOCS, and its ProcessHeapsListIndex), the
 * {@code _DPH_HEAP_ROOT} at handle + PAGE_SIZE, three pages of {@code _DPH_HEAP_BLOCK} nodes, then the virtual
 * storage full page heap blocks are carved from. Each root owns a "NormalHeap", an NT heap for light blocks.
 *
 * <p>Full page heap ({@code pageHeap: full}): each block on its own pages, its end against a committed
 * PAGE_NOACCESS guard page, the {@code DPH_BLOCK_INFORMATION} right before the user data; freed blocks are
 * decommitted, so any later touch faults. Light page heap ({@code pageHeap: light}): blocks in the NormalHeap with
 * the block information and a 0xA0 suffix, checked on free, then kept filled with 0xF0 in a delayed-free queue.
 *
 * <p>All of it lives in simulated memory (the root's lists, nodes, block information): nothing here changes with
 * the program, so snapshots and step back need nothing more.
 */
public final class PageHeap {
    /** FLG_HEAP_PAGE_ALLOCS in NtGlobalFlag. */
    public static final long FLG_HEAP_PAGE_ALLOCS = 0x02000000L;
    /** FLG_USER_STACK_TRACE_DB in NtGlobalFlag. */
    private static final long FLG_USER_STACK_TRACE_DB = 0x1000;
    /** Reservation of a page heap handle and of each further piece of virtual storage (ReactOS: 1 MB). */
    static final long RESERVE = 0x100000;
    /**
     * Bytes the delayed-free queue of light blocks may hold before the oldest go back to the NormalHeap. HeapLab's
     * choice: 1 MB, the order of the verifier's delayed free cache.
     */
    public static final long DELAYED_FREE_LIMIT = 0x100000;
    private static final int PAGE = AddressSpace.PAGE_SIZE;
    private static final int NODE_PAGES = 3;

    private final Process process;
    private final HeapManager heaps;
    private final AddressSpace mem;
    private final DphLayout d;
    private final int forceFlagsOffset;
    private final int flagsOffset;
    private final int listIndexOffset;
    private final DphNodes nodes;
    private final BlockChecks checks;

    public PageHeap(Process process, HeapManager heaps) {
        this.process = process;
        this.heaps = heaps;
        this.mem = process.memory();
        this.d = DphLayout.of(process.arch());
        this.forceFlagsOffset = heaps.layout().heapForceFlags;
        this.flagsOffset = heaps.layout().heapFlags;
        this.listIndexOffset = heaps.layout().heapProcessHeapsListIndex;
        this.nodes = new DphNodes(mem, d);
        this.checks = new BlockChecks(process, d);
    }

    /** The structures' layouts. */
    public DphLayout layout() { return d; }

    /** Whether heaps created now are page heaps: FLG_HEAP_PAGE_ALLOCS in the PEB's NtGlobalFlag. */
    public boolean enabled() { return (process.globalFlags() & FLG_HEAP_PAGE_ALLOCS) != 0; }

    /** Whether a handle (from the process's heap list) is a page heap's: its ForceFlags carry HEAP_FLAG_PAGE_ALLOCS. */
    public boolean isPageHeap(long handle) {
        long at = handle + forceFlagsOffset;
        return handle != 0 && (handle & (PAGE - 1)) == 0 && mem.isReadable(at, 4)
            && (mem.readU32(at) & DphLayout.HEAP_FLAG_PAGE_ALLOCS) != 0
            && mem.isReadable(handle + PAGE, 4) && mem.readU32(handle + PAGE) == DphLayout.ROOT_SIGNATURE;
    }

    /** Whether an NT heap is the NormalHeap of one of the process's page heaps (the heap of its light blocks). */
    public boolean isNormalHeap(long heap) {
        for (long handle : heaps.heapHandlesIncludingPageHeaps()) {
            if (handle != heap && isPageHeap(handle) && normalHeap(handle) == heap) {
                return true;
            }
        }
        return false;
    }

    /** The {@code _DPH_HEAP_ROOT} of a page heap handle. */
    public static long rootOf(long handle) { return handle + PAGE; }

    /**
     * The page heap flags a new heap gets: ENABLE_PAGE_HEAP for full page heap, COLLECT_STACK_TRACES with +ust.
     * Choice: gflags /p sets traces by default (flags 0x3); here they follow +ust, so traces come with the flag.
     */
    private long pageHeapFlags() {
        long flags = process.pageHeapFull() ? DphLayout.ENABLE_PAGE_HEAP : 0;
        if ((process.globalFlags() & FLG_USER_STACK_TRACE_DB) != 0) {
            flags |= DphLayout.COLLECT_STACK_TRACES;
        }
        return flags;
    }

    // ------------------------------------------------------------------------------------------ create, destroy

    /**
     * Creates a page heap with these _HEAP flags and adds its handle to the process's heap list; then its
     * NormalHeap (an NT heap, also in the list, as ReactOS' RtlCreateHeap adds it). Prints the page heap's
     * debug lines (heap-facts.md 3.1): the process line with the process heap, one line per heap. Returns 0
     * when the address space is full.
     */
    public long create(long flags, boolean processHeap) {
        long handle = mem.virtualAlloc(0, RESERVE, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
        if (handle == 0) {
            return 0;
        }
        mem.virtualAlloc(handle, rootPagesEnd(handle) - handle, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
        // Choice: the first page stays read-write (ReactOS makes it read-only) so the heap list can renumber it.
        mem.fillPattern32(handle, PAGE, DphLayout.DPH_FILL);
        mem.writeU32(handle + flagsOffset, flags);
        mem.writeU32(handle + forceFlagsOffset, (flags & HeapConstants.FORCE_FLAGS_MASK)
            | DphLayout.HEAP_FLAG_PAGE_ALLOCS);
        long extra = pageHeapFlags();
        long root = rootOf(handle);
        mem.fill(root, PAGE, 0);
        mem.writeU32(root + d.rootSignature, DphLayout.ROOT_SIGNATURE);
        mem.writeU32(root + d.rootHeapFlags, flags);
        mem.writeU32(root + d.rootExtraFlags, extra);
        mem.writePtr(root + d.rootNodePoolNext, handle + 2L * PAGE);
        mem.writePtr(root + d.rootNodePoolEnd, rootPagesEnd(handle));
        mem.writePtr(root + d.rootStorageNext, rootPagesEnd(handle));
        mem.writePtr(root + d.rootStorageEnd, handle + RESERVE);
        long queue = root + d.rootDelayFreeQueue;
        mem.writePtr(queue, queue);
        mem.writePtr(queue + d.p, queue);
        heaps.addToProcessList(handle);
        mem.writeU16(handle + listIndexOffset, heaps.heapHandlesIncludingPageHeaps().size());
        long normal = heaps.createNormalHeap(flags | HeapConstants.HEAP_GROWABLE);
        mem.writePtr(root + d.rootNormalHeap, normal);
        if (processHeap) {
            process.debugPrint(String.format(Locale.ROOT, "Page heap: pid 0x%X: page heap enabled with flags 0x%X.",
                VerifierStop.PID, extra));
        }
        // Choice: the XP-era line's "(00980000, flags 0x3)" read as the NormalHeap and the page heap flags.
        process.debugPrint(String.format(Locale.ROOT, "Page heap: process 0x%X created heap @ %s (%s, flags 0x%X)",
            VerifierStop.PID, upper(handle), upper(normal), extra));
        return handle;
    }

    /** HeapDestroy: the NormalHeap, the blocks' storage and the handle's reservation go; false for the process heap. */
    public boolean destroy(long handle) {
        if (handle == heaps.processHeap()) {
            process.setLastError(HeapConstants.ERROR_INVALID_PARAMETER);
            return false;
        }
        long root = rootOf(handle);
        long normal = mem.readPtr(root + d.rootNormalHeap);
        List<Long> storage = new ArrayList<>();
        for (long s = mem.readPtr(root + d.rootStorageList); s != 0; s = mem.readPtr(s)) {
            storage.add(s);
        }
        heaps.removeFromProcessList(handle);
        heaps.heapDestroy(normal);
        for (long s : storage) {
            mem.virtualFree(s, 0, AddressSpace.MEM_RELEASE);
        }
        mem.virtualFree(handle, 0, AddressSpace.MEM_RELEASE);
        return true;
    }

    // ------------------------------------------------------------------------------------------ alloc

    /** HeapAlloc on a page heap: a full or a light block as the heap was created; NULL when it cannot. */
    public long allocate(long handle, long flags, long size) {
        long root = rootOf(handle);
        flags |= mem.readU32(handle + forceFlagsOffset) & HeapConstants.FORCE_FLAGS_MASK;
        size &= d.arch.pointerMask();
        long max = d.arch == Arch.X86 ? 0x7FFE0000L : 0x7FFFFFFE0000L;
        long user = Long.compareUnsigned(size, max) > 0 ? 0 : isFull(root)
            ? allocateFull(root, flags, size, "RtlAllocateHeap") : allocateLight(root, flags, size, "RtlAllocateHeap");
        if (user == 0) {
            return failNoMemory(flags, size);
        }
        return user;
    }

    private boolean isFull(long root) {
        return (mem.readU32(root + d.rootExtraFlags) & DphLayout.ENABLE_PAGE_HEAP) != 0;
    }

    private long allocateFull(long root, long flags, long size, String function) {
        long rounded = AddressSpace.alignUp(size, d.alignment);
        long dataBytes = AddressSpace.alignUp(d.infoSize() + rounded, PAGE);
        long virtualSize = dataBytes + PAGE;
        long virtual = nodes.carve(root, virtualSize);
        if (virtual == 0) {
            return 0;
        }
        long node = nodes.newNode(root);
        mem.virtualAlloc(virtual, dataBytes, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
        mem.virtualAlloc(virtual + dataBytes, PAGE, AddressSpace.MEM_COMMIT, Protection.PAGE_NOACCESS);
        long user = virtual + dataBytes - rounded;
        long trace = captureTrace(root, function);
        writeInfo(user - d.infoSize(), DphLayout.FULL_BUSY_START, DphLayout.FULL_BUSY_END, root, size, rounded,
            trace);
        boolean zero = (flags & HeapConstants.HEAP_ZERO_MEMORY) != 0;
        mem.fill(user, size, zero ? 0 : DphLayout.FULL_FILL);
        mem.fill(user + size, rounded - size, DphLayout.FULL_SUFFIX);
        mem.writePtr(node + d.nodeUser, user);
        mem.writePtr(node + d.nodeVirtual, virtual);
        mem.writePtr(node + d.nodeVirtualSize, virtualSize);
        mem.writePtr(node + d.nodeAccessSize, dataBytes);
        mem.writePtr(node + d.nodeRequested, size);
        mem.writePtr(node + d.nodeActual, rounded);
        mem.writeU32(node + d.nodeUserFlags, flags);
        mem.writePtr(node + d.nodeStackTrace, trace);
        nodes.push(root + d.rootBusyList, node);
        mem.writePtr(root + d.rootBusyCount, mem.readPtr(root + d.rootBusyCount) + 1);
        return user;
    }

    private long allocateLight(long root, long flags, long size, String function) {
        long normal = mem.readPtr(root + d.rootNormalHeap);
        long actual = d.infoSize() + size + d.lightSuffix;
        long block = heaps.heapAlloc(normal, flags & ~(HeapConstants.HEAP_ZERO_MEMORY
            | HeapConstants.HEAP_GENERATE_EXCEPTIONS), actual);
        if (block == 0) {
            return 0;
        }
        long user = block + d.infoSize();
        writeInfo(block, DphLayout.LIGHT_BUSY_START, DphLayout.LIGHT_BUSY_END, root, size, actual,
            captureTrace(root, function));
        boolean zero = (flags & HeapConstants.HEAP_ZERO_MEMORY) != 0;
        mem.fill(user, size, zero ? 0 : DphLayout.LIGHT_FILL);
        mem.fill(user + size, d.lightSuffix, DphLayout.LIGHT_SUFFIX);
        return user;
    }

    private void writeInfo(long info, long start, long end, long root, long size, long actual, long trace) {
        mem.fill(info, d.infoSize(), 0);
        mem.writeU32(info + d.infoStartStamp, start);
        mem.writePtr(info + d.infoHeap, root);
        mem.writePtr(info + d.infoRequestedSize, size);
        mem.writePtr(info + d.infoActualSize, actual);
        mem.writePtr(info + d.infoStackTrace, trace);
        mem.writeU32(info + d.infoEndStamp, end);
    }

    /**
     * With COLLECT_STACK_TRACES, records the call's back trace in the process's stack trace database and returns
     * the address of its frames (the RTL_STACK_TRACE_ENTRY's BackTrace array, so {@code dds} on StackTrace lists
     * them); else 0.
     */
    private long captureTrace(long root, String function) {
        if ((mem.readU32(root + d.rootExtraFlags) & DphLayout.COLLECT_STACK_TRACES) == 0) {
            return 0;
        }
        int index = process.stackTraces().add(process.modules().pageHeapBackTrace(function, process.stepNumber()));
        return index == 0 ? 0 : process.stackTraces().backTraceAddress(index);
    }

    private long failNoMemory(long flags, long size) {
        process.setLastError(HeapConstants.ERROR_NOT_ENOUGH_MEMORY);
        if ((flags & HeapConstants.HEAP_GENERATE_EXCEPTIONS) != 0) {
            throw new ProcessFault(HeapConstants.STATUS_NO_MEMORY,
                "Unknown exception - code c0000017 (first chance)\n"
                    + "STATUS_NO_MEMORY: the page heap could not satisfy a request of 0x" + Long.toHexString(size)
                    + " bytes (HEAP_GENERATE_EXCEPTIONS)");
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------ free

    /**
     * HeapFree on a page heap. The block is checked first (stamps, then the suffix); damage is a verifier stop and
     * the run breaks before anything changes. A full block's pages are then decommitted (its node moves to the
     * freed list); a light block gets the freed stamps, 0xF0 over its data and joins the delayed-free queue.
     */
    public boolean free(long handle, long flags, long user) {
        long root = rootOf(handle);
        if (isFull(root)) {
            long node = nodes.findNode(root + d.rootBusyList, user);
            if (node == 0) {
                badPointer(root, user);
            }
            checks.check(root, user, mem.readPtr(node + d.nodeRequested), true);
            nodes.unlink(root + d.rootBusyList, user);
            mem.writePtr(root + d.rootBusyCount, mem.readPtr(root + d.rootBusyCount) - 1);
            mem.virtualFree(mem.readPtr(node + d.nodeVirtual), mem.readPtr(node + d.nodeVirtualSize),
                AddressSpace.MEM_DECOMMIT);
            long trace = captureTrace(root, "RtlFreeHeap"); // a freed block's node shows where it was freed
            if (trace != 0) {
                mem.writePtr(node + d.nodeStackTrace, trace);
            }
            nodes.push(root + d.rootFreeList, node);
            mem.writePtr(root + d.rootFreeCount, mem.readPtr(root + d.rootFreeCount) + 1);
            return true;
        }
        long info = lightInfo(root, user);
        checks.check(root, user, mem.readPtr(info + d.infoRequestedSize), false);
        long size = mem.readPtr(info + d.infoRequestedSize);
        mem.writeU32(info + d.infoStartStamp, DphLayout.LIGHT_FREE_START);
        mem.writeU32(info + d.infoEndStamp, DphLayout.LIGHT_FREE_END);
        mem.fill(user, size, DphLayout.FREE_FILL);
        long trace = captureTrace(root, "RtlFreeHeap"); // as a full block's node: !heap -p -a shows the free stack
        if (trace != 0) {
            mem.writePtr(info + d.infoStackTrace, trace);
        }
        long queue = root + d.rootDelayFreeQueue;
        long last = mem.readPtr(queue + d.p);
        long link = info + d.infoFreeQueue;
        mem.writePtr(link, queue);
        mem.writePtr(link + d.p, last);
        mem.writePtr(last, link);
        mem.writePtr(queue + d.p, link);
        long bytes = mem.readPtr(root + d.rootDelayFreeBytes) + mem.readPtr(info + d.infoActualSize);
        mem.writePtr(root + d.rootDelayFreeBytes, bytes);
        trimDelayedFrees(root);
        return true;
    }

    /** Gives the oldest queued light blocks back to the NormalHeap while the queue holds more than the limit. */
    private void trimDelayedFrees(long root) {
        long queue = root + d.rootDelayFreeQueue;
        while (mem.readPtr(root + d.rootDelayFreeBytes) > DELAYED_FREE_LIMIT && mem.readPtr(queue) != queue) {
            long link = mem.readPtr(queue);
            long info = link - d.infoFreeQueue;
            long user = info + d.infoSize();
            long size = mem.readPtr(info + d.infoRequestedSize);
            for (long at = user; at < user + size; at++) {
                if (mem.readByte(at) != DphLayout.FREE_FILL) {
                    throw checks.stop(VerifierStop.Kind.CORRUPTED_FREED_HEAP_BLOCK, root, user, size, at);
                }
            }
            long next = mem.readPtr(link);
            mem.writePtr(queue, next);
            mem.writePtr(next + d.p, queue);
            mem.writePtr(root + d.rootDelayFreeBytes,
                mem.readPtr(root + d.rootDelayFreeBytes) - mem.readPtr(info + d.infoActualSize));
            heaps.heapFree(mem.readPtr(root + d.rootNormalHeap), 0, info);
        }
    }

    /**
     * The block information of a busy light block of this root at `user`; a pointer that is none is a verifier
     * stop: already freed when it carries the freed stamps, else a bad pointer.
     */
    private long lightInfo(long root, long user) {
        long info = user - d.infoSize();
        long normal = mem.readPtr(root + d.rootNormalHeap);
        if (!mem.isReadable(info, d.infoSize()) || !heaps.isBusyBlock(normal, info)) {
            badPointer(root, user);
        }
        long start = mem.readU32(info + d.infoStartStamp);
        if (start == DphLayout.LIGHT_FREE_START && mem.readPtr(info + d.infoHeap) == root) {
            throw checks.stop(VerifierStop.Kind.DOUBLE_FREE, root, user, mem.readPtr(info + d.infoRequestedSize), 0);
        }
        return info;
    }

    private void badPointer(long root, long user) {
        if (nodes.findNode(root + d.rootFreeList, user) != 0) {
            long node = nodes.findNode(root + d.rootFreeList, user);
            throw checks.stop(VerifierStop.Kind.DOUBLE_FREE, root, user, mem.readPtr(node + d.nodeRequested), 0);
        }
        throw checks.stop(VerifierStop.Kind.CORRUPTED_HEAP_BLOCK, root, user, 0, 0);
    }

    // ------------------------------------------------------------------------------------------ size, realloc

    /** HeapSize: the requested size of a busy block (checked as on free); ~0 with a bad pointer. */
    public long size(long handle, long flags, long user) {
        long root = rootOf(handle);
        if (isFull(root)) {
            long node = nodes.findNode(root + d.rootBusyList, user);
            if (node == 0) {
                badPointer(root, user);
            }
            return mem.readPtr(node + d.nodeRequested);
        }
        return mem.readPtr(lightInfo(root, user) + d.infoRequestedSize);
    }

    /**
     * HeapReAlloc on a page heap always moves the block (a new one, the data copied, the old one freed, so a stale
     * pointer faults): HEAP_REALLOC_IN_PLACE_ONLY fails with NULL unless the size stays the same (HeapLab's choice).
     */
    public long reAllocate(long handle, long flags, long user, long size) {
        if (user == 0) {
            return 0;
        }
        long root = rootOf(handle);
        long oldSize = size(handle, 0, user);
        checks.check(root, user, oldSize, isFull(root));
        size &= d.arch.pointerMask();
        long all = flags | mem.readU32(handle + forceFlagsOffset) & HeapConstants.FORCE_FLAGS_MASK;
        if ((all & HeapConstants.HEAP_REALLOC_IN_PLACE_ONLY) != 0) {
            if (size == oldSize) {
                return user;
            }
            return failNoMemory(all, size);
        }
        long moved = isFull(root) ? allocateFull(root, all & ~HeapConstants.HEAP_ZERO_MEMORY, size,
            "RtlReAllocateHeap") : allocateLight(root, all & ~HeapConstants.HEAP_ZERO_MEMORY, size,
            "RtlReAllocateHeap");
        if (moved == 0) {
            return failNoMemory(all, size);
        }
        mem.copy(moved, user, Math.min(oldSize, size));
        if ((all & HeapConstants.HEAP_ZERO_MEMORY) != 0 && size > oldSize) {
            mem.fill(moved + oldSize, size - oldSize, 0);
        }
        free(handle, 0, user);
        return moved;
    }

    /** HeapValidate: one block, or every busy full block (light: the NormalHeap's validation); never stops. */
    public boolean validate(long handle, long flags, long user) {
        long root = rootOf(handle);
        boolean full = isFull(root);
        if (user != 0) {
            long size;
            if (full) {
                long node = nodes.findNode(root + d.rootBusyList, user);
                if (node == 0) {
                    return false;
                }
                size = mem.readPtr(node + d.nodeRequested);
            } else {
                long info = user - d.infoSize();
                if (!mem.isReadable(info, d.infoSize())) {
                    return false;
                }
                var holder = heaps.read(mem.readPtr(root + d.rootNormalHeap)).blockAt(info); // the NormalHeap's
                return holder != null && holder.isBusy() && lightBlockSound(root, holder, user);
            }
            return checks.damage(root, user, size, full) == 0;
        }
        for (DphBlock block : busyBlocks(handle)) {
            if (checks.damage(root, block.user(), block.requested(), true) != 0) {
                return false;
            }
        }
        return full || heaps.validationErrors(mem.readPtr(root + d.rootNormalHeap)).isEmpty() && lightBlocksSound(root);
    }

    /**
     * The light blocks' own checks for a whole-heap HeapValidate, as for one block: each busy block of the NormalHeap
     * holds a DPH_BLOCK_INFORMATION (stamps, suffix); a freed one in the delayed-free queue is checked when it leaves
     * it. A StartStamp that is neither is damage. (Choice: heap-facts.md has no page heap rule for HeapValidate; this
     * keeps the whole-heap answer in step with the per-block one.)
     */
    private boolean lightBlocksSound(long root) {
        var normal = heaps.read(mem.readPtr(root + d.rootNormalHeap));
        List<heaplab.engine.nt.HeapBlock> blocks = new ArrayList<>(normal.virtualBlocks());
        for (var segment : normal.segments()) {
            blocks.addAll(segment.blocks());
        }
        for (var block : blocks) {
            boolean busy = block.kind() == heaplab.engine.nt.HeapBlock.Kind.BUSY
                || block.kind() == heaplab.engine.nt.HeapBlock.Kind.VIRTUAL;
            if (!busy) {
                continue;
            }
            long info = block.user();
            long stamp = mem.readU32(info);
            if (stamp == DphLayout.LIGHT_FREE_START) {
                continue;
            }
            if (stamp != DphLayout.LIGHT_BUSY_START || !lightBlockSound(root, block, info + d.infoSize())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A light block's own checks when its NT block `holder` is known: a RequestedSize past what the block holds is
     * damage (the checks would read past it), else the stamps and the suffix.
     */
    private boolean lightBlockSound(long root, heaplab.engine.nt.HeapBlock holder, long user) {
        long requested = mem.readPtr(user - d.infoSize() + d.infoRequestedSize);
        long room = holder.entry() + holder.size() - user;
        return Long.compareUnsigned(requested, room) <= 0 && checks.damage(root, user, requested, false) == 0;
    }

    // ------------------------------------------------------------------------------------------ reading

    /** A full page heap block, as its {@code _DPH_HEAP_BLOCK} node describes it. */
    public record DphBlock(long node, long user, long requested, long virtual, long virtualSize, long stackTrace,
        boolean busy) {
    }

    /** Page heap handles of the process, in the order of its heap list. */
    public List<Long> handles() {
        List<Long> out = new ArrayList<>();
        for (long h : heaps.heapHandlesIncludingPageHeaps()) {
            if (isPageHeap(h)) {
                out.add(h);
            }
        }
        return out;
    }

    /** The end of a page heap's own committed pages: the handle's page, the _DPH_HEAP_ROOT's, then the node pages. */
    public static long rootPagesEnd(long handle) { return handle + (2L + NODE_PAGES) * PAGE; }

    /** The page heap whose own pages ({@link #rootPagesEnd}) hold the address, or 0. */
    public long rootPagesHandle(long address) {
        for (long handle : handles()) {
            if (address >= handle && address < rootPagesEnd(handle)) {
                return handle;
            }
        }
        return 0;
    }

    /** The NormalHeap of a page heap. */
    public long normalHeap(long handle) { return mem.readPtr(rootOf(handle) + d.rootNormalHeap); }

    /** The page heap flags ({@code ExtraFlags}) of a page heap. */
    public long pageHeapFlags(long handle) { return mem.readU32(rootOf(handle) + d.rootExtraFlags); }

    /** The busy full page heap blocks, in address order. */
    public List<DphBlock> busyBlocks(long handle) { return nodes.blocks(rootOf(handle) + d.rootBusyList, true); }

    /** The freed (decommitted) full page heap blocks, in address order. */
    public List<DphBlock> freedBlocks(long handle) { return nodes.blocks(rootOf(handle) + d.rootFreeList, false); }

    /** A light block waiting in the delayed-free queue: its DPH_BLOCK_INFORMATION, user data and requested size. */
    public record QueuedFree(long info, long user, long requested) {
    }

    /**
     * The light blocks in the page heap's delayed-free queue, oldest first (the next to go back to the NormalHeap);
     * a queue damaged past its links ends where the damage is.
     */
    public List<QueuedFree> delayedFrees(long handle) {
        List<QueuedFree> out = new ArrayList<>();
        long queue = rootOf(handle) + d.rootDelayFreeQueue;
        long link = mem.readPtr(queue);
        for (int guard = 0; link != queue && guard < 1_000_000; guard++) {
            long info = link - d.infoFreeQueue;
            if (!mem.isReadable(info, d.infoSize())) {
                break;
            }
            out.add(new QueuedFree(info, info + d.infoSize(), mem.readPtr(info + d.infoRequestedSize)));
            link = mem.readPtr(link);
        }
        return out;
    }

    /** The full page heap block (busy first, then freed) whose virtual block holds `address`, with its handle. */
    public Found findFull(long address) {
        for (long h : handles()) {
            for (List<DphBlock> list : List.of(busyBlocks(h), freedBlocks(h))) {
                for (DphBlock b : list) {
                    if (Long.compareUnsigned(address - b.virtual(), b.virtualSize()) < 0) {
                        return new Found(h, b);
                    }
                }
            }
        }
        return null;
    }

    /** A block found by address, with its page heap handle. */
    public record Found(long handle, DphBlock block) {
    }

    /**
     * The DPH_BLOCK_INFORMATION of a light block whose NT block user data starts at `ntUser`, if it carries the light
     * stamps (busy or freed): null otherwise.
     */
    public Long lightInfoAt(long ntUser) {
        if (!mem.isReadable(ntUser, d.infoSize())) {
            return null;
        }
        long start = mem.readU32(ntUser + d.infoStartStamp);
        return start == DphLayout.LIGHT_BUSY_START || start == DphLayout.LIGHT_FREE_START ? ntUser : null;
    }

    /** The return addresses a StackTrace field points at (its entry's Depth is the WORD just before them). */
    public long[] frames(long stackTrace) {
        if (stackTrace == 0 || !mem.isReadable(stackTrace - 2, 2)) {
            return new long[0];
        }
        int depth = mem.readU16(stackTrace - 2);
        long[] frames = new long[depth];
        for (int i = 0; i < depth; i++) {
            frames[i] = mem.readPtr(stackTrace + (long) i * d.p);
        }
        return frames;
    }

    private String upper(long value) {
        return d.arch.ptr(value).toUpperCase(Locale.ROOT);
    }
}
