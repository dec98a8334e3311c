package heaplab.app.theme;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/** The themes the window and the exports know, and where their stylesheets are packaged. */
public final class Themes {
    public static final String LIGHT = "light";
    public static final String DARK = "dark";
    public static final List<String> NAMES = List.of(LIGHT, DARK);

    /** styles/ is packaged into the jar under this folder (see app/pom.xml). */
    static final String STYLES_FOLDER = "/heaplab/styles/";

    private Themes() {
    }

    /** The stylesheets to add to a scene for a theme, in order (the dark theme overrides the light one). */
    public static List<String> stylesheets(String theme) {
        List<String> urls = new ArrayList<>();
        urls.add(resource("light.css").toExternalForm());
        if (DARK.equals(requireKnown(theme))) {
            urls.add(resource("dark.css").toExternalForm());
        }
        return urls;
    }

    static String requireKnown(String theme) {
        if (!NAMES.contains(theme)) {
            throw new IllegalArgumentException("unknown theme '" + theme + "' (light or dark)");
        }
        return theme;
    }

    static URL resource(String name) {
        URL url = Themes.class.getResource(STYLES_FOLDER + name);
        if (url == null) {
            throw new IllegalStateException("stylesheet " + STYLES_FOLDER + name + " is not on the class path");
        }
        return url;
    }
}
