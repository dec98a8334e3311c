package heaplab.engine.scenario;

import heaplab.engine.Arch;

import java.util.List;

/**
 * A loaded scenario file (scenario-format.md): settings and steps, immutable.
 *
 * @param source   where it came from (file path or `sample:name`), used in `file:line:column` messages
 * @param title    shown in the window title and the sample list
 * @param summary  one paragraph, may be ""
 * @param arch     x86 or x64
 * @param gflags   the `gflags` text as written (`+htc +hfc`)
 * @param globalFlags the NtGlobalFlag bits it stands for
 * @param pageHeap `full` or `light`
 * @param lfh      `auto`, `on` or `off`
 * @param image    program name for messages (`demo.exe`)
 * @param steps    the steps in order
 */
public record Scenario(String source, String title, String summary, Arch arch, String gflags, long globalFlags,
                       String pageHeap, String lfh, String image, List<Step> steps) {
}
