package heaplab.engine.nt;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Protection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap tags, pseudo-tags and global tags (heap-facts.md 1.4, 1.7), kept in simulated memory as Windows keeps them:
 * <ul>
 *   <li>A heap's tags: {@code _HEAP.TagEntries} points at an array of HEAP_TAG_ENTRY (Allocs, Frees, Size,
 *       TagIndex, CreatorBackTraceIndex, TagName[24] WCHAR) with room for MaximumTagIndex 0x7FF + 1 entries;
 *       NextAvailableTagIndex counts the ones made. Entry 0 stands for "no tag". RtlCreateTagHeap
 *       ({@code HeapCreateTags}) adds entries and returns the first new index shifted by HEAP_TAG_SHIFT, so that
 *       {@code HEAP_MAKE_TAG_FLAGS(base, n)} = base + (n &lt;&lt; 18) tags a HeapAlloc.</li>
 *   <li>Pseudo-tags ({@code +htg}, FLG_HEAP_ENABLE_TAGGING): {@code _HEAP.PseudoTagEntries} points at 128
 *       HEAP_PSEUDO_TAG_ENTRY (Allocs, Frees, Size); an untagged block counts under its size in units (index 0 for
 *       blocks of 128 units or more) with HEAP_PSEUDO_TAG_FLAG 0x8000, named as the seed's listing shows them:
 *       {@code Objects=  80} (the block's bytes) and {@code Objects>1024}.</li>
 *   <li>Global tags: tags made with a NULL heap live in ntdll's RtlpGlobalTagHeap and carry HEAP_GLOBAL_TAG 0x800.</li>
 * </ul>
 * A tagged block (and, on a heap with pseudo-tags or stack traces, every block) carries a HEAP_ENTRY_EXTRA in its
 * last granule: AllocatorBackTraceIndex (USHORT), TagIndex (USHORT), Settable (pointer). The Size columns count the
 * blocks' bytes (HeapLab's choice; the unit Windows keeps there is not documented). Windows XP carves the pseudo-tag
 * array from the heap's first block; here it and the tag array get pages of their own, so the _HEAP keeps one size.
 */
public final class HeapTags {
    public static final int HEAP_TAG_SHIFT = 18;
    public static final long HEAP_TAG_MASK = 0xFFFL << HEAP_TAG_SHIFT;
    public static final int HEAP_PSEUDO_TAG_FLAG = 0x8000;
    public static final int HEAP_GLOBAL_TAG = 0x0800;
    public static final int MAXIMUM_TAG_INDEX = 0x07FF;
    /** Number of pseudo-tags: one per dedicated free list size. */
    public static final int PSEUDO_TAGS = HeapConstants.HEAP_FREELISTS;
    private static final int NAME_CHARS = 24;

    /** One tag and its counters, as {@code !heap -t}, {@code -T} and {@code -g} list them. */
    public record TagCount(int index, String name, long allocs, long frees, long bytes) {
        public long difference() { return allocs - frees; }
    }

    private final AddressSpace mem;
    private final HeapLayout l;
    private final int tagEntrySize;
    private final int pseudoEntrySize;
    private final int heapTagEntries;
    private final int heapPseudoTagEntries;
    private final int vaExtraStuff;

    HeapTags(AddressSpace mem, HeapLayout layout) {
        this.mem = mem;
        this.l = layout;
        this.tagEntrySize = (int) AddressSpace.alignUp(12L + l.p + 2 * NAME_CHARS, l.p);
        this.pseudoEntrySize = 8 + l.p;
        this.heapTagEntries = l.heap.offset("TagEntries");
        this.heapPseudoTagEntries = l.heap.offset("PseudoTagEntries");
        this.vaExtraStuff = l.virtualAllocEntry.offset("ExtraStuff");
    }

    private long tagEntries(long heap) { return mem.readPtr(heap + heapTagEntries); }

    private long pseudoEntries(long heap) { return mem.readPtr(heap + heapPseudoTagEntries); }

    /** True when the heap counts untagged blocks under pseudo-tags. */
    public boolean hasPseudoTags(long heap) { return pseudoEntries(heap) != 0; }

    /** Gives a heap its pseudo-tag array (at creation with {@code +htg}); false when memory runs out. */
    boolean enablePseudoTags(long heap) {
        long bytes = AddressSpace.alignUp((long) PSEUDO_TAGS * pseudoEntrySize, AddressSpace.PAGE_SIZE);
        long array = mem.virtualAlloc(0, bytes, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        if (array == 0) {
            return false;
        }
        mem.writePtr(heap + heapPseudoTagEntries, array);
        return true;
    }

    /**
     * RtlCreateTagHeap: adds the named tags to a heap (or, with {@code globalTagHeap} as the heap, the global tags).
     * Returns the first new index shifted by HEAP_TAG_SHIFT (with HEAP_GLOBAL_TAG for global tags), or -1 when the
     * tag array is full or memory runs out.
     */
    long create(long heap, boolean global, List<String> names) {
        long array = tagEntries(heap);
        int next = mem.readU16(heap + l.heapNextAvailableTagIndex);
        if (array == 0) {
            long bytes = AddressSpace.alignUp((long) (MAXIMUM_TAG_INDEX + 1) * tagEntrySize, AddressSpace.PAGE_SIZE);
            array = mem.virtualAlloc(0, bytes, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
            if (array == 0) {
                return -1;
            }
            mem.writePtr(heap + heapTagEntries, array);
            mem.writeU16(heap + l.heapMaximumTagIndex, MAXIMUM_TAG_INDEX);
            commitEntry(array, 0);
            next = 1;
        }
        if (next + names.size() - 1 > MAXIMUM_TAG_INDEX) {
            return -1;
        }
        int first = next;
        for (String name : names) {
            commitEntry(array, next);
            long entry = array + (long) next * tagEntrySize;
            mem.fill(entry, tagEntrySize, 0);
            mem.writeU16(entry + 8 + l.p, global ? next | HEAP_GLOBAL_TAG : next);
            String text = name.length() > NAME_CHARS - 1 ? name.substring(0, NAME_CHARS - 1) : name;
            for (int i = 0; i < text.length(); i++) {
                mem.writeU16(entry + 12 + l.p + 2L * i, text.charAt(i));
            }
            next++;
        }
        mem.writeU16(heap + l.heapNextAvailableTagIndex, next);
        return (long) (global ? first | HEAP_GLOBAL_TAG : first) << HEAP_TAG_SHIFT;
    }

    private void commitEntry(long array, int index) {
        long start = array + (long) index * tagEntrySize;
        for (long page = AddressSpace.alignDown(start, AddressSpace.PAGE_SIZE); page < start + tagEntrySize;
             page += AddressSpace.PAGE_SIZE) {
            if (!mem.isCommitted(page)) {
                mem.virtualAlloc(page, AddressSpace.PAGE_SIZE, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
            }
        }
    }

    /** The tag index that HeapAlloc flags name (0 for none). */
    public static int tagOfFlags(long flags) {
        return (int) ((flags & HEAP_TAG_MASK) >>> HEAP_TAG_SHIFT);
    }

    /** The pseudo-tag index of a block of `bytes`: its size in units, or 0 from 128 units up. */
    int pseudoIndexOf(long bytes) {
        long units = bytes >> l.arch.shift();
        return units < PSEUDO_TAGS ? (int) units : 0;
    }

    // ------------------------------------------------------------------------------------------ HEAP_ENTRY_EXTRA

    /** Where a busy block's HEAP_ENTRY_EXTRA is: its last granule, or a virtual block's ExtraStuff; 0 if none. */
    public long extraAddress(long entry, HeapEntries e) {
        int flags = e.flags(entry);
        if ((flags & HeapConstants.HEAP_ENTRY_VIRTUAL_ALLOC) != 0) {
            return entry - l.vaBusyBlock + vaExtraStuff;
        }
        if ((flags & HeapConstants.HEAP_ENTRY_EXTRA_PRESENT) == 0) {
            return 0;
        }
        return entry + e.bytes(e.size(entry)) - l.g;
    }

    /** The TagIndex in a block's HEAP_ENTRY_EXTRA, 0 when it has none. */
    public int tagIndexOf(long entry, HeapEntries e) {
        long extra = extraAddress(entry, e);
        return extra == 0 ? 0 : mem.readU16(extra + 2);
    }

    /** The AllocatorBackTraceIndex in a block's HEAP_ENTRY_EXTRA, 0 when it has none. */
    public int backTraceIndexOf(long entry, HeapEntries e) {
        long extra = extraAddress(entry, e);
        return extra == 0 ? 0 : mem.readU16(extra);
    }

    void setExtra(long entry, HeapEntries e, int tagIndex, int backTraceIndex) {
        long extra = extraAddress(entry, e);
        if (extra != 0) {
            mem.writeU16(extra, backTraceIndex);
            mem.writeU16(extra + 2, tagIndex);
        }
    }

    // ------------------------------------------------------------------------------------------ counting

    /**
     * Counts an allocation (+1 Allocs, +bytes), a free (+1 Frees, -bytes) or a resize (bytes delta only) under a
     * tag of a heap; tags that do not exist are ignored, as RtlpUpdateTagEntry ignores them.
     */
    void count(long heap, long globalTagHeap, int tagIndex, int allocs, int frees, long bytesDelta) {
        long entry = entryOf(heap, globalTagHeap, tagIndex);
        if (entry == 0) {
            return;
        }
        mem.writeU32(entry, mem.readU32(entry) + allocs);
        mem.writeU32(entry + 4, mem.readU32(entry + 4) + frees);
        mem.writePtr(entry + 8, (mem.readPtr(entry + 8) + bytesDelta) & l.arch.pointerMask());
    }

    private long entryOf(long heap, long globalTagHeap, int tagIndex) {
        if (tagIndex == 0) {
            return 0;
        }
        if ((tagIndex & HEAP_PSEUDO_TAG_FLAG) != 0) {
            int i = tagIndex & ~HEAP_PSEUDO_TAG_FLAG;
            long array = pseudoEntries(heap);
            return array == 0 || i >= PSEUDO_TAGS ? 0 : array + (long) i * pseudoEntrySize;
        }
        long owner = (tagIndex & HEAP_GLOBAL_TAG) != 0 ? globalTagHeap : heap;
        int i = tagIndex & MAXIMUM_TAG_INDEX;
        long array = tagEntries(owner);
        if (array == 0 || i == 0 || i >= mem.readU16(owner + l.heapNextAvailableTagIndex)) {
            return 0;
        }
        return array + (long) i * tagEntrySize;
    }

    // ------------------------------------------------------------------------------------------ reading

    /** The name of a tag as listings show it, or null for no tag or an unknown one. */
    public String name(long heap, long globalTagHeap, int tagIndex) {
        if ((tagIndex & HEAP_PSEUDO_TAG_FLAG) != 0) {
            return entryOf(heap, globalTagHeap, tagIndex) == 0 ? null : pseudoName(tagIndex & ~HEAP_PSEUDO_TAG_FLAG);
        }
        long entry = entryOf(heap, globalTagHeap, tagIndex);
        return entry == 0 ? null : readName(entry);
    }

    private String pseudoName(int index) {
        return index == 0 ? String.format(Locale.ROOT, "Objects>%4d", PSEUDO_TAGS * l.g)
            : String.format(Locale.ROOT, "Objects=%4d", index * l.g);
    }

    private String readName(long entry) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < NAME_CHARS; i++) {
            int c = mem.readU16(entry + 12 + l.p + 2L * i);
            if (c == 0) {
                break;
            }
            name.append((char) c);
        }
        return name.toString();
    }

    /** The tags of a heap (or of RtlpGlobalTagHeap), index 1 up, with their counters. */
    public List<TagCount> tags(long heap) {
        List<TagCount> tags = new ArrayList<>();
        long array = tagEntries(heap);
        if (array == 0) {
            return tags;
        }
        int next = mem.readU16(heap + l.heapNextAvailableTagIndex);
        for (int i = 1; i < next; i++) {
            long entry = array + (long) i * tagEntrySize;
            tags.add(new TagCount(mem.readU16(entry + 8 + l.p), readName(entry), mem.readU32(entry),
                mem.readU32(entry + 4), mem.readPtr(entry + 8)));
        }
        return tags;
    }

    /** The pseudo-tags of a heap that counted at least one allocation, by size. */
    public List<TagCount> pseudoTags(long heap) {
        List<TagCount> tags = new ArrayList<>();
        long array = pseudoEntries(heap);
        if (array == 0) {
            return tags;
        }
        for (int i = 0; i < PSEUDO_TAGS; i++) {
            long entry = array + (long) i * pseudoEntrySize;
            long allocs = mem.readU32(entry);
            if (allocs != 0) {
                tags.add(new TagCount(i | HEAP_PSEUDO_TAG_FLAG, pseudoName(i), allocs, mem.readU32(entry + 4),
                    mem.readPtr(entry + 8)));
            }
        }
        return tags;
    }
}
