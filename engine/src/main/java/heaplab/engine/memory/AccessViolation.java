package heaplab.engine.memory;

/**
 * A read or write of memory that is not committed or not accessible: the simulated process faults with
 * STATUS_ACCESS_VIOLATION (c0000005), as a debugger would report it.
 */
public final class AccessViolation extends heaplab.engine.process.ProcessFault {
    private final long address;
    private final boolean write;

    public AccessViolation(long address, boolean write, String addressText) {
        super(0xC0000005L, "Access violation - code c0000005 (first chance)\n"
            + "Attempt to " + (write ? "write to" : "read from") + " address " + addressText);
        this.address = address;
        this.write = write;
    }

    public long address() { return address; }

    public boolean isWrite() { return write; }
}
