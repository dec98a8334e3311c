package heaplab.engine.console;

import heaplab.engine.Arch;

/**
 * The element formats of {@code db dw dd dq dp} and of {@code dds dqs dps}, which print one value per line with its
 * symbol (heap-facts.md 5.9). {@code dp} and {@code dps} take the target's pointer size.
 */
enum DisplayFormat {
    BYTES("db", 1, 16, false),
    WORDS("dw", 2, 8, false),
    DWORDS("dd", 4, 4, false),
    QWORDS("dq", 8, 2, false),
    DWORD_SYMBOLS("dds", 4, 1, true),
    QWORD_SYMBOLS("dqs", 8, 1, true);

    /** Bytes shown when no length is given: 0x80 (db 0x80 bytes, dd 32 dwords, dq 16 qwords). */
    static final long DEFAULT_BYTES = 0x80;

    private final String command;
    private final int size;
    private final int perLine;
    private final boolean symbols;

    DisplayFormat(String command, int size, int perLine, boolean symbols) {
        this.command = command;
        this.size = size;
        this.perLine = perLine;
        this.symbols = symbols;
    }

    String command() { return command; }

    /** Bytes per element. */
    int size() { return size; }

    /** Elements per line. */
    int perLine() { return perLine; }

    /** True for {@code dds dqs dps}: each value followed by its symbol. */
    boolean symbols() { return symbols; }

    /** The format of a display command, or null; {@code dp}/{@code dps} by the target's pointer size. */
    static DisplayFormat of(String command, Arch arch) {
        boolean x86 = arch == Arch.X86;
        if (command.equals("dp")) {
            return x86 ? DWORDS : QWORDS;
        }
        if (command.equals("dps")) {
            return x86 ? DWORD_SYMBOLS : QWORD_SYMBOLS;
        }
        for (DisplayFormat f : values()) {
            if (f.command.equals(command)) {
                return f;
            }
        }
        return null;
    }
}
