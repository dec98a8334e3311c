package heaplab.app.theme;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Canvas palette comes from the same tokens as the stylesheets. */
class PaletteTest {

    @Test
    void theLightPaletteResolvesTokenReferences() {
        Palette light = Palette.light();
        assertEquals(javafx.scene.paint.Color.web("#0072b2"), light.busy(), "-hl-block-busy: -hl-blue-500");
        assertEquals(javafx.scene.paint.Color.WHITE, light.background());
    }

    @Test
    void theDarkPaletteOverridesTheSemanticTokens() {
        Palette dark = Palette.of(Themes.DARK);
        assertNotEquals(Palette.light().background(), dark.background());
        assertEquals(Palette.light().selected(), dark.selected(), "not overridden: inherited from tokens.css");
        assertTrue(dark.background().getBrightness() < 0.3);
    }

    @Test
    void busyFreeAndUncommittedDifferInLightnessNotOnlyHue() {
        for (String theme : Themes.NAMES) {
            Palette p = Palette.of(theme);
            double busy = p.busy().getBrightness();
            double free = p.free().getBrightness();
            assertTrue(Math.abs(busy - free) > 0.15, theme + ": busy " + busy + " vs free " + free);
        }
    }

    @Test
    void declarationsAndReferencesAreParsed() {
        Map<String, String> raw = PaletteLoader.declarations(".root { /* -hl-x: #000; */ -hl-a: #102030;"
            + " -hl-b: -hl-a; -fx-base: red; }");
        assertEquals(Map.of("a", "#102030", "b", "-hl-a"), raw);
        assertEquals(javafx.scene.paint.Color.web("#102030"), PaletteLoader.resolve(raw).get("b"));
        assertThrows(IllegalStateException.class, () -> PaletteLoader.resolve(Map.of("a", "-hl-a")));
        assertThrows(IllegalArgumentException.class, () -> Palette.of("blue"));
        assertEquals(2, Themes.stylesheets(Themes.DARK).size());
    }
}
