package heaplab.app.console;

import heaplab.engine.Arch;

import java.util.Collection;
import java.util.List;

/** What the console pane needs of the session around it, beyond running lines: addresses, names, the selection. */
public interface ConsoleContext {
    /** A context with no session: nothing is an address, no names, clicks go nowhere. */
    ConsoleContext NONE = new ConsoleContext() {
        @Override
        public Arch arch() {
            return Arch.X86;
        }

        @Override
        public boolean isMapped(long address) {
            return false;
        }

        @Override
        public Collection<String> variableNames() {
            return List.of();
        }

        @Override
        public void select(long address) {
        }
    };

    /** The architecture, which decides how addresses are written. */
    Arch arch();

    /** True for an address in the simulated address space (a reserved or committed region). */
    boolean isMapped(long address);

    /** The scenario's variables, for completion. */
    Collection<String> variableNames();

    /** Selects the block containing the address in every view. */
    void select(long address);
}
