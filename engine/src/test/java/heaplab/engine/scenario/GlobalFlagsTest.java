package heaplab.engine.scenario;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GlobalFlagsTest {

    @Test
    void parsesFlagsAsGflagsTakesThem() throws GlobalFlags.ParseException {
        assertEquals(0, GlobalFlags.parse(""));
        assertEquals(0, GlobalFlags.parse("   "));
        assertEquals(0x02000000L, GlobalFlags.parse("+hpa"));
        assertEquals(0x30L, GlobalFlags.parse("+htc +hfc"));
        assertEquals(0x40L | 0x80L | 0x1000L | 0x800L | 0x00200000L,
            GlobalFlags.parse("+hpc +hvc +ust +htg +dhc"));
        assertEquals(0x10L, GlobalFlags.parse("+HTC"));
        assertEquals(0, GlobalFlags.parse("+hpa -hpa"));
        assertEquals(0x02000000L, GlobalFlags.parse("0x02000000"));
        assertEquals(0x02000010L, GlobalFlags.parse("+htc +02000000"));
        assertEquals(0x10L, GlobalFlags.parse("+htc +hfc -00000020"));
        assertEquals(0x20L, GlobalFlags.parse("+htc 0x20"), "a bare number sets the whole value");
    }

    @Test
    void reportsTheBadTokenWithItsIndex() {
        GlobalFlags.ParseException unknown = assertThrows(GlobalFlags.ParseException.class,
            () -> GlobalFlags.parse("+htc  +soe"));
        assertEquals(6, unknown.index());
        assertEquals("unknown gflags flag 'soe' (heap flags: htc hfc hpc hvc htg ust htd dhc hpa)",
            unknown.getMessage());
        GlobalFlags.ParseException bare = assertThrows(GlobalFlags.ParseException.class,
            () -> GlobalFlags.parse("hpa"));
        assertEquals("write '+hpa' to set the flag or '-hpa' to clear it", bare.getMessage());
    }

    @Test
    void formatsFlagsBack() {
        assertEquals("+htc +hfc +hpa", GlobalFlags.format(0x02000030L));
        assertEquals("+ust +00000001", GlobalFlags.format(0x1001L));
        assertEquals("", GlobalFlags.format(0));
    }
}
