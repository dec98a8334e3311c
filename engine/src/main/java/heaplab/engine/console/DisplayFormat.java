package heaplab.engine.console;

/** The element formats of {@code db dw dd dq} (heap-facts.md 5.9). */
enum DisplayFormat {
    BYTES("db", 1, 16),
    WORDS("dw", 2, 8),
    DWORDS("dd", 4, 4),
    QWORDS("dq", 8, 2);

    /** Bytes shown when no length is given: 0x80 (db 0x80 bytes, dd 32 dwords, dq 16 qwords). */
    static final long DEFAULT_BYTES = 0x80;

    private final String command;
    private final int size;
    private final int perLine;

    DisplayFormat(String command, int size, int perLine) {
        this.command = command;
        this.size = size;
        this.perLine = perLine;
    }

    String command() { return command; }

    /** Bytes per element. */
    int size() { return size; }

    /** Elements per line. */
    int perLine() { return perLine; }

    static DisplayFormat of(String command) {
        for (DisplayFormat f : values()) {
            if (f.command.equals(command)) {
                return f;
            }
        }
        return null;
    }
}
