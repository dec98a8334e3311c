package heaplab.engine.console;

import heaplab.engine.Arch;
import heaplab.engine.memory.AddressSpace;
import heaplab.engine.memory.Region;
import heaplab.engine.process.Process;
import heaplab.engine.process.ProcessConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small deterministic processes for the console tests, and a fingerprint of a whole process. */
final class ConsoleFixtures {
    static final String GREETING = "Hello, HeapLab!";

    private ConsoleFixtures() {
    }

    /**
     * A process with one extra growable heap {@code h} holding: {@code a} (0x20 bytes, starts with
     * {@value #GREETING}), a freed 0x31-byte block, and {@code c} (0x10 bytes).
     */
    static Process smallHeap(Arch arch) {
        return smallHeap(arch, 0);
    }

    /** The same with NtGlobalFlag bits (0x70 = tail checking, free checking, parameter validation). */
    static Process smallHeap(Arch arch, long globalFlags) {
        Process p = new Process(new ProcessConfig(arch, globalFlags, "demo.exe", "auto", "full"));
        long h = p.heapCreate(2, 0, 0);
        long a = p.heapAlloc(h, 0, 0x20);
        long b = p.heapAlloc(h, 0, 0x31);
        long c = p.heapAlloc(h, 0, 0x10);
        p.heapFree(h, 0, b);
        p.memory().writeBytes(a, (GREETING + "\0").getBytes(StandardCharsets.ISO_8859_1));
        p.writeVariable("h", h);
        p.writeVariable("a", a);
        p.writeVariable("c", c);
        return p;
    }

    /** {@link #smallHeap(Arch, long)} plus a block above the virtual memory threshold, {@code big}. */
    static Process withVirtualBlock(Arch arch, long globalFlags) {
        Process p = smallHeap(arch, globalFlags);
        long big = p.heapAlloc(p.readVariable("h"), 0, 0x100000);
        p.writeVariable("big", big);
        return p;
    }

    /**
     * {@link #smallHeap(Arch, long)} plus: {@code inner} (0x40 bytes), reachable only through a pointer stored at
     * {@code a+8}, holding the address of the string literal {@value #LITERAL} and of variable {@code c}'s stack
     * slot; {@code lost} (0x18 bytes) that nothing points to; {@code orphan} (0x28 bytes) pointed to only by
     * {@code lost}. The variable {@code p} holds inner's address too, then is set to 0 (its slot stays, empty).
     */
    static Process withLeaks(Arch arch, long globalFlags) {
        Process p = smallHeap(arch, globalFlags);
        long h = p.readVariable("h");
        long inner = p.heapAlloc(h, 0, 0x40);
        long lost = p.heapAlloc(h, 0, 0x18);
        long orphan = p.heapAlloc(h, 0, 0x28);
        int ptr = arch.pointerSize();
        p.memory().writePtr(p.readVariable("a") + 8, inner);
        p.memory().writePtr(inner, p.internString(LITERAL));
        p.memory().writePtr(inner + ptr, p.variableAddress("c"));
        p.memory().writePtr(lost, orphan);
        p.writeVariable("p", inner);
        p.writeVariable("p", 0);
        return p;
    }

    static final String LITERAL = "leak me";

    static CommandResult run(Process p, String line) {
        return new Console().execute(p, line);
    }

    static String out(Process p, String line) {
        return run(p, line).output();
    }

    /** A digest of everything a command could change: regions, page states, protections, bytes, last error. */
    static String fingerprint(Process p) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            AddressSpace memory = p.memory();
            for (Region region : memory.regions()) {
                digest.update((region.base() + ":" + region.size() + ";").getBytes(StandardCharsets.US_ASCII));
                for (long page = region.base(); page < region.end(); page += AddressSpace.PAGE_SIZE) {
                    boolean committed = region.isCommitted(page);
                    digest.update((byte) (committed ? region.protectAt(page) : -1));
                    if (committed && memory.isReadable(page)) {
                        digest.update(memory.readBytes(page, AddressSpace.PAGE_SIZE));
                    }
                }
            }
            digest.update((p.lastError() + ";" + p.debugOutput() + ";" + p.variableNames())
                .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
