package heaplab.engine.script;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.process.Process;

/**
 * What statements of the call language run against: one process, plus the "touched" hook through which a statement
 * reports the user address of the block it allocated, freed or wrote (for highlighting). The session keeps one
 * context per process and clears the hook before each step.
 */
public final class ScriptContext {
    private final Process process;
    private final AddressSpace memory;
    private final Arch arch;
    private final long pointerMask;
    private long touched;

    public ScriptContext(Process process) {
        this.process = process;
        this.memory = process.memory();
        this.arch = process.arch();
        this.pointerMask = arch.pointerMask();
    }

    public Process process() { return process; }

    public Arch arch() { return arch; }

    /**
     * The user address that the last statements touched: the pointer HeapAlloc, HeapReAlloc or VirtualAlloc returned,
     * or the pointer passed to HeapFree, HeapReAlloc, memset, memcpy, memmove, strcpy or {@code p[i] = v}; after an
     * access violation, the address that faulted. 0 when none.
     */
    public long touched() { return touched; }

    /** Forgets the touched address (the session does this before each step). */
    public void clearTouched() {
        touched = 0;
    }

    /** Records the address a statement touched (the session's too: where an access violation struck). */
    public void touch(long address) {
        touched = address;
    }

    AddressSpace memory() { return memory; }

    /** A value as a SIZE_T or pointer argument: truncated to 32 bits on x86. */
    long size(long value) {
        return value & pointerMask;
    }

    /** Values compared with == and !=: on x86 a negative int converts to a 32-bit SIZE_T, as C converts it. */
    long comparable(long value) {
        return pointerMask != -1L && value < 0 && value >= Integer.MIN_VALUE ? value & pointerMask : value;
    }
}
