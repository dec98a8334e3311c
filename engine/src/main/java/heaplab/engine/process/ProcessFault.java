package heaplab.engine.process;

/**
 * An event that stops the simulated program where a debugger would break: an access violation, a heap
 * corruption report, an exception raised by HEAP_GENERATE_EXCEPTIONS. The message is the debugger's text.
 */
public class ProcessFault extends RuntimeException {
    private final long code;

    public ProcessFault(long code, String message) {
        super(message);
        this.code = code;
    }

    /** The NTSTATUS code (0xC0000005 access violation, 0xC0000017 no memory, 0x80000003 break). */
    public long code() { return code; }
}
