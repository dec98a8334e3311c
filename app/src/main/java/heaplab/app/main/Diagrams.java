package heaplab.app.main;

import heaplab.app.export.Diagram;
import heaplab.app.freelists.FreeListsDiagram;
import heaplab.app.heapmap.HeapMapDiagram;
import heaplab.app.inspector.InspectorDiagram;
import heaplab.app.steps.TimelineDiagram;
import heaplab.app.steps.TimelineViewModel;
import heaplab.app.theme.Palette;
import heaplab.engine.diff.HeapDiff;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the diagram of a named view for a session through the same view models and renderers as the window, so
 * an export shows exactly what the window shows.
 */
public final class Diagrams {
    public static final List<String> VIEWS = List.of("heap-map", "free-lists", "inspector", "timeline");

    private Diagrams() {
    }

    /**
     * @param selected an address inside the selected block, or 0
     * @throws IllegalArgumentException for an unknown view
     */
    public static Diagram create(String view, LabSession session, long selected, Palette palette) {
        return create(view, session, selected, palette, NO_DIFF);
    }

    /** No comparison: the views mark no changes. */
    public static final int NO_DIFF = -1;

    /**
     * As {@link #create(String, LabSession, long, Palette)}, the views marking what changed since step `diffFrom`
     * (the CLI's {@code --diff}, the window's Diff view), or nothing for {@link #NO_DIFF}.
     */
    public static Diagram create(String view, LabSession session, long selected, Palette palette, int diffFrom) {
        if (!VIEWS.contains(view)) {
            throw new IllegalArgumentException("unknown view '" + view + "' (" + String.join(", ", VIEWS) + ")");
        }
        if (view.equals("timeline")) {
            // The whole scenario, as the window shows it, with the marker where the session stands.
            TimelineViewModel timeline = new TimelineViewModel();
            timeline.start(session.steps().size(), TimelineSampler.breakpoints(session));
            timeline.setSamples(TimelineSampler.sampleAll(session));
            return timeline(timeline.getModel(), session.position(), palette);
        }
        HeapViews views = new HeapViews(address -> { });
        views.update(session, selected, changes(session, diffFrom));
        return switch (view) {
            case "heap-map" -> new HeapMapDiagram(views.heapMap().getModel(), palette);
            case "free-lists" -> new FreeListsDiagram(views.freeLists().getModel(), palette);
            default -> new InspectorDiagram(views.inspector().getModel(), palette);
        };
    }

    /** The timeline of samples already taken (the window's), the marker at `position`. */
    public static Diagram timeline(heaplab.app.steps.TimelineModel model, int position, Palette palette) {
        return new TimelineDiagram(model, position, palette);
    }

    /** The changed blocks since step `diffFrom` by user address, empty for {@link #NO_DIFF}. */
    public static Map<Long, HeapDiff.Kind> changes(LabSession session, int diffFrom) {
        if (diffFrom == NO_DIFF) {
            return Map.of();
        }
        HeapDiff diff = session.diffSince(diffFrom);
        Map<Long, HeapDiff.Kind> changes = new HashMap<>();
        if (diff != null) {
            for (HeapDiff.Change change : diff.changes()) {
                changes.put(change.user(), change.kind());
            }
        }
        return changes;
    }
}
