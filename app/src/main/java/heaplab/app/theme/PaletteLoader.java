package heaplab.app.theme;

import javafx.scene.paint.Color;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Canvas palette out of the stylesheets: the {@code -hl-*} looked-up colours of tokens.css, with a
 * theme's overrides (dark.css) on top. Understands exactly what tokens.css uses: hex colours and references to
 * other tokens. Palettes are cached per theme; they are immutable.
 */
final class PaletteLoader {
    private static final Pattern DECLARATION = Pattern.compile("-hl-([a-z0-9-]+)\\s*:\\s*([^;]+);");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Map<String, Palette> CACHE = new ConcurrentHashMap<>();

    private PaletteLoader() {
    }

    static Palette load(String theme) {
        Themes.requireKnown(theme);
        return CACHE.computeIfAbsent(theme, name -> {
            Map<String, String> raw = new LinkedHashMap<>(declarations(read("tokens.css")));
            if (Themes.DARK.equals(name)) {
                raw.putAll(declarations(read("dark.css")));
            }
            return Palette.fromTokens(name, resolve(raw));
        });
    }

    /** The -hl-* declarations of a stylesheet, name (without "-hl-") to value as written. */
    static Map<String, String> declarations(String css) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = DECLARATION.matcher(COMMENT.matcher(css).replaceAll(""));
        while (m.find()) {
            out.put(m.group(1), m.group(2).trim());
        }
        return out;
    }

    /** Resolves references (-hl-name) to colours; a cycle or an unknown name is an error in the stylesheet. */
    static Map<String, Color> resolve(Map<String, String> raw) {
        Map<String, Color> out = new HashMap<>();
        for (String name : raw.keySet()) {
            out.put(name, resolve(name, raw, 0));
        }
        return out;
    }

    private static Color resolve(String name, Map<String, String> raw, int depth) {
        String value = raw.get(name);
        if (value == null || depth > 16) {
            throw new IllegalStateException("style token -hl-" + name + " is undefined or circular");
        }
        if (value.startsWith("-hl-")) {
            return resolve(value.substring(4), raw, depth + 1);
        }
        return Color.web(value);
    }

    private static String read(String name) {
        try (InputStream in = Themes.resource(name).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stylesheet " + name, e);
        }
    }
}
