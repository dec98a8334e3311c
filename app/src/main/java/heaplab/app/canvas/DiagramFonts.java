package heaplab.app.canvas;

import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * The fonts the diagrams draw with, and a width estimate for fitting labels. The estimate avoids building Text
 * nodes while rendering; monospaced glyphs of the logical "Monospaced" family (DejaVu Sans Mono, Consolas, Menlo)
 * advance about 0.6 em.
 */
public final class DiagramFonts {
    public static final Font MONO_TINY = Font.font("Monospaced", 9);
    public static final Font MONO_SMALL = Font.font("Monospaced", 10);
    public static final Font MONO = Font.font("Monospaced", 11);
    public static final Font MONO_BOLD = Font.font("Monospaced", FontWeight.BOLD, 11);
    public static final Font LABEL = Font.font("System", 12);
    public static final Font LABEL_BOLD = Font.font("System", FontWeight.BOLD, 12);
    public static final Font TITLE = Font.font("System", FontWeight.BOLD, 14);

    private static final double MONO_ADVANCE = 0.61;
    // Proportional text varies; 0.58 em is a safe upper average for the short labels we draw.
    private static final double PROPORTIONAL_ADVANCE = 0.58;

    private DiagramFonts() {
    }

    /** An upper estimate of the width of text drawn in a font. */
    public static double width(String text, Font font) {
        boolean mono = font.getFamily().toLowerCase(java.util.Locale.ROOT).contains("mono");
        return text.length() * font.getSize() * (mono ? MONO_ADVANCE : PROPORTIONAL_ADVANCE);
    }
}
