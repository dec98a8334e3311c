package heaplab.engine.memory;

/** Who reserved a region: the simulated system (heaps, stack, image, PEB), the program, or the debugger. */
public enum RegionOrigin {
    /** The process's own regions: heap segments and blocks, the stack, the image and modules, the PEB. */
    SYSTEM,
    /** VirtualAlloc called by the program (a scenario's statement). */
    PROGRAM,
    /** The debugger's {@code .dvalloc}. */
    DEBUGGER
}
