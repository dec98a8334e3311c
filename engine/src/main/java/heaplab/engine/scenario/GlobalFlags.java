package heaplab.engine.scenario;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The heap-related NtGlobalFlag bits and the text form {@code gflags /i app.exe} takes (heap-facts.md 1.7):
 * {@code +hpa} sets a flag, {@code -hpa} clears it, a hex number ({@code 0x02000000} or {@code 02000000}) sets
 * the whole value, {@code +02000000} / {@code -02000000} set or clear those bits. Tokens apply left to right.
 */
public final class GlobalFlags {

    /** One flag: its gflags abbreviation, its bit, and the line {@code !gflag} prints for it. */
    public enum Flag {
        HTC("htc", 0x10, "Enable heap tail checking"),
        HFC("hfc", 0x20, "Enable heap free checking"),
        HPC("hpc", 0x40, "Enable heap parameter checking"),
        HVC("hvc", 0x80, "Enable heap validation on call"),
        HTG("htg", 0x800, "Enable heap tagging"),
        UST("ust", 0x1000, "Create user mode stack trace database"),
        HTD("htd", 0x8000, "Enable heap tagging by DLL"),
        DHC("dhc", 0x00200000, "Disable heap coalesce on free"),
        HPA("hpa", 0x02000000, "Place heap allocations at ends of pages");

        private final String abbreviation;
        private final long bit;
        private final String description;

        Flag(String abbreviation, long bit, String description) {
            this.abbreviation = abbreviation;
            this.bit = bit;
            this.description = description;
        }

        public String abbreviation() { return abbreviation; }

        public long bit() { return bit; }

        public String description() { return description; }

        public boolean isSetIn(long flags) { return (flags & bit) != 0; }
    }

    /** A gflags text that does not parse; {@link #index()} is the 0-based index of the bad token in the text. */
    public static final class ParseException extends Exception {
        private final int index;

        ParseException(int index, String message) {
            super(message);
            this.index = index;
        }

        public int index() { return index; }
    }

    private GlobalFlags() {
    }

    /** The flag bits a gflags text stands for ("" is 0). */
    public static long parse(String text) throws ParseException {
        return parse(text, 0);
    }

    /**
     * The flag bits after applying a gflags text to {@code initial} ({@code +htc} adds to it, a bare hex number
     * replaces it), as {@code !gflag +htc} changes the running process's NtGlobalFlag.
     */
    public static long parse(String text, long initial) throws ParseException {
        long flags = initial;
        int position = 0;
        while (true) {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            if (position >= text.length()) {
                return flags;
            }
            int start = position;
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            String token = text.substring(start, position);
            char sign = token.charAt(0);
            String body = sign == '+' || sign == '-' ? token.substring(1) : token;
            long bits = bits(body, start);
            if (sign == '+') {
                flags |= bits;
            } else if (sign == '-') {
                flags &= ~bits;
            } else if (parseHex(body) >= 0) {
                flags = bits;
            } else {
                throw new ParseException(start, "write '+" + body + "' to set the flag or '-" + body + "' to clear it");
            }
        }
    }

    private static long bits(String body, int index) throws ParseException {
        for (Flag flag : Flag.values()) {
            if (flag.abbreviation.equalsIgnoreCase(body)) {
                return flag.bit;
            }
        }
        long value = parseHex(body);
        if (value >= 0) {
            return value;
        }
        StringJoiner known = new StringJoiner(" ");
        for (Flag flag : Flag.values()) {
            known.add(flag.abbreviation);
        }
        throw new ParseException(index, "unknown gflags flag '" + body + "' (heap flags: " + known + ")");
    }

    /** A 32-bit hex number with or without 0x, or -1. */
    private static long parseHex(String text) {
        String digits = text.toLowerCase(Locale.ROOT).startsWith("0x") ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() > 8) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** The flags as gflags text, known flags by name ({@code +htc +hfc}), other bits as one {@code +hex}. */
    public static String format(long flags) {
        StringJoiner text = new StringJoiner(" ");
        long rest = flags;
        for (Flag flag : Flag.values()) {
            if (flag.isSetIn(flags)) {
                text.add("+" + flag.abbreviation);
                rest &= ~flag.bit;
            }
        }
        if (rest != 0) {
            text.add(String.format(Locale.ROOT, "+%08x", rest));
        }
        return text.toString();
    }
}
