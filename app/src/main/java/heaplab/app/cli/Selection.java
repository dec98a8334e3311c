package heaplab.app.cli;

import heaplab.engine.process.Process;
import heaplab.engine.scenario.Scenario;

import java.util.regex.Pattern;

/** Resolves {@code --select}: the name of a scenario variable, else a hex address ({@code 00360688}, {@code 0x...}). */
final class Selection {
    private static final Pattern HEX = Pattern.compile("(?:0[xX])?([0-9a-fA-F`]{1,17})");

    private Selection() {
    }

    /**
     * A variable wins over an address with the same spelling ({@code a}, {@code cafe}), as it does in the console.
     *
     * @param text    the option's value
     * @param process the process where the run stopped
     * @throws UsageException when the text is neither a variable of the scenario nor an address
     */
    static long resolve(String text, Process process, Scenario scenario, int position)
        throws UsageException {
        if (process.hasVariable(text)) {
            return process.readVariable(text);
        }
        int assigned = assignedAt(text, scenario);
        if (assigned > 0) {
            // b is a variable of the scenario, not yet assigned here: not the address 0xb.
            throw new UsageException("--select: the variable '" + text + "' has no value at step " + position
                + " (step " + assigned + " sets it)");
        }
        Long address = address(text);
        if (address == null) {
            throw neither(text);
        }
        return address;
    }

    /**
     * Before the run: a text that is no address must name a variable some step assigns ({@code name = ...}), so that
     * a mistyped name is a usage error before anything runs. The run decides whether it holds a value.
     */
    static void check(String text, Scenario scenario) throws UsageException {
        if (address(text) == null && assignedAt(text, scenario) == 0) {
            throw neither(text);
        }
    }

    /**
     * The first step (1-based) that makes the variable: assigns it ({@code name = ...}) or passes its address to a
     * call that fills it ({@code HeapWalk(h, &e)}); or 0.
     */
    private static int assignedAt(String text, Scenario scenario) {
        Pattern assignment = Pattern.compile("^\\s*" + Pattern.quote(text) + "\\s*=[^=]|&\\s*"
            + Pattern.quote(text) + "(?![\\w$])");
        for (int i = 0; i < scenario.steps().size(); i++) {
            if (assignment.matcher(scenario.steps().get(i).text()).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The address a text spells, or null: WinDbg writes 64-bit ones with a ` between the halves. */
    private static Long address(String text) {
        var matcher = HEX.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        String digits = matcher.group(1).replace("`", "");
        return digits.isEmpty() || digits.length() > 16 ? null : Long.parseUnsignedLong(digits, 16);
    }

    private static UsageException neither(String text) {
        return new UsageException("--select: '" + text + "' is neither an address nor a variable of the scenario");
    }
}
