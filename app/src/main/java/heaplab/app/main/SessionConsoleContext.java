package heaplab.app.main;

import heaplab.app.console.ConsoleContext;
import heaplab.engine.Arch;

import java.util.Collection;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** The console's view of the window's current session (which File > Open replaces) and of the shared selection. */
final class SessionConsoleContext implements ConsoleContext {
    private final Supplier<LabSession> session;
    private final LongConsumer selection;

    SessionConsoleContext(Supplier<LabSession> session, LongConsumer selection) {
        this.session = session;
        this.selection = selection;
    }

    @Override
    public Arch arch() {
        return session.get().arch();
    }

    @Override
    public boolean isMapped(long address) {
        return session.get().isMapped(address);
    }

    @Override
    public Collection<String> variableNames() {
        return session.get().variables().keySet();
    }

    @Override
    public void select(long address) {
        selection.accept(address);
    }
}
