package heaplab.engine.console;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Region;
import heaplab.engine.process.Process;

import java.util.Locale;

/**
 * {@code .dvfree [/d] BaseAddress Size}: VirtualFreeEx in the target with MEM_RELEASE, or MEM_DECOMMIT with
 * {@code /d}, passing Size as given (the seed: the debugger calls VirtualFreeEx with it). A release therefore takes
 * Size 0, as scripts pass it: another Size fails as VirtualFree does (ERROR_INVALID_PARAMETER). WinDbg's success
 * text is unconfirmed; HeapLab prints {@code Freed 4000 bytes starting at 000f0000} / {@code Decommitted 1000 bytes
 * starting at 000f0000}, the bytes being the whole pages affected. A failure prints
 * {@code .dvfree failed, Win32 error 0n87} and changes nothing.
 *
 * @param decommit true for {@code /d}
 * @param base     the address
 * @param size     bytes (0 for a release, which frees the whole allocation)
 */
record DvFreeCommand(boolean decommit, long base, long size) implements ConsoleCommand {

    static DvFreeCommand parse(String line, String rest, Process process) throws CommandError {
        Arguments args = new Arguments(rest, process);
        boolean decommit = false;
        while (args.peek() == '/') {
            String option = args.word().toLowerCase(Locale.ROOT);
            if (!option.equals("/d")) {
                throw CommandError.syntax(line);
            }
            decommit = true;
        }
        if (args.atEnd()) {
            throw args.missingExpression();
        }
        long base = args.expression();
        if (args.atEnd()) {
            throw args.missingExpression();
        }
        long size = args.expression();
        if (!args.atEnd()) {
            throw CommandError.syntax(line);
        }
        return new DvFreeCommand(decommit, base, size);
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        AddressSpace memory = process.memory();
        long mask = process.arch().pointerMask();
        if (Long.compareUnsigned(base, mask) > 0 || Long.compareUnsigned(size, mask) > 0) {
            return failed(AddressSpace.ERROR_INVALID_PARAMETER);
        }
        Region region = memory.regionAt(base);
        long regionEnd = region == null ? 0 : region.end();
        boolean ok = decommit
            ? memory.virtualFree(base, size, AddressSpace.MEM_DECOMMIT)
            : memory.virtualFree(base, size, AddressSpace.MEM_RELEASE);
        if (!ok) {
            return failed(memory.lastError());
        }
        long first = AddressSpace.alignDown(base, AddressSpace.PAGE_SIZE);
        long end = decommit && size != 0 ? AddressSpace.alignUp(base + size, AddressSpace.PAGE_SIZE) : regionEnd;
        String verb = decommit ? "Decommitted " : "Freed ";
        return new CommandResult(verb + Texts.hex(end - first) + " bytes starting at "
            + process.arch().ptrTick(first) + "\n", false);
    }

    private static CommandResult failed(int error) {
        return new CommandResult(".dvfree failed, Win32 error 0n" + error + "\n", true);
    }
}
