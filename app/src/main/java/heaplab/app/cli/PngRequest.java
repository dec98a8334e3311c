package heaplab.app.cli;

import java.nio.file.Path;

/**
 * One {@code --png VIEW=FILE} option.
 *
 * @param view one of {@link RunOptions#VIEWS}
 * @param file where the PNG goes
 */
record PngRequest(String view, Path file) {
}
