package heaplab.app.cli;

import heaplab.engine.Arch;

import java.util.List;

/**
 * The options of {@code bench TRACE [--arch x86|x64] [--repeat N]}.
 *
 * @param file   the trace file as given
 * @param arch   the simulated architecture (x86 by default, as for a scenario)
 * @param repeat how many timed replays run at least (after an untimed warm-up of 5 to 40 s, until the speed settles, and
 *               for at least 2 s); the best is reported
 */
record BenchOptions(String file, Arch arch, int repeat) {
    /** The most replays one bench runs. */
    static final int MAX_REPEAT = 1000;

    /**
     * Parses the arguments after {@code bench}; long options take their value as the next argument or after
     * {@code =}.
     *
     * @return the options, or null when they ask for help
     * @throws UsageException for an unknown option, a missing or bad value, a missing or second TRACE
     */
    static BenchOptions parse(List<String> args) throws UsageException {
        String file = null;
        Arch arch = null;
        int repeat = 0;
        for (int next = 0; next < args.size(); next++) {
            String arg = args.get(next);
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                if (file != null) {
                    throw new UsageException("unexpected argument '" + arg + "' (bench takes one TRACE)");
                }
                if (arg.isEmpty()) {
                    throw new UsageException("TRACE is empty");
                }
                file = arg;
                continue;
            }
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value;
            if (!name.equals("--arch") && !name.equals("--repeat")) {
                throw new UsageException("unknown option '" + arg + "' (bench takes --arch and --repeat)");
            } else if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (next + 1 < args.size()) {
                value = args.get(++next);
            } else {
                throw new UsageException(name + " needs a value (" + (name.equals("--arch") ? "x86 or x64" : "N")
                    + ")");
            }
            if (name.equals("--arch")) {
                if (arch != null) {
                    throw new UsageException("--arch is given twice");
                }
                arch = switch (value) {
                    case "x86" -> Arch.X86;
                    case "x64" -> Arch.X64;
                    default -> throw new UsageException("--arch: unknown arch '" + value + "' (x86 or x64)");
                };
            } else {
                if (repeat != 0) {
                    throw new UsageException("--repeat is given twice");
                }
                repeat = repeat(value);
            }
        }
        if (file == null) {
            throw new UsageException("bench needs a TRACE (a malloc-lab .rep file)");
        }
        return new BenchOptions(file, arch == null ? Arch.X86 : arch, repeat == 0 ? 1 : repeat);
    }

    private static int repeat(String text) throws UsageException {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--repeat: '" + text + "' is " + (text.matches("[+-]?\\d+") ? "out of range"
                : "not a number"));
        }
        if (value < 1 || value > MAX_REPEAT) {
            throw new UsageException("--repeat: " + value + " is not between 1 and " + MAX_REPEAT);
        }
        return value;
    }
}
