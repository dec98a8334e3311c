package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.process.Process;

import java.util.Locale;

/**
 * {@code ? expression}: {@code Evaluate expression: 32 = 00000020} (x86) or {@code = 00000000`00000020} (x64); the
 * signed decimal value, then the hex in the target's pointer format.
 */
record EvaluateCommand(long value) implements ConsoleCommand {

    static EvaluateCommand parse(String line, String expression, Process process) throws CommandError {
        return new EvaluateCommand(new Arguments(expression, process).wholeExpression(line));
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        return new CommandResult("Evaluate expression: " + format(process.arch(), value) + "\n", false);
    }

    /**
     * On x86 a value that fits 32 bits (sign-extended, so {@code -1} and {@code ffffffff} alike) prints as a 32-bit
     * signed decimal and 8 hex digits; a wider value prints in full with the backtick, as WinDbg does on 32-bit
     * targets.
     */
    static String format(Arch arch, long value) {
        if (arch == Arch.X86 && value >= Integer.MIN_VALUE && value <= 0xFFFF_FFFFL) {
            return (int) value + " = " + Texts.hex8(value & 0xFFFF_FFFFL);
        }
        return value + " = " + String.format(Locale.ROOT, "%08x`%08x", value >>> 32, value & 0xFFFF_FFFFL);
    }
}
