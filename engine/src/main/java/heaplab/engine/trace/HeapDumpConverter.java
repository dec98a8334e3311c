package heaplab.engine.trace;

import heaplab.engine.Arch;
import heaplab.engine.scenario.GlobalFlags;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Turns a {@link HeapDump} into a scenario that rebuilds the first segment's layout on a fresh heap {@code h}: after
 * the heap's own blocks, each busy entry becomes {@code bN = HeapAlloc(h, FLAGS, REQUESTED)}, each free entry an
 * allocation {@code fN} of the size that gives its block size, freed once every block is in place (so that it has
 * busy neighbours, as in the dump, and merges with none); a "..." gap becomes a busy filler {@code gN}. The free
 * block at the end stays the heap's free rest. The last step is {@code !heap -a h}; the summary counts what the
 * simulator cannot rebuild.
 */
public final class HeapDumpConverter {
    // Heap flags (heap-facts.md 1.7) and the gflags that give them to a new heap.
    private static final long HEAP_NO_SERIALIZE = 0x1;
    private static final long HEAP_GENERATE_EXCEPTIONS = 0x4;
    private static final long HEAP_TAIL_CHECKING_ENABLED = 0x20;
    private static final long HEAP_FREE_CHECKING_ENABLED = 0x40;
    private static final long HEAP_DISABLE_COALESCE_ON_FREE = 0x80;
    private static final long HEAP_CREATE_ENABLE_EXECUTE = 0x40000;
    private static final long HEAP_CAPTURE_STACK_BACKTRACES = 0x08000000L;
    private static final long HEAP_VALIDATE_ALL_ENABLED = 0x20000000L;
    private static final long HEAP_VALIDATE_PARAMETERS_ENABLED = 0x40000000L;
    /** The heap flags this converter maps, plus HEAP_GROWABLE and the heap class, which a HeapCreate heap has. */
    private static final long MAPPED = HEAP_NO_SERIALIZE | 0x2 | HEAP_GENERATE_EXCEPTIONS | HEAP_TAIL_CHECKING_ENABLED
        | HEAP_FREE_CHECKING_ENABLED | HEAP_DISABLE_COALESCE_ON_FREE | 0xF000 | HEAP_CREATE_ENABLE_EXECUTE
        | HEAP_CAPTURE_STACK_BACKTRACES | HEAP_VALIDATE_ALL_ENABLED | HEAP_VALIDATE_PARAMETERS_ENABLED;
    /** HeapCreate(0, 0, 0) reserves 64 KB; a bigger dumped segment is reserved whole, so that the rebuild fits. */
    private static final long DEFAULT_RESERVE = 0x10000;
    /** A "..." gap is filled with busy blocks of at most this size (well under the virtual-alloc threshold). */
    private static final long FILLER_MAX = 0x8000;

    private HeapDumpConverter() {
    }

    /** The scenario that rebuilds the dump's first heap. */
    public static Scenario toScenario(HeapDump dump) {
        List<HeapDump.Entry> entries = dump.entries();
        boolean derived = dump.flags() < 0;
        long flags = derived ? flagsFromEntries(entries) : dump.flags();
        boolean extraEverywhere = dump.pseudoTags() || derived && entries.stream().anyMatch(
            e -> e.kind() == HeapDump.Entry.Kind.BUSY && (e.flags() & 0x02) != 0 && !isInternal(dump, e));

        StringJoiner gflags = new StringJoiner(" ");
        StringJoiner options = new StringJoiner(" | ");
        // Heap flags with a gflags form become gflags (as gflags /i would give every new heap of the program);
        // HeapCreate options stay options. One line per mapping.
        addIf(gflags, flags, HEAP_TAIL_CHECKING_ENABLED, "+htc");
        addIf(gflags, flags, HEAP_FREE_CHECKING_ENABLED, "+hfc");
        addIf(gflags, flags, HEAP_VALIDATE_PARAMETERS_ENABLED, "+hpc");
        addIf(gflags, flags, HEAP_VALIDATE_ALL_ENABLED, "+hvc");
        addIf(gflags, flags, HEAP_CAPTURE_STACK_BACKTRACES, "+ust");
        addIf(gflags, flags, HEAP_DISABLE_COALESCE_ON_FREE, "+dhc");
        if (extraEverywhere && (flags & HEAP_CAPTURE_STACK_BACKTRACES) == 0) {
            gflags.add("+htg"); // pseudo-tags: every block gets its HEAP_ENTRY_EXTRA, as the dump's [07] entries
        }
        addIf(options, flags, HEAP_NO_SERIALIZE, "HEAP_NO_SERIALIZE");
        addIf(options, flags, HEAP_GENERATE_EXCEPTIONS, "HEAP_GENERATE_EXCEPTIONS");
        addIf(options, flags, HEAP_CREATE_ENABLE_EXECUTE, "HEAP_CREATE_ENABLE_EXECUTE");
        long reserve = dump.segmentEnd() - dump.segmentStart();
        boolean bigSegment = reserve > DEFAULT_RESERVE;
        if (bigSegment) {
            options.add("HEAP_GROWABLE");
        }
        String createOptions = options.length() == 0 ? "0" : options.toString();
        String create = "h = HeapCreate(" + createOptions + ", 0, " + (bigSegment ? hex(reserve) : "0") + ")";

        BlockModel model = new BlockModel(dump.arch(), flags, extraEverywhere
            || (flags & HEAP_CAPTURE_STACK_BACKTRACES) != 0);
        String width = dump.arch() == Arch.X64 ? "%016x" : "%08x";
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Step.Kind.DO, create, "A fresh private heap to rebuild heap " + String.format(width,
            dump.heapAddress()) + " of the dump (" + dump.arch().name().toLowerCase() + ", "
            + model.granularity + "-byte granularity)" + (gflags.length() == 0 ? "" : "; gflags " + gflags
            + " give it the dump's Flags " + String.format(Locale.ROOT,
                "%08x", flags) + (derived ? " (read from the entries)" : ""))
            + ((flags & ~MAPPED) == 0 ? "" : " (flags " + String.format(Locale.ROOT,
                "%08x", flags & ~MAPPED) + " have no HeapLab"
            + " form and are left out)")
            + (bigSegment ? "; it reserves the dumped segment's " + hex(reserve) + " bytes" : "") + ".", false, 1,
            1));

        Counts counts = new Counts();
        List<Step> frees = new ArrayList<>();
        Set<String> tags = new LinkedHashSet<>();
        int last = lastBlockIndex(entries);
        HeapDump.Entry previous = null;
        boolean afterUncommitted = false;
        for (int i = 0; i < entries.size(); i++) {
            HeapDump.Entry e = entries.get(i);
            if (isInternal(dump, e)) {
                continue;
            }
            if (e.kind() == HeapDump.Entry.Kind.UNCOMMITTED) {
                if (i < last) {
                    counts.uncommitted++;
                    afterUncommitted = true;
                }
                continue;
            }
            if (!e.tag().isEmpty() && !e.tag().startsWith("Objects")) {
                tags.add(e.tag());
            }
            String where = String.format(width, e.address());
            if (previous != null && !afterUncommitted && e.address() > previous.end()) {
                fill(steps, model, counts, previous.end(), e.address() - previous.end(), width, e.line());
            }
            afterUncommitted = false;
            previous = e;
            if (e.kind() == HeapDump.Entry.Kind.FREE && i == last) {
                counts.rest = e;
                continue;
            }
            if (e.kind() == HeapDump.Entry.Kind.BUSY) {
                counts.busy++;
                String variable = "b" + counts.busy;
                long request = e.requested();
                String say = variable + " was " + where + " in the dump: busy, " + hex(e.bytes()) + " bytes, "
                    + hex(request) + " requested" + (e.tag().isEmpty() ? "" : " (" + e.tag() + ")") + ".";
                if (model.bytes(request) != e.bytes()) {
                    long fitting = model.requestFor(e.bytes());
                    if (fitting >= 0) {
                        say += " Here " + hex(fitting) + " gives that block size.";
                        request = fitting;
                    } else {
                        counts.resized++;
                        say += " The simulator gives it " + hex(model.bytes(request)) + " bytes.";
                    }
                }
                steps.add(new Step(Step.Kind.DO, variable + " = HeapAlloc(h, " + userFlags(e.flags()) + ", "
                    + hex(request) + ")", say, false, e.line(), 1));
            } else {
                counts.free++;
                String variable = "f" + counts.free;
                long request = model.requestFor(e.bytes());
                String say = variable + " holds the place of " + where + ", a free " + hex(e.bytes())
                    + "-byte block in the dump; it is freed once every block is in place.";
                String keeps = "its " + hex(e.bytes()) + " bytes";
                if (request < 0) {
                    request = 0;
                    counts.resized++;
                    say += " The simulator cannot make a block that small here: it gets " + hex(model.bytes(0))
                        + " bytes.";
                    keeps = "the " + hex(model.bytes(0)) + " bytes it got (" + hex(e.bytes()) + " in the dump)";
                }
                steps.add(new Step(Step.Kind.DO, variable + " = HeapAlloc(h, 0, " + hex(request) + ")", say, false,
                    e.line(), 1));
                frees.add(new Step(Step.Kind.DO, "HeapFree(h, 0, " + variable + ")", where + " is free again, as in"
                    + " the dump; its neighbours are busy, so it keeps " + keeps + ".", false, e.line(), 1));
            }
        }
        steps.addAll(frees);
        String rest = counts.rest == null ? "" : " The last free block (" + String.format(width,
            counts.rest.address()) + ", " + hex(counts.rest.bytes()) + " bytes in the dump) is this heap's own free"
            + " rest of the segment.";
        String sizes = counts.resized == 0 ? "sizes and states" : "states, and its sizes but for " + counts.resized
            + (counts.resized == 1 ? " block" : " blocks") + " the simulator makes another size (said at their steps),";
        steps.add(new Step(Step.Kind.CMD, "!heap -a h", "The rebuilt heap: after its own blocks, the entries have the"
            + " dump's " + sizes + " in the same order, at this heap's addresses." + rest, false, 1, 1));
        return new Scenario(dump.source(), dump.name(), summary(dump, counts, tags), dump.arch(), gflags.toString(),
            globalFlags(gflags.toString()), "full", "off", "demo.exe", List.copyOf(steps));
    }

    private static String summary(HeapDump dump, Counts counts, Set<String> tags) {
        StringJoiner left = new StringJoiner(", ");
        int count = 0;
        count += note(left, dump.otherSegments(), "other segment", "other segments");
        if (dump.otherSegmentEntries() > 0) {
            left.add("their " + dump.otherSegmentEntries() + " entries");
        }
        count += note(left, dump.virtualBlocks(), "virtual block", "virtual blocks");
        count += note(left, tags.size(), "named tag", "named tags");
        count += note(left, counts.uncommitted, "uncommitted range inside the segment",
            "uncommitted ranges inside the segment");
        count += note(left, dump.otherHeaps(), "other heap", "other heaps");
        count += note(left, counts.resized, "block of a size the simulator cannot give",
            "blocks of a size the simulator cannot give");
        count += note(left, counts.fillers, "'...' gap filled with busy blocks", "'...' gaps filled with busy blocks");
        return "A WinDbg !heap -a dump rebuilt on a fresh heap h: " + counts.busy + " busy and " + counts.free
            + " free blocks of the first segment, in address order (bN busy, fN freed at the end, gN fillers). "
            + (count == 0 ? "Nothing else in the dump is left out" : "Not reproduced (" + count + "): " + left)
            + ". LFH chunks inside a busy UserBlocks entry are not listed by !heap -a and not rebuilt; the LFH is"
            + " off here.";
    }

    private static int note(StringJoiner out, int n, String one, String many) {
        if (n > 0) {
            out.add(n + " " + (n == 1 ? one : many));
        }
        return n;
    }

    /** Busy blocks that fill a "..." gap of the dump, {@link #FILLER_MAX} bytes at most each. */
    private static void fill(List<Step> steps, BlockModel model, Counts counts, long from, long bytes, String width,
                             int line) {
        counts.fillers++;
        long left = bytes;
        while (left > 0) {
            long piece = left <= FILLER_MAX + 0x100 ? left : FILLER_MAX;
            long request = Math.max(model.requestFor(piece), 0);
            counts.filler++;
            steps.add(new Step(Step.Kind.DO, "g" + counts.filler + " = HeapAlloc(h, 0, " + hex(request) + ")",
                "g" + counts.filler + " fills " + hex(piece) + " of the " + hex(bytes) + " bytes the dump leaves out"
                + " ('...') from " + String.format(width, from) + ".", false, line, 1));
            left -= piece;
        }
    }

    /** The heap's own blocks: before the segment's First Entry, or the _HEAP and _HEAP_SEGMENT blocks. */
    static boolean isInternal(HeapDump dump, HeapDump.Entry e) {
        if (dump.firstEntry() >= 0) {
            return Long.compareUnsigned(e.address(), dump.firstEntry()) < 0;
        }
        return e.address() == dump.heapAddress() || e.address() == dump.segmentStructure();
    }

    /** The index of the last busy or free entry (later ones are uncommitted ranges), or -1. */
    private static int lastBlockIndex(List<HeapDump.Entry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).kind() != HeapDump.Entry.Kind.UNCOMMITTED) {
                return i;
            }
        }
        return -1;
    }

    /** Without a Flags line: tail fill on a busy block means tail checking, free fill means free checking. */
    private static long flagsFromEntries(List<HeapDump.Entry> entries) {
        long flags = 0;
        for (HeapDump.Entry e : entries) {
            flags |= e.tailFill() ? HEAP_TAIL_CHECKING_ENABLED : 0;
            flags |= e.freeFill() ? HEAP_FREE_CHECKING_ENABLED : 0;
        }
        return flags;
    }

    /** HEAP_SETTABLE_USER_FLAG1..3 for the entry's settable flags 0x20..0x80 (heap-facts.md 1.1). */
    private static String userFlags(int entryFlags) {
        StringJoiner out = new StringJoiner(" | ");
        for (int bit = 0; bit < 3; bit++) {
            if ((entryFlags & (0x20 << bit)) != 0) {
                out.add("HEAP_SETTABLE_USER_FLAG" + (bit + 1));
            }
        }
        return out.length() == 0 ? "0" : out.toString();
    }

    private static void addIf(StringJoiner out, long flags, long bit, String text) {
        if ((flags & bit) != 0) {
            out.add(text);
        }
    }

    private static long globalFlags(String gflags) {
        try {
            return GlobalFlags.parse(gflags);
        } catch (GlobalFlags.ParseException e) {
            throw new IllegalStateException(e); // the converter writes only known flags
        }
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static final class Counts {
        int busy;
        int free;
        int fillers;
        int filler;
        int uncommitted;
        int resized;
        HeapDump.Entry rest;
    }

    /**
     * The block size HeapAlloc gives a request, as HeapManager's AlignRound computes it: one header of overhead (8
     * bytes on x64 without debug flags), one more granule with tail checking, one for a HEAP_ENTRY_EXTRA.
     */
    static final class BlockModel {
        final int granularity;
        private final long overhead;
        private final long tail;
        private final long extra;
        private final long minimum;

        BlockModel(Arch arch, long heapFlags, boolean extra) {
            granularity = arch == Arch.X64 ? 16 : 8;
            long debug = HEAP_TAIL_CHECKING_ENABLED | HEAP_FREE_CHECKING_ENABLED | HEAP_VALIDATE_PARAMETERS_ENABLED
                | HEAP_VALIDATE_ALL_ENABLED;
            overhead = arch == Arch.X64 && (heapFlags & debug) == 0 ? 8 : granularity;
            tail = (heapFlags & HEAP_TAIL_CHECKING_ENABLED) != 0 ? granularity : 0;
            this.extra = extra ? granularity : 0;
            minimum = arch == Arch.X64 ? 16 : 8;
        }

        long bytes(long request) {
            return (Math.max(request, minimum) + granularity - 1 + overhead + tail & -granularity) + extra;
        }

        /** The largest request that gives a block of exactly {@code bytes}, or -1 when none does. */
        long requestFor(long bytes) {
            long request = bytes - extra - overhead - tail;
            return request >= 0 && bytes(request) == bytes ? request : -1;
        }
    }
}
