package heaplab.app.heapmap;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.MemoryInfo;
import heaplab.engine.memory.RegionOrigin;
import heaplab.engine.process.ProgramRegion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The regions the program reserved with VirtualAlloc (and the debugger with .dvalloc) as one more group of the map:
 * a region per segment, its committed runs as blocks of committed pages and its reserved runs as uncommitted ranges.
 * They hold no heap blocks, only bytes.
 */
final class ProgramRegionMapping {
    private ProgramRegionMapping() {
    }

    /** The group, or none when the program reserved nothing. */
    static List<MapHeap> heaps(Arch arch, List<ProgramRegion> regions, Map<String, Long> variables) {
        if (regions.isEmpty()) {
            return List.of();
        }
        Variables names = Variables.of(variables);
        List<MapSegment> segments = new ArrayList<>();
        for (ProgramRegion r : regions) {
            segments.add(segment(arch, r, names));
        }
        return List.of(new MapHeap(0, MapHeap.Kind.PROGRAM, "Virtual memory   VirtualAlloc and .dvalloc   ("
            + regions.size() + " region" + (regions.size() == 1 ? "" : "s") + ")", List.copyOf(segments), List.of()));
    }

    private static MapSegment segment(Arch arch, ProgramRegion r, Variables names) {
        List<MapBlock> blocks = new ArrayList<>();
        List<MapSegment.MapRange> reserved = new ArrayList<>();
        for (MemoryInfo run : r.runs()) {
            long start = run.baseAddress();
            long size = run.regionSize();
            if (run.state() == AddressSpace.MEM_COMMIT) {
                String caption = String.join(", ", names.namesIn(start, start + size));
                blocks.add(new MapBlock(0, start, start, size, 0, 0, 0, size, -1, BlockState.PAGES, caption));
            } else {
                reserved.add(new MapSegment.MapRange(start, size));
            }
        }
        long committed = r.committed();
        String who = r.origin() == RegionOrigin.DEBUGGER ? ".dvalloc" : "VirtualAlloc";
        List<String> pointing = names.namesIn(r.base(), r.end());
        String pointedAt = String.join(", ", pointing);
        String title = "Region " + arch.ptr(r.base()) + " - " + arch.ptr(r.end()) + "   " + who + "   reserved "
            + BlockText.hex(r.size()) + ", committed " + BlockText.hex(committed) + " (" + committed
            / AddressSpace.PAGE_SIZE + " page" + (committed == AddressSpace.PAGE_SIZE ? "" : "s") + ")"
            + (pointedAt.isEmpty() ? "" : "   " + pointedAt);
        String label = pointing.isEmpty() ? who : pointing.get(0);
        return new MapSegment(title, r.base(), r.end(), List.copyOf(blocks), List.copyOf(reserved), label);
    }
}
