package heaplab.engine.inspect;

import java.util.List;

/**
 * A block as its layers make it up, for the block inspector: the header sections of the layers beyond the NT
 * heap's _HEAP_ENTRY (HEAP_ENTRY_EXTRA, the LFH chunk header, DPH_BLOCK_INFORMATION, _CrtMemBlockHeader), each field
 * decoded from memory, and the spans of bytes each layer owns with the fills it expects.
 *
 * @param kind     what the block is
 * @param title    what the block is in words, with its address and size ("Full page heap block at 05e15ff0, ...")
 * @param heap     the heap (page heap handle for a full page heap block) that owns it
 * @param start    first address to show (a header's first byte)
 * @param end      end of the bytes to show (exclusive)
 * @param user     the address the program holds
 * @param sections the layers' headers, outermost first; an LFH chunk's own header comes before its UserBlocks'
 * @param spans    what each byte is, outer layers first ({@link ByteClassifier#classify})
 */
public record BlockAnatomy(Kind kind, String title, long heap, long start, long end, long user,
                           List<Section> sections, List<ByteSpan> spans) {

    public BlockAnatomy {
        sections = List.copyOf(sections);
        spans = List.copyOf(spans);
    }

    public enum Kind {
        /** A block of an NT heap's segment or a virtual block (with a debug CRT block inside or not). */
        NT,
        /** A chunk of an LFH UserBlocks (itself one busy NT block). */
        LFH_CHUNK,
        /** A light page heap block: an NT block of the page heap's NormalHeap with a DPH_BLOCK_INFORMATION. */
        PAGE_HEAP_LIGHT,
        /** A full page heap block on pages of its own, before a guard page, outside every NT heap. */
        PAGE_HEAP_FULL,
        /** A page heap's own pages: its handle's page, its _DPH_HEAP_ROOT, its node pages. */
        PAGE_HEAP_ROOT
    }

    /** One layer's header: a structure's name and its fields in declaration order. */
    public record Section(String name, List<Field> fields) {
        public Section {
            fields = List.copyOf(fields);
        }
    }

    /** A decoded field: name as the structure spells it, its value as shown, and what it means. */
    public record Field(String name, String value, String description) {
    }

    /** The section of a name, or null. */
    public Section section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** Classifies the block's bytes (see {@link ByteClassifier}), at most `limit` of them from the start. */
    public BlockBytes bytes(java.util.function.LongToIntFunction peek, int limit) {
        return ByteClassifier.classify(start, (int) Math.min(limit, end - start), spans, peek);
    }
}
