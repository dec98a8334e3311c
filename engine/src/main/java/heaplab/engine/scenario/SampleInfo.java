package heaplab.engine.scenario;

/**
 * A built-in sample as the sample browser and {@code heaplab samples} list it.
 *
 * @param name    the file name without {@code .json}; {@code sample:name} on the command line
 * @param title   the scenario's title
 * @param summary the scenario's summary, may be ""
 */
public record SampleInfo(String name, String title, String summary) {
}
