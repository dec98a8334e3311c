package heaplab.app.main;

import heaplab.app.heapmap.Variables;
import heaplab.engine.Arch;
import heaplab.engine.console.HeapBreakpoints;
import heaplab.engine.crt.CrtBlockHeader;
import heaplab.engine.crt.DebugHeap;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapManager;
import heaplab.engine.nt.HeapTags;
import heaplab.engine.process.Process;
import heaplab.engine.scenario.Scenario;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.Session;
import heaplab.engine.session.StepOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The window's view of an engine {@link Session}. */
public final class EngineLabSession implements LabSession {
    private final Session session;

    public EngineLabSession(Session session) {
        this.session = session;
    }

    public Session session() {
        return session;
    }

    @Override
    public Scenario scenario() {
        return session.scenario();
    }

    @Override
    public List<Step> steps() {
        return session.steps();
    }

    @Override
    public int position() {
        return session.position();
    }

    @Override
    public List<StepOutcome> outcomes() {
        return session.outcomes();
    }

    @Override
    public StepOutcome lastOutcome() {
        return session.lastOutcome();
    }

    @Override
    public boolean isStopped() {
        return session.isStopped();
    }

    @Override
    public StepOutcome step() {
        return session.step();
    }

    @Override
    public void stepBack() {
        session.stepBack();
    }

    @Override
    public StepOutcome run() {
        return session.run();
    }

    @Override
    public String heapBreakpointStop() {
        return session.lastRunStop() == Session.RunStop.HEAP_BREAKPOINT ? session.lastRunStopText() : "";
    }

    @Override
    public String dataBreakpointStop() {
        return session.lastRunStop() == Session.RunStop.DATA_BREAKPOINT ? session.lastRunStopText() : "";
    }

    @Override
    public String dataBreakpointOfLastStep() {
        var hit = session.dataBreakpointOfLastStep();
        return hit == null ? null : hit.label(session.process().arch());
    }

    @Override
    public String dataBreakpointListing() {
        return session.dataBreakpoints().listing(session.process().arch());
    }

    @Override
    public void jumpTo(int position) {
        session.jumpTo(position);
    }

    @Override
    public String heapBreakpointBeforeNextStep() {
        return session.heapBreakpointBeforeNextStep();
    }

    @Override
    public String heapBreakpointListing() {
        return session.heapBreakpoints().listing(session.process().arch());
    }

    @Override
    public boolean isBreakpoint(int index) {
        return session.isBreakpoint(index);
    }

    @Override
    public void setBreakpoint(int index, boolean on) {
        session.setBreakpoint(index, on);
    }

    @Override
    public String runBack() {
        return session.runBack() == Session.RunStop.NONE ? "" : session.lastRunStopText();
    }

    @Override
    public void restart() {
        session.restart();
    }

    @Override
    public String console(String line) {
        return session.console(line);
    }

    @Override
    public Arch arch() {
        return session.process().arch();
    }

    @Override
    public List<Long> leakedBlocks() {
        if (!afterLeakSearch()) {
            return List.of();
        }
        Reads at = reads(); // the search scans all committed memory: once per position
        if (at.leaks == null) {
            at.leaks = heaplab.engine.console.Console.leakedBlocks(session.process());
        }
        return at.leaks;
    }

    /**
     * Whether a step that ran {@code !heap -l} has run at or before the current one with nothing since that can change
     * memory (only expects and commands that change nothing): then its report still holds, and the marks stay.
     */
    private boolean afterLeakSearch() {
        List<Step> steps = steps();
        for (int i = Math.min(session.position(), steps.size()) - 1; i >= 0; i--) {
            Step step = steps.get(i);
            if (step.kind() == Step.Kind.CMD && heaplab.engine.console.Console.isLeakSearch(step.text())) {
                return true;
            }
            boolean changesNothing = step.kind() == Step.Kind.EXPECT
                || step.kind() == Step.Kind.CMD && !heaplab.engine.console.Console.changesState(step.text());
            if (!changesNothing) {
                return false;
            }
        }
        return false;
    }

    @Override
    public List<heaplab.engine.process.ProgramRegion> programRegions() {
        return session.process().programRegions();
    }

    @Override
    public List<HeapInfo> heaps() {
        Reads at = reads();
        if (at.heaps == null) {
            HeapManager manager = session.process().heaps();
            List<HeapInfo> heaps = new ArrayList<>();
            for (long handle : manager.heapHandles()) {
                heaps.add(manager.read(handle));
            }
            at.heaps = List.copyOf(heaps);
        }
        return at.heaps;
    }

    /**
     * What the views read of one position: the heaps, the CRT's blocks, the variables, the picture of the blocks and
     * the LFH's UserBlocks, each read at most once. The state at a position is a function of the steps and the
     * position (replay is deterministic, a console line that changes the process adds a step, and steps are never
     * removed), so the last few positions are kept: stepping back to where the window just was reads nothing.
     */
    private static final class Reads {
        List<HeapInfo> heaps;
        Map<Long, long[]> crt;
        Variables variables;
        heaplab.engine.process.HeapAnatomy.Picture picture;
        Map<Long, List<LowFragmentationHeap.UserBlocksInfo>> lfh;
        List<Long> leaks;
    }

    /** Positions kept: a few steps back and forth cost nothing to read again. */
    private static final int POSITIONS_KEPT = 8;
    private final Map<Long, Reads> positions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Reads> eldest) {
            return size() > POSITIONS_KEPT;
        }
    };

    /** The reads of the current position (a new, empty one the first time). */
    private Reads reads() {
        long key = ((long) session.steps().size() << 32) | session.position();
        return positions.computeIfAbsent(key, k -> new Reads());
    }

    @Override
    public heaplab.app.inspector.BlockNotes blockNotes(long heap, long entry) {
        Process process = session.process();
        HeapTags tags = process.heaps().tags();
        try {
            int index = tags.tagIndexOf(entry, process.heaps().entries());
            String name = index == 0 ? null : tags.name(heap, process.globalTagHeap(), index);
            List<String> frames = new ArrayList<>();
            for (long frame : process.stackTraces().trace(tags.backTraceIndexOf(entry, process.heaps().entries()))) {
                String text = process.modules().frameText(frame, 0);
                frames.add(text.isEmpty() ? process.arch().ptr(frame) : text);
            }
            return new heaplab.app.inspector.BlockNotes(
                name == null ? "" : name + String.format(" (%04x)", index), frames, crtFields(heap, entry));
        } catch (RuntimeException e) {
            return heaplab.app.inspector.BlockNotes.NONE; // a header damaged past decoding: nothing to add
        }
    }

    @Override
    public Map<Long, String> heapRoles() {
        Process process = session.process();
        Map<Long, String> roles = new java.util.HashMap<>();
        for (long handle : process.heaps().pageHeap().handles()) {
            // The blocks of a full page heap live on pages of their own, outside every NT heap: !heap -p -h lists them.
            roles.put(process.heaps().pageHeap().normalHeap(handle), "NormalHeap of "
                + (handle == process.getProcessHeap() ? "process heap " : "page heap ") + process.arch().ptr(handle));
        }
        return roles;
    }

    @Override
    public Map<Long, List<LowFragmentationHeap.UserBlocksInfo>> lfhUserBlocks() {
        Reads at = reads();
        if (at.lfh == null) {
            at.lfh = readLfhUserBlocks();
        }
        return at.lfh;
    }

    private Map<Long, List<LowFragmentationHeap.UserBlocksInfo>> readLfhUserBlocks() {
        Process process = session.process();
        Map<Long, List<LowFragmentationHeap.UserBlocksInfo>> out = new java.util.HashMap<>();
        for (HeapInfo heap : heaps()) {
            List<LowFragmentationHeap.UserBlocksInfo> blocks = process.heaps().lfh().userBlocks(heap.address());
            if (!blocks.isEmpty()) {
                out.put(heap.address(), blocks);
            }
        }
        return out;
    }

    @Override
    public List<DebugHeap.BlockInfo> crtBlockList() {
        return session.process().crt().blocks();
    }

    @Override
    public Map<Long, List<heaplab.engine.pageheap.PageHeap.QueuedFree>> pageHeapDelayedFrees() {
        return perPageHeap(heaplab.engine.pageheap.PageHeap::delayedFrees);
    }

    @Override
    public Map<Long, List<heaplab.engine.pageheap.PageHeap.DphBlock>> pageHeapFreedBlocks() {
        return perPageHeap(heaplab.engine.pageheap.PageHeap::freedBlocks);
    }

    /** A list of each page heap's, by handle in the process's heap order. */
    private <T> Map<Long, List<T>> perPageHeap(
            java.util.function.BiFunction<heaplab.engine.pageheap.PageHeap, Long, List<T>> list) {
        heaplab.engine.pageheap.PageHeap pageHeap = session.process().heaps().pageHeap();
        Map<Long, List<T>> out = new LinkedHashMap<>();
        for (long handle : pageHeap.handles()) {
            out.put(handle, list.apply(pageHeap, handle));
        }
        return out;
    }

    @Override
    public heaplab.engine.process.HeapAnatomy.Picture anatomy(List<HeapInfo> heaps, Map<Long, long[]> crtBlocks) {
        Reads at = reads();
        if (at.picture != null && heaps == at.heaps && crtBlocks == at.crt) {
            return at.picture;
        }
        heaplab.engine.process.HeapAnatomy.Picture picture =
            heaplab.engine.process.HeapAnatomy.of(session.process(), heaps, crtBlocks, anatomyMemo);
        if (heaps == at.heaps && crtBlocks == at.crt) {
            at.picture = picture;
        }
        return picture;
    }

    /** What the last picture of the heaps found, reused where a step changed nothing it depends on. */
    private final heaplab.engine.process.HeapAnatomy.Memo anatomyMemo = new heaplab.engine.process.HeapAnatomy.Memo();

    @Override
    public Map<Long, long[]> crtBlocks() {
        Reads at = reads();
        if (at.crt == null) {
            at.crt = java.util.Collections.unmodifiableMap(readCrtBlocks());
        }
        return at.crt;
    }

    private Map<Long, long[]> readCrtBlocks() {
        Process process = session.process();
        CrtBlockHeader headers = process.crt().headers();
        Map<Long, long[]> blocks = new java.util.HashMap<>();
        try {
            int steps = 0;
            for (long at = process.crt().globals().firstBlock(); at != 0 && steps < 1_000_000;
                 at = headers.next(at), steps++) {
                blocks.put(at - process.heaps().layout().g, new long[] {headers.user(at), headers.dataSize(at)});
            }
        } catch (RuntimeException e) {
            // A CRT list damaged past reading (the program wrote over a header): draw what was found so far.
        }
        return blocks;
    }

    /**
     * The debug CRT's header fields when the NT block at `entry` of the process heap holds a block on the CRT's list
     * (found by walking that list from __acrt_first_block), each as name, value and meaning; else none.
     */
    private List<List<String>> crtFields(long heap, long entry) {
        Process process = session.process();
        if (heap != process.getProcessHeap()) {
            return List.of();
        }
        DebugHeap crt = process.crt();
        CrtBlockHeader headers = crt.headers();
        long header = entry + process.heaps().layout().g;
        int steps = 0;
        for (long at = crt.globals().firstBlock(); at != 0 && steps < 100_000; at = headers.next(at), steps++) {
            if (at == header) {
                Arch arch = process.arch();
                long user = headers.user(header);
                long size = headers.dataSize(header);
                int use = headers.blockUse(header);
                long file = headers.fileName(header);
                String where = file == 0 ? "-" : process.readCString(file) + "(" + headers.lineNumber(header) + ")";
                return List.of(
                    List.of("Request", "{" + headers.requestNumber(header) + "}", "the allocation's request number"),
                    List.of("Block use", blockUse(use), "_BLOCK_TYPE and _BLOCK_SUBTYPE of _block_use"),
                    List.of("Data", arch.ptr(user) + ", 0x" + Long.toHexString(size) + " bytes",
                        "what malloc returned and the size asked for"),
                    List.of("File(line)", where, "from _malloc_dbg (\"-\" for plain malloc)"),
                    List.of("No-man's land", landState(user - CrtBlockHeader.NO_MANS_LAND_SIZE, user + size),
                        "the 4 bytes of 0xFD before and after the data"));
            }
        }
        return List.of();
    }

    private static String blockUse(int use) {
        String[] names = {"_FREE_BLOCK", "_NORMAL_BLOCK", "_CRT_BLOCK", "_IGNORE_BLOCK", "_CLIENT_BLOCK"};
        int type = use & 0xFFFF;
        String name = type < names.length ? names[type] : "unknown type " + type;
        return (use >>> 16) == 0 ? name : name + ", subtype " + (use >>> 16);
    }

    private String landState(long before, long after) {
        boolean intact = true;
        for (int i = 0; i < CrtBlockHeader.NO_MANS_LAND_SIZE; i++) {
            intact &= peekByte(before + i) == CrtBlockHeader.NO_MANS_LAND_FILL
                && peekByte(after + i) == CrtBlockHeader.NO_MANS_LAND_FILL;
        }
        return intact ? "intact (fd fd fd fd on both sides)" : "DAMAGED: the CRT reports it at free";
    }

    @Override
    public heaplab.engine.inspect.BlockAnatomy anatomy(long address) {
        return new heaplab.engine.inspect.BlockInspector(session.process()).inspect(address);
    }

    @Override
    public int peekByte(long address) {
        return session.process().memory().peekByte(address);
    }

    @Override
    public boolean isMapped(long address) {
        return session.process().memory().regionAt(address) != null;
    }

    @Override
    public Map<String, Long> variables() {
        // A trace has a variable per block id (50,000 of them), and every view asks: read once per position.
        Reads at = reads();
        if (at.variables == null) {
            Process process = session.process();
            at.variables = new Variables(process.variableNames().toArray(new String[0]), process.variableValueArray());
        }
        return at.variables;
    }

    /** A second session kept at the diff's base step (steps typed in the console since make a new one). */
    private EngineLabSession diffBase;

    @Override
    public heaplab.engine.diff.HeapDiff diffSince(int fromStep) {
        int from = Math.max(0, Math.min(fromStep, session.position()));
        if (diffBase == null || !diffBase.session.steps().equals(session.steps())) {
            diffBase = (EngineLabSession) replay();
        }
        diffBase.jumpTo(from);
        return heaplab.engine.diff.HeapDiff.between(diffBase.session.process(), diffBase.position(), session.process(),
            session.position());
    }

    @Override
    public LabSession replay() {
        return replayLater().get();
    }

    @Override
    public java.util.function.Supplier<LabSession> replayLater() {
        Scenario s = session.scenario();
        // The steps may include some typed in the console since loading; the replay must run those too.
        Scenario withAllSteps = new Scenario(s.source(), s.title(), s.summary(), s.arch(), s.gflags(),
            s.globalFlags(), s.pageHeap(), s.lfh(), s.image(), List.copyOf(session.steps()));
        // The heap breakpoints are the session's, not the scenario's (typed in the console): the replay gets a copy
        // so that the timeline marks where they stop.
        HeapBreakpoints breakpoints = new HeapBreakpoints();
        copy(session.heapBreakpoints(), breakpoints);
        heaplab.engine.console.DataBreakpoints watches = new heaplab.engine.console.DataBreakpoints();
        watches.copyFrom(session.dataBreakpoints());
        // Forward only and without the text of `do` steps: the timeline reads the heaps and the statuses, no more.
        return () -> {
            Session replay = Session.open(withAllSteps, Session.Options.forwardOnly().withOutputs(false));
            copy(breakpoints, replay.heapBreakpoints());
            replay.dataBreakpoints().copyFrom(watches);
            return new EngineLabSession(replay);
        };
    }

    private static void copy(HeapBreakpoints from, HeapBreakpoints to) {
        for (HeapBreakpoints.Kind kind : HeapBreakpoints.Kind.values()) {
            if (from.has(kind)) {
                to.set(kind, from.tag(kind), from.heap(kind));
            }
        }
        for (long address : from.addresses()) {
            to.setAddress(address);
        }
    }
}
