package heaplab.app.heapmap;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The variables of one position as two arrays: a map in assignment order, captions by address, what changed. */
class VariablesTest {
    private static Variables of(Object... nameValue) {
        String[] names = new String[nameValue.length / 2];
        long[] values = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = (String) nameValue[2 * i];
            values[i] = ((Number) nameValue[2 * i + 1]).longValue();
        }
        return new Variables(names, values);
    }

    @Test
    void aMapInAssignmentOrder() {
        Variables v = of("p", 0x100, "a", 0x200, "z", 0);
        assertEquals(List.of("p", "a", "z"), List.copyOf(v.keySet()));
        assertEquals(0x200L, v.get("a"));
        assertNull(v.get("nope"));
        Map<String, Long> plain = new LinkedHashMap<>();
        plain.put("p", 0x100L);
        plain.put("a", 0x200L);
        plain.put("z", 0L);
        assertEquals(plain, v);
        assertEquals(v, Variables.of(plain));
        assertSame(v, Variables.of(v));
    }

    @Test
    void captionsMergeTheNamesAtTheUserAddressAndTheHeaderInAssignmentOrder() {
        Variables v = of("a", 0x108, "h", 0x100, "b", 0x108, "zero", 0);
        assertEquals("a, h, b", v.namesOf(0x108, 0x100));
        assertEquals("a, b", v.namesOf(0x108, 0x108));
        assertEquals("", v.namesOf(0x300, 0x2f8));
        assertEquals("", v.namesOf(0, 0), "a null pointer captions nothing");
        assertEquals(2, v.countAt(0x108));
    }

    @Test
    void atMostThreeNamesThenHowManyMore() {
        Variables v = of("a", 0x10, "b", 0x10, "c", 0x8, "d", 0x10, "e", 0x8);
        assertEquals("a, b, c +2 more", v.namesOf(0x10, 0x8));
        assertEquals("a, b, d", v.namesOf(0x10, 0x10));
    }

    @Test
    void whatChangedIsTheOldAndNewValuesOfChangedAddedAndRemovedVariables() {
        Variables before = of("a", 0x10, "b", 0x20);
        assertArrayEquals(new long[0], of("a", 0x10, "b", 0x20).changedAddresses(before, 8));
        assertArrayEquals(new long[] {0x20, 0x30}, of("a", 0x10, "b", 0x30).changedAddresses(before, 8));
        assertArrayEquals(new long[] {0, 0x40}, of("a", 0x10, "b", 0x20, "c", 0x40).changedAddresses(before, 8),
            "a step forward adds a variable");
        assertArrayEquals(new long[] {0x20, 0}, of("a", 0x10).changedAddresses(before, 8),
            "a step back removes one");
        assertNull(of("x", 0x10, "b", 0x20).changedAddresses(before, 8), "other names: everything may differ");
        assertNull(of("a", 1, "b", 2).changedAddresses(before, 1), "more changes than the limit");
        assertNull(before.changedAddresses(null, 8));
    }

    @Test
    void theFirstCaptionsScanTheValuesAndLaterOnesUseTheIndexWithTheSameAnswers() {
        java.util.Random random = new java.util.Random(3);
        String[] names = new String[500];
        long[] values = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "v" + i;
            values[i] = random.nextInt(8) == 0 ? 0 : 0x1000 + 8L * random.nextInt(40);
        }
        Variables v = new Variables(names, values);
        for (int k = 0; k < 200; k++) {
            long user = 0x1000 + 8L * random.nextInt(42);
            long entry = random.nextBoolean() ? user : user - 8;
            List<String> all = new java.util.ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                if (values[i] != 0 && (values[i] == user || values[i] == entry)) {
                    all.add(names[i]);
                }
            }
            String expected = all.size() <= 3 ? String.join(", ", all)
                : String.join(", ", all.subList(0, 3)) + " +" + (all.size() - 3) + " more";
            assertEquals(expected, v.namesOf(user, entry), "caption " + k);
        }
    }
}
