package heaplab.app.main;

import heaplab.app.console.ConsoleContext;
import heaplab.engine.Arch;

import java.util.Collection;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** The console's view of the window's current session (which File > Open replaces) and of the shared selection. */
final class SessionConsoleContext implements ConsoleContext {
    private final Supplier<LabSession> session;
    private final java.util.function.BooleanSupplier moving;
    private final LongConsumer selection;

    /** @param moving true while the session moves on a worker: completion and links then read nothing of it */
    SessionConsoleContext(Supplier<LabSession> session, java.util.function.BooleanSupplier moving,
                          LongConsumer selection) {
        this.session = session;
        this.moving = moving;
        this.selection = selection;
    }

    @Override
    public Arch arch() {
        return session.get().arch();
    }

    @Override
    public boolean isMapped(long address) {
        return !moving.getAsBoolean() && session.get().isMapped(address);
    }

    @Override
    public Collection<String> variableNames() {
        return moving.getAsBoolean() ? java.util.List.of() : session.get().variables().keySet();
    }

    @Override
    public void select(long address) {
        selection.accept(address);
    }
}
