package heaplab.app.samples;

import heaplab.engine.scenario.SampleInfo;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The sample browser: the built-in samples grouped by topic in the index's order, a filter on their names, titles
 * and summaries, the selected sample and Open.
 */
public final class SamplesViewModel {
    /** The group of the samples the index files under no topic. */
    public static final String NO_TOPIC = SampleTopics.NO_TOPIC;

    /** A topic and its samples, in index order. */
    public record SampleGroup(String topic, List<SampleInfo> samples) {
    }

    private final List<SampleInfo> all;
    private final Predicate<String> opener;
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObservableList<SampleGroup> groups = FXCollections.observableArrayList();
    private final ObjectProperty<SampleInfo> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper canOpen = new ReadOnlyBooleanWrapper(false);

    /**
     * @param samples the built-in samples in index order
     * @param opener  opens a sample by name, false when it could not (it then says why)
     */
    public SamplesViewModel(List<SampleInfo> samples, Predicate<String> opener) {
        this.all = List.copyOf(samples);
        this.opener = opener;
        filter.addListener((obs, old, text) -> regroup());
        selected.addListener((obs, old, sample) -> canOpen.set(sample != null));
        regroup();
    }

    /** Text to look for in the samples' names, titles and summaries (case-insensitive); "" shows every sample. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The samples passing the filter, by topic; topics without such samples are left out. */
    public ObservableList<SampleGroup> groups() {
        return groups;
    }

    /** The sample chosen in the browser, null for none (a topic row). */
    public ObjectProperty<SampleInfo> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty canOpenProperty() {
        return canOpen.getReadOnlyProperty();
    }

    /** Selects a sample by name (the one open in the window, when the browser opens), if there is such a sample. */
    public void select(String name) {
        all.stream().filter(s -> s.name().equals(name)).findFirst().ifPresent(selected::set);
    }

    /** Opens the selected sample; true when it opened (the browser then closes). */
    public boolean openSelected() {
        SampleInfo sample = selected.get();
        return sample != null && opener.test(sample.name());
    }

    private void regroup() {
        String text = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        List<SampleGroup> next = new ArrayList<>();
        for (SampleTopics.Group group : SampleTopics.group(all, s -> text.isEmpty() || matches(s, text))) {
            next.add(new SampleGroup(group.topic(), group.samples()));
        }
        groups.setAll(next);
    }

    private static boolean matches(SampleInfo sample, String text) {
        return (sample.name() + "\n" + sample.title() + "\n" + sample.summary() + "\n" + sample.topic())
            .toLowerCase(Locale.ROOT).contains(text);
    }
}
