package heaplab.engine.console;

import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.RegionOrigin;
import heaplab.engine.memory.Protection;
import heaplab.engine.process.Process;

import java.util.Locale;

/**
 * {@code .dvalloc [/b BaseAddress] [/r] Size} (heap-facts.md 5.8): VirtualAlloc in the target with
 * MEM_COMMIT|MEM_RESERVE (MEM_RESERVE alone with {@code /r}) and PAGE_EXECUTE_READWRITE, the size rounded up to whole
 * pages. Prints {@code Allocated 4000 bytes starting at 000f0000}. A failure prints
 * {@code .dvalloc failed, Win32 error 0n487} (HeapLab's wording; WinDbg's exact text is unconfirmed) and changes
 * nothing. The debugger's call does not touch the target thread's last error.
 *
 * @param base    requested base address, 0 to let the system choose
 * @param reserve true for {@code /r}
 * @param size    requested bytes
 */
record DvAllocCommand(long base, boolean reserve, long size) implements ConsoleCommand {

    static DvAllocCommand parse(String line, String rest, Process process) throws CommandError {
        Arguments args = new Arguments(rest, process);
        long base = 0;
        boolean reserve = false;
        while (args.peek() == '/') {
            String option = args.word().toLowerCase(Locale.ROOT);
            switch (option) {
                case "/b" -> base = args.expression();
                case "/r" -> reserve = true;
                default -> throw CommandError.syntax(line);
            }
        }
        if (args.atEnd()) {
            throw args.missingExpression();
        }
        long size = args.expression();
        if (!args.atEnd()) {
            throw CommandError.syntax(line);
        }
        return new DvAllocCommand(base, reserve, size);
    }

    @Override
    public CommandResult execute(Process process, DisplayPosition position) {
        AddressSpace memory = process.memory();
        long mask = process.arch().pointerMask();
        int type = reserve ? AddressSpace.MEM_RESERVE : AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT;
        long address = 0;
        if (size > 0 && Long.compareUnsigned(size, mask) <= 0 && Long.compareUnsigned(base, mask) <= 0
            && Long.compareUnsigned(base + size, mask) <= 0) {
            address = memory.virtualAlloc(base, size, type, Protection.PAGE_EXECUTE_READWRITE);
        }
        if (address != 0) {
            memory.setOrigin(address, RegionOrigin.DEBUGGER);
        }
        if (address == 0) {
            int error = size <= 0 || Long.compareUnsigned(size, mask) > 0
                ? AddressSpace.ERROR_INVALID_PARAMETER : memory.lastError();
            return new CommandResult(".dvalloc failed, Win32 error 0n" + error + "\n", true);
        }
        long first = base == 0 ? address : AddressSpace.alignDown(base, AddressSpace.PAGE_SIZE);
        long end = AddressSpace.alignUp((base == 0 ? address : base) + size, AddressSpace.PAGE_SIZE);
        return new CommandResult("Allocated " + Texts.hex(end - first) + " bytes starting at "
            + process.arch().ptrTick(address) + "\n", false);
    }
}
