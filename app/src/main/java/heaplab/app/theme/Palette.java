package heaplab.app.theme;

import javafx.scene.paint.Color;

import java.util.Map;

/**
 * The colours the Canvas diagrams draw with, one object per theme. The Canvas cannot use CSS, so these are read
 * from the same tokens as the stylesheets ({@link PaletteLoader}); the record keeps the drawing code free of token
 * names.
 */
public record Palette(String theme, Color background, Color text, Color textMuted, Color grid,
                      Color blockOutline, Color textOnDark, Color textOnLight,
                      Color internal, Color internalHeader, Color busy, Color busyHeader, Color busySlack,
                      Color free, Color freeHeader, Color freeBorder, Color virtual, Color virtualHeader,
                      Color uncommitted, Color uncommittedHatch, Color selected, Color touched, Color touchedBorder,
                      Color bitmapSet, Color bitmapClear, Color bitmapMismatch,
                      Color flink, Color blink, Color brokenLink,
                      Color chartBusy, Color chartFree, Color chartPosition,
                      Color crtHeader, Color noMansLand, Color tailFill, Color fillMark, Color lfhBusy, Color lfhFree,
                      Color lfhHeader, Color chunkHeader, Color pageHeap, Color pageHeapSlack, Color dphInfo,
                      Color suffix, Color guard, Color guardHatch, Color damage, Color damageHatch,
                      Color diffAllocated, Color diffFreed, Color diffModified, Color pages, Color leak,
                      Color pointer) {

    /** The palette of a theme ("light" or "dark"), read from the packaged stylesheets. */
    public static Palette of(String theme) {
        return PaletteLoader.load(theme);
    }

    public static Palette light() {
        return of(Themes.LIGHT);
    }

    /** Builds a palette from resolved tokens (names without the leading "-hl-"). */
    static Palette fromTokens(String theme, Map<String, Color> t) {
        return new Palette(theme, get(t, "canvas-background"), get(t, "canvas-text"), get(t, "canvas-text-muted"),
            get(t, "canvas-grid"), get(t, "block-outline"), get(t, "block-text-on-dark"),
            get(t, "block-text-on-light"), get(t, "block-internal"), get(t, "block-internal-header"),
            get(t, "block-busy"), get(t, "block-busy-header"), get(t, "block-busy-slack"), get(t, "block-free"),
            get(t, "block-free-header"), get(t, "block-free-border"), get(t, "block-virtual"),
            get(t, "block-virtual-header"), get(t, "block-uncommitted"), get(t, "block-uncommitted-hatch"),
            get(t, "block-selected"), get(t, "block-touched"), get(t, "block-touched-border"),
            get(t, "bitmap-set"), get(t, "bitmap-clear"), get(t, "bitmap-mismatch"), get(t, "link-flink"),
            get(t, "link-blink"), get(t, "link-broken"), get(t, "chart-busy"), get(t, "chart-free"),
            get(t, "chart-position"), get(t, "block-crt-header"), get(t, "block-no-mans-land"),
            get(t, "block-tail-fill"), get(t, "block-fill-mark"), get(t, "block-lfh-busy"), get(t, "block-lfh-free"),
            get(t, "block-lfh-header"), get(t, "block-chunk-header"), get(t, "block-page-heap"),
            get(t, "block-page-heap-slack"), get(t, "block-dph-info"), get(t, "block-suffix"), get(t, "block-guard"),
            get(t, "block-guard-hatch"), get(t, "block-damage"), get(t, "block-damage-hatch"),
            get(t, "diff-allocated"), get(t, "diff-freed"), get(t, "diff-modified"), get(t, "block-pages"),
            get(t, "block-leak"), get(t, "pointer"));
    }

    private static Color get(Map<String, Color> tokens, String name) {
        Color c = tokens.get(name);
        if (c == null) {
            throw new IllegalStateException("style token -hl-" + name + " is missing from the stylesheets");
        }
        return c;
    }
}
