package heaplab.engine.crt;

import java.util.List;

/** crtdbg.h values the debug heap uses (heap-facts.md 4.2, 4.3). */
public final class CrtConstants {
    public static final int FREE_BLOCK = 0;
    public static final int NORMAL_BLOCK = 1;
    public static final int CRT_BLOCK = 2;
    public static final int IGNORE_BLOCK = 3;
    public static final int CLIENT_BLOCK = 4;
    public static final int MAX_BLOCKS = 5;
    public static final int UNKNOWN_BLOCK = -1;

    public static final int CRTDBG_ALLOC_MEM_DF = 0x01;
    public static final int CRTDBG_DELAY_FREE_MEM_DF = 0x02;
    public static final int CRTDBG_CHECK_ALWAYS_DF = 0x04;
    public static final int CRTDBG_CHECK_CRT_DF = 0x10;
    public static final int CRTDBG_LEAK_CHECK_DF = 0x20;
    public static final int CRTDBG_REPORT_FLAG = -1;
    /** The flags _CrtSetDbgFlag accepts in its low 16 bits. */
    static final int VALID_FLAGS = CRTDBG_ALLOC_MEM_DF | CRTDBG_DELAY_FREE_MEM_DF | CRTDBG_CHECK_ALWAYS_DF
        | CRTDBG_CHECK_CRT_DF | CRTDBG_LEAK_CHECK_DF;

    /** block_use_names, by _BLOCK_TYPE. */
    static final List<String> BLOCK_USE_NAMES = List.of("Free", "Normal", "CRT", "Ignore", "Client");

    private CrtConstants() {
    }

    /** _BLOCK_TYPE(b). */
    public static int blockType(int blockUse) {
        return blockUse & 0xFFFF;
    }

    /** _BLOCK_SUBTYPE(b). */
    public static int blockSubtype(int blockUse) {
        return blockUse >> 16 & 0xFFFF;
    }

    /** is_block_type_valid: client and CRT blocks of any subtype, normal and ignore blocks exactly. */
    static boolean isValidBlockUse(int blockUse) {
        int type = blockType(blockUse);
        return type == CLIENT_BLOCK || type == CRT_BLOCK || blockUse == NORMAL_BLOCK || blockUse == IGNORE_BLOCK;
    }
}
