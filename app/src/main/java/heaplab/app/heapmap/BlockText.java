package heaplab.app.heapmap;

import heaplab.engine.Arch;
import heaplab.engine.nt.HeapConstants;

import java.util.ArrayList;
import java.util.List;

/** Display text for heap blocks, shared by the map's tooltips, the free lists and the inspector. */
public final class BlockText {
    private BlockText() {
    }

    /** `0x28 (40)`: hex first, as WinDbg prints sizes, with the decimal a student reads. */
    public static String size(long bytes) {
        return hex(bytes) + " (" + bytes + ")";
    }

    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** The flag names of a HEAP_ENTRY flags byte, as `!heap -a` words them: `busy last`, or `none`. */
    public static String flagNames(int flags) {
        String[] names = {"busy", "extra", "fill", "virtual", "last", "user_flag1", "user_flag2", "user_flag3"};
        List<String> set = new ArrayList<>();
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                set.add(names[bit]);
            }
        }
        return set.isEmpty() ? "none" : String.join(" ", set);
    }

    /** `0x11 (busy last)`. */
    public static String flags(int flags) {
        return String.format("0x%02x (%s)", flags, flagNames(flags));
    }

    /** The multi-line tooltip of a block. */
    public static String describe(MapBlock b, Arch arch) {
        StringBuilder sb = new StringBuilder();
        sb.append(capitalise(b.state().displayName())).append(" block");
        if (!b.caption().isEmpty()) {
            sb.append("  ").append(b.caption());
        }
        sb.append('\n').append("entry ").append(arch.ptr(b.entry())).append("  user ").append(arch.ptr(b.user()));
        sb.append('\n').append("size ").append(size(b.size())).append(" = ")
            .append(b.size() / arch.granularity()).append(" units, header ").append(b.headerSize());
        if (b.state() == BlockState.BUSY || b.state() == BlockState.VIRTUAL) {
            sb.append('\n').append("requested ").append(size(b.requested()));
        }
        sb.append('\n').append("flags ").append(flags(b.flags()));
        if ((b.flags() & HeapConstants.HEAP_ENTRY_LAST_ENTRY) != 0) {
            sb.append("  (last in its segment)");
        }
        sb.append('\n').append("click to inspect");
        return sb.toString();
    }

    public static String describeUncommitted(MapSegment.MapRange range, Arch arch) {
        return "Uncommitted (reserved, no memory yet)\n" + arch.ptr(range.address()) + " - " + arch.ptr(range.end())
            + "\n" + size(range.size()) + " bytes, " + range.size() / 0x1000 + " pages";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
