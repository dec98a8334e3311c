package heaplab.app.inspector;

import heaplab.app.heapmap.BlockState;
import heaplab.app.heapmap.BlockText;
import heaplab.app.heapmap.HeapMapModel;
import heaplab.app.heapmap.MapBlock;
import heaplab.app.heapmap.PointerArrows;
import heaplab.app.heapmap.Variables;
import heaplab.engine.Arch;
import heaplab.engine.inspect.BlockAnatomy;
import heaplab.engine.inspect.BlockBytes;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.StepOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inspector's fields, one category per layer that owns a header, in layer order: _HEAP_ENTRY (with the free
 * block's LIST_ENTRY), then the engine's sections (_HEAP_ENTRY_EXTRA, LFH chunk header, _DPH_HEAP_BLOCK and
 * DPH_BLOCK_INFORMATION, _CrtMemBlockHeader), then the block's notes; the damage found in its bytes, if any, comes
 * before them all.
 */
final class InspectorSections {
    static final String HEAP_ENTRY = "_HEAP_ENTRY";
    static final String LIST_ENTRY = "LIST_ENTRY";
    static final String CRT_HEADER = "_CrtMemBlockHeader";
    static final String NOTES = "Notes";
    static final String DAMAGE = "Damage";
    static final String POINTED_TO_BY = "Pointed to by";
    static final String POINTS_TO = "Points to";
    static final String PAGES = "Committed pages";
    /** `name = 0x00360688`: the line a `do` statement prints when it assigns a pointer. */
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*[A-Za-z_]\\w*\\s*=\\s*0x([0-9a-fA-F`]+)\\s*$",
        Pattern.MULTILINE);
    /** `p = HeapAlloc(h, 0, 16)`: a step that stores what a call returned. */
    private static final Pattern ASSIGNED_CALL = Pattern.compile("^\\s*[A-Za-z_]\\w*\\s*=\\s*[A-Za-z_]\\w*\\s*\\(");

    private InspectorSections() {
    }

    static List<HeaderField> fields(InspectorInput in, BlockBytes bytes) {
        List<HeaderField> f = new ArrayList<>();
        BlockAnatomy anatomy = in.anatomy();
        // An LFH chunk has no _HEAP_ENTRY of its own: the engine's sections give its UserBlocks' one.
        if (in.block() != null && in.block().state() == BlockState.PAGES) {
            f.addAll(pages(in.arch(), in.block()));
        } else if (in.block() != null && (anatomy == null || anatomy.kind() != BlockAnatomy.Kind.LFH_CHUNK)
            && in.block().state() != BlockState.DAMAGED) { // a damaged header's fields: the engine's, as read
            f.addAll(heapEntry(in.arch(), in.block(), in.peek()));
        }
        if (anatomy != null) {
            for (BlockAnatomy.Section s : anatomy.sections()) {
                for (BlockAnatomy.Field field : s.fields()) {
                    f.add(new HeaderField(s.name(), field.name(), field.value(), field.description()));
                }
            }
        }
        BlockNotes notes = in.notes();
        boolean crtFromEngine = anatomy != null && anatomy.section(CRT_HEADER) != null;
        for (List<String> field : notes.crt()) {
            if (field.get(0).equals("File(line)")) {
                f.add(new HeaderField(NOTES, field.get(0), field.get(1), field.get(2)));
            } else if (!crtFromEngine) {
                f.add(new HeaderField(CRT_HEADER, field.get(0), field.get(1), field.get(2)));
            }
        }
        if (!notes.tag().isEmpty()) {
            f.add(new HeaderField(NOTES, "Tag", notes.tag(), "the heap tag the block counts under (!heap -t, -T, -g)"));
        }
        if (!notes.trace().isEmpty()) {
            f.add(new HeaderField(NOTES, "Allocated at", notes.caller(),
                "recorded by +ust; the whole stack (!heap -p -a):\n" + String.join("\n", notes.trace())));
        }
        long start = anatomy != null ? anatomy.start() : in.block() == null ? 0 : in.block().entry();
        long end = anatomy != null ? anatomy.end() : in.block() == null ? 0 : in.block().end();
        // A free block or chunk was allocated once, but the step that did so says nothing about it now.
        boolean free = anatomy != null ? anatomy.title().matches("(?i).*\\bfreed?\\b.*")
            || anatomy.kind() == BlockAnatomy.Kind.NT && in.block() != null && in.block().state() == BlockState.FREE
            : in.block() != null && in.block().state() == BlockState.FREE;
        int step = free ? 0 : allocationStep(in.outcomes(), in.steps(), start, end);
        if (step > 0) {
            f.add(new HeaderField(NOTES, "Allocated at step", Integer.toString(step),
                "the step whose call returned an address in this block"));
        }
        if (in.leaked()) {
            f.add(new HeaderField(NOTES, "Leaked", "reported by !heap -l at this step",
                "nothing the program can still reach (stack, globals, blocks reached from them) points into it"));
        }
        String pointers = dangling(pointers(in.variables(), start, end), in.outcomes(), in.steps(), step);
        if (pointers.isEmpty() && in.variables().isEmpty() && in.block() != null) {
            pointers = in.block().caption();
        }
        if (!pointers.isEmpty()) {
            f.add(new HeaderField(NOTES, POINTED_TO_BY, pointers, "variables of the scenario holding an address "
                + "in the block; a dangling one was last set before the block was allocated: it still holds the "
                + "address of a block freed since, which this one now covers"));
        }
        if (!in.pointsTo().isEmpty() && in.block() != null) {
            f.add(new HeaderField(NOTES, POINTS_TO, pointsTo(in), "pointers this block's data holds to other blocks "
                + "(offset in the data: the address held, and the variables holding it), drawn as arrows on the map"));
        }
        if (bytes != null) {
            // First: the sheet opens its first category, and damage is what the student must not miss.
            int at = 0;
            for (BlockBytes.Damage d : bytes.damages()) {
                f.add(at++, new HeaderField(DAMAGE, "damaged at " + in.arch().ptr(d.from()), "expected " + d.expected() + ", found "
                    + d.found() + " (" + d.kind().label() + ")", (d.to() - d.from()) + " byte(s) that break what "
                    + d.kind().label() + " must hold; the layer reports it when it checks the block"));
            }
        }
        return f;
    }

    /** Committed pages of a VirtualAlloc region: no header, only where they are. */
    private static List<HeaderField> pages(Arch arch, MapBlock b) {
        String p = PAGES;
        return List.of(
            new HeaderField(p, "State", "MEM_COMMIT", "committed: the pages hold bytes, zero until written"),
            new HeaderField(p, "Address", arch.ptr(b.entry()) + " - " + arch.ptr(b.end()),
                "the committed run: VirtualQuery gives it as one range of the region"),
            new HeaderField(p, "Size", BlockText.size(b.size()) + " bytes = " + b.size() / 0x1000
                + (b.size() == 0x1000 ? " page" : " pages"), "pages of 4 KB, the unit VirtualAlloc commits in"),
            new HeaderField(p, "Heap", "none", "VirtualAlloc memory has no heap header: the program owns every byte"));
    }

    private static List<HeaderField> heapEntry(Arch arch, MapBlock b, LongToIntFunction peek) {
        int unit = arch.granularity();
        String e = HEAP_ENTRY;
        List<HeaderField> f = new ArrayList<>();
        f.add(new HeaderField(e, "State", b.state().displayName(), "what the heap uses the block for"));
        f.add(new HeaderField(e, "Entry address", arch.ptr(b.entry()), "where the _HEAP_ENTRY header starts"));
        f.add(new HeaderField(e, "User address", arch.ptr(b.user()),
            "what HeapAlloc returned: the first byte after the header"));
        f.add(new HeaderField(e, "Heap", arch.ptr(b.heap()), "the heap that owns the block"));
        if (b.state() == BlockState.VIRTUAL) {
            // The engine reads a virtual block's Size field as its unused bytes (HeapBlock#unusedBytes).
            f.add(new HeaderField(e, "Size", BlockText.size(b.unusedBytes()),
                "a virtual block's Size is CommitSize - the requested size (heap-facts.md 1.1), not units"));
            f.add(new HeaderField(e, "Block size", BlockText.size(b.size()) + " bytes",
                "from this header to the end of the committed region"));
        } else {
            f.add(new HeaderField(e, "Size", BlockText.size(b.size()) + " bytes = " + b.size() / unit
                + " units", "whole block in bytes; the header stores it in units of " + unit + " bytes"));
        }
        f.add(new HeaderField(e, "PreviousSize", BlockText.size(b.previousSize()) + " bytes = "
            + b.previousSize() / unit + " units", "size of the block before this one, to walk backwards"));
        f.add(new HeaderField(e, "Flags", BlockText.flags(b.flags()),
            "busy 0x01, extra 0x02, fill 0x04, virtual 0x08, last 0x10"));
        if (b.state() != BlockState.VIRTUAL) { // a virtual block's unused bytes are its Size, above
            f.add(new HeaderField(e, "UnusedBytes", BlockText.size(b.unusedBytes()),
                "bytes of the block the caller did not ask for (header included)"));
        }
        f.add(new HeaderField(e, "SegmentOffset", b.segmentIndex() < 0 ? "- (virtual block)"
            : Integer.toString(b.segmentIndex()), "index of the block's segment in Heap->Segments"));
        if (b.state() == BlockState.BUSY || b.state() == BlockState.VIRTUAL) {
            f.add(new HeaderField(e, "Requested size", BlockText.size(b.requested()),
                "what the program asked HeapAlloc for"));
            f.add(new HeaderField(e, "Header", BlockText.size(b.headerSize()), "bytes before the user address"));
        }
        if (b.state() == BlockState.FREE) {
            // A free block's first user bytes are its LIST_ENTRY on a free list.
            f.add(new HeaderField(LIST_ENTRY, "Flink", pointer(arch, peek, b.user()),
                "next free block's LIST_ENTRY on the same list (or the list head)"));
            f.add(new HeaderField(LIST_ENTRY, "Blink", pointer(arch, peek, b.user() + arch.pointerSize()),
                "previous free block's LIST_ENTRY (or the list head)"));
        }
        return f;
    }

    /**
     * The latest step run that returned an address in [start, end): its `x = 0x...` line says so, or (a headless
     * run prints no such line) it touched the block and its text assigns a call's result (`p = HeapAlloc(...)`).
     * 0 when none did.
     */
    static int allocationStep(List<StepOutcome> outcomes, List<Step> steps, long start, long end) {
        for (int i = outcomes.size() - 1; i >= 0; i--) {
            StepOutcome o = outcomes.get(i);
            if (o == null || o.touched() < start || o.touched() >= end) {
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(o.output() == null ? "" : o.output());
            while (m.find()) {
                long value = Long.parseUnsignedLong(m.group(1).replace("`", ""), 16);
                if (value >= start && value < end) {
                    return o.index() + 1;
                }
            }
            if (o.index() < steps.size() && ASSIGNED_CALL.matcher(steps.get(o.index()).text()).find()) {
                return o.index() + 1;
            }
        }
        return 0;
    }

    /** `e = HeapAlloc(h, 0, 8)`, `p = malloc(16)`: a step that makes a new block (not a realloc, not a memset). */
    private static final Pattern FRESH_ALLOCATION = Pattern.compile(
        "^\\s*[A-Za-z_]\\w*\\s*=\\s*(HeapAlloc|malloc|calloc|_malloc_dbg|_calloc_dbg)\\s*\\(");

    /** How far back a variable's last assignment is looked for (a long trace's outcomes are built one by one). */
    private static final int ASSIGNMENT_LOOKBACK = 10_000;

    /**
     * Marks the names of `names` (comma-separated) that were last set before step `allocated` (1-based, 0 unknown)
     * as dangling: first-fit's `a` in the block `e` took after a was freed. A name whose last assignment is not
     * found (set through a structure, or too long ago) is left as it is.
     */
    static String dangling(String names, List<StepOutcome> outcomes, List<Step> steps, int allocated) {
        // Only after a fresh allocation: a memset returning its destination, or a realloc in place, leaves the
        // pointers set before it valid.
        if (names.isEmpty() || allocated <= 0 || allocated > steps.size()
            || !FRESH_ALLOCATION.matcher(steps.get(allocated - 1).text()).find()) {
            return names;
        }
        List<String> out = new ArrayList<>();
        for (String name : names.split(", ")) {
            int set = lastAssignment(outcomes, steps, name);
            out.add(set > 0 && set < allocated ? name + " (dangling)" : name);
        }
        return String.join(", ", out);
    }

    /** The step (1-based) that last gave `name` a value (by its output, or its statement `name = ...`), or 0. */
    static int lastAssignment(List<StepOutcome> outcomes, List<Step> steps, String name) {
        Pattern output = Pattern.compile("^\\s*" + Pattern.quote(name) + "\\s*=\\s*0x", Pattern.MULTILINE);
        Pattern statement = Pattern.compile("^\\s*" + Pattern.quote(name) + "\\s*=[^=]");
        for (int i = outcomes.size() - 1; i >= 0 && i >= outcomes.size() - ASSIGNMENT_LOOKBACK; i--) {
            StepOutcome o = outcomes.get(i);
            if (o == null) {
                continue;
            }
            boolean byStatement = o.index() < steps.size() && steps.get(o.index()).kind() == Step.Kind.DO
                && statement.matcher(steps.get(o.index()).text()).find();
            if (byStatement || o.output() != null && output.matcher(o.output()).find()) {
                return o.index() + 1;
            }
        }
        return 0;
    }

    /** The Points to note: {@code +0x0: 00240630 (b)}, offsets from the pointer the program holds. */
    private static String pointsTo(InspectorInput in) {
        long data = PointerArrows.dataStart(in.block());
        List<String> out = new ArrayList<>();
        Variables variables = Variables.of(in.variables());
        for (HeapMapModel.Pointer p : in.pointsTo()) {
            String names = variables.namesOf(p.to(), p.to());
            out.add("+0x" + Long.toHexString(p.from() - data) + ": " + in.arch().ptr(p.to())
                + (names.isEmpty() ? "" : " (" + names + ")"));
        }
        return String.join(", ", out);
    }

    private static String pointers(Map<String, Long> variables, long start, long end) {
        if (variables instanceof heaplab.app.heapmap.Variables primitive) {
            return String.join(", ", primitive.namesIn(start, end)); // a trace's 50,000 variables, unboxed
        }
        List<String> names = new ArrayList<>();
        variables.forEach((name, value) -> {
            if (value != null && value >= start && value < end) {
                names.add(name);
            }
        });
        return String.join(", ", names);
    }

    /** A little-endian pointer read through the debugger peek, `??` when any byte is unreadable. */
    static String pointer(Arch arch, LongToIntFunction peek, long address) {
        long value = 0;
        for (int i = arch.pointerSize() - 1; i >= 0; i--) {
            int b = peek.applyAsInt(address + i);
            if (b < 0) {
                return "?".repeat(arch.pointerDigits());
            }
            value = (value << 8) | b;
        }
        return arch.ptr(value);
    }
}
