package heaplab.app.heapmap;

import heaplab.app.inspector.BlockNotes;
import heaplab.engine.Arch;
import heaplab.engine.process.HeapAnatomy;
import heaplab.engine.nt.HeapBlock;

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
        return HeapBlock.flagNames(flags);
    }

    /** `0x11 (busy last)`. */
    public static String flags(int flags) {
        return String.format("0x%02x (%s)", flags, flagNames(flags));
    }

    /** The multi-line tooltip of a block. */
    public static String describe(MapBlock b, Arch arch) {
        return describe(b, arch, BlockNotes.NONE);
    }

    /**
     * The multi-line tooltip of a block: what it is, its addresses and size, the request, and from its notes the
     * CRT's request number and file(line), its heap tag and allocating frame; then each damaged range.
     */
    public static String describe(MapBlock b, Arch arch, BlockNotes notes) {
        StringBuilder sb = new StringBuilder();
        sb.append(capitalise(b.state().displayName()));
        if (b.state() == BlockState.INTERNAL || b.state() == BlockState.BUSY || b.state() == BlockState.FREE
            || b.state() == BlockState.VIRTUAL) {
            sb.append(" block");
        }
        if (!b.caption().isEmpty()) {
            sb.append("  ").append(b.caption());
        }
        if (b.state() == BlockState.INTERNAL && b.entry() == b.user()) {
            // A page heap's own pages: a structure with no _HEAP_ENTRY before it.
            return sb.append("\n").append(arch.ptr(b.entry())).append(" - ").append(arch.ptr(b.end())).append("  ")
                .append(size(b.size())).append(" bytes of the page heap's own").append("\n")
                .append("click to inspect").toString();
        }
        switch (b.state()) {
            case GUARD -> {
                sb.append("\n").append(arch.ptr(b.entry())).append(" - ").append(arch.ptr(b.end()))
                    .append("  PAGE_NOACCESS").append("\n")
                    .append("any read or write here is an access violation (c0000005)");
                return sb.toString();
            }
            case PAGES -> {
                sb.append("\n").append(arch.ptr(b.entry())).append(" - ").append(arch.ptr(b.end())).append("  ")
                    .append(size(b.size())).append(" bytes, ").append(b.size() / 0x1000).append(b.size() == 0x1000
                        ? " page" : " pages").append("\n")
                    .append("committed pages of a VirtualAlloc region: bytes only, no heap blocks (db shows them)")
                    .append("\n").append("click to inspect");
                return sb.toString();
            }
            case DAMAGED -> {
                sb.append("\n").append("header ").append(arch.ptr(b.entry())).append(", then ").append(size(b.size()
                    - b.headerSize())).append(" bytes to ").append(arch.ptr(b.end())).append("\n")
                    .append("the heap's walk stops at this header (its Size leads nowhere): the bytes after it")
                    .append("\n").append("belong to no block it can find (!heap -a, !heap -v)").append("\n")
                    .append("click to inspect");
                return sb.toString();
            }
            case PAGE_HEAP -> sb.append("\n").append("pages ").append(arch.ptr(b.entry())).append(" - ")
                .append(arch.ptr(b.end())).append("  user ").append(arch.ptr(b.user()));
            case LFH_BUSY, LFH_FREE -> sb.append("\n").append("chunk header ").append(arch.ptr(b.entry()))
                .append("  user ").append(arch.ptr(b.user()));
            default -> sb.append("\n").append("entry ").append(arch.ptr(b.entry())).append("  user ")
                .append(arch.ptr(b.user()));
        }
        sb.append("\n").append("size ").append(size(b.size()));
        if (b.state() == BlockState.LFH_BUSY || b.state() == BlockState.LFH_FREE) {
            sb.append(" (the bucket's stride), header ").append(b.headerSize());
        } else if (b.state() != BlockState.PAGE_HEAP && b.state() != BlockState.LFH_USER_BLOCKS) {
            sb.append(" = ").append(b.size() / arch.granularity()).append(" units, header ").append(b.headerSize());
        }
        if (b.state().holdsData()) {
            sb.append("\n").append("requested ").append(size(b.requested()));
        }
        String request = crtField(notes, "Request");
        if (!request.isEmpty()) {
            sb.append("\n").append("request ").append(request);
        }
        String where = crtField(notes, "File(line)");
        if (!where.isEmpty() && !where.equals("-")) {
            sb.append("\n").append("file ").append(where);
        }
        if (!notes.tag().isEmpty()) {
            sb.append("\n").append("tag ").append(notes.tag());
        }
        if (!notes.caller().isEmpty()) {
            sb.append("\n").append("allocated at ").append(notes.caller());
        }
        if (b.state() == BlockState.BUSY || b.state() == BlockState.FREE || b.state() == BlockState.VIRTUAL
            || b.state() == BlockState.INTERNAL) {
            sb.append("\n").append("flags ").append(flags(b.flags()));
        }
        for (HeapAnatomy.Damage d : b.damage()) {
            sb.append("\n").append("CORRUPTED ").append(d.end() - d.start()).append(d.end() - d.start() == 1
                ? " byte at " : " bytes at ").append(arch.ptr(d.start())).append(": expected ").append(d.what());
        }
        sb.append("\n").append("click to inspect");
        return sb.toString();
    }

    /** A field of the CRT header in the notes (`Request` gives `{42}`), or "". */
    private static String crtField(BlockNotes notes, String name) {
        for (java.util.List<String> field : notes.crt()) {
            if (!field.isEmpty() && field.get(0).equals(name) && field.size() > 1) {
                return field.get(1);
            }
        }
        return "";
    }

    public static String describeUncommitted(MapSegment.MapRange range, Arch arch) {
        return "Uncommitted (reserved, no memory yet)\n" + arch.ptr(range.address()) + " - " + arch.ptr(range.end())
            + "\n" + size(range.size()) + " bytes, " + range.size() / 0x1000 + " pages";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
