package heaplab.engine.pageheap;

import heaplab.engine.Arch;
import heaplab.engine.nt.StructLayout;

import static heaplab.engine.nt.StructLayout.Kind.LIST_ENTRY;
import static heaplab.engine.nt.StructLayout.Kind.PTR;
import static heaplab.engine.nt.StructLayout.Kind.SIZE;
import static heaplab.engine.nt.StructLayout.Kind.U32;

/**
 * The page heap's structures for one architecture: {@code _DPH_BLOCK_INFORMATION} (heap-facts.md 3.2, the ReactOS
 * declaration: 0x20 bytes on x86, 0x40 on x64), the {@code _DPH_HEAP_ROOT} and the {@code _DPH_HEAP_BLOCK} nodes.
 * The root and the nodes keep ReactOS' field names where HeapLab has the field, in a shorter layout of its own
 * (singly linked lists instead of the AVL table): they are HeapLab's, only the block information is Windows'.
 */
public final class DphLayout {
    /** {@code _DPH_HEAP_ROOT.Signature}. */
    public static final long ROOT_SIGNATURE = 0xFFEEDDCCL;
    /** {@code _HEAP.ForceFlags} bit that sends a handle's calls to the page heap (ReactOS HEAP_FLAG_PAGE_ALLOCS). */
    public static final long HEAP_FLAG_PAGE_ALLOCS = 0x01000000L;
    /** Page heap flags ({@code !heap -p}): full page heap; light when clear. */
    public static final long ENABLE_PAGE_HEAP = 0x1;
    /** Page heap flags: back traces in the blocks' StackTrace. */
    public static final long COLLECT_STACK_TRACES = 0x2;

    public static final long FULL_BUSY_START = 0xABCDBBBBL;
    public static final long FULL_BUSY_END = 0xDCBABBBBL;
    public static final long FULL_FREE_START = 0xABCDBBBAL;
    public static final long FULL_FREE_END = 0xDCBABBBAL;
    public static final long LIGHT_BUSY_START = 0xABCDAAAAL;
    public static final long LIGHT_BUSY_END = 0xDCBAAAAAL;
    public static final long LIGHT_FREE_START = 0xABCDAAA9L;
    public static final long LIGHT_FREE_END = 0xDCBAAAA9L;
    public static final int FULL_FILL = 0xC0;
    public static final int FULL_SUFFIX = 0xD0;
    public static final int LIGHT_FILL = 0xE0;
    public static final int LIGHT_SUFFIX = 0xA0;
    public static final int FREE_FILL = 0xF0;
    /** The first page of a page heap handle is filled with this (ReactOS DPH_FILL). */
    public static final long DPH_FILL = 0xEEEEEEEEL;

    /**
     * What a DPH_BLOCK_INFORMATION's StartStamp says of its block (freed when it is the freed stamp of the page
     * heap's kind, else busy), and the start and end stamps the block should then have.
     */
    public record Stamps(boolean freed, long start, long end) {
        public static Stamps of(long startStamp, boolean full) {
            if (full) {
                boolean freed = startStamp == FULL_FREE_START;
                return freed ? new Stamps(true, FULL_FREE_START, FULL_FREE_END)
                    : new Stamps(false, FULL_BUSY_START, FULL_BUSY_END);
            }
            boolean freed = startStamp == LIGHT_FREE_START;
            return freed ? new Stamps(true, LIGHT_FREE_START, LIGHT_FREE_END)
                : new Stamps(false, LIGHT_BUSY_START, LIGHT_BUSY_END);
        }
    }

    public final Arch arch;
    public final int p;
    /** User sizes are rounded to this in a full page heap block: 8 on x86, 16 on x64 (heap-facts.md 3.4). */
    public final int alignment;
    /** Bytes of 0xA0 after a light block's requested size (choice: 8 on x86 as the docs say, 16 on x64). */
    public final int lightSuffix;
    public final StructLayout blockInfo;
    public final StructLayout root;
    public final StructLayout node;

    public final int infoStartStamp;
    public final int infoHeap;
    public final int infoRequestedSize;
    public final int infoActualSize;
    public final int infoFreeQueue;
    public final int infoStackTrace;
    public final int infoEndStamp;

    public final int rootSignature;
    public final int rootHeapFlags;
    public final int rootExtraFlags;
    public final int rootNormalHeap;
    public final int rootBusyList;
    public final int rootBusyCount;
    public final int rootFreeList;
    public final int rootFreeCount;
    public final int rootUnusedNodes;
    public final int rootNodePoolNext;
    public final int rootNodePoolEnd;
    public final int rootStorageList;
    public final int rootStorageNext;
    public final int rootStorageEnd;
    public final int rootDelayFreeQueue;
    public final int rootDelayFreeBytes;

    public final int nodeNext;
    public final int nodeUser;
    public final int nodeVirtual;
    public final int nodeVirtualSize;
    public final int nodeAccessSize;
    public final int nodeRequested;
    public final int nodeActual;
    public final int nodeUserFlags;
    public final int nodeStackTrace;

    private static final DphLayout X86 = new DphLayout(Arch.X86);
    private static final DphLayout X64 = new DphLayout(Arch.X64);

    /** The layouts for an architecture. */
    public static DphLayout of(Arch arch) { return arch == Arch.X86 ? X86 : X64; }

    private DphLayout(Arch arch) {
        this.arch = arch;
        this.p = arch.pointerSize();
        this.alignment = arch == Arch.X86 ? 8 : 16;
        this.lightSuffix = arch == Arch.X86 ? 8 : 16;
        blockInfo = new StructLayout.Builder("_DPH_BLOCK_INFORMATION", arch).add("StartStamp", U32)
            .add("Heap", PTR).add("RequestedSize", SIZE).add("ActualSize", SIZE).add("FreeQueue", LIST_ENTRY)
            .add("StackTrace", PTR).add("EndStamp", U32).build();
        infoStartStamp = blockInfo.offset("StartStamp");
        infoHeap = blockInfo.offset("Heap");
        infoRequestedSize = blockInfo.offset("RequestedSize");
        infoActualSize = blockInfo.offset("ActualSize");
        infoFreeQueue = blockInfo.offset("FreeQueue");
        infoStackTrace = blockInfo.offset("StackTrace");
        infoEndStamp = blockInfo.offset("EndStamp");
        root = new StructLayout.Builder("_DPH_HEAP_ROOT", arch).add("Signature", U32).add("HeapFlags", U32)
            .add("ExtraFlags", U32).add("NormalHeap", PTR).add("pBusyAllocationListHead", PTR)
            .add("nBusyAllocations", SIZE).add("pFreeAllocationListHead", PTR).add("nFreeAllocations", SIZE)
            .add("pUnusedNodeListHead", PTR).add("pNodePoolNext", PTR).add("pNodePoolEnd", PTR)
            .add("pVirtualStorageListHead", PTR).add("pVirtualStorageNext", PTR).add("pVirtualStorageEnd", PTR)
            .add("DelayFreeQueue", LIST_ENTRY).add("nDelayFreeBytes", SIZE).build();
        rootSignature = root.offset("Signature");
        rootHeapFlags = root.offset("HeapFlags");
        rootExtraFlags = root.offset("ExtraFlags");
        rootNormalHeap = root.offset("NormalHeap");
        rootBusyList = root.offset("pBusyAllocationListHead");
        rootBusyCount = root.offset("nBusyAllocations");
        rootFreeList = root.offset("pFreeAllocationListHead");
        rootFreeCount = root.offset("nFreeAllocations");
        rootUnusedNodes = root.offset("pUnusedNodeListHead");
        rootNodePoolNext = root.offset("pNodePoolNext");
        rootNodePoolEnd = root.offset("pNodePoolEnd");
        rootStorageList = root.offset("pVirtualStorageListHead");
        rootStorageNext = root.offset("pVirtualStorageNext");
        rootStorageEnd = root.offset("pVirtualStorageEnd");
        rootDelayFreeQueue = root.offset("DelayFreeQueue");
        rootDelayFreeBytes = root.offset("nDelayFreeBytes");
        node = new StructLayout.Builder("_DPH_HEAP_BLOCK", arch).add("pNextAlloc", PTR)
            .add("pUserAllocation", PTR).add("pVirtualBlock", PTR).add("nVirtualBlockSize", SIZE)
            .add("nVirtualAccessSize", SIZE).add("nUserRequestedSize", SIZE).add("nUserActualSize", SIZE)
            .add("UserValue", PTR).add("UserFlags", U32).add("StackTrace", PTR).build();
        nodeNext = node.offset("pNextAlloc");
        nodeUser = node.offset("pUserAllocation");
        nodeVirtual = node.offset("pVirtualBlock");
        nodeVirtualSize = node.offset("nVirtualBlockSize");
        nodeAccessSize = node.offset("nVirtualAccessSize");
        nodeRequested = node.offset("nUserRequestedSize");
        nodeActual = node.offset("nUserActualSize");
        nodeUserFlags = node.offset("UserFlags");
        nodeStackTrace = node.offset("StackTrace");
    }

    /** Size of {@code _DPH_BLOCK_INFORMATION}. */
    public int infoSize() { return blockInfo.size(); }
}
