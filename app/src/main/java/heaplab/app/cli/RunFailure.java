package heaplab.app.cli;

/**
 * A run that cannot go on or did not succeed (exit status 1): a load error, a failed expect, a fault, a PNG that
 * cannot be written. The message is printed to standard error as it is, as {@code file:line:column: what} where
 * the problem has a place.
 */
final class RunFailure extends Exception {
    private static final long serialVersionUID = 1L;

    RunFailure(String message) {
        super(message);
    }
}
