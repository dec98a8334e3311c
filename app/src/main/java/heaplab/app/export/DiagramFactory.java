package heaplab.app.export;

import heaplab.app.main.Diagrams;
import heaplab.app.main.EngineLabSession;
import heaplab.app.theme.Palette;
import heaplab.engine.session.Session;

/**
 * Builds the diagram of a named view (`heap-map`, `free-lists`, `inspector`, `timeline`) for a session, the same
 * way the window draws it. Used by the CLI's `--png` and by File > Export PNG.
 */
public final class DiagramFactory {
    private DiagramFactory() {
    }

    /** Names of the views that can be exported. */
    public static final java.util.List<String> VIEWS = Diagrams.VIEWS;

    /**
     * @param view            one of {@link #VIEWS}
     * @param session         the session at the position to draw
     * @param selectedAddress the selected block (any address inside it) or 0
     * @param theme           "light" or "dark"
     * @throws IllegalArgumentException for an unknown view or theme
     */
    public static Diagram create(String view, Session session, long selectedAddress, String theme) {
        return create(view, session, selectedAddress, theme, Diagrams.NO_DIFF);
    }

    /** As above, the views marking what changed since step `diffFrom` ({@code --diff}), or Diagrams.NO_DIFF. */
    public static Diagram create(String view, Session session, long selectedAddress, String theme, int diffFrom) {
        return Diagrams.create(view, new EngineLabSession(session), selectedAddress, Palette.of(theme), diffFrom);
    }
}
