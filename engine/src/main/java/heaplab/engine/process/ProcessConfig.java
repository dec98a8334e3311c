package heaplab.engine.process;

import heaplab.engine.Arch;

/**
 * How a simulated process starts: architecture, global flags (`gflags /i image +htc ...`), image name.
 *
 * @param arch        x86 or x64
 * @param globalFlags NtGlobalFlag bits (FLG_HEAP_ENABLE_TAIL_CHECK 0x10, ...)
 * @param imageName   the program's name, used in messages (`HEAP[demo.exe]: ...`)
 * @param lfh         "auto", "on" or "off"
 * @param pageHeap    "full" or "light" (with FLG_HEAP_PAGE_ALLOCS)
 */
public record ProcessConfig(Arch arch, long globalFlags, String imageName, String lfh, String pageHeap) {
    public static ProcessConfig defaults(Arch arch) {
        return new ProcessConfig(arch, 0, "demo.exe", "auto", "full");
    }
}
