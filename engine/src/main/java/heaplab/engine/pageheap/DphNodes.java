package heaplab.engine.pageheap;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;

import java.util.ArrayList;
import java.util.List;

/**
 * A page heap root's bookkeeping in memory: its {@code _DPH_HEAP_BLOCK} nodes (busy and freed lists, singly linked
 * through pNextAlloc, and the unused ones) and the virtual storage full blocks are carved from.
 */
final class DphNodes {
    private static final int PAGE = AddressSpace.PAGE_SIZE;

    private final AddressSpace mem;
    private final DphLayout d;

    DphNodes(AddressSpace mem, DphLayout d) {
        this.mem = mem;
        this.d = d;
    }

    /** Takes `size` bytes (whole pages) of the root's virtual storage, reserving 1 MB more when it runs out. */
    long carve(long root, long size) {
        long next = mem.readPtr(root + d.rootStorageNext);
        long end = mem.readPtr(root + d.rootStorageEnd);
        if (next + size > end || next + size < next) {
            long reserve = Math.max(PageHeap.RESERVE,
                AddressSpace.alignUp(size + PAGE, AddressSpace.ALLOCATION_GRANULARITY));
            long base = mem.virtualAlloc(0, reserve, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
            if (base == 0) {
                return 0;
            }
            // A piece of storage starts with a page that links it into the root's list, for HeapDestroy.
            mem.virtualAlloc(base, PAGE, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
            mem.writePtr(base, mem.readPtr(root + d.rootStorageList));
            mem.writePtr(base + d.p, reserve);
            mem.writePtr(root + d.rootStorageList, base);
            next = base + PAGE;
            end = base + reserve;
            mem.writePtr(root + d.rootStorageEnd, end);
        }
        mem.writePtr(root + d.rootStorageNext, next + size);
        return next;
    }

    long newNode(long root) {
        long unused = mem.readPtr(root + d.rootUnusedNodes);
        if (unused != 0) {
            mem.writePtr(root + d.rootUnusedNodes, mem.readPtr(unused + d.nodeNext));
            mem.fill(unused, d.node.size(), 0);
            return unused;
        }
        long next = mem.readPtr(root + d.rootNodePoolNext);
        if (next + d.node.size() > mem.readPtr(root + d.rootNodePoolEnd)) {
            next = carve(root, PAGE);
            mem.virtualAlloc(next, PAGE, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
            mem.writePtr(root + d.rootNodePoolEnd, next + PAGE);
        }
        mem.writePtr(root + d.rootNodePoolNext, next + d.node.size());
        return next;
    }

    void push(long head, long node) {
        mem.writePtr(node + d.nodeNext, mem.readPtr(head));
        mem.writePtr(head, node);
    }

    /** Unlinks the node whose user pointer is `user` from the list at `head`; returns it, or 0. */
    long unlink(long head, long user) {
        long link = head;
        for (long node = mem.readPtr(link); node != 0; node = mem.readPtr(link)) {
            if (mem.readPtr(node + d.nodeUser) == user) {
                mem.writePtr(link, mem.readPtr(node + d.nodeNext));
                return node;
            }
            link = node + d.nodeNext;
        }
        return 0;
    }

    long findNode(long head, long user) {
        for (long node = mem.readPtr(head); node != 0; node = mem.readPtr(node + d.nodeNext)) {
            if (mem.readPtr(node + d.nodeUser) == user) {
                return node;
            }
        }
        return 0;
    }

    List<PageHeap.DphBlock> blocks(long head, boolean busy) {
        List<PageHeap.DphBlock> out = new ArrayList<>();
        for (long node = mem.readPtr(head); node != 0; node = mem.readPtr(node + d.nodeNext)) {
            out.add(new PageHeap.DphBlock(node, mem.readPtr(node + d.nodeUser), mem.readPtr(node + d.nodeRequested),
                mem.readPtr(node + d.nodeVirtual), mem.readPtr(node + d.nodeVirtualSize),
                mem.readPtr(node + d.nodeStackTrace), busy));
        }
        out.sort((a, b) -> Long.compareUnsigned(a.virtual(), b.virtual()));
        return out;
    }
}
