package heaplab.app.cli;

/** A command line that cannot be understood; the message is one line, without the program name. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
