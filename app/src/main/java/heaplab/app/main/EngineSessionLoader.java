package heaplab.app.main;

import heaplab.engine.scenario.ScenarioLoader;
import heaplab.engine.session.Session;
import heaplab.engine.trace.TraceImport;

import java.nio.file.Path;

/** Opens engine sessions through the engine's ScenarioLoader; a file may also be a trace to import. */
public final class EngineSessionLoader implements SessionLoader {

    @Override
    public LabSession open(Path file) throws Exception {
        return new EngineLabSession(Session.open(TraceImport.loadAny(file)));
    }

    @Override
    public LabSession openSample(String name) {
        return new EngineLabSession(Session.open(ScenarioLoader.loadSample(name)));
    }
}
