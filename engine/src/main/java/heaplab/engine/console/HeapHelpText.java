package heaplab.engine.console;

/**
 * The help texts of the heap extension: {@code !heap -?}, {@code !heap -p -?} and {@code !heap -s -?}. Written by
 * HeapLab from the seed's option table in the extension's layout ({@code !heap [options]} and indented option
 * lines); the page heap block diagrams are the seed's, with English labels. The freed blocks' stamps read
 * {@code 0xDCBAAA9} and {@code 0xABCDBBA} as in both copies of the seed (the stamps written are 0xDCBAAAA9 and
 * 0xABCDBBBA, heap-facts.md 3.3).
 */
final class HeapHelpText {
    static final String GENERAL = """
        !heap [options]

            Heap is a heap handle or 1-based index (0: all heaps). !heap alone lists the heaps and their types.

            !heap [-v] [-a] [-h] [-f] [-m] [Heap]
                -v                    Validate the heap (LFH corruption is not detected: use -triage).
                -a                    All information for the heap (= -h -f -m), sizes rounded to the granularity.
                -h                    The heap's fields and all its non-LFH entries.
                -hl                   All entries of the heap, LFH entries included (-h, then busy LFH chunks).
                -f                    All free list entries of the heap.
                -m                    All segment entries of the heap (each segment's fields, then its entries).
                -t                    Tag information of the heap.
                -T                    Pseudo-tag entries of the heap.
                -g                    Global tag information (global tags go to every untagged allocation).
                -k                    The stack back trace of each entry (the doc: x86 only; here x64 too).
                -D | -E               Disable | enable validate-on-call for the heap (all heaps without one).
                -d | -e               Disable | enable heap checking for the heap (all heaps without one).
            !heap -s [SummaryOptions] [StatHeapAddress]
                                      Summary of every heap, or of one (!heap -s -? for the options).
            !heap -b [{alloc|realloc|free} [Tag]] [Heap | BreakAddress]
                                      Set a conditional breakpoint in the heap manager.
            !heap -B {alloc|realloc|free} [Heap | BreakAddress]
                                      Remove a conditional breakpoint set with -b.
            !heap -l                  Detect leaked heap blocks (a garbage-collector search of the address space).
            !heap -i Address [-h HeapAddress]
                                      Decode the block entry at Address (in HeapAddress's context); a heap handle
                                      alone sets the heap context.
            !heap -x [-v] Address     Find the block holding Address; -v also searches memory for pointers to it.
            !heap -p [PageHeapOptions]
                                      Page heap information (!heap -p -? for its help).
            !heap -srch [-b|-w|-d|-q] Pattern
                                      Scan every heap for a byte, word, dword or qword (default: pointer size).
            !heap -flt s Size         Only the blocks of that size (busy: requested; free: size less the header).
            !heap -flt r SizeMin SizeMax
                                      Only the blocks with SizeMin <= size < SizeMax.
            !heap -stat [-h Handle [-grp A|B|S [MaxDisplay]]]
                                      Usage statistics, grouped by allocation size (A), block count (B) or total
                                      size (S), at most MaxDisplay rows (20).
            !heap -triage [Handle | Address]
                                      Search the heap, or the heap holding Address, or every heap, for failures.
            !heap [-p] -?             This help; with -p the page heap help.
        """;

    static final String SUMMARY = """
        !heap -s [SummaryOptions] [StatHeapAddress]

            StatHeapAddress is a heap; 0 or none means every heap. SummaryOptions are case-insensitive and follow
            the summary table in this order:

            -v                        Verify all data blocks: each heap's problems, or that none were found.
            -a                        Dump all heap blocks (the segments and entries, as !heap -m lists them).
            -c                        Display the contents of each busy block (at most 0x40 bytes each).
            -b BucketSize             A histogram of the busy blocks' sizes in buckets of this size (default 0x400).
            -d DumpBlockSize          The histogram, then the busy blocks of exactly this size.
        """;

    static final String PAGE_HEAP = """
        !heap -p                      Dump all page heaps.
        !heap -p -h Handle            Detailed information about the page heap with handle Handle.
        !heap -p -a Address           Find the page heap block holding Address: busy or freed, the offset in it,
                                      and the stack traces when collected. Sizes in multiples of the granularity.
        !heap -p -t[c|s] [Traces]     The collected traces of heavy heap users (default 4): -t and -tc by count,
                                      -ts by size (Windows XP only).
        !heap -p -fi [Traces]         The most recent fault injection traces (default 4).
        !heap -p -all                 Detailed information about every page heap.

        Light page heap block -- allocated:

         +-----+---------------+---+
         |     |               |   |
         +-----+---------------+---+
            ^         ^          ^
            |         |          8 suffix bytes (filled with 0xA0)
            |         User allocation (filled with E0 if zeroing not requested)
            Block header (starts with 0xABCDAAAA and ends with 0xDCBAAAAA)

        Light page heap block -- freed:

         +-----+---------------+---+
         |     |               |   |
         +-----+---------------+---+
            ^         ^          ^
            |         |          8 suffix bytes (filled with 0xA0)
            |         User allocation (filled with F0 bytes)
            Block header (starts with 0xABCDAAA9 and ends with 0xDCBAAA9)

        Full page heap block -- allocated:

         +-----+---------+---+-------
         |     |         |   |  ... N/A page
         +-----+---------+---+-------
            ^       ^      ^
            |       |      0-7 suffix bytes (filled with 0xD0)
            |       User allocation (if zeroing not requested, filled
                    with C0)
            Block header (starts with 0xABCDBBBB and ends with 0xDCBABBBB)

        Full page heap block -- freed:

         +-----+---------+---+-------
         |     |         |   |  ... N/A page
         +-----+---------+---+-------
            ^       ^      ^
            |       |      0-7 suffix bytes (filled with 0xD0)
            |       User allocation (filled with F0 bytes)
            Block header (starts with 0xABCDBBA and ends with 0xDCBABBBA)

        For the stack trace of a block's allocation or release: dt DPH_BLOCK_INFORMATION on the block header,
        then dds on its StackTrace field.

        In HeapLab, -t, -tc and -ts (Windows XP only) group the busy page heap blocks by allocation trace (+ust),
        and -fi finds no traces: no faults are injected.
        """;

    private HeapHelpText() {
    }
}
