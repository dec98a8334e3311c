package heaplab.engine.process;

import heaplab.engine.Arch;
import heaplab.engine.crt.CrtGlobals;
import heaplab.engine.crt.DebugHeap;
import heaplab.engine.lfh.LowFragmentationHeap;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Region;
import heaplab.engine.memory.RegionOrigin;
import heaplab.engine.pageheap.PageHeap;
import heaplab.engine.memory.Protection;
import heaplab.engine.nt.HeapManager;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A simulated Windows process: its address space, the image with its read-only strings, a stack region that holds
 * the scenario's variables and structure variables (so they are roots for leak detection), the PEB with the list of
 * heaps, the heaps, the debug CRT heap and the thread's last error. Deterministic: the same calls give the same
 * addresses and bytes.
 */
public final class Process {
    private final ProcessConfig config;
    private final Arch arch;
    private final AddressSpace memory;
    private final HeapManager heaps;
    private final DebugHeap crt;
    private final long imageBase;
    private final long stackBase;
    private final long pebAddress;
    private final long ntGlobalFlagAddress;
    private int lastError;
    private long rdataNext;
    private NameTable variables = new NameTable();
    private int variableCount;
    /** Structure variables by their C declaration ("PROCESS_HEAP_ENTRY e"), in the order they were created. */
    private NameTable structures = new NameTable();
    private int structureCount;
    /**
     * The lowest byte the variables use: they take their room below it in creation order, from the top of the stack
     * region down, as a thread's locals sit near its stack's top (XP's main thread: 0x0012fxxx).
     */
    private long stackTop;
    private NameTable strings = new NameTable();
    private int stringCount;
    private List<String> debugOutput = new ArrayList<>();
    private final Modules modules;
    private final StackTraceDatabase traces;
    private int stepNumber;

    /** Size of the stack region reserved for scenario variables. */
    public static final long STACK_RESERVE = 0x100000;
    /** Size of the image region; its first page is the header, .rdata (string literals) follows, code from 0xC0000. */
    public static final long IMAGE_SIZE = 0x100000;

    public Process(ProcessConfig config) {
        this.config = config;
        this.arch = config.arch();
        this.memory = new AddressSpace(arch);
        boolean x86 = arch == Arch.X86;
        // Fixed places, chosen to look like a classic process: stack low (the variables at its top), image at its
        // preferred base, PEB high.
        this.stackBase = x86 ? 0x00030000L : 0x000000D7E9700000L;
        this.imageBase = x86 ? 0x00400000L : 0x00007FF6A1C00000L;
        this.pebAddress = x86 ? 0x7FFDF000L : 0x000007FFFFFDE000L;
        this.stackTop = stackBase + STACK_RESERVE;
        memory.virtualAlloc(stackBase, STACK_RESERVE, AddressSpace.MEM_RESERVE, Protection.PAGE_READWRITE);
        memory.virtualAlloc(stackTop - AddressSpace.PAGE_SIZE, AddressSpace.PAGE_SIZE, AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        memory.virtualAlloc(imageBase, IMAGE_SIZE, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
            Protection.PAGE_READONLY);
        memory.poke(imageBase, new byte[] {'M', 'Z'});
        this.rdataNext = imageBase + AddressSpace.PAGE_SIZE;
        memory.virtualAlloc(pebAddress, AddressSpace.PAGE_SIZE, AddressSpace.MEM_RESERVE | AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        this.ntGlobalFlagAddress = pebAddress + (x86 ? 0x68 : 0xBC);
        memory.writeU32(ntGlobalFlagAddress, config.globalFlags() & 0xFFFFFFFFL);
        this.modules = new Modules(arch, imageBase, config.imageName(),
            (config.globalFlags() & PageHeap.FLG_HEAP_PAGE_ALLOCS) != 0);
        mapSystemModule(modules.kernel32Base());
        mapSystemModule(modules.ntdllBase());
        if (modules.hasVerifier()) {
            mapSystemModule(modules.verifierBase());
        }
        // ntdll's data: RtlpGlobalTagHeap (a _HEAP that holds only the global tags) and RtlpStackTraceDataBase.
        memory.virtualAlloc(ntdllData(), 2L * AddressSpace.PAGE_SIZE, AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        this.traces = new StackTraceDatabase(memory, ntdllData() + AddressSpace.PAGE_SIZE);
        memory.virtualAlloc(lfhUsageTable(), LowFragmentationHeap.MAXIMUM_HEAPS * LowFragmentationHeap.USAGE_ROW,
            AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
        memory.virtualAlloc(terminationOnCorruptionSwitch(), AddressSpace.PAGE_SIZE, AddressSpace.MEM_COMMIT,
            Protection.PAGE_READWRITE);
        // On for every 64-bit process (Raymond Chen's Q&A on HeapEnableTerminationOnCorruption; heap-facts.md 5.3's
        // x64 `!heap -s` says ENABLED); assumed off for x86, whose demo.exe is an XP-era image (subsystem 5.x).
        if (arch == Arch.X64) {
            memory.writeU32(terminationOnCorruptionSwitch(), 1);
        }
        setPageHeapFull(!"light".equals(config.pageHeap()));
        this.heaps = new HeapManager(this);
        heaps.createProcessHeap();
        // The debug CRT's globals: a read-write data page of the image, just below its code.
        long crtData = imageBase + CrtGlobals.IMAGE_OFFSET;
        memory.virtualProtect(crtData, AddressSpace.PAGE_SIZE, Protection.PAGE_READWRITE);
        this.crt = new DebugHeap(this, crtData);
        crt.initialize();
    }

    private void mapSystemModule(long base) {
        memory.virtualAlloc(base, Modules.SYSTEM_MODULE_SIZE, AddressSpace.MEM_RESERVE, Protection.PAGE_READONLY);
        memory.virtualAlloc(base, AddressSpace.PAGE_SIZE, AddressSpace.MEM_COMMIT, Protection.PAGE_READONLY);
        memory.poke(base, new byte[] {'M', 'Z'});
    }

    private long ntdllData() { return modules.ntdllBase() + 0xC0000; }

    /** ntdll's table of LFH request counters, a row per heap (see LowFragmentationHeap), after the pages above. */
    public long lfhUsageTable() { return ntdllData() + 2L * AddressSpace.PAGE_SIZE; }

    /**
     * ntdll's switch of HeapEnableTerminationOnCorruption (a ULONG, non-zero once set), on the page after the LFH
     * counters: in memory, so that snapshots and step back carry it.
     */
    public long terminationOnCorruptionSwitch() {
        return lfhUsageTable() + (long) LowFragmentationHeap.MAXIMUM_HEAPS * LowFragmentationHeap.USAGE_ROW;
    }

    /**
     * ntdll's RtlpDphGlobalFlags (a ULONG, after the termination switch): the page heap options new page heaps get;
     * HeapLab keeps only PAGE_HEAP_ENABLE_PAGE_HEAP (0x1: full page heap; clear: light), set from the scenario's
     * pageHeap when the process starts and by {@code gflags /p /enable}. In memory, so that step back carries it.
     */
    private long dphGlobalFlags() {
        return terminationOnCorruptionSwitch() + 4;
    }

    /** Whether page heaps created from now on are full (each block on its own pages) rather than light. */
    public boolean pageHeapFull() {
        return (memory.readU32(dphGlobalFlags()) & PAGE_HEAP_ENABLE_PAGE_HEAP) != 0;
    }

    /** Sets the page heap mode for page heaps created from now on ({@code gflags /p /enable IMAGE [/full]}). */
    public void setPageHeapFull(boolean full) {
        memory.writeU32(dphGlobalFlags(), full ? PAGE_HEAP_ENABLE_PAGE_HEAP : 0);
    }

    private static final long PAGE_HEAP_ENABLE_PAGE_HEAP = 0x1;

    /** The code the process runs, for back traces and their symbols. */
    public Modules modules() { return modules; }

    /** The user-mode stack trace database (+ust). */
    public StackTraceDatabase stackTraces() { return traces; }

    /** ntdll's RtlpGlobalTagHeap: a _HEAP whose only use is to hold the global tags (HeapCreateTags(NULL, ...)). */
    public long globalTagHeap() { return ntdllData(); }

    /** The scenario step (1-based) running now: the call site that back traces record. */
    public int stepNumber() { return stepNumber; }

    /** Sets the step that runs next (the session calls this before each step). */
    public void setStepNumber(int stepNumber) { this.stepNumber = stepNumber; }

    public ProcessConfig config() { return config; }

    public Arch arch() { return arch; }

    public AddressSpace memory() { return memory; }

    public HeapManager heaps() { return heaps; }

    /** The debug CRT heap that malloc, free and the _Crt functions of a debug build use. */
    public DebugHeap crt() { return crt; }

    /**
     * The program's exit (after the scenario's last step): runs what the CRT does at exit, once; with
     * _CRTDBG_LEAK_CHECK_DF that is the leak dump.
     */
    public void exit() { crt.exit(); }

    public String imageName() { return config.imageName(); }

    public long imageBase() { return imageBase; }

    public long stackBase() { return stackBase; }

    public long pebAddress() { return pebAddress; }

    /**
     * The NtGlobalFlag ULONG of the PEB (x86 PEB+0x68, x64 PEB+0xBC), set from {@link ProcessConfig#globalFlags()}
     * when the process starts. Heap creation reads it here, so a change affects only heaps created afterwards.
     */
    public long globalFlags() {
        long stamp = memory.changes();
        if (globalFlagsStamp != stamp) {
            globalFlags = memory.readU32(ntGlobalFlagAddress);
            globalFlagsStamp = stamp;
        }
        return globalFlags;
    }

    /*
     * The PEB's NtGlobalFlag as last read: every heap call asks for it, and every write to the PEB (a guarded
     * region), a debugger's write and a restore move AddressSpace#changes.
     */
    private long globalFlags;
    private long globalFlagsStamp = -1;

    /** Writes the PEB's NtGlobalFlag ({@code gflags +htc} in the console); existing heaps keep their flags. */
    public void setGlobalFlags(long flags) {
        memory.writeU32(ntGlobalFlagAddress, flags & 0xFFFFFFFFL);
        globalFlagsStamp = -1;
    }

    /** The address of the PEB's NtGlobalFlag field. */
    public long globalFlagsAddress() { return ntGlobalFlagAddress; }

    public int lastError() { return lastError; }

    public void setLastError(int error) { this.lastError = error; }

    /** Lines the simulated program sent to the debugger (heap messages and the like), oldest first. */
    public List<String> debugOutput() { return Collections.unmodifiableList(debugOutput); }

    /** The number of lines in {@link #debugOutput()}. */
    public int debugLineCount() { return debugOutput.size(); }

    public void debugPrint(String line) {
        debugOutput.add(line);
    }

    // ------------------------------------------------------------------------------------------ variables

    /** The names of the scenario's variables in the order they were first assigned. */
    public List<String> variableNames() { return variables.names(variableCount); }

    public boolean hasVariable(String name) { return variables.indexOf(name, variableCount) >= 0; }

    /** Address of a variable's pointer-sized slot in the stack region. */
    public long variableAddress(String name) {
        int i = variables.indexOf(name, variableCount);
        if (i < 0) {
            throw new IllegalArgumentException("unknown variable '" + name + "'");
        }
        return variables.address(i);
    }

    /**
     * Every variable and its value, in the order they were made: one pass over the table (the views ask at each
     * step, and a trace has a variable per block id).
     */
    public java.util.Map<String, Long> variableValues() {
        List<String> names = variables.names(variableCount);
        java.util.Map<String, Long> values = new java.util.LinkedHashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), memory.readPtr(variables.address(i)) & arch.pointerMask());
        }
        return values;
    }

    /**
     * Every variable's value, in the order of {@link #variableNames()}: one pass and no boxing, for the views that
     * read all 50,000 variables of a trace at each step.
     */
    public long[] variableValueArray() {
        long[] values = new long[variableCount];
        long mask = arch.pointerMask();
        for (int i = 0; i < values.length; i++) {
            values[i] = memory.readPtr(variables.address(i)) & mask;
        }
        return values;
    }

    /** Reads a variable (zero-extended pointer-sized value). */
    public long readVariable(String name) {
        return memory.readPtr(variableAddress(name)) & arch.pointerMask();
    }

    /**
     * Where a variable lives, resolved once against one variable table. The parsed statements keep the slot of each
     * variable they name, to skip the lookup by name on every run; {@link #slot} checks that the table is still
     * the process's own and the slot among the names the process sees. A table only ever gains names (a variable
     * keeps its position and address in it for good; a different name at a taken position forks a new table), so
     * the same table and position give the same address. Immutable, so statements shared between sessions on
     * different threads may keep it in a plain field.
     */
    public static final class VariableSlot {
        private final String name;
        private final NameTable table;
        private final int index;
        private final long address;

        private VariableSlot(String name, NameTable table, int index, long address) {
            this.name = name;
            this.table = table;
            this.index = index;
            this.address = address;
        }
    }

    private VariableSlot currentSlot(String name) {
        int i = variables.indexOf(name, variableCount);
        if (i < 0) {
            throw new IllegalArgumentException("unknown variable '" + name + "'");
        }
        return new VariableSlot(name, variables, i, variables.address(i));
    }

    /**
     * The slot of a variable: {@code cached} when it was resolved for the same name against the current table,
     * else a new one.
     *
     * @throws IllegalArgumentException for a variable never assigned
     */
    public VariableSlot slot(String name, VariableSlot cached) {
        return isCurrent(cached, name) ? cached : currentSlot(name);
    }

    /** Reads a variable through its slot (zero-extended pointer-sized value). */
    public long readVariable(VariableSlot slot) {
        return memory.readPtr(slot.address) & arch.pointerMask();
    }

    /**
     * Writes a variable as {@link #writeVariable(String, long)} does, and returns its slot for the next time.
     *
     * @param cached the slot returned last time for this name, or null
     */
    public VariableSlot writeVariable(String name, long value, VariableSlot cached) {
        if (isCurrent(cached, name)) {
            memory.writePtr(cached.address, value & arch.pointerMask());
            return cached;
        }
        writeVariable(name, value);
        return currentSlot(name);
    }

    private boolean isCurrent(VariableSlot slot, String name) {
        return slot != null && slot.table == variables && slot.index < variableCount && slot.name.equals(name);
    }

    /** Writes a variable, giving it a stack slot on first use; the value is truncated to a pointer. */
    public void writeVariable(String name, long value) {
        int i = variables.indexOf(name, variableCount);
        long a;
        if (i >= 0) {
            a = variables.address(i);
        } else {
            a = takeStack(arch.pointerSize());
            variables = variables.add(name, a, variableCount);
            variableCount++;
        }
        memory.writePtr(a, value & arch.pointerMask());
    }

    /** Takes `size` bytes (a multiple of the pointer size) below the last taken, committing pages as needed. */
    private long takeStack(int size) {
        long a = stackTop - size;
        if (a < stackBase) {
            // The variables have used the whole stack reservation: what a program with that many locals gets.
            throw new ProcessFault(0xC00000FDL, "Stack overflow - code c00000fd (first chance)\n"
                + "HeapLab: the scenario's variables fill the " + (STACK_RESERVE >> 10) + " KB stack ("
                + variableCount + " variables)");
        }
        for (long page = AddressSpace.alignDown(a, AddressSpace.PAGE_SIZE); page < a + size;
             page += AddressSpace.PAGE_SIZE) {
            if (!memory.isCommitted(page)) {
                memory.virtualAlloc(page, AddressSpace.PAGE_SIZE, AddressSpace.MEM_COMMIT, Protection.PAGE_READWRITE);
            }
        }
        stackTop = a;
        return a;
    }

    // ------------------------------------------------------------------------------------------ structures

    /**
     * The C declarations of the structure variables ({@code "PROCESS_HEAP_ENTRY e"}) in the order they were
     * created; the call language's parsers take them in their set of names beside {@link #variableNames()}.
     */
    public List<String> structureDeclarations() { return structures.names(structureCount); }

    /**
     * The address of a structure variable in the stack region. On first use it takes `size` bytes there, zeroed
     * (scenario-format.md: a structure is created by its first use as {@code &s}).
     *
     * @param declaration its C declaration, {@code "PROCESS_HEAP_ENTRY e"}
     * @param size        sizeof the structure on this architecture, a multiple of the pointer size; 0 to find a
     *                    structure that exists (IllegalArgumentException when it does not)
     */
    public long structureAddress(String declaration, int size) {
        if (structures.indexOf(declaration, structureCount) < 0 && size <= 0) {
            throw new IllegalArgumentException("unknown structure '" + declaration + "'");
        }
        int i = structures.indexOf(declaration, structureCount);
        if (i >= 0) {
            return structures.address(i);
        }
        long a = takeStack(size);
        memory.writeBytes(a, new byte[size]);
        structures = structures.add(declaration, a, structureCount);
        structureCount++;
        return a;
    }

    // ------------------------------------------------------------------------------------------ strings

    /** The address of a NUL-terminated string literal in the image's .rdata (one copy per distinct text). */
    public long internString(String text) {
        int known = strings.indexOf(text, stringCount);
        if (known >= 0) {
            return strings.address(known);
        }
        byte[] bytes = (text + "\0").getBytes(StandardCharsets.ISO_8859_1);
        long address = rdataNext;
        if (address + bytes.length > imageBase + CrtGlobals.IMAGE_OFFSET) {
            throw new IllegalStateException("too many string literals");
        }
        memory.poke(address, bytes);
        rdataNext = AddressSpace.alignUp(address + bytes.length, arch.pointerSize());
        strings = strings.add(text, address, stringCount);
        stringCount++;
        return address;
    }

    /** Reads a NUL-terminated string (at most 4096 characters); faults if it runs into memory that is not readable. */
    public String readCString(long address) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4096; i++) {
            int c = memory.readByte(address + i);
            if (c == 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------ Win32 API

    public long getProcessHeap() { return heaps.processHeap(); }

    /** GetProcessHeaps(NumberOfHeaps, ProcessHeaps): the count; handles written to the buffer when it is big enough. */
    public long getProcessHeaps(long count, long buffer) { return heaps.getProcessHeaps(count, buffer); }

    public long heapCreate(long options, long initialSize, long maximumSize) {
        return heaps.heapCreate(options, initialSize, maximumSize);
    }

    public boolean heapDestroy(long heap) { return heaps.heapDestroy(heap); }

    public long heapAlloc(long heap, long flags, long size) { return heaps.heapAlloc(heap, flags, size); }

    public long heapReAlloc(long heap, long flags, long mem, long size) {
        return heaps.heapReAlloc(heap, flags, mem, size);
    }

    public boolean heapFree(long heap, long flags, long mem) { return heaps.heapFree(heap, flags, mem); }

    /** HeapSize: the requested size, or (SIZE_T)-1 with the last error set. */
    public long heapSize(long heap, long flags, long mem) { return heaps.heapSize(heap, flags, mem); }

    public long heapCompact(long heap, long flags) { return heaps.heapCompact(heap, flags); }

    public boolean heapValidate(long heap, long flags, long mem) { return heaps.heapValidate(heap, flags, mem); }

    /** HeapWalk(heap, entry): `entry` is the address of a PROCESS_HEAP_ENTRY in simulated memory. */
    public boolean heapWalk(long heap, long entry) { return heaps.heapWalk(heap, entry); }

    /** VirtualAlloc: base address or 0 with the last error set. A region it reserves is the program's. */
    public long virtualAlloc(long address, long size, long type, long protect) {
        long r = memory.virtualAlloc(address, size, (int) type, (int) protect);
        if (r == 0) {
            lastError = memory.lastError();
        } else if ((type & AddressSpace.MEM_RESERVE) != 0 || address == 0) { // MEM_COMMIT at NULL reserves too
            memory.setOrigin(r, RegionOrigin.PROGRAM);
        }
        return r;
    }

    /** The regions the program reserved (VirtualAlloc) and the debugger did (.dvalloc), in address order. */
    public List<ProgramRegion> programRegions() {
        List<ProgramRegion> out = new ArrayList<>();
        for (Region r : memory.regions()) {
            if (r.origin() == RegionOrigin.SYSTEM) {
                continue;
            }
            out.add(new ProgramRegion(r.base(), r.size(), r.origin(), r.runs()));
        }
        return out;
    }

    public boolean virtualFree(long address, long size, long type) {
        boolean ok = memory.virtualFree(address, size, (int) type);
        if (!ok) {
            lastError = memory.lastError();
        }
        return ok;
    }

    // ------------------------------------------------------------------------------------------ snapshots

    /** An immutable copy of the whole process state. */
    public Snapshot snapshot() {
        return new Snapshot(memory.snapshot(), lastError, rdataNext, variables, variableCount, structures,
            structureCount, stackTop, strings, stringCount, List.copyOf(debugOutput), heaps.saveState(), stepNumber);
    }

    /** Puts the process back to a snapshot exactly (the same bytes); the snapshot stays usable. */
    public void restore(Snapshot s) {
        memory.restore(s.memory);
        lastError = s.lastError;
        rdataNext = s.rdataNext;
        variables = s.variables;
        variableCount = s.variableCount;
        structures = s.structures;
        structureCount = s.structureCount;
        stackTop = s.stackTop;
        strings = s.strings;
        stringCount = s.stringCount;
        debugOutput = new ArrayList<>(s.debugOutput);
        heaps.restoreState(s.heapState);
        stepNumber = s.stepNumber;
    }

    /** A saved process. */
    public static final class Snapshot {
        private final AddressSpace.Snapshot memory;
        private final int lastError;
        private final long rdataNext;
        private final NameTable variables;
        private final int variableCount;
        private final NameTable structures;
        private final int structureCount;
        private final long stackTop;
        private final NameTable strings;
        private final int stringCount;
        private final List<String> debugOutput;
        private final Object heapState;
        private final int stepNumber;

        private Snapshot(AddressSpace.Snapshot memory, int lastError, long rdataNext, NameTable variables,
                         int variableCount, NameTable structures, int structureCount, long stackTop,
                         NameTable strings, int stringCount, List<String> debugOutput, Object heapState,
                         int stepNumber) {
            this.stepNumber = stepNumber;
            this.memory = memory;
            this.lastError = lastError;
            this.rdataNext = rdataNext;
            this.variables = variables;
            this.variableCount = variableCount;
            this.structures = structures;
            this.structureCount = structureCount;
            this.stackTop = stackTop;
            this.strings = strings;
            this.stringCount = stringCount;
            this.debugOutput = debugOutput;
            this.heapState = heapState;
        }
    }
}
