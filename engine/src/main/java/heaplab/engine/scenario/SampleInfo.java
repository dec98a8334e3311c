package heaplab.engine.scenario;

/**
 * A built-in sample as the sample browser and {@code heaplab samples} list it.
 *
 * @param name    the file name without {@code .json}; {@code sample:name} on the command line
 * @param title   the scenario's title
 * @param summary the scenario's summary, may be ""
 * @param topic   the topic the index files it under ({@code # Topic: Page heap}), "" before the first topic line
 */
public record SampleInfo(String name, String title, String summary, String topic) {

    /** A sample filed under no topic. */
    public SampleInfo(String name, String title, String summary) {
        this(name, title, summary, "");
    }
}
