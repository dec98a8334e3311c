package heaplab.app.main;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapInfo;
import heaplab.engine.nt.HeapManager;
import heaplab.engine.nt.HeapTags;
import heaplab.engine.process.Modules;
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
    public void jumpTo(int position) {
        session.jumpTo(position);
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
    public List<HeapInfo> heaps() {
        HeapManager manager = session.process().heaps();
        List<HeapInfo> heaps = new ArrayList<>();
        for (long handle : manager.heapHandles()) {
            heaps.add(manager.read(handle));
        }
        return heaps;
    }

    @Override
    public heaplab.app.inspector.BlockNotes blockNotes(long heap, long entry) {
        Process process = session.process();
        HeapTags tags = process.heaps().tags();
        try {
            int index = tags.tagIndexOf(entry, process.heaps().entries());
            String name = index == 0 ? null : tags.name(heap, process.globalTagHeap(), index);
            List<String> frames = new ArrayList<>();
            Modules modules = process.modules();
            for (long frame : process.stackTraces().trace(tags.backTraceIndexOf(entry, process.heaps().entries()))) {
                String symbol = modules.symbolOf(frame, 0);
                frames.add((symbol == null ? process.arch().ptr(frame) : symbol) + modules.sourceLineOf(frame));
            }
            return new heaplab.app.inspector.BlockNotes(
                name == null ? "" : name + String.format(" (%04x)", index), frames);
        } catch (RuntimeException e) {
            return heaplab.app.inspector.BlockNotes.NONE; // a header damaged past decoding: nothing to add
        }
    }

    @Override
    public int peekByte(long address) {
        return session.process().memory().peekByte(address);
    }

    @Override
    public Map<String, Long> variables() {
        Process process = session.process();
        Map<String, Long> values = new LinkedHashMap<>();
        for (String name : process.variableNames()) {
            values.put(name, process.readVariable(name));
        }
        return values;
    }

    @Override
    public LabSession replay() {
        Scenario s = session.scenario();
        // The steps may include some typed in the console since loading; the replay must run those too.
        Scenario withAllSteps = new Scenario(s.source(), s.title(), s.summary(), s.arch(), s.gflags(),
            s.globalFlags(), s.pageHeap(), s.lfh(), s.image(), List.copyOf(session.steps()));
        return new EngineLabSession(Session.open(withAllSteps));
    }
}
